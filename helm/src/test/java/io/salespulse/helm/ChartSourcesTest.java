package io.salespulse.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The chart's sources: strict lint, versions, the CRD it ships, its documentation. */
class ChartSourcesTest {

    private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z0-9_.-]+):");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([^`]+)` \\|");

    @Test
    void strictLintPasses() {
        LintResult lint = ChartUnderTest.helm().lint().strict().call();
        assertThat(lint.getMessages()).as("lint messages").allSatisfy(m -> assertThat(m).startsWith("[INFO]"));
        assertThat(lint.isFailed()).isFalse();
    }

    @Test
    void versionAndAppVersionFollowTheMavenProjectVersion() {
        String projectVersion = System.getProperty("salespulse.project.version");
        assertThat(projectVersion).as("-Dsalespulse.project.version (set by the pom)").isNotBlank();
        assertThat(ChartFiles.chartYaml().path("version").asText())
                .as("Chart.yaml version: set it to the Maven project version").isEqualTo(projectVersion);
        assertThat(ChartFiles.appVersion())
                .as("Chart.yaml appVersion: set it to the Maven project version").isEqualTo(projectVersion);
    }

    @Test
    void chartShipsExactlyTheCrdGeneratedFromTheApiClasses() {
        assertThat(ChartFiles.chartCrd())
                .as("helm/salespulse-operator/files/" + ChartFiles.CRD_FILE + " differs from the CRD generated from "
                        + "crds/ in this build: run a Maven build outside CI (mvn -pl helm generate-resources copies "
                        + "crds/generated into the chart) and commit the result; never edit the chart's copy")
                .isEqualTo(ChartFiles.generatedCrdText());
    }

    @Test
    void chartShipsExactlyTheExamplesOfCrdsExamples() throws Exception {
        Path source = Path.of(System.getProperty("salespulse.crds.examples.dir", "../crds/examples"));
        List<String> names;
        try (var files = Files.list(source)) {
            names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
        assertThat(names).contains(ExamplesTest.MINIMAL, ExamplesTest.PRODUCTION, ExamplesTest.SECRETS);
        try (var files = Files.list(ChartFiles.path("examples"))) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList()).isEqualTo(names);
        }
        for (String name : names) {
            assertThat(ChartFiles.read("examples/" + name))
                    .as("helm/salespulse-operator/examples/" + name + " differs from crds/examples/" + name + ": run a "
                            + "Maven build outside CI (it copies crds/examples into the chart) and commit the result")
                    .isEqualTo(Files.readString(source.resolve(name)));
        }
    }

    @Test
    void everyValueIsDocumentedInValuesYamlAndInTheReadmeTable() {
        List<String> undocumented = new ArrayList<>();
        Set<String> documented = documentedValues(ChartFiles.read("values.yaml"), undocumented);
        assertThat(undocumented).as("keys of values.yaml without a comment line above them").isEmpty();
        assertThat(documented).contains("image.tag", "watchNamespaces", "metrics.serviceMonitor.enabled",
                "examplePipeline.spec");

        Set<String> inReadme = new LinkedHashSet<>();
        for (String line : ChartFiles.read("README.md").split("\n")) {
            Matcher m = TABLE_ROW.matcher(line);
            if (m.find()) {
                inReadme.add(m.group(1));
            }
        }
        assertThat(inReadme).as("README.md values table").containsExactlyInAnyOrderElementsOf(documented);
    }

    /**
     * Keys documented with a "# --" comment are values (their nested keys are part of the value); keys under a plain
     * comment are sections whose keys need their own comment. Returns the value paths.
     */
    static Set<String> documentedValues(String valuesYaml, List<String> undocumented) {
        Set<String> values = new LinkedHashSet<>();
        Deque<Entry> stack = new ArrayDeque<>();
        List<String> comment = new ArrayList<>();
        for (String line : valuesYaml.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                comment.add(trimmed);
                continue;
            }
            Matcher m = KEY.matcher(line);
            if (trimmed.isEmpty() || trimmed.startsWith("-") || !m.find()) {
                comment.clear();
                continue;
            }
            int indent = m.group(1).length();
            while (!stack.isEmpty() && stack.peek().indent() >= indent) {
                stack.pop();
            }
            boolean insideValue = stack.stream().anyMatch(Entry::value);
            List<String> path = new ArrayList<>(stack.stream().map(Entry::key).toList());
            java.util.Collections.reverse(path);
            path.add(m.group(2));
            String dotted = String.join(".", path);
            boolean isValue = comment.stream().anyMatch(c -> c.startsWith("# --"));
            if (!insideValue) {
                if (comment.isEmpty()) {
                    undocumented.add(dotted);
                } else if (isValue) {
                    values.add(dotted);
                }
            }
            stack.push(new Entry(indent, m.group(2), insideValue || isValue));
            comment.clear();
        }
        return values;
    }

    private record Entry(int indent, String key, boolean value) {
    }
}
