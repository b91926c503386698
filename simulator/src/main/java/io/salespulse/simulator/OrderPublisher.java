package io.salespulse.simulator;

import io.salespulse.schema.kafka.KafkaSecurity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends generated records to Kafka at a planned rate with an idempotent producer (acks=all), so the broker never
 * stores a producer retry twice: the only duplicates on the topic are the ones the generator injects on purpose.
 */
public final class OrderPublisher implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final Clock clock;
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();

    public OrderPublisher(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, Clock.systemUTC());
    }

    OrderPublisher(String bootstrapServers, String topic, Clock clock) {
        this.topic = topic;
        this.clock = clock;
        this.producer = new KafkaProducer<>(producerConfig(bootstrapServers), new StringSerializer(), new StringSerializer());
    }

    static Properties producerConfig(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "salespulse-simulator");
        props.putAll(KafkaSecurity.fromEnvironment(System.getenv()).clientProperties());
        return props;
    }

    /** Sends one record now; the Kafka record timestamp is the send time (used to measure freshness). */
    public void send(SimulatedRecord record) {
        throwIfFailed();
        producer.send(new ProducerRecord<>(topic, record.key(), record.value()), (metadata, error) -> {
            if (error != null) {
                sendFailure.compareAndSet(null, error);
            }
        });
    }

    /**
     * Publishes until {@code maxOrders} records (0 = no limit) or {@code maxDuration} (null = no limit) is reached,
     * or the thread is interrupted. Returns how many records of each kind were sent.
     */
    public Map<RecordKind, Long> run(OrderGenerator generator, RatePlan plan, long maxOrders, Duration maxDuration,
                                     Consumer<Map<RecordKind, Long>> progress) throws InterruptedException {
        Map<RecordKind, Long> sent = new EnumMap<>(RecordKind.class);
        Instant start = clock.instant();
        Instant lastReport = start;
        double owed = 0;
        Instant lastTick = start;
        long total = 0;
        while ((maxOrders <= 0 || total < maxOrders) && (maxDuration == null
                || Duration.between(start, clock.instant()).compareTo(maxDuration) < 0)) {
            Instant now = clock.instant();
            double hour = now.atZone(ZoneOffset.UTC).getHour() + now.atZone(ZoneOffset.UTC).getMinute() / 60.0;
            owed += plan.rateAt(Duration.between(start, now), hour) * Duration.between(lastTick, now).toNanos() / 1e9;
            lastTick = now;
            long due = (long) owed;
            if (maxOrders > 0) {
                due = Math.min(due, maxOrders - total);
            }
            for (long i = 0; i < due; i++) {
                SimulatedRecord record = generator.next(now);
                send(record);
                sent.merge(record.kind(), 1L, Long::sum);
            }
            owed -= due;
            total += due;
            if (progress != null && Duration.between(lastReport, now).toSeconds() >= 5) {
                progress.accept(Map.copyOf(sent));
                lastReport = now;
            }
            Thread.sleep(due == 0 ? 2 : 1);
        }
        producer.flush();
        throwIfFailed();
        return sent;
    }

    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    private void throwIfFailed() {
        Exception failure = sendFailure.get();
        if (failure != null) {
            throw new IllegalStateException("publishing to topic '" + topic + "' failed: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
