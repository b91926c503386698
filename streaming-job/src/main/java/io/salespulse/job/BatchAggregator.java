package io.salespulse.job;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Aggregates a micro-batch of distinct, valid orders per event-time window: in total and by country, card type,
 * category and product — as ONE Spark aggregation over the order lines with GROUPING SETS (one shuffle, not five).
 * Order-level figures (revenue in USD, order count) are taken from each order's first line so they are counted once;
 * category and product figures from the lines themselves. Works on any Dataset with {@link ParsedRecords#SCHEMA},
 * streaming batch or static.
 */
public final class BatchAggregator {

    private static final String LINES_VIEW = "salespulse_batch_order_lines";

    private static final String SQL = """
            SELECT grouping(country) AS g_country, grouping(card_type) AS g_card, grouping(category) AS g_category,
                   grouping(product_id) AS g_product, window_start, country, card_type, category, product_id, product_name,
                   SUM(CASE WHEN line_no = 0 THEN order_revenue END) AS order_revenue,
                   SUM(line_revenue)                                  AS line_revenue,
                   SUM(CASE WHEN line_no = 0 THEN 1 ELSE 0 END)        AS orders,
                   SUM(CASE WHEN first_of_category THEN 1 ELSE 0 END)  AS category_orders,
                   SUM(CASE WHEN first_of_product THEN 1 ELSE 0 END)   AS product_orders,
                   CAST(SUM(quantity) AS BIGINT)                       AS items
            FROM %s
            GROUP BY GROUPING SETS ((window_start), (window_start, country), (window_start, card_type),
                                    (window_start, category), (window_start, product_id, product_name, category))
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
        Instant window = (Instant) row.get(4);
        long items = row.getLong(15);
        if (row.getByte(0) == 0) {
            return orderLevel(Dimension.COUNTRY, window, row.getString(5), row);
        }
        if (row.getByte(1) == 0) {
            return orderLevel(Dimension.CARD_TYPE, window, row.getString(6), row);
        }
        if (row.getByte(3) == 0) {
            return new WindowAggregate(Dimension.PRODUCT, window, row.getString(8), row.getString(9), row.getString(7),
                    money(row, 11), row.getLong(14), items);
        }
        if (row.getByte(2) == 0) {
            return new WindowAggregate(Dimension.CATEGORY, window, row.getString(7), null, null, money(row, 11),
                    row.getLong(13), items);
        }
        return orderLevel(Dimension.TOTAL, window, null, row);
    }

    private static WindowAggregate orderLevel(Dimension dimension, Instant window, String key, Row row) {
        return new WindowAggregate(dimension, window, key, null, null, money(row, 10), row.getLong(12), row.getLong(15));
    }

    private static BigDecimal money(Row row, int index) {
        return ((BigDecimal) row.get(index)).setScale(2);
    }
}
