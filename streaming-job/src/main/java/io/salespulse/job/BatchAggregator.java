package io.salespulse.job;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Aggregates a micro-batch of distinct, valid orders per event-time window into every {@link Dimension} — total,
 * by country, card type, category, product, and the country × card type (× category | × product) slices that let
 * any filter apply to any panel — as ONE Spark aggregation over the order lines with GROUPING SETS (one shuffle).
 * Order-level figures (revenue in USD, order count) are taken from each order's first line so they count once;
 * category and product figures from the lines themselves. Works on any Dataset with {@link ParsedRecords#SCHEMA}.
 */
public final class BatchAggregator {

    private static final String LINES_VIEW = "salespulse_batch_order_lines";

    private static final String SQL = """
            SELECT (1 - grouping(country)) + 2 * (1 - grouping(card_type)) + 4 * (1 - grouping(category))
                       + 8 * (1 - grouping(product_id)) AS grouping_mask,
                   window_start, country, card_type, category, product_id, product_name,
                   SUM(CASE WHEN line_no = 0 THEN order_revenue END)  AS order_revenue,
                   SUM(line_revenue)                                  AS line_revenue,
                   SUM(CASE WHEN line_no = 0 THEN 1 ELSE 0 END)        AS orders,
                   SUM(CASE WHEN first_of_category THEN 1 ELSE 0 END)  AS category_orders,
                   SUM(CASE WHEN first_of_product THEN 1 ELSE 0 END)   AS product_orders,
                   CAST(SUM(quantity) AS BIGINT)                       AS items
            FROM %s
            GROUP BY GROUPING SETS (
                (window_start), (window_start, country), (window_start, card_type), (window_start, category),
                (window_start, product_id, product_name, category), (window_start, country, card_type),
                (window_start, country, card_type, category),
                (window_start, country, card_type, product_id, product_name, category))
            """.formatted(LINES_VIEW);

    private BatchAggregator() {
    }

    public static List<WindowAggregate> aggregate(Dataset<Row> orders) {
        orders.selectExpr("window_start", "country", "card_type", "revenue AS order_revenue", "inline(items)")
                .selectExpr("window_start", "country", "card_type", "order_revenue", "line_no", "product_id",
                        "product_name", "category", "quantity", "revenue AS line_revenue", "first_of_category",
                        "first_of_product")
                .createOrReplaceTempView(LINES_VIEW);
        return orders.sparkSession().sql(SQL).collectAsList().stream().map(BatchAggregator::toAggregate).toList();
    }

    private static WindowAggregate toAggregate(Row row) {
        Dimension dimension = Dimension.ofGroupingMask(row.getInt(0));
        BigDecimal revenue;
        long orders;
        switch (dimension.level()) {
            case ORDER -> {
                revenue = (BigDecimal) row.get(7);
                orders = row.getLong(9);
            }
            case CATEGORY -> {
                revenue = (BigDecimal) row.get(8);
                orders = row.getLong(10);
            }
            default -> {
                revenue = (BigDecimal) row.get(8);
                orders = row.getLong(11);
            }
        }
        return new WindowAggregate(dimension, (Instant) row.get(1), row.getString(2), row.getString(3),
                row.getString(4), row.getString(5), row.getString(6), revenue.setScale(2), orders, row.getLong(12));
    }
}
