package io.salespulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.salespulse.schema.mysql.MysqlSchema;
import io.salespulse.simulator.Anomalies;
import io.salespulse.simulator.OrderGenerator;
import io.salespulse.simulator.OrderPublisher;
import io.salespulse.simulator.SimulatedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import com.datastax.oss.driver.api.core.CqlSession;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Offset gaps and outages on real parts, all against one set of services (Kafka in this JVM, MariaDB and Cassandra
 * in their own processes): records Kafka no longer has, a recreated topic, transaction markers that are no gap, and
 * (see the outage test) MySQL down and hung, Cassandra killed, the broker restarted — exact totals afterwards.
 */
class FaultRecoveryIT {

    static final Duration LATENESS = Duration.ofMinutes(2);
    static final Anomalies ANOMALIES = new Anomalies(0.03, 0.02, 0.02, Duration.ofMinutes(5), Duration.ofMinutes(20));

    static LocalCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.start("faults");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * Transactions leave markers between batches (no gap); records deleted from Kafka before the job read them stop
     * it with the gap named; with job.accept-gaps the gap is recorded with its size and the rest is counted.
     */
    @Test
    void recordsGoneFromKafkaStopTheJobUnlessTheGapIsAccepted() throws Exception {
        Scenario s = new Scenario("gap", 2);
        long transactional = s.publishInTransactions(3, 100);
        try (JvmProcess job = s.startJob(Map.of())) {
            s.awaitCounted(job, transactional);
            // More transactions while it runs: batches now start right after a commit marker.
            transactional += s.publishInTransactions(3, 100);
            s.awaitCounted(job, transactional);
        }
        assertThat(s.gapRows()).as("transaction markers are no gap").isEmpty();
        Map<Integer, Long> next = s.nextOffsets();

        long plain = s.publish(400, 21, new HashMap<>());
        Map<Integer, Long> logStart = new HashMap<>();
        long deleted = 0;
        for (var e : next.entrySet()) {
            // Delete the partition's marker at next_offset and the first 50 plain records after it.
            logStart.put(e.getKey(), e.getValue() + 51);
            deleted += 50;
        }
        s.deleteRecordsBefore(logStart);

        JvmProcess stopped = s.startJob(Map.of());
        assertThat(stopped.waitFor(Duration.ofMinutes(4))).as("exit code of a job that found a gap").isEqualTo(3);
        String log = Files.readString(stopped.log());
        for (var e : next.entrySet()) {
            assertThat(log).contains("topic '" + s.topic + "' partition " + e.getKey() + ": MySQL expects offset "
                    + e.getValue() + " next, but the log now starts at " + logStart.get(e.getKey()));
        }
        assertThat(log).contains("job.accept-gaps=true");
        assertThat(s.inputRecords()).as("nothing counted after the gap").isEqualTo(transactional);

        try (JvmProcess accepting = s.startJob(Map.of("SALESPULSE_JOB_ACCEPT_GAPS", "true"))) {
            s.awaitCounted(accepting, transactional + plain - deleted);
        }
        Map<Integer, Long> expectedGaps = new HashMap<>();
        next.forEach((p, offset) -> expectedGaps.put(p, logStart.get(p) - offset));
        assertThat(s.gapRows()).as("partition -> offsets in the recorded gap (50 records + the marker)")
                .containsExactlyInAnyOrderEntriesOf(expectedGaps);
    }

