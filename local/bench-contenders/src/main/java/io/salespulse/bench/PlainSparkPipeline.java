package io.salespulse.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.window;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.data.UdtValue;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import io.salespulse.schema.cassandra.CassandraReplication;
import io.salespulse.schema.cassandra.CassandraSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Benchmark contender, not the product: the Spark pipeline a user would write instead of SalesPulse. {@code from_json}
 * with a schema; two streaming aggregations (window of 1 minute × country, × card type) with a watermark, their sums
 * upserted into MySQL over JDBC in {@code foreachBatch}; a third query writing every order to the raw store's two
 * tables, one prepared async insert per row per table with bounded concurrency. No validation (rows whose key or
 * grouping fields from_json could not read are dropped, or the inserts would fail), no exactly-once, no
 * de-duplication.
 *
 * <p>Usage: {@code PlainSparkPipeline <result-file>}, settings from the environment (see {@link Settings}). Runs until
 * each of the three queries has committed a batch ending at or beyond the backlog, then writes to the result file
 * {@code records startEpochMillis endEpochMillis}: start = the earliest query start, end = the last query's commit
 * of its final batch (that batch's trigger time plus its trigger execution, which includes the commit).
 */
public final class PlainSparkPipeline {

    static final StructType ITEM = new StructType()
            .add("product_id", DataTypes.StringType)
            .add("product_name", DataTypes.StringType)
            .add("category", DataTypes.StringType)
            .add("quantity", DataTypes.IntegerType)
            .add("unit_price", DataTypes.createDecimalType(12, 2));

    static final StructType ORDER = new StructType()
            .add("event_id", DataTypes.StringType)
            .add("order_id", DataTypes.StringType)
            .add("event_time", DataTypes.TimestampType)
            .add("customer_id", DataTypes.StringType)
            .add("country", DataTypes.StringType)
            .add("card_type", DataTypes.StringType)
            .add("channel", DataTypes.StringType)
            .add("currency", DataTypes.StringType)
            .add("items", DataTypes.createArrayType(ITEM))
            .add("total_amount", DataTypes.createDecimalType(12, 2));

    /** Everything from the environment, as the launcher passes it. */
    record Settings(String bootstrap, String topic, long backlog, String jdbcUrl, String user, String password,
                    String cassandra, String keyspace, String checkpoints, long triggerMillis, long maxOffsetsPerTrigger,
                    String watermark, int shufflePartitions, int maxConcurrentWrites) implements java.io.Serializable {

        static Settings fromEnvironment(Map<String, String> env) {
            return new Settings(env.get("BENCH_KAFKA"), env.get("BENCH_TOPIC"), Long.parseLong(env.get("BENCH_BACKLOG")),
                    env.get("BENCH_JDBC_URL"), env.get("BENCH_JDBC_USER"), env.get("BENCH_JDBC_PASSWORD"),
                    env.get("BENCH_CASSANDRA"), env.get("BENCH_KEYSPACE"), env.get("BENCH_CHECKPOINTS"),
                    Long.parseLong(env.get("BENCH_TRIGGER_MILLIS")), Long.parseLong(env.get("BENCH_MAX_OFFSETS_PER_TRIGGER")),
                    env.get("BENCH_WATERMARK"), Integer.parseInt(env.get("BENCH_SHUFFLE_PARTITIONS")),
                    Integer.parseInt(env.get("BENCH_MAX_CONCURRENT_WRITES")));
        }
    }

    private PlainSparkPipeline() {
    }

    public static void main(String[] args) {
        try {
            run(Path.of(args[0]));
        } catch (Throwable e) {
            // Spark's non-daemon threads would keep a failed run alive: the launcher waits for the exit.
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(Path result) throws Exception {
        Settings s = Settings.fromEnvironment(System.getenv());
        createTables(s);

        SparkSession spark = SparkSession.builder()
                .master("local[2]")
                .appName("plain-spark-pipeline")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", s.shufflePartitions())
                .getOrCreate();
        DrainWatch watch = new DrainWatch(s.topic(), s.backlog());
        spark.streams().addListener(watch);

        Dataset<Row> orders = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", s.bootstrap())
                .option("subscribe", s.topic())
                .option("startingOffsets", "earliest")
                .option("maxOffsetsPerTrigger", s.maxOffsetsPerTrigger())
                .load()
                .select(from_json(col("value").cast("string"), ORDER).as("o"), col("partition"), col("offset"))
                .select(col("o.*"), col("partition").as("kafka_partition"), col("offset").as("kafka_offset"))
                .where(col("event_id").isNotNull().and(col("order_id").isNotNull()).and(col("event_time").isNotNull())
                        .and(col("country").isNotNull()).and(col("card_type").isNotNull()));

        Trigger trigger = Trigger.ProcessingTime(s.triggerMillis(), TimeUnit.MILLISECONDS);
        List<StreamingQuery> queries = new ArrayList<>();
        for (String dimension : List.of("country", "card_type")) {
            queries.add(orders.withWatermark("event_time", s.watermark())
                    .groupBy(window(col("event_time"), "1 minute"), col(dimension))
                    .agg(count(lit(1)).as("orders"), sum("total_amount").as("revenue"))
                    .writeStream()
                    .queryName("plain_by_" + dimension)
                    .outputMode("update")
                    .option("checkpointLocation", s.checkpoints() + "/" + dimension)
                    .trigger(trigger)
                    .foreachBatch(new JdbcUpsert(s, dimension))
                    .start());
        }
        queries.add(orders.writeStream()
                .queryName("plain_raw")
                .option("checkpointLocation", s.checkpoints() + "/raw")
                .trigger(trigger)
                .foreachBatch(new RawInserts(s))
                .start());

        while (!watch.allDrained(queries.size())) {
            for (StreamingQuery q : queries) {
                if (q.exception().isDefined()) {
                    throw q.exception().get();
                }
            }
            Thread.sleep(200);
        }
        Files.writeString(result, s.backlog() + " " + watch.start().toEpochMilli() + " " + watch.end().toEpochMilli() + "\n");
        for (StreamingQuery q : queries) {
            q.stop();
        }
        spark.stop();
    }

    private static void createTables(Settings s) throws Exception {
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password())) {
            for (String dimension : List.of("country", "card_type")) {
                c.createStatement().execute("CREATE TABLE IF NOT EXISTS plain_sales_by_" + dimension
                        + " (window_start DATETIME NOT NULL, " + dimension + " VARCHAR(32) NOT NULL, orders BIGINT NOT NULL, "
                        + "revenue DECIMAL(20,2) NOT NULL, PRIMARY KEY (window_start, " + dimension + "))");
            }
        }
        try (CqlSession session = RawStore.session(s.cassandra())) {
            CassandraSchema.apply(session, s.keyspace(), CassandraReplication.parse("SimpleStrategy:1"));
        }
    }

    /** Upserts a batch's changed window sums (update mode: each row is the window's total so far). */
    private record JdbcUpsert(Settings s, String dimension) implements VoidFunction2<Dataset<Row>, Long> {
        @Override
        public void call(Dataset<Row> batch, Long batchId) {
            String sql = "INSERT INTO plain_sales_by_" + dimension + " (window_start, " + dimension + ", orders, revenue) "
                    + "VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE orders = VALUES(orders), revenue = VALUES(revenue)";
            batch.select(col("window.start").as("window_start"), col(dimension), col("orders"), col("revenue"))
                    .foreachPartition((Iterator<Row> rows) -> {
                        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password());
                             java.sql.PreparedStatement upsert = c.prepareStatement(sql)) {
                            while (rows.hasNext()) {
                                Row r = rows.next();
                                upsert.setTimestamp(1, Timestamp.from(r.<Timestamp>getAs("window_start").toInstant()));
                                upsert.setString(2, r.getAs(dimension));
                                upsert.setLong(3, r.<Long>getAs("orders"));
                                upsert.setBigDecimal(4, r.getAs("revenue"));
                                upsert.addBatch();
                            }
                            upsert.executeBatch();
                        }
                    });
        }
    }

    /** One prepared async insert per row per table, at most maxConcurrentWrites in flight. */
    private record RawInserts(Settings s) implements VoidFunction2<Dataset<Row>, Long> {
        @Override
        public void call(Dataset<Row> batch, Long batchId) {
            batch.foreachPartition((Iterator<Row> rows) -> {
                RawStore store = RawStore.of(s.cassandra(), s.keyspace());
                BoundedWrites writes = new BoundedWrites(store.session(), s.maxConcurrentWrites());
                while (rows.hasNext() && writes.healthy()) {
                    Row r = rows.next();
                    for (PreparedStatement insert : List.of(store.byHour(), store.byId())) {
                        writes.submit(bind(insert.boundStatementBuilder(), r, store.itemType()).build());
                    }
                }
                writes.awaitAll(Duration.ofMinutes(2));
            });
        }

        private static BoundStatementBuilder bind(BoundStatementBuilder b, Row r, UserDefinedType itemType) {
            Instant eventTime = r.<Timestamp>getAs("event_time").toInstant();
            UUID eventId = UUID.fromString(r.getAs("event_id"));
            List<UdtValue> items = new ArrayList<>();
            List<Row> itemRows = r.isNullAt(r.fieldIndex("items")) ? List.of() : r.getList(r.fieldIndex("items"));
            for (Row item : itemRows) {
                items.add(itemType.newValue()
                        .setString("product_id", item.getAs("product_id"))
                        .setString("product_name", item.getAs("product_name"))
                        .setString("category", item.getAs("category"))
                        .setInt("quantity", item.isNullAt(item.fieldIndex("quantity")) ? 0 : item.<Integer>getAs("quantity"))
                        .setBigDecimal("unit_price", item.getAs("unit_price")));
            }
            if (b.getPreparedStatement().getVariableDefinitions().contains("hour")) {
                b.setInstant("hour", eventTime.truncatedTo(ChronoUnit.HOURS)).setInt("shard", CassandraSchema.shardOf(eventId));
            }
            return b.setUuid("event_id", eventId).setInstant("event_time", eventTime)
                    .setString("order_id", r.getAs("order_id")).setString("customer_id", r.getAs("customer_id"))
                    .setString("country", r.getAs("country")).setString("card_type", r.getAs("card_type"))
                    .setString("channel", r.getAs("channel")).setString("currency", r.getAs("currency"))
                    .setBigDecimal("total_amount", r.getAs("total_amount")).setList("items", items, UdtValue.class)
                    .setInt("kafka_partition", r.<Integer>getAs("kafka_partition"))
                    .setLong("kafka_offset", r.<Long>getAs("kafka_offset"));
        }
    }

    /** Knows when each query has committed the batch that reaches the end of the backlog. */
    static final class DrainWatch extends StreamingQueryListener {
        private final String topic;
        private final long backlog;
        private final Map<UUID, Instant> started = new ConcurrentHashMap<>();
        private final Map<UUID, Instant> drained = new ConcurrentHashMap<>();

        DrainWatch(String topic, long backlog) {
            this.topic = topic;
            this.backlog = backlog;
        }

        @Override
        public void onQueryStarted(QueryStartedEvent event) {
            started.put(event.id(), Instant.parse(event.timestamp()));
        }

        @Override
        public void onQueryProgress(QueryProgressEvent event) {
            var p = event.progress();
            if (p.sources().length == 0 || p.sources()[0].endOffset() == null || drained.containsKey(p.id())) {
                return;
            }
            if (KafkaOffsets.sum(p.sources()[0].endOffset(), topic) >= backlog) {
                Long execution = p.durationMs().get("triggerExecution");
                drained.put(p.id(), Instant.parse(p.timestamp()).plusMillis(execution == null ? 0 : execution));
            }
        }

        @Override
        public void onQueryTerminated(QueryTerminatedEvent event) {
        }

        boolean allDrained(int queries) {
            return drained.size() >= queries;
        }

        Instant start() {
            return started.values().stream().min(Instant::compareTo).orElseThrow();
        }

        Instant end() {
            return drained.values().stream().max(Instant::compareTo).orElseThrow();
        }
    }
}
