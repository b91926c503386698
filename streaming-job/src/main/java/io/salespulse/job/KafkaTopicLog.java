package io.salespulse.job;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@link KafkaLog} on a real broker, through one consumer the driver keeps (group-less, assign only, nothing
 * committed). Start and end offsets are read once per batch ({@link #refresh}); the range read happens only when a
 * batch starts above the stored offset, which is rare.
 */
final class KafkaTopicLog implements KafkaLog, AutoCloseable {

    private static final Duration READ_DEADLINE = Duration.ofSeconds(30);

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private Map<Integer, Long> starts = Map.of();
    private Map<Integer, Long> ends = Map.of();

    KafkaTopicLog(JobConfig config) {
        this.topic = config.topic();
        Map<String, Object> props = new HashMap<>(config.kafkaSecurity().clientProperties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READ_DEADLINE.toMillis());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "salespulse-gap-check");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Reads the partitions' current log start and end offsets. */
    KafkaTopicLog refresh() {
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            Set<TopicPartition> partitions = infos == null ? Set.of() : infos.stream()
                    .map(i -> new TopicPartition(topic, i.partition())).collect(Collectors.toSet());
            starts = byPartition(partitions.isEmpty() ? Map.of() : consumer.beginningOffsets(partitions));
            ends = byPartition(partitions.isEmpty() ? Map.of() : consumer.endOffsets(partitions));
        } catch (UnknownTopicOrPartitionException e) {
            // Deleted (and maybe not yet recreated): no partition has any offset.
            starts = Map.of();
            ends = Map.of();
        }
        return this;
    }

    private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> out = new HashMap<>();
        offsets.forEach((tp, offset) -> out.put(tp.partition(), offset));
        return out;
    }

    @Override
    public long logStart(int partition) {
        return starts.getOrDefault(partition, -1L);
    }

    @Override
    public long logEnd(int partition) {
        return ends.getOrDefault(partition, -1L);
    }

    @Override
    public boolean hasRecordsBetween(int partition, long from, long until) {
        TopicPartition tp = new TopicPartition(topic, partition);
        consumer.assign(List.of(tp));
        consumer.seek(tp, from);
        long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    return r.offset() < until;
                }
                // position() moves past transaction markers and compacted-away offsets without returning a record.
                if (consumer.position(tp) >= until) {
                    return false;
                }
            }
        } finally {
            consumer.unsubscribe();
        }
        throw new IllegalStateException("could not read topic '" + topic + "' partition " + partition + " from offset "
                + from + " within " + READ_DEADLINE + " to check for an offset gap");
    }

    @Override
    public void close() {
        consumer.close();
    }
}
