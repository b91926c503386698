package io.salespulse.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class BatchSummaryTest {

    private static final Instant T = Instant.parse("2026-11-28T12:00:00Z");
    private static final String A = "00000000-0000-4000-8000-00000000000a";
    private static final String B = "00000000-0000-4000-8000-00000000000b";

    private static Row valid(int partition, long offset, String eventId, Instant time) {
        return new NamedRow(ParsedRecords.SCHEMA).set("kafka_partition", partition).set("kafka_offset", offset)
                .set("valid", true).set("first", true).set("late", false).set("event_id", eventId).set("order_id", "ORD")
                .set("event_time", time).set("topic", "orders").set("kafka_timestamp", T).set("record_key", "k").build();
    }

    private static Row rejected(int partition, long offset) {
        return new NamedRow(ParsedRecords.SCHEMA).set("kafka_partition", partition).set("kafka_offset", offset)
                .set("valid", false).set("first", false).set("late", false).set("topic", "orders").set("kafka_timestamp", T)
                .set("record_key", "k").set("reason_code", "MALFORMED_JSON").set("reason", "not valid JSON")
                .set("payload", "{").set("payload_bytes", 1L).set("payload_sha256", DeadLetterPayload.sha256(new byte[] {'{'}))
                .build();
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
