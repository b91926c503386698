package io.salespulse.job;

import static io.salespulse.job.Orders.id;
import static io.salespulse.job.Orders.item;
import static io.salespulse.job.Orders.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.salespulse.schema.order.CardType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class ParsedRecordsTest {

    @Test
    void validRecordsCarryReportingAmountsAndTheirWindow() {
        List<Row> rows = ParsedRecords.parse(new KafkaRows()
                .add(2, json(id(1), "2026-11-28T12:34:56.789+01:00", "GB", CardType.AMEX, "GBP", item("P-1", "Books", 2, "10.00")))
                .toDataset(), List.of(), Duration.ofMinutes(5), Duration.ofMinutes(2)).collectAsList();
        Row row = rows.get(0);
        assertThat(row.<Boolean>getAs("valid")).isTrue();
        assertThat(row.<Integer>getAs("kafka_partition")).isEqualTo(2);
        assertThat(row.<Instant>getAs("event_time")).isEqualTo(Instant.parse("2026-11-28T11:34:56.789Z"));
        assertThat(row.<Instant>getAs("window_start")).isEqualTo(Instant.parse("2026-11-28T11:30:00Z"));
        assertThat(row.<BigDecimal>getAs("total_amount")).isEqualByComparingTo("20.00");
        assertThat(row.<BigDecimal>getAs("revenue")).isEqualByComparingTo("25.40");
        assertThat(row.<Integer>getAs("item_count")).isEqualTo(2);
        assertThat(row.getList(row.fieldIndex("items"))).hasSize(1);
    }

    @Test
    void rejectedRecordsKeepThePayloadAndTheReason() {
        Row row = ParsedRecords.parse(new KafkaRows().add(0, "{\"event_id\": 1}").toDataset(), List.of(), Duration.ofMinutes(1), Duration.ofMinutes(2))
                .collectAsList().get(0);
        assertThat(row.<Boolean>getAs("valid")).isFalse();
        assertThat(row.<String>getAs("reason_code")).isEqualTo("INVALID_FIELD");
        assertThat(row.<String>getAs("reason")).contains("event_id");
        assertThat(row.<String>getAs("payload")).isEqualTo("{\"event_id\": 1}");
        assertThat(row.<Long>getAs("kafka_offset")).isEqualTo(0L);
    }

    private static String order(int n, String time) {
        return json(id(n), time, "US", CardType.VISA, "USD", item("P-1", "Books", 1, "1.00"));
    }

    private static Map<String, Boolean> lateByEventId(KafkaRows rows, List<PartitionProgress> progress) {
        return ParsedRecords.parse(rows.toDataset(), progress, Duration.ofMinutes(1), Duration.ofMinutes(2))
                .filter("valid AND first").collectAsList().stream()
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
    void onlyTheFirstOccurrenceOfAnEventOnAPartitionIsMarkedFirst() {
        String original = order(1, "2026-11-28T12:10:00Z");
        KafkaRows rows = new KafkaRows().add(0, original).add(0, order(2, "2026-11-28T12:10:01Z")).add(0, original).add(0, original);
        List<Row> firsts = ParsedRecords.parse(rows.toDataset(), List.of(), Duration.ofMinutes(1), Duration.ofMinutes(2))
                .filter("first").collectAsList();
        assertThat(firsts).extracting(r -> r.<Long>getAs("kafka_offset")).containsExactly(0L, 1L);
    }

    @Test
    void windowsAreAlignedToTheEpochAlsoBefore1970() {
        assertThat(ParsedRecords.windowStart(Instant.parse("1969-12-31T23:59:30Z"), 60_000))
                .isEqualTo(Instant.parse("1969-12-31T23:59:00Z"));
    }

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private static Map<String, String> reasons(KafkaRows rows, Instant jobClock) {
        return ParsedRecords.parse(rows.toDataset(), List.of(), new ParsedRecords.Rules(Duration.ofMinutes(1),
                        Duration.ofMinutes(2), Duration.ofMinutes(5), 64, jobClock))
                .collectAsList().stream()
                .collect(Collectors.toMap(r -> r.<Integer>getAs("kafka_partition") + "/" + r.<Long>getAs("kafka_offset"),
                        r -> r.<Boolean>getAs("valid") ? "VALID" : r.<String>getAs("reason_code")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void eventTimesAheadOfTheBrokersLogAppendTimeAreDeadLettered() {
        KafkaRows rows = new KafkaRows()
                .add(0, bytes(order(1, "2026-11-28T12:05:00Z")), NOW, FutureSkewRule.LOG_APPEND_TIME)   // exactly the skew
                .add(0, bytes(order(2, "2026-11-28T12:05:01Z")), NOW, FutureSkewRule.LOG_APPEND_TIME)   // beyond it
                .add(0, bytes(order(3, "2026-11-28T12:05:01Z")), NOW.plusSeconds(1), FutureSkewRule.LOG_APPEND_TIME)
                // CreateTime is the producer's claim: the job's clock (a day later here) is the reference instead.
                .add(1, bytes(order(4, "2026-11-29T12:04:00Z")), Instant.parse("2099-01-01T00:00:00Z"), 0)
                .add(1, bytes(order(5, "2026-11-29T12:06:00Z")), Instant.parse("2099-01-01T00:00:00Z"), 0);
        assertThat(reasons(rows, NOW.plus(Duration.ofDays(1)))).isEqualTo(Map.of("0/0", "VALID", "0/1", "EVENT_TIME_IN_FUTURE",
                "0/2", "VALID", "1/0", "VALID", "1/1", "EVENT_TIME_IN_FUTURE"));
    }

    @Test
    void aFarFutureEventNoLongerMakesTheFollowingOnesLate() {
        KafkaRows rows = new KafkaRows()
                .add(0, bytes(order(1, "2026-11-28T11:59:00Z")), NOW, FutureSkewRule.LOG_APPEND_TIME)
                .add(0, bytes(order(2, "2099-11-28T12:00:00Z")), NOW, FutureSkewRule.LOG_APPEND_TIME)
                .add(0, bytes(order(3, "2026-11-28T11:59:30Z")), NOW, FutureSkewRule.LOG_APPEND_TIME);
        List<Row> valid = ParsedRecords.parse(rows.toDataset(), List.of(), new ParsedRecords.Rules(Duration.ofMinutes(1),
                Duration.ofMinutes(2), Duration.ofMinutes(5), 64, NOW)).filter("valid").collectAsList();
        assertThat(valid).extracting(r -> r.<Boolean>getAs("late")).containsExactly(false, false);
        // A newest event time stored before the bound existed is forgotten, not trusted.
        List<PartitionProgress> poisoned = List.of(new PartitionProgress(0, 0, Instant.parse("2999-01-01T00:00:00Z")),
                new PartitionProgress(1, 4, NOW));
        assertThat(PartitionProgress.withoutFutureEventTimes(poisoned, NOW.plusSeconds(300)))
                .containsExactly(new PartitionProgress(0, 0, null), new PartitionProgress(1, 4, NOW));
    }

    @Test
    void deadLettersKeepABoundedExcerptWithTheSizeAndHashOfTheWholeRecord() throws Exception {
        String big = "{\"junk\": \"" + "\u00e9".repeat(100_000) + "\"}";
        byte[] notUtf8 = {'{', (byte) 0xC3, '(', '}'};
        KafkaRows rows = new KafkaRows().add(0, bytes(big), NOW, 0).add(0, notUtf8, NOW, 0);
        List<Row> dead = ParsedRecords.parse(rows.toDataset(), List.of(), new ParsedRecords.Rules(Duration.ofMinutes(1),
                Duration.ofMinutes(2), Duration.ofMinutes(5), 64, NOW)).collectAsList();
        Row first = dead.get(0);
        assertThat(first.<String>getAs("reason_code")).isEqualTo("MISSING_FIELD");
        // 64 bytes, cut back to a character boundary: 10 ASCII bytes and 27 two-byte characters.
        assertThat(first.<String>getAs("payload")).isEqualTo("{\"junk\": \"" + "\u00e9".repeat(27));
        assertThat(first.<Long>getAs("payload_bytes")).isEqualTo(bytes(big).length);
        assertThat(first.<String>getAs("payload_sha256")).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(bytes(big))));
        Row second = dead.get(1);
        assertThat(second.<String>getAs("reason_code")).isEqualTo("MALFORMED_JSON");
        assertThat(second.<String>getAs("reason")).isEqualTo("not valid UTF-8: 1 malformed byte(s) at byte 1");
        assertThat(second.<String>getAs("payload")).isEqualTo("{\ufffd(}");
        assertThat(second.<Long>getAs("payload_bytes")).isEqualTo(4L);
    }

    @Test
    void anExcerptOfBytesThatAreNotUtf8StillFitsTheLimitInUtf8() {
        byte[] junk = new byte[1000];
        java.util.Arrays.fill(junk, (byte) 0xFF);
        DeadLetterPayload payload = DeadLetterPayload.of(junk, 64);
        assertThat(payload.excerpt()).isEqualTo("\ufffd".repeat(21));
        assertThat(payload.excerpt().getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(64);
        assertThat(payload.bytes()).isEqualTo(1000);
        assertThat(payload.truncated()).isTrue();
    }
}
