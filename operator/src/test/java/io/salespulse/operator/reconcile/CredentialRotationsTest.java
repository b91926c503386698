package io.salespulse.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialRotationsTest {

    private final CredentialRotations rotations = new CredentialRotations(
            Clock.fixed(Instant.parse("2026-11-30T14:00:00.5Z"), ZoneOffset.UTC));

    @Test
    void firstSightIsNoRotationAChangeIsOneAndAStaleCacheIsNotASecond() {
        assertThat(rotations.observe("p", "shop-dashboard", Map.of("db", "a"), Map.of())).isEmpty();
        assertThat(rotations.observe("p", "shop-dashboard", Map.of("db", "a"), Map.of("db", "a"))).isEmpty();
        assertThat(rotations.observe("p", "shop-dashboard", Map.of("db", "b", "auth", "x"), Map.of("db", "a")))
                .containsExactly("db");
        // The watch cache still shows the old template: already rolled, not rotated again.
        assertThat(rotations.observe("p", "shop-dashboard", Map.of("db", "b", "auth", "x"), Map.of("db", "a")))
                .isEmpty();
    }

    @Test
    void aSecretThatAppearsOrGoesIsNoRotation() {
        assertThat(rotations.observe("p", "d", Map.of("db", "missing"), Map.of())).isEmpty();
        assertThat(rotations.observe("p", "d", Map.of("db", "a"), Map.of())).isEmpty();
        assertThat(rotations.observe("p", "d", Map.of("db", "missing"), Map.of())).isEmpty();
    }

    @Test
    void afterAnOperatorRestartTheLiveTemplateTellsWhatThePodsRead() {
        assertThat(rotations.observe("p", "shop-streaming-job", Map.of("db", "new"), Map.of("db", "old")))
                .containsExactly("db");
    }

    @Test
    void eachDeploymentRollsForItsOwnSecrets() {
        rotations.observe("p", "driver", Map.of("db", "a"), Map.of());
        rotations.observe("p", "dashboard", Map.of("db", "a"), Map.of());
        assertThat(rotations.observe("p", "driver", Map.of("db", "b"), Map.of())).containsExactly("db");
        assertThat(rotations.observe("p", "dashboard", Map.of("db", "b"), Map.of())).containsExactly("db");
    }

    @Test
    void theNoteNamesTheSecretAndTheTimeButNoContent() {
        rotations.rotated("p", "StreamingJobReady", java.util.List.of("mysql-credentials"), "shop-streaming-job");
        assertThat(rotations.note("p", "StreamingJobReady")).hasValue("credentials rotated at 2026-11-30T14:00:00Z "
                + "(Secret 'mysql-credentials' changed): Deployment shop-streaming-job rolled its pods onto them");
        rotations.forget("p");
        assertThat(rotations.note("p", "StreamingJobReady")).isEmpty();
    }
}
