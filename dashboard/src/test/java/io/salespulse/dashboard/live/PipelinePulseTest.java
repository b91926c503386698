package io.salespulse.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.salespulse.dashboard.data.PulseRow;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PipelinePulseTest {

    private static final Instant NOW = Instant.parse("2024-03-01T10:00:00Z");
    private static final Duration STALL = Duration.ofSeconds(30);
    private static final Duration LAG = Duration.ofSeconds(120);

    private static PipelinePulse pulse(Instant lastCommit, Instant newestEvent, long ordersLastMinute) {
        return PipelinePulse.of(new PulseRow(7, lastCommit, newestEvent, ordersLastMinute, NOW, null), STALL, LAG);
    }

    @Test
    void statusSaysWhetherThePipelineKeepsUp() {
        PipelinePulse ok = pulse(NOW.minusSeconds(4), NOW.minusSeconds(6), 90);
        assertThat(ok.status()).isEqualTo(PipelinePulse.OK);
        assertThat(ok.freshnessSeconds()).isEqualTo(6);
        assertThat(ok.lastCommitAgeSeconds()).isEqualTo(4);
        assertThat(ok.ordersPerSecond()).isEqualTo(1.5);
        assertThat(pulse(NOW.minusSeconds(31), NOW.minusSeconds(40), 0).status()).isEqualTo(PipelinePulse.STALLED);
        assertThat(pulse(NOW.minusSeconds(2), NOW.minusSeconds(121), 10).status()).isEqualTo(PipelinePulse.LAGGING);
        assertThat(pulse(null, null, 0).status()).isEqualTo(PipelinePulse.NO_DATA);
        assertThat(pulse(NOW.plusSeconds(1), NOW.plusSeconds(20), 1).freshnessSeconds()).isZero();
        assertThat(PipelinePulse.unavailable(ok, STALL, LAG).status()).isEqualTo(PipelinePulse.UNAVAILABLE);
        assertThat(PipelinePulse.unavailable(ok, STALL, LAG).dataVersion()).isEqualTo(7);
    }

    @Test
    void theClockAloneIsNoChange() {
        PipelinePulse first = pulse(NOW.minusSeconds(4), NOW.minusSeconds(6), 90);
        PipelinePulse later = PipelinePulse.of(new PulseRow(7, NOW.minusSeconds(4), NOW.minusSeconds(6), 90,
                NOW.plusSeconds(3), null), STALL, LAG);
        assertThat(later.sameStateAs(first)).isTrue();
        assertThat(pulse(NOW.minusSeconds(4), NOW.minusSeconds(6), 60).sameStateAs(first)).isFalse();
        assertThat(first.sameStateAs(null)).isFalse();
    }
}
