package io.salespulse.schema.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobActivityTest {

    private static final Duration MAX_AGE = Duration.ofMinutes(1);
    private static final Duration STALL = Duration.ofSeconds(30);

    private static Optional<JobHeartbeat.Beat> beat(JobHeartbeat.State state, Duration age, String latest, String committed) {
        return Optional.of(new JobHeartbeat.Beat("salespulse-orders", "q", "r", state, "driver", Instant.now(), age, 7L,
                Instant.now(), latest, committed, state == JobHeartbeat.State.FAILED ? "boom" : null, java.util.Map.of()));
    }

    private static JobActivity.Kind judge(Optional<JobHeartbeat.Beat> beat, Duration sinceCommit) {
        return JobActivity.judge(beat, MAX_AGE, sinceCommit, STALL).kind();
    }

    @Test
    void idleWhenNothingWaitsHoweverLongAgoTheLastBatch() {
        var caughtUp = beat(JobHeartbeat.State.RUNNING, Duration.ofSeconds(5), "{\"orders\":{\"0\":10,\"1\":4}}",
                "{\"orders\":{\"0\":10,\"1\":4}}");
        assertThat(judge(caughtUp, Duration.ofHours(3))).isEqualTo(JobActivity.Kind.IDLE);
        assertThat(judge(caughtUp, Duration.ofSeconds(3))).isEqualTo(JobActivity.Kind.RUNNING);
    }

    @Test
    void stalledOnlyWhenInputWaitsAndNoBatchCommits() {
        var waiting = beat(JobHeartbeat.State.RUNNING, Duration.ofSeconds(5), "{\"orders\":{\"0\":15,\"1\":9}}",
                "{\"orders\":{\"0\":10,\"1\":4}}");
        JobActivity.Verdict stalled = JobActivity.judge(waiting, MAX_AGE, Duration.ofSeconds(45), STALL);
        assertThat(stalled.kind()).isEqualTo(JobActivity.Kind.STALLED);
        assertThat(stalled.waitingOffsets()).isEqualTo(10);
        assertThat(stalled.detail()).isEqualTo("10 offsets wait in Kafka and no batch committed for 45 s");
        assertThat(judge(waiting, Duration.ofSeconds(10))).isEqualTo(JobActivity.Kind.RUNNING);
    }

    @Test
    void aSilentFailedOrMissingJobIsNeitherIdleNorRunning() {
        assertThat(judge(Optional.empty(), Duration.ofHours(1))).isEqualTo(JobActivity.Kind.NO_HEARTBEAT);
        assertThat(judge(beat(JobHeartbeat.State.RUNNING, Duration.ofMinutes(2), null, null), null))
                .isEqualTo(JobActivity.Kind.NOT_REPORTING);
        assertThat(JobActivity.judge(beat(JobHeartbeat.State.FAILED, Duration.ZERO, null, null), MAX_AGE, null, STALL)
                .detail()).isEqualTo("the streaming query failed: boom");
    }

    @Test
    void heartbeatAgeBoundIsThreeEventsAndAtLeastAMinute() {
        assertThat(JobActivity.maxAge(Duration.ofSeconds(5))).isEqualTo(Duration.ofMinutes(1));
        assertThat(JobActivity.maxAge(Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(6));
        assertThat(JobActivity.waitingOffsets("{\"t\":{\"0\":5}}", null)).isZero();
        assertThat(JobActivity.waitingOffsets("{\"t\":{\"0\":5,\"2\":3}}", "{\"t\":{\"0\":5}}")).isEqualTo(3);
    }
}
