package io.salespulse.job;

import java.time.Instant;

/**
 * How far the job has applied one Kafka partition: every record below {@code nextOffset} is in MySQL, and
 * {@code maxEventTime} is the newest event time among the valid records applied (null before the first).
 */
public record PartitionProgress(int partition, long nextOffset, Instant maxEventTime) implements java.io.Serializable {
}
