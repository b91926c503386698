package io.salespulse.job;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * Refuses event times further ahead of a trustworthy clock than {@code job.max-future-skew}. A producer sets
 * CreateTime itself, so it bounds nothing; the broker sets LogAppendTime (the orders topic is created so) and then
 * it is the clock, the same on every replay. On a topic with CreateTime the job's clock at the batch's start is the
 * reference: every record of the batch was appended before it.
 */
final class FutureSkewRule implements Serializable {

    /** Kafka's timestampType of a record stamped by the broker. */
    static final int LOG_APPEND_TIME = 1;

    private final long maxSkewMillis;
    private final Instant jobClock;

    FutureSkewRule(Duration maxSkew, Instant jobClock) {
        this.maxSkewMillis = maxSkew.toMillis();
        this.jobClock = jobClock;
    }

    /** Null when the event time is acceptable, else why not. */
    String violation(Instant eventTime, Instant kafkaTimestamp, Integer timestampType) {
        boolean broker = timestampType != null && timestampType == LOG_APPEND_TIME && kafkaTimestamp != null;
        Instant reference = broker ? kafkaTimestamp : jobClock;
        if (!eventTime.isAfter(reference.plusMillis(maxSkewMillis))) {
            return null;
        }
        return "event_time " + eventTime + " is " + Duration.between(reference, eventTime) + " ahead of "
                + (broker ? "the broker's log append time " : "the job's clock ") + reference
                + "; job.max-future-skew allows " + Duration.ofMillis(maxSkewMillis);
    }

    /** The newest event time this rule could ever have let in by now: later stored values were let in before it. */
    Instant latestAcceptable() {
        return jobClock.plusMillis(maxSkewMillis);
    }
}
