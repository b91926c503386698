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
import org.junit.jupiter.api.Test;

class BatchAggregatorTest {

    private static final Instant W1 = Instant.parse("2026-11-28T12:00:00Z");
    private static final Instant W2 = Instant.parse("2026-11-28T12:01:00Z");

    private static List<WindowAggregate> aggregate(KafkaRows rows) {
        return BatchAggregator.aggregate(ParsedRecords.parse(rows.toDataset(), List.of(), Duration.ofMinutes(1), Duration.ofMinutes(2)).filter("valid"));
    }

    private static Map<String, WindowAggregate> byKey(List<WindowAggregate> aggregates) {
        return aggregates.stream().collect(Collectors.toMap(
                a -> a.dimension() + "|" + a.windowStart() + "|" + String.join("/", a.keyValues()), a -> a));
    }

    @Test
    void aggregatesPerWindowInTotalAndByEveryDimension() {
        KafkaRows rows = new KafkaRows()
                .add(0, json(id(1), "2026-11-28T12:00:10Z", "US", CardType.VISA, "USD",
                        item("P-1", "Books", 2, "10.00"), item("P-2", "Toys", 1, "5.50")))
                .add(1, json(id(2), "2026-11-28T12:00:59.999Z", "DE", CardType.VISA, "EUR", item("P-1", "Books", 1, "10.00")))
                .add(0, json(id(3), "2026-11-28T13:01:30+01:00", "US", CardType.AMEX, "USD", item("P-3", "Books", 3, "1.00")))
                .add(1, "not json");
        Map<String, WindowAggregate> result = byKey(aggregate(rows));

        assertThat(result).hasSize(2 + 3 + 2 + 3 + 3 + 3 + 4 + 4);
        assertThat(result.get("TOTAL|" + W1 + "|")).isEqualTo(new WindowAggregate(Dimension.TOTAL, W1, null, null, null,
                null, null, new BigDecimal("36.30"), 2, 4));
        assertThat(result.get("TOTAL|" + W2 + "|").revenue()).isEqualByComparingTo("3.00");
        assertThat(result.get("COUNTRY|" + W1 + "|DE").revenue()).isEqualByComparingTo("10.80");
        assertThat(result.get("CARD_TYPE|" + W1 + "|VISA").orders()).isEqualTo(2);
        WindowAggregate books = result.get("CATEGORY|" + W1 + "|Books");
        assertThat(books.revenue()).isEqualByComparingTo("30.80");
        assertThat(books.orders()).isEqualTo(2);
        assertThat(books.items()).isEqualTo(3);
        WindowAggregate product = result.get("PRODUCT|" + W1 + "|P-2/P-2 name/Toys");
        assertThat(product).isEqualTo(new WindowAggregate(Dimension.PRODUCT, W1, null, null, "Toys", "P-2", "P-2 name",
                new BigDecimal("5.50"), 1, 1));
        WindowAggregate slice = result.get("COUNTRY_CARD|" + W1 + "|US/VISA");
        assertThat(slice.revenue()).isEqualByComparingTo("25.50");
        assertThat(slice.orders()).isEqualTo(1);
        assertThat(slice.items()).isEqualTo(3);
        WindowAggregate categorySlice = result.get("COUNTRY_CARD_CATEGORY|" + W1 + "|DE/VISA/Books");
        assertThat(categorySlice.revenue()).isEqualByComparingTo("10.80");
        assertThat(categorySlice.orders()).isEqualTo(1);
        WindowAggregate productSlice = result.get("COUNTRY_CARD_PRODUCT|" + W1 + "|US/VISA/P-1/P-1 name/Books");
        assertThat(productSlice.revenue()).isEqualByComparingTo("20.00");
        assertThat(productSlice.items()).isEqualTo(2);
    }

    @Test
    void anEmptyBatchAggregatesToNothing() {
        assertThat(aggregate(new KafkaRows().add(0, "{}"))).isEmpty();
    }
}
