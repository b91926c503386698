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
 * {@code ./salespulse bench}: measures, in one run on this machine, Kafka's own consumer rate on the order topic
 * (the ceiling), the pipeline's sustained end-to-end throughput with both sinks, and freshness (produced → its
 * aggregate committed in MySQL) at half that rate. Writes the figures to docs/benchmarks.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks the data plane on this machine.")
final class BenchmarkCommand implements Callable<Integer> {

    private static final int PARTITIONS = 4;

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

            double ceiling = consumerPerformance(kafka.bootstrapServers(), topic, orders);
            System.out.printf("Kafka consumer-perf ceiling: %.0f records/s%n", ceiling);

            StreamingJobProcess.Settings settings = new StreamingJobProcess.Settings(kafka.bootstrapServers(), topic,
                    mariadb.jdbcUrl("bench"), mariadb.appUser(), mariadb.appPassword(), cassandra.contactPoint(), "bench",
                    root.resolve("checkpoint"), trigger, maxOffsetsPerTrigger, Duration.ofMinutes(2), "1500m");
            try (JvmProcess job = StreamingJobProcess.start(settings, root.resolve("job.log"), Map.of())) {
                OffsetWatch watch = new OffsetWatch(jdbc, mariadb.appUser(), mariadb.appPassword(), topic);
                Deadline.await("the backlog applied (log " + job.log() + ")", Duration.ofMinutes(20), Duration.ofMillis(500),
                        () -> job.isAlive() && watch.applied() >= orders);
                double sustained = sustainedRate(jdbc, mariadb.appUser(), mariadb.appPassword());
                System.out.printf("pipeline drain, first batch start to last commit: %.0f records/s (%.2f of the ceiling)%n",
                        sustained, sustained / ceiling);

                double rate = Math.max(1, sustained / 2);
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
                long p50 = percentile(freshness, 0.50);
                long p99 = percentile(freshness, 0.99);
                System.out.printf("freshness at %.0f orders/s: p50 %d ms, p99 %d ms over %d orders (trigger %s)%n",
                        rate, p50, p99, freshness.size(), trigger);
                new BenchmarkReport(report).write(orders, publishRate, ceiling, sustained, rate, p50, p99, freshness.size(),
                        trigger, maxOffsetsPerTrigger);
                System.out.println("results written to " + report.toAbsolutePath());
            }
        }
        return 0;
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
