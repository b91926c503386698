package io.salespulse.job;

import static io.salespulse.job.Orders.id;
import static io.salespulse.job.Orders.item;
import static io.salespulse.job.Orders.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.salespulse.schema.order.CardType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class BatchClassifierTest {

    private static String order(int n, String time) {
        return json(id(n), time, "US", CardType.VISA, "USD", item("P-1", "Books", 1, "1.00"));
    }

    private static Map<String, Boolean> lateByEventId(KafkaRows rows, List<PartitionProgress> progress) {
        Dataset<Row> parsed = ParsedRecords.parse(BatchClassifier.unapplied(rows.toDataset(), progress), Duration.ofMinutes(1));
        return BatchClassifier.firstOccurrences(parsed, progress, Duration.ofMinutes(2)).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.<String>getAs("event_id"), r -> r.<Boolean>getAs("late")));
    }

    @Test
    void lateMeansMoreThanTheAllowedLatenessBehindTheNewestEarlierEventOnThePartition() {
        KafkaRows rows = new KafkaRows()
                .add(0, order(1, "2026-11-28T12:10:00Z"))
                .add(0, order(2, "2026-11-28T12:08:30Z"))   // 1m30s behind: within lateness
                .add(0, order(3, "2026-11-28T12:07:59Z"))   // 2m01s behind: late
                .add(1, order(4, "2026-11-28T12:00:00Z"))   // first on its partition: nothing to be late against
                .add(0, order(5, "2026-11-28T12:20:00Z"));
        assertThat(lateByEventId(rows, List.of())).isEqualTo(Map.of(id(1), false, id(2), false, id(3), true, id(4), false, id(5), false));
    }

    @Test
    void progressFromEarlierBatchesSkipsAppliedOffsetsAndCarriesTheNewestEventTime() {
        KafkaRows rows = new KafkaRows()
                .add(0, order(1, "2026-11-28T12:10:00Z"))   // offset 0: already applied
                .add(0, order(2, "2026-11-28T12:00:00Z"))   // offset 1: late against the stored 12:30
                .add(1, order(3, "2026-11-28T12:00:00Z"));
        List<PartitionProgress> progress = List.of(new PartitionProgress(0, 1, Instant.parse("2026-11-28T12:30:00Z")));
        assertThat(lateByEventId(rows, progress)).isEqualTo(Map.of(id(2), true, id(3), false));
    }

    @Test
    void duplicatesKeepOnlyTheFirstOccurrenceInLogOrder() {
        String original = order(1, "2026-11-28T12:10:00Z");
        KafkaRows rows = new KafkaRows().add(0, original).add(0, order(2, "2026-11-28T12:10:01Z")).add(0, original).add(0, original);
        Dataset<Row> parsed = ParsedRecords.parse(rows.toDataset(), Duration.ofMinutes(1));
        List<Row> firsts = BatchClassifier.firstOccurrences(parsed, List.of(), Duration.ofMinutes(2)).collectAsList();
        assertThat(firsts).hasSize(2);
        assertThat(firsts.stream().filter(r -> r.getAs("event_id").equals(id(1))).map(r -> r.<Long>getAs("kafka_offset")))
                .containsExactly(0L);
    }
}
