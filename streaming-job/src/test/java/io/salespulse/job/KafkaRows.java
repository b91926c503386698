package io.salespulse.job;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Builds static Datasets shaped like the Kafka source's rows, for testing batch logic without a broker. */
final class KafkaRows {

    static final StructType KAFKA = new StructType()
            .add("key", DataTypes.BinaryType, true)
            .add("value", DataTypes.BinaryType, true)
            .add("topic", DataTypes.StringType, false)
            .add("partition", DataTypes.IntegerType, false)
            .add("offset", DataTypes.LongType, false)
            .add("timestamp", DataTypes.TimestampType, true)
            .add("timestampType", DataTypes.IntegerType, true);

    static final Instant APPENDED = Instant.parse("2026-11-28T12:00:00Z");

    private final List<Row> rows = new ArrayList<>();
    private final long[] nextOffset = new long[8];

    KafkaRows add(int partition, String value) {
        return add(partition, value.getBytes(StandardCharsets.UTF_8), APPENDED, 0);
    }

    /** A record with raw bytes, a timestamp and its type (0 CreateTime, 1 LogAppendTime). */
    KafkaRows add(int partition, byte[] value, Instant timestamp, int timestampType) {
        rows.add(new NamedRow(KAFKA)
                .set("key", "k".getBytes(StandardCharsets.UTF_8))
                .set("value", value)
                .set("topic", "orders")
                .set("partition", partition)
                .set("offset", nextOffset[partition]++)
                .set("timestamp", timestamp)
                .set("timestampType", timestampType)
                .build());
        return this;
    }

    /** Like the Kafka source: each topic-partition within one Spark partition, in offset order. */
    Dataset<Row> toDataset() {
        return LocalSpark.get().createDataFrame(rows, KAFKA)
                .repartition(2, org.apache.spark.sql.functions.col("partition"))
                .sortWithinPartitions("partition", "offset");
    }
}
