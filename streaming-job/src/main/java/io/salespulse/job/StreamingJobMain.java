package io.salespulse.job;

import com.datastax.oss.driver.api.core.CqlSession;
import io.salespulse.schema.cassandra.CassandraSchema;
import io.salespulse.schema.mysql.JobHeartbeat;
import io.salespulse.schema.mysql.MysqlSchema;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the streaming job: {@code StreamingJobMain [--config FILE]} (or {@code SALESPULSE_CONFIG}).
 * Prepares the MySQL and Cassandra schemas, then runs the Kafka → Cassandra + MySQL query until stopped.
 * {@code StreamingJobMain --self-check} only checks that the runtime is complete (see {@link RuntimeSelfCheck}).
 */
public final class StreamingJobMain {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingJobMain.class);
    public static final String QUERY_NAME = JobHeartbeat.QUERY_NAME;
    /** Exit code for a failure a restart cannot cure (an offset gap): a supervisor should stop and show the message. */
    public static final int EXIT_NEEDS_OPERATOR = 3;

    private StreamingJobMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--self-check")) {
            System.exit(RuntimeSelfCheck.run(System.out));
        }
        Map<String, String> env = System.getenv();
        String file = args.length == 2 && args[0].equals("--config") ? args[1] : env.get("SALESPULSE_CONFIG");
        JobConfig config = JobConfig.load(file == null ? null : Path.of(file), env);
        LOG.info("SalesPulse streaming job starting with configuration:\n{}", config.describe());

        // Connect timeout only: a migration's ALTER on a big table may legitimately run for minutes.
        String migrationUrl = MysqlSchema.withDriverDefaults(config.mysqlUrl());
        if (!migrationUrl.contains("connectTimeout=")) {
            migrationUrl += "&connectTimeout=" + config.mysqlConnectTimeout().toMillis();
        }
        MysqlSchema.migrate(migrationUrl, config.mysqlUser(), config.mysqlPassword());
        LOG.info("MySQL schema is current");
        try (CqlSession session = CassandraSessions.open(config.cassandra())) {
            CassandraSchema.apply(session, config.cassandra().keyspace(), config.cassandra().replication());
        }
        LOG.info("Cassandra keyspace {} is ready", config.cassandra().keyspace());

        SparkConf sparkConf = sparkConf(config);
        if (sparkConf.get("spark.master", "").startsWith("k8s://")) {
            // Before Spark asks for executors: a restarted driver container finds its old ones still there.
            PreviousRunExecutors.remove(sparkConf);
        }
        SparkSession spark = SparkSession.builder().config(sparkConf).getOrCreate();
        LOG.info("Spark master {}", spark.sparkContext().master());
        spark.streams().addListener(new HeartbeatListener(config, QUERY_NAME, spark));
        StreamingQuery query = start(spark, config, new CrashPoint(env.get("SALESPULSE_CRASH_BEFORE_COMMIT")));
        LOG.info("query {} started; trigger every {}, checkpoint {}", QUERY_NAME, config.triggerInterval(), config.checkpointLocation());
        try {
            query.awaitTermination();
        } catch (StreamingQueryException e) {
            // Exit non-zero so the supervisor (Kubernetes, the launcher) restarts the job from its checkpoint.
            OffsetGaps.GapException gap = gapIn(e);
            if (gap != null) {
                LOG.error("query {} stopped: {}", QUERY_NAME, gap.getMessage());
                spark.stop();
                System.exit(EXIT_NEEDS_OPERATOR);
            }
            LOG.error("query {} failed: {}", QUERY_NAME, e.getMessage(), e);
            spark.stop();
            System.exit(1);
        }
    }

    static OffsetGaps.GapException gapIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OffsetGaps.GapException gap) {
                return gap;
            }
        }
        return null;
    }

    static SparkConf sparkConf(JobConfig config) {
        SparkConf conf = new SparkConf();
        config.sparkConf().forEach((key, value) -> {
            if (!key.equals("spark.master") || !conf.contains("spark.master")) {
                conf.setIfMissing(key, value);
            }
        });
        // Timestamps come back as java.time.Instant, which the job's code expects.
        conf.set("spark.sql.datetime.java8API.enabled", "true");
        return conf;
    }

    public static StreamingQuery start(SparkSession spark, JobConfig config, CrashPoint crashPoint) throws Exception {
        var reader = spark.readStream().format("kafka");
        config.kafkaClientOptions().forEach(reader::option);
        Dataset<Row> orders = reader
                .option("kafka.bootstrap.servers", config.kafkaBootstrapServers())
                .option("subscribe", config.topic())
                .option("startingOffsets", config.startingOffsets())
                .option("maxOffsetsPerTrigger", config.maxOffsetsPerTrigger())
                // The batch's own gap check (OffsetGaps) decides instead, against MySQL's offsets: it names topic,
                // partition and offsets, tells transaction markers from lost records, catches a recreated topic
                // even without a checkpoint, and can be told to accept and record a known loss.
                .option("failOnDataLoss", "false")
                .load();
        MysqlStore mysql = new MysqlStore(config.mysqlUrl(), config.mysqlUser(), config.mysqlPassword(),
                config.window(), config.dedupRetention(), config.mysqlConnectTimeout(), config.mysqlSocketTimeout());
        return orders.writeStream()
                .queryName(QUERY_NAME)
                .option("checkpointLocation", config.checkpointLocation())
                .trigger(Trigger.ProcessingTime(config.triggerInterval().toMillis(), TimeUnit.MILLISECONDS))
                .foreachBatch(new BatchProcessor(config, mysql, crashPoint))
                .start();
    }
}
