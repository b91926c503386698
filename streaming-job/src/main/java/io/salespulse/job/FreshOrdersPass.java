package io.salespulse.job;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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

    /**
     * What the pass produced: the batch's aggregates; summed over its tasks, the time they waited for Cassandra and
     * the CPU time they spent folding; and the driver's time adding up the partial sums (the aggregation's cost is the
     * fold plus the combine).
     */
    record Result(List<WindowAggregate> aggregates, long cassandraWaitMillis, long foldMillis, long combineMillis) {

        String describe() {
            return "in tasks: Cassandra waits " + cassandraWaitMillis + " ms, fold " + foldMillis + " ms; driver combine "
                    + combineMillis + " ms";
        }
    }

    private FreshOrdersPass() {
    }

    static Result run(Dataset<Row> fresh, JobConfig.CassandraSettings cassandra, boolean applyLate) {
        BatchAggregator.Layout layout = BatchAggregator.Layout.of(fresh.schema());
        int late = fresh.schema().fieldIndex("late");
        LongAccumulator waited = fresh.sparkSession().sparkContext().longAccumulator("cassandra-wait-ms");
        LongAccumulator folding = fresh.sparkSession().sparkContext().longAccumulator("fold-ns");
        MapPartitionsFunction<Row, byte[]> pass = rows -> task(rows, cassandra, layout, late, applyLate, waited, folding);
        List<byte[]> partials = fresh.mapPartitions(pass, Encoders.BINARY()).collectAsList();
        long start = System.nanoTime();
        List<WindowAggregate> aggregates = BatchAggregator.combine(layout, partials);
        return new Result(aggregates, waited.value(), folding.value() / 1_000_000, (System.nanoTime() - start) / 1_000_000);
    }

    private static Iterator<byte[]> task(Iterator<Row> rows, JobConfig.CassandraSettings cassandra,
                                         BatchAggregator.Layout layout, int late, boolean applyLate,
                                         LongAccumulator waited, LongAccumulator folding) throws InterruptedException {
        CassandraRawWriter writer = new CassandraRawWriter(cassandra);
        BatchAggregator.Fold fold = new BatchAggregator.Fold(layout);
        // CPU time, not wall time: on a shared machine the task is descheduled, and that is not the fold's cost.
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long foldNanos = 0;
        while (rows.hasNext()) {
            Row order = rows.next();
            writer.write(order);
            if (applyLate || !order.getBoolean(late)) {
                long start = cpu.getCurrentThreadCpuTime();
                fold.add(order);
                foldNanos += cpu.getCurrentThreadCpuTime() - start;
            }
        }
        waited.add(writer.finish());
        long start = cpu.getCurrentThreadCpuTime();
        byte[] partial = fold.toBytes();
        folding.add(foldNanos + cpu.getCurrentThreadCpuTime() - start);
        return List.of(partial).iterator();
    }
}
