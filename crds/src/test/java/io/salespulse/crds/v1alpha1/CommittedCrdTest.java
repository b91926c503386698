package io.salespulse.crds.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The CRD the Helm chart ships (crds/generated/) must be exactly what crd-generator-maven-plugin makes from the
 * classes in this build. After changing the API classes, refresh it with
 * {@code ./mvnw -pl crds verify -Dcrd.update=true} and commit the file.
 */
class CommittedCrdTest {

    static final String FILE = SalesPipeline.CRD_NAME + "-v1.yml";

    @Test
    void committedCrdMatchesTheGeneratedOne() throws IOException {
        Path generated = Path.of(System.getProperty("crd.generated.dir", "target/classes/META-INF/fabric8"), FILE);
        Path committed = Path.of(System.getProperty("crd.committed.dir", "generated"), FILE);
        assertThat(generated).as("the build generates the CRD (crd-generator-maven-plugin)").exists();
        String fresh = Files.readString(generated);
        if (Boolean.getBoolean("crd.update")) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, fresh);
        }
        assertThat(committed).as("committed CRD " + committed).exists();
        assertThat(Files.readString(committed))
                .as("%s differs from the CRD generated from the API classes (%s): run "
                        + "`./mvnw -pl crds verify -Dcrd.update=true` and commit it", committed, generated)
                .isEqualTo(fresh);
    }

    @Test
    void crdHasTheColumnsAndSubresourceKubectlUses() throws IOException {
        String crd = Files.readString(Path.of(System.getProperty("crd.generated.dir", "target/classes/META-INF/fabric8"),
                FILE));
        assertThat(crd).contains("name: \"Ready\"", "name: \"Phase\"", "name: \"Dashboard URL\"", "name: \"Age\"",
                "status: {}", "- \"spl\"", "default: \"Retain\"");
    }
}
