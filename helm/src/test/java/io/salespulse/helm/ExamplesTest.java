package io.salespulse.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.salespulse.crds.v1alpha1.SalesPipeline;
import io.salespulse.crds.v1alpha1.SalesPipelineSpec;
import io.salespulse.crds.v1alpha1.SecretCredentialsRef;
import io.salespulse.operator.spec.SpecValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The example manifests under the chart's examples/: strict models, no problem the operator would report, every
 * Secret (and key) they reference defined in secrets.yaml, images of this release. The install test applies the
 * minimal one to the real API server.
 */
class ExamplesTest {

    @Test
    void examplesParseStrictlyAndTheOperatorFindsNoProblem() {
        for (String file : List.of("minimal-pipeline.yaml", "production-pipeline.yaml")) {
            SalesPipeline pipeline = pipeline(file);
            assertThat(SpecValidator.problems(pipeline)).as(file).isEmpty();
            SalesPipelineSpec spec = pipeline.getSpec();
            assertThat(spec.streamingJob.image).as(file).endsWith(":" + ChartFiles.appVersion());
            assertThat(spec.dashboard.image).as(file).endsWith(":" + ChartFiles.appVersion());
        }
        SalesPipelineSpec production = pipeline("production-pipeline.yaml").getSpec();
        assertThat(production.kafka.replicationFactor).isEqualTo(3);
        assertThat(production.dashboard.replicas).isEqualTo(2);
        assertThat(production.dashboard.ingress.tlsSecretName).isNotBlank();
    }

    @Test
    void everyReferencedSecretAndKeyIsInSecretsYaml() {
        Map<String, Secret> secrets = StrictModels.parseAll(ChartFiles.read("examples/secrets.yaml")).stream()
                .map(Secret.class::cast).collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s));
        for (String file : List.of("minimal-pipeline.yaml", "production-pipeline.yaml")) {
            SalesPipelineSpec spec = pipeline(file).getSpec();
            List<SecretCredentialsRef> refs = new ArrayList<>();
            refs.add(spec.mysql.credentialsSecretRef);
            refs.add(spec.kafka.credentialsSecretRef);
            refs.add(spec.cassandra.credentialsSecretRef);
            for (SecretCredentialsRef ref : refs) {
                if (ref != null) {
                    assertThat(secrets).as(file).containsKey(ref.name);
                    assertThat(secrets.get(ref.name).getStringData()).as(file + " " + ref.name)
                            .containsKeys(ref.usernameKey, ref.passwordKey);
                }
            }
            var auth = spec.dashboard.authSecretRef;
            assertThat(secrets.get(auth.name).getStringData()).as(file + " " + auth.name)
                    .containsKeys(auth.usersKey, auth.sessionKeyKey);
        }
    }

    static SalesPipeline pipeline(String file) {
        List<HasMetadata> objects = StrictModels.parseAll(ChartFiles.read("examples/" + file));
        assertThat(objects).as(file).singleElement().isInstanceOf(SalesPipeline.class);
        return (SalesPipeline) objects.get(0);
    }
}
