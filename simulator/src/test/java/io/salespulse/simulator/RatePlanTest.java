package io.salespulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RatePlanTest {

    @Test
    void rampsLinearlyThenHolds() {
        RatePlan plan = new RatePlan(10, 110, Duration.ofSeconds(100), false);
        assertThat(plan.rateAt(Duration.ZERO, 12)).isEqualTo(10.0);
        assertThat(plan.rateAt(Duration.ofSeconds(50), 12)).isCloseTo(60.0, within(1e-9));
        assertThat(plan.rateAt(Duration.ofSeconds(500), 12)).isEqualTo(110.0);
    }

    @Test
    void theDailyRhythmIsQuietAtNightAndBusyInTheEvening() {
        assertThat(RatePlan.rhythm(20)).isCloseTo(1.0, within(1e-9));
        assertThat(RatePlan.rhythm(8)).isCloseTo(0.25, within(1e-9));
        assertThat(RatePlan.steady(100).rateAt(Duration.ZERO, 8)).isEqualTo(100.0);
    }

    @Test
    void refusesNonPositiveRatesAndBadFractions() {
        assertThatThrownBy(() -> RatePlan.steady(0)).hasMessageContaining("rate must be > 0");
        assertThatThrownBy(() -> new Anomalies(0.6, 0.6, 0, Duration.ZERO, Duration.ZERO)).hasMessageContaining("must not exceed 1");
        assertThatThrownBy(() -> new Anomalies(-0.1, 0, 0, Duration.ZERO, Duration.ZERO)).hasMessageContaining("duplicates fraction");
    }
}
