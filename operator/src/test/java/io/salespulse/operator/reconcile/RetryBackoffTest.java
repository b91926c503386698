package io.salespulse.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    @Test
    void doublesUpToTheMaximumAndStartsOverAfterASuccess() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(20));
        assertThat(backoff.nextDelay("a")).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.nextDelay("a")).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.nextDelay("a")).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.nextDelay("a")).isEqualTo(Duration.ofSeconds(16));
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.nextDelay("a")).isEqualTo(Duration.ofSeconds(20));
        }
        assertThat(backoff.nextDelay("b")).as("per pipeline").isEqualTo(Duration.ofSeconds(2));
        backoff.succeeded("a");
        assertThat(backoff.nextDelay("a")).isEqualTo(Duration.ofSeconds(2));
    }
}
