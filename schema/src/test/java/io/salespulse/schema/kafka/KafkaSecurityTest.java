package io.salespulse.schema.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSecurityTest {

    @Test
    void plaintextAddsNothing() {
        assertThat(KafkaSecurity.fromEnvironment(Map.of()).clientProperties()).isEmpty();
    }

    @Test
    void saslBuildsTheJaasConfigWithEscapedCredentials() {
        KafkaSecurity security = KafkaSecurity.fromEnvironment(Map.of("SALESPULSE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "SALESPULSE_KAFKA_SASL_USERNAME", "app", "SALESPULSE_KAFKA_SASL_PASSWORD", "p\"w"));
        assertThat(security.clientProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"app\" password=\"p\\\"w\";");
        assertThat(security.toString()).doesNotContain("p\"w");
    }

    @Test
    void badSettingsSayWhatIsWrong() {
        assertThatThrownBy(() -> new KafkaSecurity("TLS", null, null, null)).hasMessageContaining("'TLS'");
        assertThatThrownBy(() -> new KafkaSecurity("SASL_PLAINTEXT", "GSSAPI", "u", "p")).hasMessageContaining("'GSSAPI'");
        assertThatThrownBy(() -> new KafkaSecurity("SASL_PLAINTEXT", "PLAIN", "u", "")).hasMessageContaining("_PASSWORD");
    }
}
