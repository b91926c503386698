package io.salespulse.job;

/** What the gap check needs to know about one topic's partitions in Kafka, now. */
public interface KafkaLog {

    /** The first offset still readable, or -1 if the topic has no such partition. */
    long logStart(int partition);

    /** The offset the next appended record gets, or -1 if the topic has no such partition. */
    long logEnd(int partition);

    /** Whether any record (not a transaction marker) sits at an offset in {@code [from, until)}. */
    boolean hasRecordsBetween(int partition, long from, long until);
}
