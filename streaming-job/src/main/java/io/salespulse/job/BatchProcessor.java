package io.salespulse.job;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one micro-batch: parse, validate and classify the records MySQL does not have yet (one narrow pass);
 * collect a small summary to the driver; drop event ids counted before; write the new orders to Cassandra
 * (idempotent) and aggregate them in the same pass; then commit aggregates, dead letters, late events,
 * seen ids and offsets to MySQL in one transaction. A crash anywhere before that commit leaves MySQL untouched and
 * the replay recomputes the same batch; a crash after it makes the replay a no-op.
 */
public final class BatchProcessor implements VoidFunction2<Dataset<Row>, Long> {

    private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);
    private static final StructType POSITIONS = new StructType()
            .add("x_partition", DataTypes.IntegerType, false)
            .add("x_offset", DataTypes.LongType, false);

    private final JobConfig config;
    private final MysqlStore mysql;
    private final CrashPoint crashPoint;
    private transient KafkaTopicLog kafkaLog;
    private final BatchRetry retry;

    public BatchProcessor(JobConfig config, MysqlStore mysql, CrashPoint crashPoint) {
        this.config = config;
        this.mysql = mysql;
        this.crashPoint = crashPoint;
        this.retry = BatchRetry.of(config.retryTransientFor());
    }

    @Override
    public void call(Dataset<Row> kafkaRecords, Long batchId) throws Exception {
        retry.run(batchId, () -> process(kafkaRecords, batchId));
    }

    private void process(Dataset<Row> kafkaRecords, long batchId) throws Exception {
        long started = System.currentTimeMillis();
        PhaseTimer phases = new PhaseTimer();
        // The batch's offsets were fixed before this call: every record in it was appended before this instant.
        Instant jobClock = Instant.ofEpochMilli(started);
        ParsedRecords.Rules rules = new ParsedRecords.Rules(config.window(), config.allowedLateness(),
                config.maxFutureSkew(), config.deadLetterPayloadMax(), jobClock);
        List<PartitionProgress> stored = mysql.readProgress(config.topic());
        KafkaTopicLog log = kafkaLog().refresh();
        List<OffsetGap> gaps = new ArrayList<>(acceptedOrStop(OffsetGaps.storeAheadOfTopic(config.topic(), stored, log)));
        List<PartitionProgress> restarted = OffsetGaps.restartedAt(stored, gaps, log);
        List<PartitionProgress> progress = PartitionProgress.withoutFutureEventTimes(restarted,
                new FutureSkewRule(config.maxFutureSkew(), jobClock).latestAcceptable());
        if (!progress.equals(restarted)) {
            LOG.warn("stream_progress holds far-future event times (accepted before event times were bounded): {}; "
                    + "they are ignored and replaced as new events arrive", stored);
        }
        Dataset<Row> parsed = ParsedRecords.parse(kafkaRecords, progress, rules).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            BatchSummary summary = BatchSummary.of(parsed.selectExpr(BatchSummary.COLUMNS).collectAsList());
            phases.mark("parse");
            gaps.addAll(acceptedOrStop(OffsetGaps.behindBatch(config.topic(), progress, summary.firstOffsets(), log)));
            if (summary.isEmpty() && gaps.isEmpty()) {
                return;
            }
            List<FreshEvent> fresh = summary.fresh(mysql.alreadySeen(summary.candidateIds()));
            phases.mark("dedup");
            Dataset<Row> freshRows = freshRows(parsed, summary, fresh);
            boolean applyLate = config.latePolicy() == JobConfig.LatePolicy.APPLY;
            FreshOrdersPass.Result written = FreshOrdersPass.run(freshRows, config.cassandra(), applyLate);
            List<WindowAggregate> aggregates = written.aggregates();
            phases.mark("cassandra+aggregate");
            publishDeadLetters(parsed, summary);
            BatchOutcome outcome = new BatchOutcome(batchId, config.topic(), stored,
                    withRestarts(summary.progressAfter(progress), restarted, gaps), aggregates, summary.deadLetters,
                    fresh, applyLate, summary.records, summary.validRecords, System.currentTimeMillis() - started, gaps);
            crashPoint.beforeCommit();
            mysql.commit(outcome);
            phases.mark("mysql");
            LOG.info("batch {} committed in {} ms: {} records, {} new orders, {} duplicates, {} dead letters, {} late {}",
                    batchId, System.currentTimeMillis() - started, summary.records, fresh.size(), outcome.duplicates(),
                    summary.deadLetters.size(), outcome.lateEvents(),
                    phases + " (" + written.describe() + ")");
        } finally {
            parsed.unpersist();
        }
    }

    private KafkaTopicLog kafkaLog() {
        if (kafkaLog == null) {
            kafkaLog = new KafkaTopicLog(config);
        }
        return kafkaLog;
    }

    /** The gaps, when the configuration accepts them; else the job stops here, before anything is written. */
    private List<OffsetGap> acceptedOrStop(List<OffsetGap> gaps) {
        if (gaps.isEmpty()) {
            return gaps;
        }
        if (!config.acceptGaps()) {
            throw new OffsetGaps.GapException(gaps);
        }
        gaps.forEach(g -> LOG.warn("accepting offset gap (job.accept-gaps=true), recorded in stream_gaps: {}", g.describe()));
        return gaps;
    }

    /** A partition restarted by an accepted gap keeps its new start even when this batch has no record of it. */
    private static List<PartitionProgress> withRestarts(List<PartitionProgress> after, List<PartitionProgress> restarted,
                                                        List<OffsetGap> gaps) {
        List<PartitionProgress> merged = new ArrayList<>(after);
        Set<Integer> touched = new HashSet<>();
        after.forEach(p -> touched.add(p.partition()));
        Set<Integer> reset = new HashSet<>();
        gaps.stream().filter(g -> g.kind() == OffsetGap.Kind.STORE_AHEAD_OF_TOPIC).forEach(g -> reset.add(g.partition()));
        restarted.stream().filter(p -> reset.contains(p.partition()) && !touched.contains(p.partition())).forEach(merged::add);
        merged.sort(java.util.Comparator.comparingInt(PartitionProgress::partition));
        return merged;
    }

    /** The rows of the fresh events: valid first occurrences, minus the few the driver excluded. */
    private static Dataset<Row> freshRows(Dataset<Row> parsed, BatchSummary summary, List<FreshEvent> fresh) {
        Dataset<Row> firsts = parsed.filter(col("valid").and(col("first")));
        if (fresh.size() == summary.candidates.size()) {
            return firsts;
        }
        Set<String> kept = new HashSet<>();
        fresh.forEach(e -> kept.add(e.partition() + "/" + e.offset()));
        List<Row> excluded = summary.candidates.stream()
                .filter(e -> !kept.contains(e.partition() + "/" + e.offset()))
                .map(e -> new NamedRow(POSITIONS).set("x_partition", e.partition()).set("x_offset", e.offset()).build())
                .toList();
        Dataset<Row> positions = parsed.sparkSession().createDataFrame(excluded, POSITIONS);
        return firsts.join(broadcast(positions), col("kafka_partition").equalTo(col("x_partition"))
                .and(col("kafka_offset").equalTo(col("x_offset"))), "left_anti");
    }

    /**
     * Also sends dead letters to a Kafka topic when one is configured (at-least-once; MySQL is the record). Like the
     * table, a message carries the start of the payload with the size and SHA-256 of the whole: a record just under
     * the source topic's size limit would not fit the dead-letter topic once wrapped.
     */
    private void publishDeadLetters(Dataset<Row> parsed, BatchSummary summary) {
        if (config.deadLetterTopic().isEmpty() || summary.deadLetters.isEmpty()) {
            return;
        }
        parsed.filter(col("valid").equalTo(false))
                .select(col("record_key").as("key"), to_json(struct(col("topic").as("source_topic"),
                        col("kafka_partition").as("source_partition"), col("kafka_offset").as("source_offset"),
                        col("reason_code"), col("reason"), col("payload"), col("payload_bytes"),
                        col("payload_sha256"))).as("value"))
                .write().format("kafka")
                .options(config.kafkaClientOptions())
                .option("kafka.bootstrap.servers", config.kafkaBootstrapServers())
                .option("topic", config.deadLetterTopic())
                .save();
    }
}
