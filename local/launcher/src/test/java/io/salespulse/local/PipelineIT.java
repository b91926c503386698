package io.salespulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.salespulse.schema.mysql.MysqlSchema;
import io.salespulse.schema.order.RejectReason;
import io.salespulse.simulator.Anomalies;
import io.salespulse.simulator.HostileRecords;
import io.salespulse.simulator.OrderGenerator;
import io.salespulse.simulator.OrderPublisher;
import io.salespulse.simulator.RecordKind;
import io.salespulse.simulator.SimulatedRecord;
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
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data plane end to end on real parts: simulator → Kafka → Spark job → MySQL aggregates + Cassandra raw orders,
 * checked against the truth computed independently from the generated records. The second test crashes the job
 * (a halt right before a MySQL commit, then a SIGKILL mid-stream) and restarts it from its checkpoint.
 */
class PipelineIT {

    private static final Duration LATENESS = Duration.ofMinutes(2);
    private static final int PARTITIONS = 4;
    private static final Anomalies ANOMALIES = new Anomalies(0.03, 0.02, 0.02, Duration.ofMinutes(5), Duration.ofMinutes(20));

    private static LocalCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.start("pipeline");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyAggregateEqualsTheTruthAndNothingIsLost() throws Exception {
        Scenario scenario = new Scenario("e2e");
        Map<String, SimulatedRecord> generated = new HashMap<>();
        publish(scenario, 21_000, 7, generated);
        try (JvmProcess job = scenario.startJob(Map.of())) {
            scenario.awaitAllApplied(job);
        }
        scenario.assertMatchesTruth(generated);
    }

    @Test
    void killedJobRestartsFromItsCheckpointWithExactTotals() throws Exception {
        Scenario scenario = new Scenario("fault");
        Map<String, SimulatedRecord> generated = new HashMap<>();
        publish(scenario, 10_000, 11, generated);

        // 1. Halt (no cleanup, like kill -9) after the Cassandra writes of the 2nd batch, right before its commit.
        JvmProcess crashing = scenario.startJob(Map.of("SALESPULSE_CRASH_BEFORE_COMMIT", "2"));
        assertThat(crashing.waitFor(Duration.ofMinutes(4))).as("exit code of the halted job").isEqualTo(137);
        assertThat(scenario.batchesCommitted()).isEqualTo(1);

        // 2. Restart; publish more while it runs; SIGKILL it mid-stream.
        JvmProcess restarted = scenario.startJob(Map.of());
        Deadline.await("a batch after the restart", Duration.ofMinutes(3), Duration.ofMillis(200),
                () -> scenario.batchesCommitted() >= 2);
        publish(scenario, 10_000, 12, generated);
        long before = scenario.batchesCommitted();
        Deadline.await("the job to be mid-stream", Duration.ofMinutes(3), Duration.ofMillis(50),
                () -> scenario.batchesCommitted() > before);
        restarted.kill();
        assertThat(scenario.appliedRecords()).as("records applied when killed").isLessThan(scenario.endOffsets());

        // 3. Restart again and let it finish.
        try (JvmProcess last = scenario.startJob(Map.of())) {
            scenario.awaitAllApplied(last);
        }
        scenario.assertMatchesTruth(generated);
    }

    /**
     * The hostile corpus (and 500 records just under the topic's max.message.bytes) among valid and awkward orders,
     * through a job with a 512 MB heap: one dead letter per hostile record with its reason, exact totals for the
     * rest, and dead letters that keep a bounded start of the payload with the size and hash of the whole.
     */
    @Test
    void hostileRecordsBecomeOneDeadLetterEachAmongExactTotals() throws Exception {
        Scenario scenario = new Scenario("hostile");
        HostileRecords corpus = new HostileRecords(13);
        List<HostileRecords.Hostile> hostile = new ArrayList<>(corpus.corpus(Instant.now()));
        int maxMessageBytes = scenario.maxMessageBytes();
        hostile.addAll(corpus.nearMaxSize(500, maxMessageBytes - 512));
        Map<String, SimulatedRecord> generated = new HashMap<>();
        OrderGenerator generator = new OrderGenerator(17, ANOMALIES);
        try (OrderPublisher publisher = new OrderPublisher(cluster.kafka.bootstrapServers(), scenario.topic);
             KafkaProducer<byte[], byte[]> raw = rawProducer(maxMessageBytes)) {
            for (SimulatedRecord awkward : corpus.awkwardButValid(Instant.now())) {
                generated.putIfAbsent(awkward.value(), awkward);
                publisher.send(awkward);
            }
            for (HostileRecords.Hostile h : hostile) {
                for (int i = 0; i < 12; i++) {
                    SimulatedRecord record = generator.next(Instant.now());
                    generated.putIfAbsent(record.value(), record);
                    publisher.send(record);
                }
                raw.send(new ProducerRecord<>(scenario.topic, h.key(), h.value())).get();
            }
            publisher.flush();
        }
        try (JvmProcess job = scenario.startJob(Map.of(), "512m")) {
            scenario.awaitAllApplied(job);
        }
        Map<String, RejectReason> expected = new HashMap<>();
        hostile.forEach(h -> expected.put(h.keyText(), h.expected()));
        scenario.assertMatchesTruth(generated, expected, 5000);
        scenario.assertDeadLettersDescribe(hostile);
    }

    private static KafkaProducer<byte[], byte[]> rawProducer(int maxMessageBytes) {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxMessageBytes);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void publish(Scenario scenario, int count, long seed, Map<String, SimulatedRecord> generated) {
        OrderGenerator generator = new OrderGenerator(seed, ANOMALIES);
        try (OrderPublisher publisher = new OrderPublisher(cluster.kafka.bootstrapServers(), scenario.topic)) {
            for (int i = 0; i < count; i++) {
                SimulatedRecord record = generator.next(Instant.now());
                generated.putIfAbsent(record.value(), record);
                publisher.send(record);
            }
            publisher.flush();
        }
    }

