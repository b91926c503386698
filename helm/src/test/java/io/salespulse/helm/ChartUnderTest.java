package io.salespulse.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;

/** The chart in helm/salespulse-operator, rendered by real Helm (helm-java embeds Helm 3; no helm binary). */
final class ChartUnderTest {

    static final Path DIR = Path.of(System.getProperty("salespulse.chart.dir", "salespulse-operator"))
            .toAbsolutePath().normalize();
    static final String RELEASE = "salespulse";
    static final String NAMESPACE = "salespulse-system";
    /** What the chart names the operator's Deployment, ServiceAccount, RBAC objects for {@link #RELEASE}. */
    static final String FULLNAME = "salespulse-operator";

    private ChartUnderTest() {
    }

    static Helm helm() {
        return new Helm(DIR);
    }

    /** `helm template salespulse . -n salespulse-system -f values.yaml`: the manifest, hooks included. */
    static String template(String valuesYaml) {
        TemplateCommand template = helm().template().withName(RELEASE).withNamespace(NAMESPACE);
        if (!valuesYaml.isBlank()) {
            template.withValuesFile(valuesFile(valuesYaml));
        }
        return template.call();
    }

    /** Renders with {@code valuesYaml} and parses every object strictly (see {@link StrictModels}). */
    static Rendered render(String valuesYaml) {
        return new Rendered(StrictModels.parseAll(template(valuesYaml)));
    }

    /**
     * Like {@link #render} but with the chart's hooks included: helm-java's template (like `helm template
     * --no-hooks`) leaves hooks out, so this renders a copy of the chart whose {@code helm.sh/hook} annotations are
     * renamed {@link #HOOK_SEEN}; the objects keep the hook's value there for the assertions.
     */
    static Rendered renderWithHooks(String valuesYaml) {
        Path copy = copy((file, text) -> file.startsWith("templates/") ? text.replace("helm.sh/hook:", HOOK_SEEN + ":")
                : text);
        try {
            TemplateCommand template = new Helm(copy).template().withName(RELEASE).withNamespace(NAMESPACE);
            if (!valuesYaml.isBlank()) {
                template.withValuesFile(valuesFile(valuesYaml));
            }
            return new Rendered(StrictModels.parseAll(template.call()));
        } finally {
            deleteRecursively(copy);
        }
    }

    static final String HOOK_SEEN = "test.salespulse.io/helm-hook";

    /** `helm install --dry-run=client`: what the user sees after installing, NOTES included. */
    static String installOutput(String valuesYaml) {
        var install = helm().install().withName(RELEASE).withNamespace(NAMESPACE).dryRun()
                .withDryRunOption(com.marcnuri.helm.DryRun.CLIENT).clientOnly();
        if (!valuesYaml.isBlank()) {
            install.withValuesFile(valuesFile(valuesYaml));
        }
        return install.call().getOutput();
    }

    /** A temporary copy of the chart, each file's text passed through {@code edit(relative path, text)}. */
    static Path copy(BiFunction<String, String, String> edit) {
        try {
            Path copy = Files.createTempDirectory("salespulse-chart-");
            try (var files = Files.walk(DIR)) {
                for (Path source : files.toList()) {
                    String relative = DIR.relativize(source).toString();
                    Path target = copy.resolve(relative);
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.writeString(target, edit.apply(relative, Files.readString(source)));
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path valuesFile(String yaml) {
        try {
            Path file = Files.createTempFile("salespulse-values-", ".yaml");
            file.toFile().deleteOnExit();
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
