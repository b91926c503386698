package io.salespulse.operator.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.salespulse.crds.v1alpha1.DataPlaneStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DataFlowingVerdictTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final DataFlowingVerdict VERDICT = new DataFlowingVerdict(Duration.ofMinutes(2));

    private static DataPlaneSample sample(Long waiting, Duration lastBatchAge) {
        return new DataPlaneSample(lastBatchAge == null ? null : NOW.minus(lastBatchAge).toString(), lastBatchAge,
                "2026-11-30T09:59:58.000000Z", waiting, waiting == null ? "KafkaUnreachable: no answer" : null,
                12.345, 7, 3, 1);
    }

    @Test
    void nothingWaitingIsIdleAndNotAnError() {
        var out = VERDICT.judge(sample(0L, Duration.ofHours(1)), null, false, NOW);
        assertThat(out.verdict().status()).isEqualTo("True");
        assertThat(out.verdict().reason()).isEqualTo("Idle");
        assertThat(out.dataPlane().waitingSince).isNull();
        assertThat(out.dataPlane().recordsWaiting).isZero();
        assertThat(out.dataPlane().ordersPerSecond).isEqualTo(12.35);
        assertThat(out.dataPlane().deadLettersLastHour).isEqualTo(7);
        assertThat(out.dataPlane().lateEventsLastHour).isEqualTo(3);
        assertThat(out.dataPlane().driverRestarts).isEqualTo(1);
    }

    @Test
    void recentBatchIsFlowingEvenWithRecordsWaiting() {
        var out = VERDICT.judge(sample(40L, Duration.ofSeconds(3)), null, false, NOW);
        assertThat(out.verdict().status()).isEqualTo("True");
        assertThat(out.verdict().reason()).isEqualTo("Flowing");
        assertThat(out.dataPlane().waitingSince).isEqualTo(NOW.toString());
    }

    @Test
    void newInputAfterALongIdleGetsTheSloBeforeItCountsAsStalled() {
        var first = VERDICT.judge(sample(5L, Duration.ofHours(1)), null, false, NOW);
        assertThat(first.verdict().reason()).isEqualTo("Flowing");
        var later = VERDICT.judge(sample(9L, Duration.ofHours(1)), first.dataPlane(), false,
                NOW.plus(Duration.ofMinutes(2)).plusSeconds(1));
        assertThat(later.verdict().status()).isEqualTo("False");
        assertThat(later.verdict().reason()).isEqualTo("Stalled");
        assertThat(later.verdict().message()).contains("9 records wait since " + NOW).contains("freshnessSlo PT2M");
        assertThat(later.dataPlane().waitingSince).isEqualTo(NOW.toString());
    }

    @Test
    void waitingWithNoBatchForLongerThanTheSloIsStalled() {
        DataPlaneStatus before = new DataPlaneStatus();
        before.recordsWaiting = 100L;
        before.waitingSince = NOW.minus(Duration.ofMinutes(10)).toString();
        var out = VERDICT.judge(sample(120L, Duration.ofMinutes(3)), before, false, NOW);
        assertThat(out.verdict().reason()).isEqualTo("Stalled");
        // and flowing again as soon as a batch commits
        var resumed = VERDICT.judge(sample(20L, Duration.ofSeconds(1)), out.dataPlane(), false, NOW);
        assertThat(resumed.verdict().status()).isEqualTo("True");
        assertThat(resumed.verdict().reason()).isEqualTo("Flowing");
    }

    @Test
    void catchingUpClearsWaitingSince() {
        DataPlaneStatus before = new DataPlaneStatus();
        before.recordsWaiting = 100L;
        before.waitingSince = NOW.minus(Duration.ofMinutes(10)).toString();
        var out = VERDICT.judge(sample(0L, Duration.ofSeconds(1)), before, false, NOW);
        assertThat(out.verdict().reason()).isEqualTo("Flowing");
        assertThat(out.dataPlane().waitingSince).isNull();
        var next = VERDICT.judge(sample(3L, Duration.ofMinutes(5)), out.dataPlane(), false, NOW.plusSeconds(60));
        assertThat(next.dataPlane().waitingSince).isEqualTo(NOW.plusSeconds(60).toString());
        assertThat(next.verdict().reason()).isEqualTo("Flowing");
    }

    @Test
    void suspendedWithInputWaitingSaysSo() {
        var out = VERDICT.judge(sample(3L, Duration.ofHours(1)), null, true, NOW);
        assertThat(out.verdict().status()).isEqualTo("False");
        assertThat(out.verdict().reason()).isEqualTo("Suspended");
        assertThat(VERDICT.judge(sample(0L, Duration.ofHours(1)), null, true, NOW).verdict().reason())
                .isEqualTo("Idle");
    }

    @Test
    void kafkaUnreadableIsUnknown() {
        var out = VERDICT.judge(sample(null, Duration.ofSeconds(1)), null, false, NOW);
        assertThat(out.verdict().status()).isEqualTo("Unknown");
        assertThat(out.verdict().reason()).isEqualTo("LagUnknown");
        assertThat(out.verdict().message()).contains("KafkaUnreachable");
    }
}
