package io.salespulse.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.salespulse.dashboard.MariaDbTestResource;
import io.salespulse.dashboard.TestDb;
import io.salespulse.dashboard.data.PulseRow;
import io.salespulse.dashboard.data.SalesRepository;
import io.salespulse.schema.mysql.JobActivity;
import io.salespulse.schema.mysql.JobHeartbeat;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * No batch for five minutes, told apart by the job's heartbeat row in a real MariaDB (written as the job writes it,
 * read by the dashboard's repository): "idle" when the job saw no offsets past the committed ones, "stalled" when
 * input waits, and "stalled" too when the heartbeat is missing (nothing says the job is alive).
 */
@QuarkusTest
@WithTestResource(value = MariaDbTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class IdleOrStalledTest {

    private static final Duration STALL = Duration.ofSeconds(30);
    private static final Duration LAG = Duration.ofSeconds(120);
    private static final Duration NO_COMMIT_FOR = Duration.ofMinutes(5);

    @Inject
    SalesRepository repository;

    private static void heartbeat(String latest, String committed) throws Exception {
        try (Connection c = TestDb.connect()) {
            JobHeartbeat.write(c, JobHeartbeat.QUERY_NAME, new JobHeartbeat.Progress("q", "r", JobHeartbeat.State.RUNNING,
                    "test-driver", Instant.now(), 41L, true, latest, committed, null));
        }
    }

    private String statusAfterFiveMinutesWithoutABatch() {
        Instant now = Instant.now();
        PulseRow row = new PulseRow(9, now.minus(NO_COMMIT_FOR), now.minus(NO_COMMIT_FOR), 0, now, null);
        JobActivity.Verdict verdict = JobActivity.judge(repository.heartbeat(), PulsePoller.HEARTBEAT_MAX_AGE,
                NO_COMMIT_FOR, STALL);
        return PipelinePulse.of(row, verdict, STALL, LAG).status();
    }

    @AfterEach
    void forgetTheHeartbeat() throws Exception {
        try (Connection c = TestDb.connect()) {
            c.createStatement().executeUpdate("DELETE FROM job_heartbeat");
        }
    }

    @Test
    void idleWhenNothingWaitsStalledWhenInputWaits() throws Exception {
        heartbeat("{\"orders\":{\"0\":100,\"1\":50}}", "{\"orders\":{\"0\":100,\"1\":50}}");
        assertThat(statusAfterFiveMinutesWithoutABatch()).isEqualTo(PipelinePulse.IDLE);

        heartbeat("{\"orders\":{\"0\":130,\"1\":50}}", null); // the job's pulse: newest Kafka offsets only
        assertThat(statusAfterFiveMinutesWithoutABatch()).isEqualTo(PipelinePulse.STALLED);
        JobActivity.Verdict verdict = JobActivity.judge(repository.heartbeat(), PulsePoller.HEARTBEAT_MAX_AGE,
                NO_COMMIT_FOR, STALL);
        assertThat(verdict.waitingOffsets()).isEqualTo(30);
        assertThat(verdict.detail()).isEqualTo("30 offsets wait in Kafka and no batch committed for 300 s");
    }

    @Test
    void withoutAHeartbeatALongSilenceIsAStall() throws Exception {
        forgetTheHeartbeat();
        assertThat(statusAfterFiveMinutesWithoutABatch()).isEqualTo(PipelinePulse.STALLED);
    }
}
