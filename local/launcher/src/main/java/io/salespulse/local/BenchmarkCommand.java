package io.salespulse.local;

import io.salespulse.schema.mysql.MysqlSchema;
import io.salespulse.simulator.Anomalies;
import io.salespulse.simulator.OrderGenerator;
import io.salespulse.simulator.OrderPublisher;
import io.salespulse.simulator.RatePlan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.tools.ConsumerPerformance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./salespulse bench}: in one run on this machine, on the same backlog, one after the other: (a) the plain
 * Spark pipeline a user would write instead (bench-contenders), (b) SalesPulse as shipped, then freshness (produced →
 * its aggregate committed in MySQL) at half its rate, (c) the sink limit: the bare Cassandra write rate of the same
 * rows and Kafka's consumer-perf rate. Every drain is measured from the first batch's start to the last commit,
 * warm-up included. Prints orders/s and ratios ({@link SideBySide}) and writes them to docs/benchmarks.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks the data plane on this machine.")
final class BenchmarkCommand implements Callable<Integer> {

    private static final int PARTITIONS = 4;
    /** As the job's defaults (salespulse-job-defaults.properties), so the plain pipeline runs on equal terms. */
    private static final int SHUFFLE_PARTITIONS = 2;
    private static final int MAX_CONCURRENT_WRITES = 256;
    private static final Duration ALLOWED_LATENESS = Duration.ofMinutes(2);
    private static final String JOB_HEAP = "1500m";

    @Option(names = "--orders", defaultValue = "150000", description = "Backlog size for the throughput run (default: ${DEFAULT-VALUE}).")
    int orders;

    @Option(names = "--freshness-seconds", defaultValue = "60", description = "Length of the freshness run (default: ${DEFAULT-VALUE}).")
    int freshnessSeconds;

    @Option(names = "--trigger", defaultValue = "PT5S", description = "Trigger interval of the job (default: ${DEFAULT-VALUE}).")
    Duration trigger;

    @Option(names = "--max-offsets-per-trigger", defaultValue = "50000", description = "Batch size bound (default: ${DEFAULT-VALUE}).")
    long maxOffsetsPerTrigger;

    @Option(names = "--dir", defaultValue = "target/bench", description = "Scratch directory, wiped first (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--skip-plain", description = "Leave out the plain Spark pipeline (its ratio is then not reported).")
    boolean skipPlain;

    @Option(names = "--report", defaultValue = "docs/benchmarks.md", description = "Results file to update (default: ${DEFAULT-VALUE}).")
    Path report;

