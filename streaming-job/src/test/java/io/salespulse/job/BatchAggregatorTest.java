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

    /** grain|window|non-empty dimension values joined by '/'. */
    private static Map<String, WindowAggregate> byKey(List<WindowAggregate> aggregates) {
        return aggregates.stream().collect(Collectors.toMap(
                a -> a.grain() + "|" + a.windowStart() + "|"
                        + a.values().stream().filter(v -> !v.isEmpty()).collect(Collectors.joining("/")), a -> a));
    }

    @Test
    void aggregatesPerWindowInTotalAndByEveryGrain() {
        KafkaRows rows = new KafkaRows()
                .add(0, json(id(1), "2026-11-28T12:00:10Z", "US", CardType.VISA, "USD",
                        item("P-1", "Books", 2, "10.00"), item("P-2", "Toys", 1, "5.50")))
                .add(1, json(id(2), "2026-11-28T12:00:59.999Z", "DE", CardType.VISA, "EUR", item("P-1", "Books", 1, "10.00")))
                .add(0, json(id(3), "2026-11-28T13:01:30+01:00", "US", CardType.AMEX, "USD", item("P-3", "Books", 3, "1.00")))
                .add(1, "not json");
        Map<String, WindowAggregate> result = byKey(aggregate(rows));

        // totals: 2 windows; order grain: (US, VISA), (DE, VISA), (US, AMEX); category: 4; product: 4.
        assertThat(result).hasSize(2 + 3 + 4 + 4);
        WindowAggregate total = result.get("total|" + W1 + "|");
        assertThat(total.revenue()).isEqualTo(new BigDecimal("36.30"));
        assertThat(total.orders()).isEqualTo(2);
        assertThat(total.items()).isEqualTo(4);
        assertThat(result.get("total|" + W2 + "|").revenue()).isEqualByComparingTo("3.00");
        WindowAggregate order = result.get("order|" + W1 + "|US/VISA/web");
        assertThat(order.revenue()).isEqualByComparingTo("25.50");
        assertThat(order.orders()).isEqualTo(1);
        assertThat(order.items()).isEqualTo(3);
        assertThat(order.value("category")).isEmpty();
        WindowAggregate category = result.get("category|" + W1 + "|DE/VISA/web/Books");
        assertThat(category.revenue()).isEqualByComparingTo("10.80");
        assertThat(category.orders()).isEqualTo(1);
        WindowAggregate product = result.get("product|" + W1 + "|US/VISA/web/Books/P-1/P-1 name");
        assertThat(product.revenue()).isEqualByComparingTo("20.00");
        assertThat(product.orders()).isEqualTo(1);
        assertThat(product.items()).isEqualTo(2);
        WindowAggregate toys = result.get("product|" + W1 + "|US/VISA/web/Toys/P-2/P-2 name");
        assertThat(toys.revenue()).isEqualTo(new BigDecimal("5.50"));
        assertThat(toys.items()).isEqualTo(1);
    }

    @Test
    void anOrderWithTwoLinesOfOneCategoryCountsOnceForIt() {
        KafkaRows rows = new KafkaRows().add(0, json(id(1), "2026-11-28T12:00:10Z", "US", CardType.VISA, "USD",
                item("P-1", "Books", 1, "10.00"), item("P-2", "Books", 2, "1.00")));
        WindowAggregate books = byKey(aggregate(rows)).get("category|" + W1 + "|US/VISA/web/Books");
        assertThat(books.orders()).isEqualTo(1);
        assertThat(books.items()).isEqualTo(3);
        assertThat(books.revenue()).isEqualByComparingTo("12.00");
    }

    @Test
    void everyOrderDimensionOfTheCatalogueKeysTheRows() {
        String mobile = json(id(1), "2026-11-28T12:00:10Z", "US", CardType.VISA, "USD", item("P-1", "Books", 1, "10.00"))
                .replace("\"channel\":\"web\"", "\"channel\":\"mobile_app\"");
        KafkaRows rows = new KafkaRows().add(0, mobile)
                .add(1, json(id(2), "2026-11-28T12:00:20Z", "US", CardType.VISA, "USD", item("P-1", "Books", 2, "10.00")));
        Map<String, WindowAggregate> result = byKey(aggregate(rows));
        assertThat(result.get("order|" + W1 + "|US/VISA/mobile_app").revenue()).isEqualByComparingTo("10.00");
        assertThat(result.get("order|" + W1 + "|US/VISA/web").revenue()).isEqualByComparingTo("20.00");
        assertThat(result.get("product|" + W1 + "|US/VISA/mobile_app/Books/P-1/P-1 name").items()).isEqualTo(1);
        assertThat(result.get("total|" + W1 + "|").revenue()).isEqualByComparingTo("30.00");
    }

    @Test
    void anEmptyBatchAggregatesToNothing() {
        assertThat(aggregate(new KafkaRows().add(0, "{}"))).isEmpty();
    }
}