    /**
     * The topic deleted and recreated under a running job: the job stops with the gap named instead of skipping the
     * new topic's records as a replay; after deleting the checkpoint and accepting the gap, the new records count.
     */
    @Test
    void aRecreatedTopicStopsTheJobAndCountsFromItsStartOnceAccepted() throws Exception {
        Scenario s = new Scenario("recreated", 2);
        long first = s.publish(600, 31, new HashMap<>());
        JvmProcess job = s.startJob(Map.of());
        s.awaitCounted(job, first);
        Map<Integer, Long> before = s.nextOffsets();
        s.recreateTopic();
        long second = s.publish(100, 32, new HashMap<>());
        assertThat(job.waitFor(Duration.ofMinutes(3))).as("exit code after the topic was recreated").isEqualTo(3);
        String log = Files.readString(job.log());
        assertThat(log).containsPattern("topic '" + s.topic + "' partition \\d: MySQL expects offset \\d+ next, but "
                + "the topic ends at \\d+").contains("delete the checkpoint");
        assertThat(s.inputRecords()).as("nothing of the new topic skipped or counted").isEqualTo(first);

        Directories.deleteRecursively(s.checkpoint);
        try (JvmProcess accepting = s.startJob(Map.of("SALESPULSE_JOB_ACCEPT_GAPS", "true"))) {
            s.awaitCounted(accepting, first + second);
        }
        assertThat(s.gapKinds()).containsOnly("STORE_AHEAD_OF_TOPIC");
        assertThat(s.nextOffsets()).as("progress follows the new topic").isEqualTo(s.endOffsets());
        assertThat(before).isNotEqualTo(s.nextOffsets());
    }

