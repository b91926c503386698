package io.salespulse.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;

/**
 * What a real checkpoint pins: a query's first run records spark.sql.shuffle.partitions in its offset log; a second
 * run from the same checkpoint with another value still records (and runs with) the first.
 */
class CheckpointSettingsTest {

    @Test
    void theOffsetLogKeepsTheFirstRunsShufflePartitions() throws Exception {
        SparkSession spark = LocalSpark.get().newSession();
        Path input = Files.createTempDirectory("salespulse-checkpoint-in");
        Path checkpoint = Files.createTempDirectory("salespulse-checkpoint");
        assertThat(CheckpointSettings.read(spark.sparkContext().hadoopConfiguration(), checkpoint.toString()))
                .as("no batch yet").isEmpty();

        Files.writeString(input.resolve("a.json"), "{\"v\":1}\n");
        spark.conf().set("spark.sql.shuffle.partitions", "3");
        runOnce(spark, input, checkpoint);
        assertThat(CheckpointSettings.read(spark.sparkContext().hadoopConfiguration(), checkpoint.toString()))
                .containsEntry("spark.sql.shuffle.partitions", "3");

        Files.writeString(input.resolve("b.json"), "{\"v\":2}\n");
        spark.conf().set("spark.sql.shuffle.partitions", "5");
        runOnce(spark, input, checkpoint);
        assertThat(CheckpointSettings.read(spark.sparkContext().hadoopConfiguration(), checkpoint.toString()))
                .as("pinned by the checkpoint, not the new session value")
                .containsEntry("spark.sql.shuffle.partitions", "3");
    }

    @Test
    void readsTheConfOfAnOffsetLogEntry() throws Exception {
        assertThat(CheckpointSettings.fromOffsetLog(List.of("v1", "{\"batchWatermarkMs\":0,\"batchTimestampMs\":1,"
                + "\"conf\":{\"spark.sql.shuffle.partitions\":\"4\",\"spark.sql.streaming.stateStore.providerClass\":"
                + "\"x.Y\"}}", "{\"topic\":{\"0\":1}}")))
                .containsExactlyEntriesOf(new java.util.TreeMap<>(java.util.Map.of("spark.sql.shuffle.partitions",
                        "4", "spark.sql.streaming.stateStore.providerClass", "x.Y")));
        assertThat(CheckpointSettings.fromOffsetLog(List.of("v1"))).isEmpty();
    }

    private static void runOnce(SparkSession spark, Path input, Path checkpoint) throws Exception {
        Dataset<Row> rows = spark.readStream().schema("v INT").json(input.toString());
        rows.writeStream()
                .option("checkpointLocation", checkpoint.toString())
                .trigger(Trigger.AvailableNow())
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> batch.count())
                .start()
                .awaitTermination(TimeUnit.MINUTES.toMillis(3));
    }
}
