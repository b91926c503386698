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
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class ParsedRecordsTest {

    @Test
    void validRecordsCarryReportingAmountsAndTheirWindow() {
        List<Row> rows = ParsedRecords.parse(new KafkaRows()
                .add(2, json(id(1), "2026-11-28T12:34:56.789+01:00", "GB", CardType.AMEX, "GBP", item("P-1", "Books", 2, "10.00")))
                .toDataset(), Duration.ofMinutes(5)).collectAsList();
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
        Row row = ParsedRecords.parse(new KafkaRows().add(0, "{\"event_id\": 1}").toDataset(), Duration.ofMinutes(1))
                .collectAsList().get(0);
        assertThat(row.<Boolean>getAs("valid")).isFalse();
        assertThat(row.<String>getAs("reason_code")).isEqualTo("INVALID_FIELD");
        assertThat(row.<String>getAs("reason")).contains("event_id");
        assertThat(row.<String>getAs("payload")).isEqualTo("{\"event_id\": 1}");
        assertThat(row.<Long>getAs("kafka_offset")).isEqualTo(0L);
    }

    @Test
    void windowsAreAlignedToTheEpochAlsoBefore1970() {
        assertThat(ParsedRecords.windowStart(Instant.parse("1969-12-31T23:59:30Z"), 60_000))
                .isEqualTo(Instant.parse("1969-12-31T23:59:00Z"));
    }
}