    @Override
    public Integer call() throws Exception {
        if (orders < 2 * maxOffsetsPerTrigger) {
            // A backlog of at least two batches, so the drain is more than the warm-up.
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--orders (" + orders
                    + ") must be at least twice --max-offsets-per-trigger (" + maxOffsetsPerTrigger + ")");
        }
        Path root = dir.toAbsolutePath();
        Directories.deleteRecursively(root);
        try (LocalServices services = LocalServices.start(root)) {
            KafkaNode kafka = services.kafka();
            MariaDbNode mariadb = services.mariadb();
            CassandraNode cassandra = services.cassandra();
            mariadb.createDatabase("bench");
            String jdbc = MysqlSchema.withDriverDefaults(mariadb.jdbcUrl("bench"));
            MysqlSchema.migrate(jdbc, mariadb.appUser(), mariadb.appPassword());
            String topic = "bench_orders";
            kafka.createTopics(PARTITIONS, topic);

            System.out.printf("publishing a backlog of %d orders ...%n", orders);
            long publishStart = System.nanoTime();
            OrderGenerator generator = new OrderGenerator(1, new Anomalies(0.01, 0.01, 0.005, Duration.ofMinutes(3), Duration.ofMinutes(10)));
            try (OrderPublisher publisher = new OrderPublisher(kafka.bootstrapServers(), topic)) {
                for (int i = 0; i < orders; i++) {
                    publisher.send(generator.next(Instant.now()));
                }
                publisher.flush();
            }
            double publishRate = orders / ((System.nanoTime() - publishStart) / 1e9);
            Map<Integer, Long> backlogEnds;
            try (var admin = kafka.admin()) {
                backlogEnds = TopicOffsets.ends(admin, topic);
            }
            String loadAtStart = loadAverage();

            double ceiling = consumerPerformance(kafka.bootstrapServers(), topic, orders);
            System.out.printf("Kafka consumer-perf ceiling: %.0f records/s%n", ceiling);

            BenchContenders.Target target = new BenchContenders.Target(kafka.bootstrapServers(), topic, jdbc,
                    mariadb.appUser(), mariadb.appPassword(), cassandra.contactPoint(), MAX_CONCURRENT_WRITES);
            double plain = Double.NaN;
            if (!skipPlain) {
                System.out.println("(a) plain Spark pipeline: draining the backlog (log " + root.resolve("plain/plain-spark-pipeline.log") + ") ...");
                plain = BenchContenders.plain(target, orders, trigger, maxOffsetsPerTrigger, ALLOWED_LATENESS,
                        SHUFFLE_PARTITIONS, JOB_HEAP, root.resolve("plain")).ordersPerSecond();
                System.out.printf("(a) plain Spark pipeline drain, earliest query start to the last query's commit: %.0f orders/s%n", plain);
            }
            System.out.println("(b) SalesPulse: draining the backlog ...");

            StreamingJobProcess.Settings settings = new StreamingJobProcess.Settings(kafka.bootstrapServers(), topic,
                    mariadb.jdbcUrl("bench"), mariadb.appUser(), mariadb.appPassword(), cassandra.contactPoint(), "bench",
                    root.resolve("checkpoint"), trigger, maxOffsetsPerTrigger, ALLOWED_LATENESS, JOB_HEAP);
            double sustained;
            double rate;
            long p50;
            long p99;
            int samples;
            try (JvmProcess job = StreamingJobProcess.start(settings, root.resolve("job.log"), Map.of())) {
                OffsetWatch watch = new OffsetWatch(jdbc, mariadb.appUser(), mariadb.appPassword(), topic);
                Deadline.await("the backlog applied (log " + job.log() + ")", Duration.ofMinutes(20), Duration.ofMillis(500),
                        () -> job.isAlive() && watch.applied() >= orders);
                sustained = sustainedRate(jdbc, mariadb.appUser(), mariadb.appPassword());
                System.out.printf("(b) SalesPulse drain, first batch start to last commit: %.0f records/s (%.2f of the ceiling)%n",
                        sustained, sustained / ceiling);

                rate = Math.max(1, sustained / 2);
                System.out.printf("freshness run: %.0f orders/s for %d s ...%n", rate, freshnessSeconds);
                long startOffset = watch.applied();
                Thread tracker = watch.trackInBackground();
                try (OrderPublisher publisher = new OrderPublisher(kafka.bootstrapServers(), topic)) {
                    publisher.run(new OrderGenerator(2, Anomalies.NONE), RatePlan.steady(rate), 0,
                            Duration.ofSeconds(freshnessSeconds), null);
                }
                long end;
                try (var admin = kafka.admin()) {
                    end = TopicOffsets.sumOfEnds(admin, topic);
                }
                Deadline.await("the freshness run applied", Duration.ofMinutes(5), Duration.ofMillis(200), () -> watch.applied() >= end);
                tracker.interrupt();
                tracker.join();
                List<Long> freshness = watch.freshnessMillis(kafka.bootstrapServers(), startOffset);
                Collections.sort(freshness);
                p50 = percentile(freshness, 0.50);
                p99 = percentile(freshness, 0.99);
                samples = freshness.size();
                System.out.printf("freshness at %.0f orders/s: p50 %d ms, p99 %d ms over %d orders (trigger %s)%n",
                        rate, p50, p99, samples, trigger);
            }
            // After the job has stopped, so the bare client has the machine as the others had it.
            System.out.println("(c) sink limit: bare Cassandra writes of the backlog's valid orders (log "
                    + root.resolve("sink/cassandra-sink-limit.log") + ") ...");
            BenchContenders.SinkResult sink = BenchContenders.sinkLimit(target, backlogEnds, "1g", root.resolve("sink"));
            System.out.printf("(c) bare Cassandra writes: %.0f rows/s, %.2f rows per order (%d orders)%n",
                    sink.rowsPerSecond(), sink.rowsPerOrder(), sink.orders());
            SideBySide verdict = new SideBySide(plain, sustained, sink.rowsPerSecond(), sink.rowsPerOrder(), ceiling);
            String load = "load average (1 min) " + loadAtStart + " at the start, " + loadAverage() + " at the end";
            System.out.println();
            System.out.println("Side by side, same backlog of " + orders + " orders (" + load + "):");
            verdict.table().forEach(System.out::println);
            BatchProfile profile = BatchProfile.read(root.resolve("job.log"), maxOffsetsPerTrigger);
            System.out.println();
            System.out.println("SalesPulse's full batches:");
            profile.table().forEach(System.out::println);
            new BenchmarkReport(report).write(orders, publishRate, ceiling, sustained, rate, p50, p99, samples,
                    trigger, maxOffsetsPerTrigger, verdict, profile, load);
            System.out.println("results written to " + report.toAbsolutePath());
        }
        return 0;
    }

