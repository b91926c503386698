package io.salespulse.helm;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The chart's source files and the build outputs they must agree with. */
final class ChartFiles {

    static final String CRD_FILE = "salespipelines.salespulse.io-v1.yml";
    /** Where crd-generator-maven-plugin puts the CRD in the salespulse-crds jar. */
    static final String GENERATED_CRD_RESOURCE = "META-INF/fabric8/" + CRD_FILE;

    private ChartFiles() {
    }

    static Path path(String relative) {
        return ChartUnderTest.DIR.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode chartYaml() {
        return StrictModels.documents(read("Chart.yaml")).get(0);
    }

    static String appVersion() {
        return chartYaml().path("appVersion").asText();
    }

    /** The chart's copy of the CRD (what templates/crd.yaml renders). */
    static String chartCrd() {
        return read("files/" + CRD_FILE);
    }

    /** The CRD the crds module generated from its classes in this build (from the salespulse-crds jar). */
    static String generatedCrdText() {
        try (InputStream in = ChartFiles.class.getClassLoader().getResourceAsStream(GENERATED_CRD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(GENERATED_CRD_RESOURCE + " is not on the test classpath: build crds");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CustomResourceDefinition generatedCrd() {
        return StrictModels.SERIALIZATION.unmarshal(generatedCrdText(), CustomResourceDefinition.class);
    }
}
