package io.salespulse.job;

import java.time.Instant;
import java.util.List;

/**
 * How far the job has applied one Kafka partition: every record below {@code nextOffset} is in MySQL, and
 * {@code maxEventTime} is the newest event time among the valid records applied (null before the first).
 */
public record PartitionProgress(int partition, long nextOffset, Instant maxEventTime) implements java.io.Serializable {

    /**
     * The progress with every newest event time later than {@code latest} forgotten (null): such a value came from a
     * far-future event accepted before event times were bounded, and would make every later order late and prune
     * the de-duplication memory. The next valid event sets it again.
     */
    static List<PartitionProgress> withoutFutureEventTimes(List<PartitionProgress> progress, Instant latest) {
        return progress.stream()
                .map(p -> p.maxEventTime() != null && p.maxEventTime().isAfter(latest)
                        ? new PartitionProgress(p.partition(), p.nextOffset(), null) : p)
                .toList();
    }
}
