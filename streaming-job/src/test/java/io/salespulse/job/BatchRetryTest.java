package io.salespulse.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.sql.SQLRecoverableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

/** The retry policy with a recording sleeper (no waiting): which failures are retried, how long, and when it gives up. */
class BatchRetryTest {

    private final List<Duration> slept = new ArrayList<>();
    private final BatchRetry retry = new BatchRetry(Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofSeconds(8), slept::add);

    @Test
    void transientFailuresAreRetriedWithGrowingBackoffUntilTheBatchSucceeds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        retry.run(7, () -> {
            if (attempts.incrementAndGet() < 4) {
                throw new SQLRecoverableException("Communications link failure");
            }
        });
        assertThat(attempts).hasValue(4);
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void theBudgetEndsTheRetriesAndTheFailureReachesTheSupervisor() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retry.run(7, () -> {
            attempts.incrementAndGet();
            throw new ConnectException("Connection refused");
        })).isInstanceOf(ConnectException.class);
        // 1 + 2 + 4 + 8 = 15 s waited; another 8 would pass the 20 s budget.
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(attempts).hasValue(5);
    }

    @Test
    void aGapOrASecondWriterFailsAtOnce() {
        assertThatThrownBy(() -> retry.run(7, () -> {
            throw new OffsetGaps.GapException(List.of(new OffsetGap("orders", 0, 10, 20, OffsetGap.Kind.LOG_START_PASSED, 10)));
        })).isInstanceOf(OffsetGaps.GapException.class);
        assertThat(slept).isEmpty();
        assertThat(TransientFailures.transientCause(new IllegalArgumentException("bad"))).isNull();
    }

    @Test
    void executorFailuresAreRecognisedByTheirMessageWhenTheCauseIsLost() {
        SparkException lost = new SparkException("Job aborted due to stage failure: Task 0 in stage 3.0 failed 1 times, most "
                + "recent failure: Lost task 0.0: com.datastax.oss.driver.api.core.AllNodesFailedException: All 1 node(s) "
                + "tried for the query failed");
        assertThat(TransientFailures.transientCause(new ExecutionException(lost))).startsWith("AllNodesFailedException in");
        assertThat(TransientFailures.transientCause(new RuntimeException(new org.apache.kafka.common.errors.TimeoutException("t"))))
                .startsWith("TimeoutException");
    }
}
