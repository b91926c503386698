package io.salespulse.job;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * One pass over a batch's fresh orders: each task writes its orders to the raw store and folds the same rows into
 * the aggregates while Cassandra acknowledges the writes. Measured against two Spark jobs (writes, then or beside
 * an aggregation) this decodes the cached rows once instead of twice, and no task slot sits idle waiting for
 * Cassandra while the aggregation queues for a slot (docs/benchmarks.md).
 *
 * <p>Late events are written to the raw store either way; they reach the aggregates only when the late policy
 * applies them.
 */
final class FreshOrdersPass {

    /** What the pass produced: the batch's aggregates, and how long its tasks waited for Cassandra in total. */
    record Result(List<WindowAggregate> aggregates, long cassandraWaitMillis) {
    }

    private FreshOrdersPass() {
    }

    static Result run(Dataset<Row> fresh, JobConfig.CassandraSettings cassandra, boolean applyLate) {
        BatchAggregator.Layout layout = BatchAggregator.Layout.of(fresh.schema());
        int late = fresh.schema().fieldIndex("late");
        LongAccumulator waited = fresh.sparkSession().sparkContext().longAccumulator("cassandra-wait-ms");
        MapPartitionsFunction<Row, byte[]> pass = rows -> task(rows, cassandra, layout, late, applyLate, waited);
        List<byte[]> partials = fresh.mapPartitions(pass, Encoders.BINARY()).collectAsList();
        return new Result(BatchAggregator.combine(layout, partials), waited.value());
    }

    private static Iterator<byte[]> task(Iterator<Row> rows, JobConfig.CassandraSettings cassandra,
                                         BatchAggregator.Layout layout, int late, boolean applyLate,
                                         LongAccumulator waited) throws InterruptedException {
        CassandraRawWriter writer = new CassandraRawWriter(cassandra);
        BatchAggregator.Fold fold = new BatchAggregator.Fold(layout);
        while (rows.hasNext()) {
            Row order = rows.next();
            writer.write(order);
            if (applyLate || !order.getBoolean(late)) {
                fold.add(order);
            }
        }
        waited.add(writer.finish());
        return List.of(fold.toBytes()).iterator();
    }
}