    /**
     * One supervised job through every outage in turn while orders keep coming: MySQL stopped for 30 s, MySQL hung
     * (SIGSTOP of mariadbd) for 30 s, Cassandra killed and restarted, the Kafka broker restarted. Each time the time
     * from the fault's end to the next committed batch is measured (docs/benchmarks.md, "Fault recovery"); at the end
     * every aggregate, dead letter, late event and Cassandra row equals the truth.
     */
    @Test
    void outagesOfEveryStoreAndTheBrokerEndInExactTotals() throws Exception {
        Scenario s = new Scenario("outages", 2);
        Map<String, SimulatedRecord> generated = new ConcurrentHashMap<>();
        s.publish(4000, 41, generated);
        // Short MySQL timeouts so a hung server fails a statement well within the 30 s outage.
        Map<String, String> env = Map.of("SALESPULSE_MYSQL_SOCKET_TIMEOUT", "PT10S",
                "SALESPULSE_MYSQL_CONNECT_TIMEOUT", "PT5S", "SALESPULSE_JOB_RETRY_TRANSIENT_FOR", "PT5M");
        List<String> report = new ArrayList<>();
        try (JobSupervisor job = new JobSupervisor(() -> s.startJob(env),
                new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(20), 8), System.out);
             SteadyPublisher publisher = new SteadyPublisher(s.topic, 42, generated)) {
            s.awaitCounted(job, 4000, false);

            report.add(s.recovery("MySQL stopped for 30 s", job, () -> {
                cluster.mariadb.close();
                pause(OUTAGE);
                cluster.mariadb = cluster.mariadb.startAgain();
            }));
            report.add(s.recovery("MySQL hung (SIGSTOP) for 30 s", job, () -> {
                signal("STOP", cluster.mariadb.pid());
                try {
                    pause(OUTAGE);
                } finally {
                    signal("CONT", cluster.mariadb.pid());
                }
            }));
            report.add(s.recovery("Cassandra killed and restarted", job, () -> {
                cluster.cassandra.kill();
                cluster.cassandra = cluster.cassandra.startAgain(Duration.ofMinutes(10));
            }));
            report.add(s.recovery("Kafka broker restarted", job, () -> {
                cluster.kafka.close();
                cluster.kafka = cluster.kafka.startAgain();
            }));

            publisher.close();
            long published = s.endOffsets().values().stream().mapToLong(Long::longValue).sum();
            s.awaitCounted(job, published, true);
            report.add("supervisor restarts: " + job.restarts() + (job.restarts() == 0 ? "" : " (" + job.status() + ")"));
        }
        System.out.println("Fault recovery (fault end -> next committed batch):\n  " + String.join("\n  ", report));
        s.assertMatchesTruth(generated);
    }

    static final Duration OUTAGE = Duration.ofSeconds(30);

    /** The outage itself lasts this long (the 30 s): not a wait for a condition. */
    static void pause(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + signal + " " + pid).isZero();
    }

    interface Fault {
        void run() throws Exception;
    }

    /** Publishes orders at a steady rate on its own thread until closed; a broker restart only delays sends. */
    static final class SteadyPublisher implements AutoCloseable {
        private final Thread thread;
        private volatile boolean stop;

        SteadyPublisher(String topic, long seed, Map<String, SimulatedRecord> generated) {
            thread = new Thread(() -> {
                OrderGenerator generator = new OrderGenerator(seed, ANOMALIES);
                try (OrderPublisher publisher = new OrderPublisher(cluster.kafka.bootstrapServers(), topic)) {
                    while (!stop) {
                        for (int i = 0; i < 10; i++) {
                            SimulatedRecord record = generator.next(Instant.now());
                            generated.putIfAbsent(record.value(), record);
                            publisher.send(record);
                        }
                        Thread.sleep(200);
                    }
                    publisher.flush();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "steady-publisher");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(Duration.ofMinutes(3).toMillis());
        }
    }

    /** One pipeline on the shared services: its own topic, database, keyspace and checkpoint. */
    static final class Scenario {
        final String topic;
        final int partitions;
        final String database;
        final String keyspace;
        final Path checkpoint;
        final String jdbcUrl;
        private int runs;

        Scenario(String name, int partitions) {
            this.partitions = partitions;
            topic = "orders_" + name;
            database = "salespulse_" + name;
            keyspace = "salespulse_" + name;
            checkpoint = cluster.dir.resolve("checkpoint-" + name);
            cluster.kafka.createTopics(partitions, topic);
            cluster.mariadb.createDatabase(database);
            jdbcUrl = MysqlSchema.withDriverDefaults(cluster.mariadb.jdbcUrl(database));
        }

        JvmProcess startJob(Map<String, String> env) {
            runs++;
            return StreamingJobProcess.start(new StreamingJobProcess.Settings(cluster.kafka.bootstrapServers(), topic,
                    cluster.mariadb.jdbcUrl(database), cluster.mariadb.appUser(), cluster.mariadb.appPassword(),
                    cluster.cassandra.contactPoint(), keyspace, checkpoint, Duration.ofSeconds(1), 2000, LATENESS, "768m"),
                    cluster.dir.resolve("job-" + topic + "-" + runs + ".log"), env);
        }

        long publish(int count, long seed, Map<String, SimulatedRecord> generated) {
            OrderGenerator generator = new OrderGenerator(seed, ANOMALIES);
            try (OrderPublisher publisher = new OrderPublisher(cluster.kafka.bootstrapServers(), topic)) {
                for (int i = 0; i < count; i++) {
                    SimulatedRecord record = generator.next(Instant.now());
                    generated.putIfAbsent(record.value(), record);
                    publisher.send(record);
                }
                publisher.flush();
            }
            return count;
        }

        /** Records in committed transactions: each commit leaves a marker offset on every partition it wrote. */
        long publishInTransactions(int transactions, int perTransaction) {
            OrderGenerator generator = new OrderGenerator(runs * 100L + transactions, ANOMALIES);
            Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafka.bootstrapServers(),
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "faults-" + topic);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                for (int t = 0; t < transactions; t++) {
                    producer.beginTransaction();
                    for (int i = 0; i < perTransaction; i++) {
                        SimulatedRecord r = generator.next(Instant.now());
                        producer.send(new ProducerRecord<>(topic, r.key(), r.value()));
                    }
                    producer.commitTransaction();
                }
            }
            return (long) transactions * perTransaction;
        }

        void deleteRecordsBefore(Map<Integer, Long> offsets) throws Exception {
            Map<TopicPartition, RecordsToDelete> request = new HashMap<>();
            offsets.forEach((p, o) -> request.put(new TopicPartition(topic, p), RecordsToDelete.beforeOffset(o)));
            try (Admin admin = cluster.kafka.admin()) {
                admin.deleteRecords(request).all().get();
            }
        }

        void recreateTopic() throws Exception {
            try (Admin admin = cluster.kafka.admin()) {
                admin.deleteTopics(List.of(topic)).all().get();
                Deadline.await("topic " + topic + " deleted", Duration.ofSeconds(60), Duration.ofMillis(100), () -> {
                    try {
                        return !admin.listTopics().names().get().contains(topic);
                    } catch (Exception e) {
                        return false;
                    }
                });
            }
            cluster.kafka.createTopics(partitions, topic);
        }

        Map<Integer, Long> endOffsets() throws Exception {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<Integer, Long> out = new HashMap<>();
            try (Admin admin = cluster.kafka.admin()) {
                admin.listOffsets(request).all().get().forEach((tp, info) -> out.put(tp.partition(), info.offset()));
            }
            return out;
        }

        /** Records counted by committed batches (every record of a batch: valid, duplicate or dead letter). */
        long inputRecords() {
            return queryLong("SELECT COALESCE(SUM(input_records), 0) FROM stream_batches");
        }

        long batchesCommitted() {
            return queryLong("SELECT COUNT(*) FROM stream_batches");
        }

        Map<Integer, Long> nextOffsets() {
            return queryMap("SELECT kafka_partition, next_offset FROM stream_progress WHERE topic = '" + topic + "'");
        }

        Map<Integer, Long> gapRows() {
            return queryMap("SELECT kafka_partition, offsets FROM stream_gaps");
        }

        List<String> gapKinds() throws SQLException {
            List<String> kinds = new ArrayList<>();
            try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("SELECT kind FROM stream_gaps")) {
                while (rs.next()) {
                    kinds.add(rs.getString(1));
                }
            }
            return kinds;
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, cluster.mariadb.appUser(), cluster.mariadb.appPassword());
        }

        long queryLong(String sql) {
            try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                return -1; // not migrated yet, or MySQL is down on purpose
            }
        }

        Map<Integer, Long> queryMap(String sql) {
            Map<Integer, Long> out = new HashMap<>();
            try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
                while (rs.next()) {
                    out.merge(rs.getInt(1), rs.getLong(2), Long::sum);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(sql, e);
            }
            return out;
        }

        /** Runs the fault, then measures from its end until the job commits a batch again. */
        String recovery(String fault, JobSupervisor job, Fault action) throws Exception {
            long start = System.nanoTime();
            action.run();
            long end = System.nanoTime();
            long atEnd = batchesCommitted(); // every store is back: this answers at once
            Deadline.await("a batch committed after: " + fault, Duration.ofMinutes(8), Duration.ofMillis(100), () -> {
                if (!job.running()) {
                    throw new IllegalStateException("the supervisor gave up: " + job.gaveUp());
                }
                return batchesCommitted() > atEnd;
            });
            String line = String.format("%-32s fault %5.1f s, committing again %5.1f s after its end (restarts so far %d)",
                    fault, (end - start) / 1e9, (System.nanoTime() - end) / 1e9, job.restarts());
            System.out.println(line);
            return line;
        }

        void awaitCounted(JobSupervisor job, long records, boolean exactly) {
            Deadline.await((exactly ? "" : "at least ") + records + " records of " + topic + " counted (job log: " + job.current().log() + ")",
                    Duration.ofMinutes(6), Duration.ofMillis(250), () -> {
                        if (!job.running()) {
                            throw new IllegalStateException("the supervisor gave up: " + job.gaveUp());
                        }
                        long counted = inputRecords();
                        return exactly ? counted == records : counted >= records;
                    });
        }

        void assertMatchesTruth(Map<String, SimulatedRecord> generated) throws Exception {
            try (CqlSession session = cluster.cassandra.session()) {
                PipelineTruth.assertMatches(cluster.kafka.bootstrapServers(), topic, partitions, jdbcUrl,
                        cluster.mariadb.appUser(), cluster.mariadb.appPassword(), session, keyspace, generated, LATENESS);
            }
        }

        void awaitCounted(JvmProcess job, long records) {
            Deadline.await(records + " records of " + topic + " counted (job log: " + job.log() + ")",
                    Duration.ofMinutes(5), Duration.ofMillis(250), () -> {
                        if (!job.isAlive()) {
                            throw new IllegalStateException("the streaming job exited; see " + job.log());
                        }
                        return inputRecords() == records;
                    });
        }

        static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
