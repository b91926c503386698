package io.salespulse.operator.external;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.salespulse.testkit.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentSecretsTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final AtomicInteger fetches = new AtomicInteger();
    private final RecentSecrets recent = new RecentSecrets(Duration.ofSeconds(2), clock);

    private Secret fetch(String version) {
        fetches.incrementAndGet();
        return version == null ? null
                : new SecretBuilder().withNewMetadata().withResourceVersion(version).endMetadata().build();
    }

    @Test
    void aSecretFetchedByOneReconcileServesTheNextWithinTheWindowOnly() {
        assertThat(recent.get("shop", "mysql", () -> fetch("1")).getMetadata().getResourceVersion()).isEqualTo("1");
        clock.advance(Duration.ofMillis(1999));
        assertThat(recent.get("shop", "mysql", () -> fetch("2")).getMetadata().getResourceVersion()).isEqualTo("1");
        assertThat(fetches).hasValue(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(recent.get("shop", "mysql", () -> fetch("2")).getMetadata().getResourceVersion()).isEqualTo("2");
        assertThat(recent.get("other", "mysql", () -> fetch("7")).getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(fetches).hasValue(3);
    }

    @Test
    void aMissingSecretIsNotRemembered() {
        assertThat(recent.get("shop", "mysql", () -> fetch(null))).isNull();
        assertThat(recent.get("shop", "mysql", () -> fetch("1"))).isNotNull();
        assertThat(fetches).hasValue(2);
    }

    @Test
    void noneFetchesEveryTime() {
        RecentSecrets.NONE.get("shop", "mysql", () -> fetch("1"));
        RecentSecrets.NONE.get("shop", "mysql", () -> fetch("1"));
        assertThat(fetches).hasValue(2);
    }
}
