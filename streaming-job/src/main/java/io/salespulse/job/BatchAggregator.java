package io.salespulse.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Aggregates a micro-batch of distinct, valid orders per event-time window: in total and by country, card type,
 * category and product. All five run as one Spark job (a union) and come back as a small list for the driver's
 * MySQL transaction. Works on any Dataset with {@link ParsedRecords#SCHEMA}, streaming batch or static.
 */
public final class BatchAggregator {

    private BatchAggregator() {
    }

    public static List<WindowAggregate> aggregate(Dataset<Row> orders) {
        Dataset<Row> lines = orders.select(col("window_start"), col("event_id"), explode(col("items")).as("item"));
        Dataset<Row> all = byOrder(orders, Dimension.TOTAL, lit(null).cast("string"))
                .unionByName(byOrder(orders, Dimension.COUNTRY, col("country")))
                .unionByName(byOrder(orders, Dimension.CARD_TYPE, col("card_type")))
                .unionByName(byLine(lines, Dimension.CATEGORY, col("item.category"), lit(null).cast("string"), lit(null).cast("string")))
                .unionByName(byLine(lines, Dimension.PRODUCT, col("item.product_id"),
                        max(col("item.product_name")), max(col("item.category"))));
        return all.collectAsList().stream().map(BatchAggregator::toAggregate).toList();
    }

    private static Dataset<Row> byOrder(Dataset<Row> orders, Dimension dimension, Column key) {
        return orders.groupBy(col("window_start"), key.as("key"))
                .agg(sum("revenue").as("revenue"), count(lit(1)).as("orders"), sum("item_count").cast("long").as("items"))
                .select(lit(dimension.name()).as("dimension"), col("window_start"), col("key"),
                        lit(null).cast("string").as("name"), lit(null).cast("string").as("category"),
                        col("revenue"), col("orders"), col("items"));
    }

    private static Dataset<Row> byLine(Dataset<Row> lines, Dimension dimension, Column key, Column name, Column category) {
        return lines.groupBy(col("window_start"), key.as("key"))
                .agg(sum("item.revenue").as("revenue"), countDistinct(col("event_id")).as("orders"),
                        sum("item.quantity").cast("long").as("items"), name.as("name"), category.as("category"))
                .select(lit(dimension.name()).as("dimension"), col("window_start"), col("key"), col("name"),
                        col("category"), col("revenue"), col("orders"), col("items"));
    }

    private static WindowAggregate toAggregate(Row row) {
        return new WindowAggregate(Dimension.valueOf(row.getString(0)), (Instant) row.get(1), row.getString(2),
                row.getString(3), row.getString(4), ((BigDecimal) row.get(5)).setScale(2), row.getLong(6), row.getLong(7));
    }
}
