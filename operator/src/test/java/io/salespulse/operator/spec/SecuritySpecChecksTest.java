package io.salespulse.operator.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.salespulse.crds.v1alpha1.KafkaSpec;
import io.salespulse.crds.v1alpha1.TlsSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecuritySpecChecksTest {

    @ParameterizedTest
    @ValueSource(strings = {"shop.eu", "1shop", "shop-"})
    void namesThatCannotNameAServiceOrAPodPrefixAreRefused(String name) {
        var p = SpecValidatorTest.valid();
        p.getMetadata().setName(name);
        assertThat(SpecValidator.problems(p)).singleElement().asString()
                .startsWith("metadata.name: '" + name + "' must be a DNS-1035 label");
    }

    @Test
    void aDns1035NameIsAccepted() {
        var p = SpecValidatorTest.valid();
        p.getMetadata().setName("shop-eu2");
        assertThat(SpecValidator.problems(p)).isEmpty();
    }

    @Test
    void kafkaTlsNeedsAnSslProtocolAndPullSecretsNeedNames() {
        var p = SpecValidatorTest.valid();
        p.getSpec().kafka.tls = new TlsSpec();
        p.getSpec().kafka.tls.caSecretRef = new TlsSpec.CaSecretRef("kafka-ca");
        p.getSpec().imagePullSecrets = List.of(new LocalObjectReference("Bad_Name"));
        assertThat(SpecValidator.problems(p)).containsExactly(
                "spec.kafka.tls: only used with SSL or SASL_SSL; set spec.kafka.securityProtocol, or remove "
                        + "spec.kafka.tls (it is PLAINTEXT)",
                "spec.imagePullSecrets[0].name: 'Bad_Name' is not a Secret name");
        p.getSpec().kafka.securityProtocol = KafkaSpec.SecurityProtocol.SSL;
        p.getSpec().imagePullSecrets = List.of(new LocalObjectReference("regcred"));
        assertThat(SpecValidator.problems(p)).isEmpty();
    }
}
