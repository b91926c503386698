package io.salespulse.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** The strict parsing every rendered object goes through really refuses what a model does not know. */
class StrictModelsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d
            spec:
              %s
              selector:
                matchLabels: {app: d}
              template:
                metadata:
                  labels: {app: d}
                spec:
                  containers:
                    - name: c
                      image: i
                      ports:
                        - containerPort: %s
            """;

    @Test
    void acceptsAValidObject() {
        assertThat(StrictModels.parseAll(DEPLOYMENT.formatted("replicas: 1", "8080")))
                .singleElement().isInstanceOf(Deployment.class);
    }

    @Test
    void refusesAMisspeltFieldAWrongTypeAndAnUnknownKind() {
        assertThatThrownBy(() -> StrictModels.parseAll(DEPLOYMENT.formatted("replica: 1", "8080")))
                .hasMessageContaining("unknown field(s) [replica] at .spec");
        assertThatThrownBy(() -> StrictModels.parseAll(DEPLOYMENT.formatted("replicas: 1", "\"8080\"")))
                .hasMessageContaining("containerPort: \"8080\" (STRING) came back as 8080");
        assertThatThrownBy(() -> StrictModels.parseAll("""
                apiVersion: salespulse.io/v1alpha1
                kind: SalesPipeline
                metadata:
                  name: p
                spec:
                  kafka:
                    bootstrapServer: kafka:9092
                """)).hasMessageContaining("Unrecognized field \"bootstrapServer\"");
        assertThatThrownBy(() -> StrictModels.parseAll("""
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: w
                """)).hasMessageContaining("no fabric8 model for example.com/v1 Widget");
    }
}
