package io.salespulse.job;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a batch again, with exponential backoff, while it fails for a transient reason and the retry budget lasts.
 * Safe because every attempt starts over from {@code stream_progress}: when a commit timed out but had landed, the
 * next attempt sees the batch's offsets applied and skips its records as the designed replay; when it had not, the
 * batch is applied once. Past the budget the failure propagates: the job exits non-zero for its supervisor.
 */
final class BatchRetry {

    private static final Logger LOG = LoggerFactory.getLogger(BatchRetry.class);

    interface Attempt {
        void run() throws Exception;
    }

    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final Duration budget;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Sleeper sleeper;

    BatchRetry(Duration budget, Duration firstDelay, Duration maxDelay, Sleeper sleeper) {
        this.budget = budget;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.sleeper = sleeper;
    }

    static BatchRetry of(Duration budget) {
        return new BatchRetry(budget, Duration.ofSeconds(1), Duration.ofSeconds(8), d -> Thread.sleep(d.toMillis()));
    }

    /** The delay before retry number {@code retry} (1-based): 1, 2, 4, 8, 8 … seconds. */
    Duration delay(int retry) {
        Duration d = firstDelay.multipliedBy(1L << Math.min(retry - 1, 20));
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }

    void run(long batchId, Attempt attempt) throws Exception {
        Duration waited = Duration.ZERO;
        for (int retry = 1; ; retry++) {
            try {
                attempt.run();
                if (retry > 1) {
                    LOG.info("batch {} succeeded on attempt {} after {} s of backoff", batchId, retry, waited.toSeconds());
                }
                return;
            } catch (Exception e) {
                String cause = TransientFailures.transientCause(e);
                Duration delay = delay(retry);
                if (cause == null || waited.plus(delay).compareTo(budget) > 0) {
                    if (cause != null) {
                        LOG.error("batch {} still failing after {} attempts over {} s (job.retry-transient-for {}): {}",
                                batchId, retry, waited.toSeconds(), budget, cause);
                    }
                    throw e;
                }
                LOG.warn("batch {} attempt {} failed transiently ({}); retrying in {} s from stream_progress",
                        batchId, retry, cause, delay.toSeconds());
                sleeper.sleep(delay);
                waited = waited.plus(delay);
            }
        }
    }
}
