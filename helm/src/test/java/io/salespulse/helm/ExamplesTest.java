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
 * The example manifests the chart ships in examples/ (copies of crds/examples): strict models, no problem the
 * operator would report, every Secret (and key) they reference defined in secrets.yaml. The install test applies
 * them to the real API server.
 */
class ExamplesTest {

    static final String MINIMAL = "salespipeline-minimal.yaml";
    static final String PRODUCTION = "salespipeline-production.yaml";
    static final String SECRETS = "secrets.yaml";

    @Test
    void examplesParseStrictlyAndTheOperatorFindsNoProblem() {
        for (String file : List.of(MINIMAL, PRODUCTION)) {
            assertThat(SpecValidator.problems(pipeline(file))).as(file).isEmpty();
        }
        SalesPipelineSpec production = pipeline(PRODUCTION).getSpec();
        assertThat(production.kafka.replicationFactor).isEqualTo(3);
        assertThat(production.dashboard.replicas).isEqualTo(2);
        assertThat(production.dashboard.ingress.tlsSecretName).isNotBlank();
    }

    @Test
    void everyReferencedSecretAndKeyIsInSecretsYaml() {
        Map<String, Secret> secrets = StrictModels.parseAll(ChartFiles.read("examples/" + SECRETS)).stream()
                .map(Secret.class::cast).collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s));
        for (String file : List.of(MINIMAL, PRODUCTION)) {
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