    /** One isolated pipeline: its own topic, database, keyspace and checkpoint on the shared cluster. */
    private static final class Scenario {
        final String topic;
        final String database;
        final String keyspace;
        final Path checkpoint;
        final String jdbcUrl;
        private int runs;

        Scenario(String name) {
            topic = "orders_" + name;
            database = "salespulse_" + name;
            keyspace = "salespulse_" + name;
            checkpoint = cluster.dir.resolve("checkpoint-" + name);
            cluster.kafka.createTopics(PARTITIONS, topic);
            cluster.mariadb.createDatabase(database);
            jdbcUrl = MysqlSchema.withDriverDefaults(cluster.mariadb.jdbcUrl(database));
        }

        JvmProcess startJob(Map<String, String> env) {
            return startJob(env, "1g");
        }

        JvmProcess startJob(Map<String, String> env, String heap) {
            runs++;
            return StreamingJobProcess.start(new StreamingJobProcess.Settings(cluster.kafka.bootstrapServers(), topic,
                    cluster.mariadb.jdbcUrl(database), cluster.mariadb.appUser(), cluster.mariadb.appPassword(),
                    cluster.cassandra.contactPoint(), keyspace, checkpoint, Duration.ofSeconds(1), 4000, LATENESS, heap),
                    cluster.dir.resolve("job-" + topic + "-" + runs + ".log"), env);
        }

        int maxMessageBytes() throws Exception {
            try (var admin = cluster.kafka.admin()) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                assertThat(config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG).value()).isEqualTo("LogAppendTime");
                return Integer.parseInt(config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value());
            }
        }

        /** Each hostile record's dead letter: the key (cut to the column), at most 2048 bytes of payload, size, hash. */
        void assertDeadLettersDescribe(List<HostileRecords.Hostile> hostile) throws Exception {
            Map<String, HostileRecords.Hostile> byKey = new HashMap<>();
            hostile.forEach(h -> byKey.put(h.keyText().substring(0, Math.min(256, h.keyText().length())), h));
            int seen = 0;
            try (Connection c = DriverManager.getConnection(jdbcUrl, cluster.mariadb.appUser(), cluster.mariadb.appPassword());
                 ResultSet rs = c.createStatement().executeQuery("SELECT record_key, reason, LENGTH(payload), "
                         + "payload_bytes, payload_sha256 FROM dead_letters WHERE record_key LIKE 'hostile-%'")) {
                while (rs.next()) {
                    HostileRecords.Hostile h = byKey.get(rs.getString(1));
                    assertThat(h).as("dead letter keyed %s", rs.getString(1)).isNotNull();
                    assertThat(rs.getString(2)).as(h.name()).isNotBlank().hasSizeLessThanOrEqualTo(1024);
                    assertThat(rs.getLong(3)).as(h.name() + ": bytes of payload kept").isLessThanOrEqualTo(2048);
                    if (h.value() == null) {
                        assertThat(rs.getObject(4)).isNull();
                    } else {
                        assertThat(rs.getLong(4)).as(h.name()).isEqualTo(h.value().length);
                        assertThat(rs.getString(5)).as(h.name()).isEqualTo(java.util.HexFormat.of().formatHex(
                                java.security.MessageDigest.getInstance("SHA-256").digest(h.value())));
                    }
                    seen++;
                }
            }
            assertThat(seen).isEqualTo(hostile.size());
        }

        long endOffsets() {
            try (var admin = cluster.kafka.admin()) {
                return TopicOffsets.sumOfEnds(admin, topic);
            }
        }

        long appliedRecords() {
            return queryLong("SELECT COALESCE(SUM(next_offset), 0) FROM stream_progress WHERE topic = '" + topic + "'");
        }

        long batchesCommitted() {
            return queryLong("SELECT COUNT(*) FROM stream_batches");
        }

        private long queryLong(String sql) {
            try (Connection c = DriverManager.getConnection(jdbcUrl, cluster.mariadb.appUser(), cluster.mariadb.appPassword());
                 ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                return -1; // schema not migrated yet
            }
        }

        void awaitAllApplied(JvmProcess job) {
            long end = endOffsets();
            Deadline.await("all " + end + " records of " + topic + " applied (job log: " + job.log() + ")",
                    Duration.ofMinutes(6), Duration.ofMillis(500), () -> {
                        if (!job.isAlive()) {
                            throw new IllegalStateException("the streaming job died; see " + job.log());
                        }
                        return appliedRecords() == end;
                    });
        }

        void assertMatchesTruth(Map<String, SimulatedRecord> generated) throws Exception {
            assertMatchesTruth(generated, Map.of(), 15_000);
        }

        void assertMatchesTruth(Map<String, SimulatedRecord> generated, Map<String, RejectReason> hostile, int minValid)
                throws Exception {
            assertThat(generated.values().stream().filter(r -> r.kind() == RecordKind.VALID).count()).isGreaterThan(minValid);
            assertThat(generated.values().stream().filter(r -> r.kind() == RecordKind.LATE).count())
                    .as("the test's own input has late events").isPositive();
            try (CqlSession session = cluster.cassandra.session()) {
                PipelineTruth.assertMatches(cluster.kafka.bootstrapServers(), topic, PARTITIONS, jdbcUrl,
                        cluster.mariadb.appUser(), cluster.mariadb.appPassword(), session, keyspace, generated, hostile,
                        LATENESS);
            }
        }
    }
}
