package io.salespulse.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class BatchSummaryTest {

    private static final Instant T = Instant.parse("2026-11-28T12:00:00Z");
    private static final String A = "00000000-0000-4000-8000-00000000000a";
    private static final String B = "00000000-0000-4000-8000-00000000000b";

    private static Row valid(int partition, long offset, String eventId, Instant time) {
        return RowFactory.create(partition, offset, true, true, false, null, eventId, "ORD", time, "orders", T, "k", null, null,
                null, null, null);
    }

    private static Row rejected(int partition, long offset) {
        return RowFactory.create(partition, offset, false, false, false, null, null, null, null, "orders", T, "k",
                "MALFORMED_JSON", "not valid JSON", "{", 1L, DeadLetterPayload.sha256(new byte[] {'{'}));
    }

    @Test
    void countsDeadLettersAndAdvancesEveryTouchedPartition() {
        BatchSummary summary = BatchSummary.of(List.of(valid(0, 5, A, T), rejected(0, 6), rejected(3, 9)));
        assertThat(summary.records).isEqualTo(3);
        assertThat(summary.validRecords).isEqualTo(1);
        assertThat(summary.deadLetters).extracting(DeadLetter::offset).containsExactly(6L, 9L);
        assertThat(summary.deadLetters.get(0).payloadBytes()).isEqualTo(1L);
        assertThat(summary.deadLetters.get(0).payloadSha256()).hasSize(64);
        assertThat(summary.progressAfter(List.of(new PartitionProgress(3, 9, T.plusSeconds(60)))))
                .containsExactly(new PartitionProgress(0, 7, T), new PartitionProgress(3, 10, T.plusSeconds(60)));
    }

    @Test
    void eventsSeenBeforeOrRepeatedOnAnotherPartitionAreNotFresh() {
        BatchSummary summary = BatchSummary.of(List.of(valid(1, 0, A, T), valid(0, 4, A, T), valid(0, 5, B, T)));
        assertThat(summary.fresh(Set.of())).extracting(FreshEvent::partition, FreshEvent::offset)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 4L), org.assertj.core.groups.Tuple.tuple(0, 5L));
        assertThat(summary.fresh(Set.of(B))).extracting(FreshEvent::offset).containsExactly(4L);
    }
}
