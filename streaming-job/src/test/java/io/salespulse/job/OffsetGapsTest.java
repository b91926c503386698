package io.salespulse.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The gap rules on a stand-in log (offsets and which of them hold records), fast and exhaustive; the real-Kafka
 * version (deleteRecords, a recreated topic) is in the launcher's FaultRecoveryIT.
 */
class OffsetGapsTest {

    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

    /** A partition 0 whose log spans [start, end) with records at the given offsets (the rest are markers). */
    private record Log(long start, long end, TreeSet<Long> records) implements KafkaLog {
        static Log of(long start, long end, Long... records) {
            return new Log(start, end, new TreeSet<>(List.of(records)));
        }

        @Override
        public long logStart(int partition) {
            return partition == 0 ? start : -1;
        }

        @Override
        public long logEnd(int partition) {
            return partition == 0 ? end : -1;
        }

        @Override
        public boolean hasRecordsBetween(int partition, long from, long until) {
            Long next = records.ceiling(Math.max(from, start));
            return next != null && next < until;
        }
    }

    private static List<PartitionProgress> at(long nextOffset) {
        return List.of(new PartitionProgress(0, nextOffset, T));
    }

    @Test
    void aReplayBelowTheStoredOffsetIsNoGap() {
        Log log = Log.of(0, 200, 50L, 100L, 150L);
        assertThat(OffsetGaps.behindBatch("orders", at(100), Map.of(0, 100L), log)).isEmpty();
        assertThat(OffsetGaps.behindBatch("orders", at(100), Map.of(), log)).as("every record skipped as replay").isEmpty();
        assertThat(OffsetGaps.storeAheadOfTopic("orders", at(100), log)).isEmpty();
    }

    @Test
    void transactionMarkersBetweenAreNoGap() {
        // Offsets 100 and 101 are a commit marker and an abort marker: the batch starts at 102.
        Log log = Log.of(0, 200, 99L, 102L, 103L);
        assertThat(OffsetGaps.behindBatch("orders", at(100), Map.of(0, 102L), log)).isEmpty();
    }

    @Test
    void recordsGoneFromTheLogAreAGapNamingBothOffsets() {
        Log log = Log.of(150, 200, 150L, 160L);
        List<OffsetGap> gaps = OffsetGaps.behindBatch("orders", at(100), Map.of(0, 150L), log);
        assertThat(gaps).containsExactly(new OffsetGap("orders", 0, 100, 150, OffsetGap.Kind.LOG_START_PASSED, 50));
        assertThat(new OffsetGaps.GapException(gaps).getMessage())
                .contains("topic 'orders' partition 0: MySQL expects offset 100 next, but the log now starts at 150")
                .contains("job.accept-gaps=true").contains("stream_gaps");
    }

    @Test
    void readableRecordsSkippedByACheckpointAheadOfMysqlAreAGap() {
        Log log = Log.of(0, 200, 100L, 120L, 150L);
        List<OffsetGap> gaps = OffsetGaps.behindBatch("orders", at(100), Map.of(0, 150L), log);
        assertThat(gaps).extracting(OffsetGap::kind).containsExactly(OffsetGap.Kind.SKIPPED_BY_CHECKPOINT);
        assertThat(new OffsetGaps.GapException(gaps).getMessage()).contains("deleting the checkpoint");
    }

    @Test
    void aStoreAheadOfARecreatedTopicIsAGapAndAcceptingItRestartsThePartitionAtTheLogStart() {
        Log recreated = Log.of(0, 30, 0L, 29L);
        List<OffsetGap> gaps = OffsetGaps.storeAheadOfTopic("orders", at(5000), recreated);
        assertThat(gaps).containsExactly(new OffsetGap("orders", 0, 5000, 30, OffsetGap.Kind.STORE_AHEAD_OF_TOPIC, 4970));
        assertThat(OffsetGaps.restartedAt(at(5000), gaps, recreated)).containsExactly(new PartitionProgress(0, 0, null));
        assertThat(new OffsetGaps.GapException(gaps).getMessage()).contains("but the topic ends at 30")
                .contains("delete the checkpoint");
    }

    @Test
    void aPartitionTheTopicNoLongerHasIsAheadOfTheTopic() {
        List<PartitionProgress> stored = List.of(new PartitionProgress(0, 10, T), new PartitionProgress(1, 7, T));
        assertThat(OffsetGaps.storeAheadOfTopic("orders", stored, Log.of(0, 10, 9L)))
                .containsExactly(new OffsetGap("orders", 1, 7, 0, OffsetGap.Kind.STORE_AHEAD_OF_TOPIC, 7));
    }
}
