package io.salespulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.salespulse.schema.order.RejectReason;
import io.salespulse.simulator.SimulatedRecord;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The end-to-end verdict every data-plane test shares (local run and real node): the truth computed independently
 * from the generated records and their order in the Kafka log ({@link ExpectedOutcome}) equals what the job wrote
 * to MySQL and Cassandra ({@link ActualOutcome}), row for row.
 */
public final class PipelineTruth {

    private PipelineTruth() {
    }

    public static void assertMatches(String bootstrapServers, String topic, int partitions, String jdbcUrl,
                                     String user, String password, CqlSession cassandra, String keyspace,
                                     Map<String, SimulatedRecord> generated, Duration lateness) throws Exception {
        assertMatches(bootstrapServers, topic, partitions, jdbcUrl, user, password, cassandra, keyspace, generated,
                Map.of(), lateness);
    }

    /** @param hostile records the simulator did not generate (keyed by record key), with the reason each must get */
    public static void assertMatches(String bootstrapServers, String topic, int partitions, String jdbcUrl,
                                     String user, String password, CqlSession cassandra, String keyspace,
                                     Map<String, SimulatedRecord> generated, Map<String, RejectReason> hostile,
                                     Duration lateness) throws Exception {
        ExpectedOutcome truth = ExpectedOutcome.compute(readLog(bootstrapServers, topic, partitions,
                hostile.keySet()), generated, hostile, lateness);
        ActualOutcome actual = ActualOutcome.read(jdbcUrl, user, password, cassandra, keyspace);
        long malformed = generated.values().stream().filter(r -> r.kind().isMalformed()).count();
        assertThat(truth.deadLetters).as("the test's own input has malformed records").isNotEmpty();
        assertThat(truth.validRecords).as("the test's own input has duplicates")
                .isGreaterThan(truth.distinctOrders.size());

        assertThat(actual.aggregates).as("every aggregate row (dimension|window|key -> revenue, orders, items)")
                .containsExactlyInAnyOrderEntriesOf(truth.aggregates);
        assertThat(actual.deadLetters).as("dead letters by partition/offset -> reason")
                .containsExactlyInAnyOrderEntriesOf(truth.deadLetters.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().name())));
        assertThat(actual.deadLetters).hasSize(truth.deadLetters.size());
        assertThat(malformed).isLessThanOrEqualTo(truth.deadLetters.size());
        assertThat(actual.lateEvents).as("late events").containsExactlyInAnyOrderElementsOf(truth.lateEvents);
        assertThat(actual.rawById).as("Cassandra orders_by_id").containsExactlyInAnyOrderElementsOf(truth.distinctOrders);
        assertThat(actual.rawByIdRows).isEqualTo(truth.distinctOrders.size());
        assertThat(actual.rawChannels).as("Cassandra orders_by_id channel (absent in the record = web)")
                .containsExactlyInAnyOrderEntriesOf(truth.channels);
        assertThat(actual.rawByHourRows).as("Cassandra orders_by_hour rows").isEqualTo(truth.distinctOrders.size());
        assertThat(actual.loggedValid).as("new orders in stream_batches").isEqualTo(truth.distinctOrders.size());
        assertThat(actual.loggedDuplicates).as("duplicates in stream_batches")
                .isEqualTo(truth.validRecords - truth.distinctOrders.size());
        assertThat(actual.loggedDeadLetters).isEqualTo(truth.deadLetters.size());
        assertThat(actual.loggedLate).isEqualTo(truth.lateEvents.size());
    }

    /** Total revenue and order count of the truth, for checks against other readers (the dashboard's API). */
    public static ExpectedOutcome.Totals overall(String bootstrapServers, String topic, int partitions,
                                                 Map<String, SimulatedRecord> generated, Duration lateness) {
        ExpectedOutcome truth = ExpectedOutcome.compute(readLog(bootstrapServers, topic, partitions, Set.of()),
                generated, Map.of(), lateness);
        return truth.aggregates.entrySet().stream().filter(e -> e.getKey().startsWith("TOTAL|"))
                .map(Map.Entry::getValue)
                .reduce(new ExpectedOutcome.Totals(java.math.BigDecimal.ZERO, 0, 0),
                        (a, b) -> a.plus(b.revenue(), b.orders(), b.items()));
    }

    /** The log in offset order; the values of hostile records (up to a megabyte each) are not kept. */
    static List<LogRecord> readLog(String bootstrapServers, String topic, int partitions, Set<String> hostileKeys) {
        List<LogRecord> log = new ArrayList<>();
        long end;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            end = TopicOffsets.sumOfEnds(admin, topic);
        }
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assigned.add(new TopicPartition(topic, p));
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Deadline.await("reading back " + end + " records of " + topic, Duration.ofMinutes(2),
                    Duration.ofMillis(1), () -> {
                        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                            boolean kept = r.value() != null && (r.key() == null || !hostileKeys.contains(r.key()));
                            log.add(new LogRecord(r.partition(), r.offset(), r.key(),
                                    kept ? new String(r.value(), StandardCharsets.UTF_8) : null));
                        }
                        return log.size() >= end;
                    });
        }
        return log;
    }
}
