package io.salespulse.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.salespulse.schema.order.CardType;
import io.salespulse.schema.order.OrderItem;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Side by side on the same parsed batch: the aggregation as it was (one Spark SQL aggregation with 8 GROUPING SETS
 * over the order lines: every line expanded 8-fold, then shuffled) against {@link BatchAggregator} (each partition
 * folds its orders into every grain in one pass, the driver adds the partial rows). Benchmark code, not a test of
 * timing: runs only with {@code -Dsalespulse.bench.aggregation=true} and prints what it measured.
 */
@EnabledIfSystemProperty(named = "salespulse.bench.aggregation", matches = "true")
class AggregationBenchmark {

    private static final int RECORDS = Integer.getInteger("salespulse.bench.records", 50_000);
    private static final int ROUNDS = Integer.getInteger("salespulse.bench.rounds", 3);

    private static final String GROUPING_SETS = """
            SELECT window_start, country, card_type, category, product_id, product_name,
                   SUM(CASE WHEN line_no = 0 THEN order_revenue END)  AS order_revenue,
                   SUM(line_revenue)                                  AS line_revenue,
                   SUM(CASE WHEN line_no = 0 THEN 1 ELSE 0 END)        AS orders,
                   SUM(CASE WHEN first_of_category THEN 1 ELSE 0 END)  AS category_orders,
                   SUM(CASE WHEN first_of_product THEN 1 ELSE 0 END)   AS product_orders,
                   CAST(SUM(quantity) AS BIGINT)                       AS items
            FROM bench_lines
            GROUP BY GROUPING SETS (
                (window_start), (window_start, country), (window_start, card_type), (window_start, category),
                (window_start, product_id, product_name, category), (window_start, country, card_type),
                (window_start, country, card_type, category),
                (window_start, country, card_type, product_id, product_name, category))
            """;

    @Test
    void groupingSetsAgainstPartitionFold() {
        Random random = new Random(42);
        String[] countries = {"US", "DE", "FR", "GB", "JP", "BR", "IN", "CA", "AU", "ES", "IT", "NL"};
        String[] categories = {"Books", "Toys", "Garden", "Music", "Games", "Home", "Sports", "Tools"};
        KafkaRows rows = new KafkaRows();
        for (int n = 0; n < RECORDS; n++) {
            int lines = 1 + random.nextInt(5);
            List<OrderItem> items = new ArrayList<>();
            for (int l = 0; l < lines; l++) {
                int product = random.nextInt(200);
                items.add(Orders.item("P-" + product, categories[product % categories.length], 1 + random.nextInt(3),
                        (1 + random.nextInt(9000)) / 100 + "." + String.format("%02d", random.nextInt(100))));
            }
            String time = String.format("2026-11-28T12:%02d:%02dZ", n * 10 / RECORDS, random.nextInt(60));
            rows.add(n % 2, Orders.json(Orders.id(n), time, countries[random.nextInt(countries.length)],
                    CardType.values()[random.nextInt(CardType.values().length)], "USD", items.toArray(OrderItem[]::new)));
        }
        Dataset<Row> orders = ParsedRecords.parse(rows.toDataset(), List.of(), Duration.ofMinutes(1), Duration.ofHours(1))
                .filter("valid").persist(StorageLevel.MEMORY_ONLY());
        assertThat(orders.count()).isEqualTo(RECORDS);

        long[] old = new long[ROUNDS];
        long[] fold = new long[ROUNDS];
        long[] oldCpu = new long[ROUNDS];
        long[] foldCpu = new long[ROUNDS];
        BigDecimal oldTotal = null;
        BigDecimal foldTotal = null;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            long cpu = cpuMillis();
            orders.selectExpr("window_start", "country", "card_type", "revenue AS order_revenue", "inline(items)")
                    .selectExpr("window_start", "country", "card_type", "order_revenue", "line_no", "product_id",
                            "product_name", "category", "quantity", "revenue AS line_revenue", "first_of_category",
                            "first_of_product")
                    .createOrReplaceTempView("bench_lines");
            List<Row> result = orders.sparkSession().sql(GROUPING_SETS).collectAsList();
            old[round] = (System.nanoTime() - start) / 1_000_000;
            oldCpu[round] = cpuMillis() - cpu;
            oldTotal = result.stream().filter(r -> r.getAs("country") == null && r.getAs("card_type") == null
                            && r.getAs("category") == null && r.getAs("product_id") == null)
                    .map(r -> r.<BigDecimal>getAs("order_revenue")).reduce(BigDecimal.ZERO, BigDecimal::add);

            start = System.nanoTime();
            cpu = cpuMillis();
            List<WindowAggregate> aggregates = BatchAggregator.aggregate(orders);
            fold[round] = (System.nanoTime() - start) / 1_000_000;
            foldCpu[round] = cpuMillis() - cpu;
            foldTotal = aggregates.stream().filter(WindowAggregate::isTotal).map(WindowAggregate::revenue)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        }
        assertThat(foldTotal).isEqualByComparingTo(oldTotal);
        System.out.println("cpu ms: grouping sets " + java.util.Arrays.toString(oldCpu) + ", partition fold " + java.util.Arrays.toString(foldCpu));
        System.out.printf("aggregation of %d orders, %d rounds (ms): grouping sets %s, partition fold %s%n", RECORDS,
                ROUNDS, java.util.Arrays.toString(old), java.util.Arrays.toString(fold));
        orders.unpersist();
    }

    /** CPU time of this whole JVM (Spark's local executor threads included): steadier than wall time on a shared machine. */
    private static long cpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }
}
