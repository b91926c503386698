package io.salespulse.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretFingerprintsTest {

    private static final PodTemplateSpec TEMPLATE = new PodTemplateSpecBuilder()
            .withNewSpec()
            .addNewContainer().withName("app")
            .withEnv(EnvVars.secretKey("DB_USER", "db", "username"), EnvVars.secretKey("DB_PASSWORD", "db", "password"),
                    EnvVars.value("PLAIN", "x"))
            .addNewEnvFrom().withNewSecretRef().withName("all-of-it").endSecretRef().endEnvFrom()
            .endContainer()
            .addNewVolume().withName("tls").withNewSecret().withSecretName("certs").endSecret().endVolume()
            .endSpec().build();

    @Test
    void findsEverySecretThePodsReadAndWhichKeys() {
        assertThat(SecretFingerprints.references(TEMPLATE)).isEqualTo(Map.of(
                "db", Set.of("username", "password"), "all-of-it", Set.of("*"), "certs", Set.of("*")));
    }

    @Test
    void aChangedPasswordChangesTheFingerprintAndAnUnreadKeyDoesNot() {
        Secret before = secret("u1", Map.of("username", "app", "password", "old-pass", "unused", "1"));
        String fp = SecretFingerprints.fingerprint(before, Set.of("username", "password"));
        assertThat(SecretFingerprints.fingerprint(secret("u1", Map.of("username", "app", "password", "new-pass",
                "unused", "1")), Set.of("username", "password"))).isNotEqualTo(fp);
        assertThat(SecretFingerprints.fingerprint(secret("u1", Map.of("username", "app", "password", "old-pass",
                "unused", "2")), Set.of("username", "password"))).isEqualTo(fp);
    }

    @Test
    void theAnnotationHoldsNoSecretValueAndReadsBack() {
        Map<String, String> fps = SecretFingerprints.of(TEMPLATE, name -> name.equals("db")
                ? Optional.of(secret("u1", Map.of("username", "app", "password", "s3cret-value"))) : Optional.empty());
        String annotation = SecretFingerprints.format(fps);
        assertThat(annotation).doesNotContain("s3cret-value", b64("s3cret-value"), "app");
        assertThat(annotation).contains("certs=missing");
        assertThat(SecretFingerprints.parse(annotation)).isEqualTo(fps);
        // The Secret's uid salts it: the same password in another Secret gives another fingerprint.
        assertThat(SecretFingerprints.fingerprint(secret("u2", Map.of("password", "p")), Set.of("password")))
                .isNotEqualTo(SecretFingerprints.fingerprint(secret("u1", Map.of("password", "p")), Set.of("password")));
    }

    private static Secret secret(String uid, Map<String, String> values) {
        var data = new java.util.HashMap<String, String>();
        values.forEach((k, v) -> data.put(k, b64(v)));
        return new SecretBuilder().withNewMetadata().withName("s").withUid(uid).endMetadata().withData(data).build();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
