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

    /** Columns {@link #of} expects, in this order. */
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
        long valid = rows.stream().filter(r -> r.getBoolean(2)).count();
        BatchSummary summary = new BatchSummary(rows.size(), valid);
        for (Row r : rows) {
            int partition = r.getInt(0);
            long offset = r.getLong(1);
            summary.maxOffset.merge(partition, offset, Math::max);
            summary.minOffset.merge(partition, offset, Math::min);
            if (!r.getBoolean(2)) {
                summary.deadLetters.add(new DeadLetter(r.getString(9), partition, offset, (Instant) r.get(10),
                        r.getString(11), r.getString(12), r.getString(13), r.getString(14),
                        r.isNullAt(15) ? null : r.getLong(15), r.getString(16)));
                continue;
            }
            Instant eventTime = (Instant) r.get(8);
            summary.maxEventTime.merge(partition, eventTime, (a, b) -> a.isAfter(b) ? a : b);
            if (r.getBoolean(3)) {
                summary.candidates.add(new FreshEvent(UUID.fromString(r.getString(6)), r.getString(7), eventTime,
                        r.getBoolean(4), (Instant) r.get(5), partition, offset));
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
