package io.salespulse.job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells a gap from the designed replay. A partition's records below {@code stream_progress.next_offset} are in MySQL:
 * a batch that starts there or below is a replay and its old records are skipped. A gap is either a batch starting
 * above {@code next_offset} with never-counted records in between (gone from the log, or readable but skipped by a
 * checkpoint that is ahead of MySQL), or a store ahead of the topic's end. Offsets in between that hold no record
 * (transaction markers) are not a gap: only the log start and an actual read decide, never offset arithmetic alone.
 */
public final class OffsetGaps {

    private OffsetGaps() {
    }

    /** Partitions MySQL has counted further than the topic now reaches. Checked before a batch is parsed. */
    public static List<OffsetGap> storeAheadOfTopic(String topic, List<PartitionProgress> stored, KafkaLog log) {
        List<OffsetGap> gaps = new ArrayList<>();
        for (PartitionProgress p : stored) {
            long end = log.logEnd(p.partition());
            if (end < p.nextOffset()) {
                long found = Math.max(end, 0);
                gaps.add(new OffsetGap(topic, p.partition(), p.nextOffset(), found,
                        OffsetGap.Kind.STORE_AHEAD_OF_TOPIC, p.nextOffset() - found));
            }
        }
        return gaps;
    }

    /**
     * The progress to parse a batch with once {@code accepted} store-ahead gaps are accepted: those partitions start
     * over at the topic's log start, so the new topic's records are counted rather than skipped as a replay.
     */
    public static List<PartitionProgress> restartedAt(List<PartitionProgress> progress, List<OffsetGap> accepted, KafkaLog log) {
        Map<Integer, OffsetGap> byPartition = new HashMap<>();
        accepted.forEach(g -> byPartition.put(g.partition(), g));
        return progress.stream()
                .map(p -> byPartition.containsKey(p.partition())
                        ? new PartitionProgress(p.partition(), Math.max(log.logStart(p.partition()), 0), null) : p)
                .toList();
    }

    /**
     * Partitions whose first record in this batch lies above {@code next_offset} with counted-never records between.
     *
     * @param firstOffsets per partition, the first offset of the batch's records not skipped as a replay
     */
    public static List<OffsetGap> behindBatch(String topic, List<PartitionProgress> progress,
                                              Map<Integer, Long> firstOffsets, KafkaLog log) {
        List<OffsetGap> gaps = new ArrayList<>();
        for (PartitionProgress p : progress) {
            Long first = firstOffsets.get(p.partition());
            if (first == null || first <= p.nextOffset()) {
                continue;
            }
            long logStart = log.logStart(p.partition());
            if (logStart > p.nextOffset()) {
                gaps.add(new OffsetGap(topic, p.partition(), p.nextOffset(), first, OffsetGap.Kind.LOG_START_PASSED,
                        first - p.nextOffset()));
            } else if (log.hasRecordsBetween(p.partition(), p.nextOffset(), first)) {
                gaps.add(new OffsetGap(topic, p.partition(), p.nextOffset(), first,
                        OffsetGap.Kind.SKIPPED_BY_CHECKPOINT, first - p.nextOffset()));
            }
        }
        return gaps;
    }

    /** Stops the job on gaps not accepted: the message says where, and what to do. */
    public static final class GapException extends IllegalStateException {
        public GapException(List<OffsetGap> gaps) {
            super(message(gaps));
        }

        static String message(List<OffsetGap> gaps) {
            StringBuilder out = new StringBuilder("offset gap: records were never counted and the job cannot read them; "
                    + "stopping rather than skipping them silently:");
            gaps.forEach(g -> out.append("\n  ").append(g.describe()));
            out.append("\nWhat to do: if the records can be brought back (restore the topic, or MySQL to a later "
                    + "backup), do so and restart. If the data is gone for good, restart with job.accept-gaps=true "
                    + "(SALESPULSE_JOB_ACCEPT_GAPS=true): the job records each gap with its size in the stream_gaps "
                    + "table and goes on; set it back to false afterwards.");
            if (gaps.stream().anyMatch(g -> g.kind() == OffsetGap.Kind.SKIPPED_BY_CHECKPOINT)) {
                out.append(" Records skipped by a checkpoint ahead of MySQL are still in Kafka: deleting the "
                        + "checkpoint (job.checkpoint-location) makes the job re-read them from MySQL's offsets instead.");
            }
            if (gaps.stream().anyMatch(g -> g.kind() == OffsetGap.Kind.STORE_AHEAD_OF_TOPIC)) {
                out.append(" For a recreated topic, also delete the checkpoint so the new topic is read from its start.");
            }
            return out.toString();
        }
    }
}
