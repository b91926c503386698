package io.salespulse.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.sql.Row;

/**
 * The driver's view of one micro-batch, from a single collect of a narrow projection of the parsed records: the
 * progress per partition, the dead letters, and the valid first occurrences that are candidates for counting.
 */
final class BatchSummary {

    /** Columns {@link #of} reads (by name). */
    static final String[] COLUMNS = {"kafka_partition", "kafka_offset", "valid", "first", "late", "watermark", "event_id",
            "order_id", "event_time", "topic", "kafka_timestamp", "record_key", "reason_code", "reason", "payload",
            "payload_bytes", "payload_sha256"};

    final long records;
    final long validRecords;
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final List<FreshEvent> candidates = new ArrayList<>();
    private final Map<Integer, Long> maxOffset = new HashMap<>();
    private final Map<Integer, Long> minOffset = new HashMap<>();
    private final Map<Integer, Instant> maxEventTime = new HashMap<>();

    private BatchSummary(long records, long validRecords) {
        this.records = records;
        this.validRecords = validRecords;
    }

    static BatchSummary of(List<Row> rows) {
        long valid = rows.stream().filter(r -> r.<Boolean>getAs("valid")).count();
        BatchSummary summary = new BatchSummary(rows.size(), valid);
        for (Row r : rows) {
            int partition = r.getAs("kafka_partition");
            long offset = r.getAs("kafka_offset");
            summary.maxOffset.merge(partition, offset, Math::max);
            summary.minOffset.merge(partition, offset, Math::min);
            if (!r.<Boolean>getAs("valid")) {
                summary.deadLetters.add(new DeadLetter(r.getAs("topic"), partition, offset, r.getAs("kafka_timestamp"),
                        r.getAs("record_key"), r.getAs("reason_code"), r.getAs("reason"), r.getAs("payload"),
                        r.getAs("payload_bytes"), r.getAs("payload_sha256")));
                continue;
            }
            Instant eventTime = r.getAs("event_time");
            summary.maxEventTime.merge(partition, eventTime, (a, b) -> a.isAfter(b) ? a : b);
            if (r.<Boolean>getAs("first")) {
                summary.candidates.add(new FreshEvent(UUID.fromString(r.getAs("event_id")), r.getAs("order_id"),
                        eventTime, r.getAs("late"), r.getAs("watermark"), partition, offset));
            }
        }
        summary.candidates.sort(Comparator.comparingInt(FreshEvent::partition).thenComparingLong(FreshEvent::offset));
        return summary;
    }

    boolean isEmpty() {
        return records == 0;
    }

    /** Per partition, the first offset of the records not skipped as already applied. */
    Map<Integer, Long> firstOffsets() {
        return Map.copyOf(minOffset);
    }

    List<String> candidateIds() {
        return candidates.stream().map(e -> e.eventId().toString()).toList();
    }

    /**
     * The candidates to count: not seen by an earlier batch and, should one event_id sit on two partitions (a
     * producer that changed the key), only its first by (partition, offset).
     */
    List<FreshEvent> fresh(Set<String> seenBefore) {
        Set<UUID> taken = new HashSet<>();
        List<FreshEvent> fresh = new ArrayList<>();
        for (FreshEvent candidate : candidates) {
            if (!seenBefore.contains(candidate.eventId().toString()) && taken.add(candidate.eventId())) {
                fresh.add(candidate);
            }
        }
        return fresh;
    }

    /** Progress after this batch for the partitions it touched, the newest event time carried over from before. */
    List<PartitionProgress> progressAfter(List<PartitionProgress> before) {
        Map<Integer, PartitionProgress> previous = new HashMap<>();
        before.forEach(p -> previous.put(p.partition(), p));
        List<PartitionProgress> after = new ArrayList<>();
        maxOffset.forEach((partition, offset) -> {
            Instant newest = maxEventTime.get(partition);
            PartitionProgress old = previous.get(partition);
            if (old != null && old.maxEventTime() != null && (newest == null || old.maxEventTime().isAfter(newest))) {
                newest = old.maxEventTime();
            }
            after.add(new PartitionProgress(partition, offset + 1, newest));
        });
        after.sort(Comparator.comparingInt(PartitionProgress::partition));
        return after;
    }
}
