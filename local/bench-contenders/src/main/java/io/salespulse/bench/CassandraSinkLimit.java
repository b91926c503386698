package io.salespulse.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.data.UdtValue;
import io.salespulse.schema.cassandra.CassandraReplication;
import io.salespulse.schema.cassandra.CassandraSchema;
import io.salespulse.schema.order.OrderEvent;
import io.salespulse.schema.order.OrderItem;
import io.salespulse.schema.order.OrderParser;
import io.salespulse.schema.order.ParsedOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Benchmark contender, not the product: the bare write rate of the raw store. Reads the backlog from Kafka and
 * parses it first (not timed), then writes every valid order's two rows with the same driver and the same write
 * shape as the job (orders_by_id singly, orders_by_hour in unlogged batches per partition, at most
 * maxConcurrentWrites requests in flight), no Spark. Times only the writes.
 *
 * <p>Usage: {@code CassandraSinkLimit <result-file>}; environment: BENCH_KAFKA, BENCH_TOPIC, BENCH_BACKLOG_ENDS
 * ({@code partition:nextOffset,...}), BENCH_CASSANDRA, BENCH_KEYSPACE, BENCH_MAX_CONCURRENT_WRITES. Writes
 * {@code orders rows nanos} to the result file.
 */
public final class CassandraSinkLimit {

    private static final int ROWS_PER_BATCH = 32;

    private CassandraSinkLimit() {
    }

    record Order(OrderEvent event, int partition, long offset) {
    }

    public static void main(String[] args) {
        try {
            run(Path.of(args[0]));
        } catch (Throwable e) {
            // The driver's non-daemon threads would keep a failed run alive: the launcher waits for the exit.
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(Path result) throws Exception {
        Map<String, String> env = System.getenv();
        List<Order> orders = readBacklog(env.get("BENCH_KAFKA"), env.get("BENCH_TOPIC"), parseEnds(env.get("BENCH_BACKLOG_ENDS")));
        String keyspace = env.get("BENCH_KEYSPACE");
        int maxInFlight = Integer.parseInt(env.get("BENCH_MAX_CONCURRENT_WRITES"));
        try (CqlSession setup = RawStore.session(env.get("BENCH_CASSANDRA"))) {
            CassandraSchema.apply(setup, keyspace, CassandraReplication.parse("SimpleStrategy:1"));
        }
        RawStore store = RawStore.of(env.get("BENCH_CASSANDRA"), keyspace);
        long rows = 0;
        BoundedWrites writes = new BoundedWrites(store.session(), maxInFlight);
        long begin = System.nanoTime();
        Map<String, BatchStatementBuilder> pending = new HashMap<>();
        for (Order o : orders) {
            writes.submit(bind(store.byId().boundStatementBuilder(), o, store).build());
            Instant eventTime = o.event().eventTime().toInstant();
            Instant hour = eventTime.truncatedTo(ChronoUnit.HOURS);
            int shard = CassandraSchema.shardOf(o.event().eventId());
            String key = hour + "/" + shard;
            BatchStatementBuilder batch = pending.computeIfAbsent(key, k -> BatchStatement.builder(BatchType.UNLOGGED));
            batch.addStatement(bind(store.byHour().boundStatementBuilder(), o, store)
                    .setInstant("hour", hour).setInt("shard", shard).build());
            if (batch.getStatementsCount() >= ROWS_PER_BATCH) {
                writes.submit(batch.build());
                pending.remove(key);
            }
            rows += 2;
        }
        for (BatchStatementBuilder batch : pending.values()) {
            writes.submit(batch.build());
        }
        writes.awaitAll(Duration.ofMinutes(5));
        long nanos = System.nanoTime() - begin;
        Files.writeString(result, orders.size() + " " + rows + " " + nanos + "\n");
        store.session().close();
    }

    private static BoundStatementBuilder bind(BoundStatementBuilder b, Order o, RawStore store) {
        OrderEvent e = o.event();
        List<UdtValue> items = new ArrayList<>(e.items().size());
        for (OrderItem item : e.items()) {
            items.add(store.itemType().newValue().setString("product_id", item.productId())
                    .setString("product_name", item.productName()).setString("category", item.category())
                    .setInt("quantity", item.quantity()).setBigDecimal("unit_price", item.unitPrice()));
        }
        return b.setUuid("event_id", e.eventId()).setInstant("event_time", e.eventTime().toInstant())
                .setString("order_id", e.orderId()).setString("customer_id", e.customerId())
                .setString("country", e.country()).setString("card_type", e.cardType().name())
                .setString("channel", e.channel().wire()).setString("currency", e.currency())
                .setBigDecimal("total_amount", e.totalAmount()).setList("items", items, UdtValue.class)
                .setInt("kafka_partition", o.partition()).setLong("kafka_offset", o.offset());
    }

    static Map<Integer, Long> parseEnds(String text) {
        Map<Integer, Long> ends = new HashMap<>();
        for (String pair : text.split(",")) {
            String[] p = pair.split(":");
            ends.put(Integer.parseInt(p[0].strip()), Long.parseLong(p[1].strip()));
        }
        return ends;
    }

    /** The valid orders of the backlog, as the job would write them (the records the parser rejects are skipped). */
    private static List<Order> readBacklog(String bootstrap, String topic, Map<Integer, Long> ends) {
        List<Order> orders = new ArrayList<>();
        OrderParser parser = new OrderParser();
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (Map.Entry<Integer, Long> end : ends.entrySet()) {
                TopicPartition tp = new TopicPartition(topic, end.getKey());
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                long position = consumer.position(tp);
                while (position < end.getValue()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        if (r.offset() >= end.getValue()) {
                            // Records published after the backlog (the freshness run) are not part of it.
                            position = end.getValue();
                            break;
                        }
                        if (parser.parse(r.value()) instanceof ParsedOrder.Valid valid) {
                            orders.add(new Order(valid.order(), r.partition(), r.offset()));
                        }
                        position = r.offset() + 1;
                    }
                }
            }
        }
        return orders;
    }
}