    /** The 1-minute load average, as /proc/loadavg has it ("?" where there is none). */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** Runs Kafka's own kafka-consumer-perf-test in this JVM and returns its records/s. */
    private static double consumerPerformance(String bootstrap, String topic, int messages) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ConsumerPerformance.main(new String[] {"--bootstrap-server", bootstrap, "--topic", topic,
                    "--messages", Integer.toString(messages), "--group", "bench-consumer-perf", "--timeout", "60000"});
        } finally {
            System.setOut(original);
        }
        // Output: a header line, then start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, ...
        String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
        String[] fields = lines[lines.length - 1].split(",\\s*");
        return Double.parseDouble(fields[5].strip());
    }

    /**
     * Records per second from the first batch's start to the last commit, warm-up included: every batch's input over
     * the time from the query's start (job_heartbeat.started_at, the first trigger fires at once) to the newest
     * stream_batches commit. Batch durations are not used: they are taken before the MySQL commit.
     */
    private static double sustainedRate(String jdbc, String user, String password) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, user, password);
             ResultSet rs = c.createStatement().executeQuery("SELECT SUM(b.input_records) AS records, "
                     + "TIMESTAMPDIFF(MICROSECOND, (SELECT MIN(started_at) FROM job_heartbeat), MAX(b.committed_at)) AS micros "
                     + "FROM stream_batches b")) {
            rs.next();
            return rs.getLong("records") / (rs.getLong("micros") / 1e6);
        }
    }

    /** Watches stream_progress to learn when each offset became visible in MySQL. */
    private static final class OffsetWatch {
        private final String jdbc;
        private final String user;
        private final String password;
        private final String topic;
        /** (time, partition, next_offset) samples. */
        private final List<long[]> samples = Collections.synchronizedList(new ArrayList<>());

        OffsetWatch(String jdbc, String user, String password, String topic) {
            this.jdbc = jdbc;
            this.user = user;
            this.password = password;
            this.topic = topic;
        }

        long applied() {
            return readProgress().stream().mapToLong(p -> p[1]).sum();
        }

        private List<long[]> readProgress() {
            List<long[]> progress = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(jdbc, user, password);
                 ResultSet rs = c.createStatement().executeQuery(
                         "SELECT kafka_partition, next_offset FROM stream_progress WHERE topic = '" + topic + "'")) {
                while (rs.next()) {
                    progress.add(new long[] {rs.getInt(1), rs.getLong(2)});
                }
            } catch (java.sql.SQLException e) {
                return List.of();
            }
            return progress;
        }

        Thread trackInBackground() {
            Thread thread = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long now = System.currentTimeMillis();
                    for (long[] p : readProgress()) {
                        samples.add(new long[] {now, p[0], p[1]});
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "offset-watch");
            thread.start();
            return thread;
        }

        /** For every record produced after {@code fromApplied}: first time seen applied − its Kafka timestamp. */
        List<Long> freshnessMillis(String bootstrap, long fromApplied) {
            List<Long> result = new ArrayList<>();
            Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            Map<Integer, Long> startOffsets = new java.util.HashMap<>();
            synchronized (samples) {
                for (long[] s : samples) {
                    startOffsets.merge((int) s[1], s[2], Math::min);
                }
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                for (Map.Entry<Integer, Long> start : startOffsets.entrySet()) {
                    TopicPartition tp = new TopicPartition(topic, start.getKey());
                    consumer.assign(List.of(tp));
                    consumer.seek(tp, start.getValue());
                    long end = consumer.endOffsets(List.of(tp)).get(tp);
                    long position = start.getValue();
                    while (position < end) {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                            long visible = firstTimeApplied(r.partition(), r.offset());
                            if (visible > 0) {
                                result.add(visible - r.timestamp());
                            }
                            position = r.offset() + 1;
                        }
                    }
                }
            }
            return result;
        }

        private long firstTimeApplied(int partition, long offset) {
            synchronized (samples) {
                for (long[] s : samples) {
                    if (s[1] == partition && s[2] > offset) {
                        return s[0];
                    }
                }
            }
            return -1;
        }
    }
}
