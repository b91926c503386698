package io.salespulse.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one micro-batch, in this order: skip offsets MySQL already has; parse and validate; classify duplicates
 * and late events; write the new valid orders to Cassandra (idempotent); aggregate them; then commit aggregates,
 * dead letters, late events, seen ids and offsets to MySQL in one transaction. A crash anywhere before that commit
 * leaves MySQL untouched and the replay recomputes the same batch; a crash after it makes the replay a no-op.
 */
public final class BatchProcessor implements VoidFunction2<Dataset<Row>, Long> {

    private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);
    private static final StructType EVENT_IDS = new StructType().add("seen_event_id", DataTypes.StringType, false);

    private final JobConfig config;
    private final MysqlStore mysql;
    private final CrashPoint crashPoint;

    public BatchProcessor(JobConfig config, MysqlStore mysql, CrashPoint crashPoint) {
        this.config = config;
        this.mysql = mysql;
        this.crashPoint = crashPoint;
    }

    @Override
    public void call(Dataset<Row> kafkaRecords, Long batchId) throws Exception {
        long started = System.currentTimeMillis();
        PhaseTimer phases = new PhaseTimer();
        List<PartitionProgress> progress = mysql.readProgress(config.topic());
        Dataset<Row> parsed = ParsedRecords.parse(BatchClassifier.unapplied(kafkaRecords, progress), config.window())
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<Row> perPartition = parsed.groupBy(col("kafka_partition"))
                    .agg(max("kafka_offset").as("max_offset"), count(lit(1)).as("records"),
                            sum(when(col("valid"), 1).otherwise(0)).as("valid"),
                            max(when(col("valid"), col("event_time"))).as("max_event_time"))
                    .collectAsList();
            phases.mark("parse");
            if (perPartition.isEmpty()) {
                LOG.debug("batch {}: nothing new", batchId);
                return;
            }
            List<DeadLetter> deadLetters = deadLetters(parsed);
            phases.mark("dead-letters");
            Dataset<Row> firsts = BatchClassifier.firstOccurrences(parsed, progress, config.allowedLateness())
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                Dataset<Row> fresh = withoutSeen(firsts);
                phases.mark("dedup");
                List<FreshEvent> freshEvents = freshEvents(fresh);
                phases.mark("classify");
                fresh.foreachPartition(new CassandraRawWriter(config.cassandra()));
                phases.mark("cassandra");
                Dataset<Row> counted = config.latePolicy() == JobConfig.LatePolicy.APPLY ? fresh : fresh.filter(col("late").equalTo(false));
                List<WindowAggregate> aggregates = BatchAggregator.aggregate(counted);
                phases.mark("aggregate");
                publishDeadLetters(parsed);
                long records = perPartition.stream().mapToLong(r -> r.getLong(2)).sum();
                long valid = perPartition.stream().mapToLong(r -> r.getLong(3)).sum();
                BatchOutcome outcome = new BatchOutcome(batchId, config.topic(), progress, newProgress(progress, perPartition),
                        aggregates, deadLetters, freshEvents, config.latePolicy() == JobConfig.LatePolicy.APPLY,
                        records, valid, System.currentTimeMillis() - started);
                crashPoint.beforeCommit();
                mysql.commit(outcome);
                phases.mark("mysql");
                LOG.info("batch {} committed in {} ms: {} records, {} new orders, {} duplicates, {} dead letters, {} late {}",
                        batchId, System.currentTimeMillis() - started, records, freshEvents.size(), outcome.duplicates(),
                        deadLetters.size(), outcome.lateEvents(), phases);
            } finally {
                firsts.unpersist();
            }
        } finally {
            parsed.unpersist();
        }
    }

    private Dataset<Row> withoutSeen(Dataset<Row> firsts) throws SQLException {
        List<String> ids = firsts.select(col("event_id")).as(Encoders.STRING()).collectAsList();
        Set<String> seen = mysql.alreadySeen(ids);
        if (seen.isEmpty()) {
            return firsts;
        }
        List<Row> rows = seen.stream().map(id -> RowFactory.create(id)).toList();
        Dataset<Row> seenFrame = firsts.sparkSession().createDataFrame(rows, EVENT_IDS);
        return firsts.join(org.apache.spark.sql.functions.broadcast(seenFrame),
                col("event_id").equalTo(col("seen_event_id")), "left_anti");
    }

    private static List<FreshEvent> freshEvents(Dataset<Row> fresh) {
        return fresh.select("event_id", "order_id", "event_time", "late", "watermark", "kafka_partition", "kafka_offset")
                .collectAsList().stream()
                .map(r -> new FreshEvent(UUID.fromString(r.getString(0)), r.getString(1), (Instant) r.get(2),
                        r.getBoolean(3), (Instant) r.get(4), r.getInt(5), r.getLong(6)))
                .toList();
    }

    private static List<DeadLetter> deadLetters(Dataset<Row> parsed) {
        return parsed.filter(col("valid").equalTo(false))
                .select("topic", "kafka_partition", "kafka_offset", "kafka_timestamp", "record_key", "reason_code",
                        "reason", "payload")
                .collectAsList().stream()
                .map(r -> new DeadLetter(r.getString(0), r.getInt(1), r.getLong(2), (Instant) r.get(3), r.getString(4),
                        r.getString(5), r.getString(6), r.getString(7)))
                .toList();
    }

    /** Also sends dead letters to a Kafka topic when one is configured (at-least-once; MySQL is the record). */
    private void publishDeadLetters(Dataset<Row> parsed) {
        if (config.deadLetterTopic().isEmpty()) {
            return;
        }
        parsed.filter(col("valid").equalTo(false))
                .select(col("record_key").as("key"), to_json(struct(col("topic").as("source_topic"),
                        col("kafka_partition").as("source_partition"), col("kafka_offset").as("source_offset"),
                        col("reason_code"), col("reason"), col("payload"))).as("value"))
                .write().format("kafka")
                .option("kafka.bootstrap.servers", config.kafkaBootstrapServers())
                .option("topic", config.deadLetterTopic())
                .save();
    }

    static List<PartitionProgress> newProgress(List<PartitionProgress> before, List<Row> perPartition) {
        Map<Integer, PartitionProgress> result = new HashMap<>();
        before.forEach(p -> result.put(p.partition(), p));
        Set<Integer> touched = new HashSet<>();
        for (Row row : perPartition) {
            int partition = row.getInt(0);
            touched.add(partition);
            Instant batchMax = row.isNullAt(4) ? null : (Instant) row.get(4);
            PartitionProgress old = result.get(partition);
            Instant max = old == null || old.maxEventTime() == null ? batchMax
                    : batchMax == null || old.maxEventTime().isAfter(batchMax) ? old.maxEventTime() : batchMax;
            result.put(partition, new PartitionProgress(partition, row.getLong(1) + 1, max));
        }
        List<PartitionProgress> out = new ArrayList<>(result.values());
        out.removeIf(p -> !touched.contains(p.partition()));
        out.sort(Comparator.comparingInt(PartitionProgress::partition));
        return out;
    }
}
