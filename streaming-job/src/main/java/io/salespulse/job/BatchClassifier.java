package io.salespulse.job;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Marks, deterministically, which valid records are first occurrences of their event_id and which are late.
 *
 * <p>Lateness is judged per Kafka partition in offset order: a record is late when its event time is more than the
 * allowed lateness behind the newest event time seen before it on the same partition (in earlier batches, from
 * {@code stream_progress}, or earlier in this batch). Because it depends only on what is in the log, a replayed or
 * differently-sized batch classifies every record the same way.
 */
public final class BatchClassifier {

    static final StructType PROGRESS = new StructType()
            .add("p_partition", DataTypes.IntegerType, false)
            .add("p_next_offset", DataTypes.LongType, false)
            .add("p_max_event_ms", DataTypes.LongType, true);

    private BatchClassifier() {
    }

    /** The Kafka records not yet applied according to {@code progress}. */
    public static Dataset<Row> unapplied(Dataset<Row> kafkaRecords, Collection<PartitionProgress> progress) {
        if (progress.isEmpty()) {
            return kafkaRecords;
        }
        return kafkaRecords.join(broadcast(progressFrame(kafkaRecords.sparkSession(), progress)),
                        col("partition").equalTo(col("p_partition")), "left")
                .filter(col("p_next_offset").isNull().or(col("offset").geq(col("p_next_offset"))))
                .drop("p_partition", "p_next_offset", "p_max_event_ms");
    }

    /**
     * Valid rows of {@code parsed} that are the first occurrence of their event_id in this batch, with columns
     * {@code late} (boolean) and {@code watermark} (timestamp or null) added.
     */
    public static Dataset<Row> firstOccurrences(Dataset<Row> parsed, Collection<PartitionProgress> progress, Duration allowedLateness) {
        Dataset<Row> valid = parsed.filter(col("valid"));
        WindowSpec before = Window.partitionBy(col("kafka_partition")).orderBy(col("kafka_offset"))
                .rowsBetween(Window.unboundedPreceding(), -1);
        Column seenInBatch = max(expr("unix_millis(event_time)")).over(before);
        Dataset<Row> withPrior = valid.join(broadcast(progressFrame(parsed.sparkSession(), progress)),
                        col("kafka_partition").equalTo(col("p_partition")), "left")
                .withColumn("prior_max_ms", greatest(seenInBatch, col("p_max_event_ms")))
                .drop("p_partition", "p_next_offset", "p_max_event_ms");
        Column watermarkMs = col("prior_max_ms").minus(lit(allowedLateness.toMillis()));
        WindowSpec sameEvent = Window.partitionBy(col("event_id")).orderBy(col("kafka_partition"), col("kafka_offset"));
        return withPrior
                .withColumn("watermark", expr("timestamp_millis(prior_max_ms - " + allowedLateness.toMillis() + ")"))
                .withColumn("late", coalesce(expr("unix_millis(event_time)").lt(watermarkMs), lit(false)))
                .withColumn("occurrence", row_number().over(sameEvent))
                .filter(col("occurrence").equalTo(1))
                .drop("occurrence", "prior_max_ms");
    }

    private static Dataset<Row> progressFrame(SparkSession spark, Collection<PartitionProgress> progress) {
        List<Row> rows = progress.stream()
                .map(p -> RowFactory.create(p.partition(), p.nextOffset(),
                        p.maxEventTime() == null ? null : p.maxEventTime().toEpochMilli()))
                .toList();
        return spark.createDataFrame(rows, PROGRESS);
    }
}
