package io.salespulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.salespulse.schema.mysql.MysqlSchema;
import io.salespulse.simulator.Anomalies;
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
            runs++;
            return StreamingJobProcess.start(new StreamingJobProcess.Settings(cluster.kafka.bootstrapServers(), topic,
                    cluster.mariadb.jdbcUrl(database), cluster.mariadb.appUser(), cluster.mariadb.appPassword(),
                    cluster.cassandra.contactPoint(), keyspace, checkpoint, Duration.ofSeconds(1), 4000, LATENESS, "1g"),
                    cluster.dir.resolve("job-" + topic + "-" + runs + ".log"), env);
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
            assertThat(generated.values().stream().filter(r -> r.kind() == RecordKind.VALID).count()).isGreaterThan(15_000);
            assertThat(generated.values().stream().filter(r -> r.kind() == RecordKind.LATE).count())
                    .as("the test's own input has late events").isPositive();
            try (CqlSession session = cluster.cassandra.session()) {
                PipelineTruth.assertMatches(cluster.kafka.bootstrapServers(), topic, PARTITIONS, jdbcUrl,
                        cluster.mariadb.appUser(), cluster.mariadb.appPassword(), session, keyspace, generated, LATENESS);
            }
        }
    }
}
