package io.salespulse.job;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.data.UdtValue;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import io.salespulse.schema.cassandra.CassandraSchema;
import io.salespulse.schema.catalogue.Catalogue;
import io.salespulse.schema.catalogue.Level;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Row;

/**
 * Writes a partition of valid orders to the raw store. Rows of one Cassandra partition (hour, shard) go together in
 * unlogged batches (one mutation each on the replica), orders_by_id rows singly, all asynchronously with a bound on
 * requests in flight. Both tables are keyed by the event, so a replayed write is harmless.
 */
public final class CassandraRawWriter implements ForeachPartitionFunction<Row> {

    private static final int ROWS_PER_BATCH = 32;

    private final JobConfig.CassandraSettings settings;

    public CassandraRawWriter(JobConfig.CassandraSettings settings) {
        this.settings = settings;
    }

    @Override
    public void call(Iterator<Row> rows) throws Exception {
        CqlSession session = CassandraSessions.get(settings);
        Statements statements = Statements.prepare(session, settings.keyspace());
        Semaphore inFlight = new Semaphore(settings.maxConcurrentWrites());
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Map<String, BatchStatementBuilder> pending = new HashMap<>();
        while (rows.hasNext() && failures.isEmpty()) {
            RawOrder order = RawOrder.of(rows.next(), statements.itemType);
            submit(session, statements.byId(order), inFlight, failures);
            String partitionKey = order.hour + "/" + order.shard;
            BatchStatementBuilder batch = pending.computeIfAbsent(partitionKey, k -> BatchStatement.builder(BatchType.UNLOGGED));
            batch.addStatement(statements.byHour(order));
            if (batch.getStatementsCount() >= ROWS_PER_BATCH) {
                submit(session, batch.build(), inFlight, failures);
                pending.remove(partitionKey);
            }
        }
        for (BatchStatementBuilder batch : pending.values()) {
            submit(session, batch.build(), inFlight, failures);
        }
        if (!inFlight.tryAcquire(settings.maxConcurrentWrites(), 2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("Cassandra writes did not complete within 2 minutes");
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("writing raw orders to Cassandra failed: " + failures.peek().getMessage(), failures.peek());
        }
    }

    private static void submit(CqlSession session, Statement<?> statement, Semaphore inFlight,
                               ConcurrentLinkedQueue<Throwable> failures) throws InterruptedException {
        inFlight.acquire();
        CompletionStage<AsyncResultSet> result = session.executeAsync(statement);
        result.whenComplete((rs, error) -> {
            if (error != null) {
                failures.add(error);
            }
            inFlight.release();
        });
    }

    /** @param dimensions the values of {@link #DIMENSIONS}, in that order */
    private record RawOrder(Instant hour, int shard, Instant eventTime, UUID eventId, String orderId, String customerId,
                            List<String> dimensions, String currency, BigDecimal total, List<UdtValue> items,
                            int partition, long offset) {

        static RawOrder of(Row row, UserDefinedType itemType) {
            Instant eventTime = row.getAs("event_time");
            UUID eventId = UUID.fromString(row.getAs("event_id"));
            List<Row> itemRows = row.getList(row.fieldIndex("items"));
            List<UdtValue> items = new ArrayList<>(itemRows.size());
            for (Row item : itemRows) {
                items.add(itemType.newValue(item.<String>getAs("product_id"), item.<String>getAs("product_name"),
                        item.<String>getAs("category"), item.<Integer>getAs("quantity"), item.<BigDecimal>getAs("unit_price")));
            }
            List<String> dimensions = DIMENSIONS.stream().map(column -> row.<String>getAs(column)).toList();
            return new RawOrder(eventTime.truncatedTo(ChronoUnit.HOURS), CassandraSchema.shardOf(eventId), eventTime,
                    eventId, row.getAs("order_id"), row.getAs("customer_id"), dimensions,
                    row.getAs("currency"), row.getAs("total_amount"), items, row.<Integer>getAs("kafka_partition"),
                    row.<Long>getAs("kafka_offset"));
        }
    }

    /** The order-level dimension columns of the catalogue; the raw tables have a column of the same name for each. */
    static final List<String> DIMENSIONS = Catalogue.at(Level.ORDER).stream().map(d -> d.key().name()).toList();

    private record Statements(PreparedStatement byHour, PreparedStatement byId, UserDefinedType itemType) {

        static Statements prepare(CqlSession session, String keyspace) {
            UserDefinedType itemType = session.getMetadata().getKeyspace(keyspace)
                    .flatMap(ks -> ks.getUserDefinedType("order_item"))
                    .orElseThrow(() -> new IllegalStateException("type " + keyspace + ".order_item is missing: "
                            + "the Cassandra schema was not applied"));
            String dims = String.join(", ", DIMENSIONS);
            String dimMarks = String.join(", ", java.util.Collections.nCopies(DIMENSIONS.size(), "?"));
            PreparedStatement byHour = session.prepare("INSERT INTO " + keyspace + ".orders_by_hour (hour, shard, "
                    + "event_time, event_id, order_id, customer_id, " + dims + ", currency, total_amount, items, "
                    + "kafka_partition, kafka_offset) VALUES (?, ?, ?, ?, ?, ?, " + dimMarks + ", ?, ?, ?, ?, ?)");
            PreparedStatement byId = session.prepare("INSERT INTO " + keyspace + ".orders_by_id (order_id, event_id, "
                    + "event_time, customer_id, " + dims + ", currency, total_amount, items, kafka_partition, "
                    + "kafka_offset) VALUES (?, ?, ?, ?, " + dimMarks + ", ?, ?, ?, ?, ?)");
            return new Statements(byHour, byId, itemType);
        }

        BoundStatement byHour(RawOrder o) {
            List<Object> values = new ArrayList<>(java.util.Arrays.asList(o.hour, o.shard, o.eventTime, o.eventId, o.orderId, o.customerId));
            values.addAll(o.dimensions);
            values.addAll(java.util.Arrays.asList(o.currency, o.total, o.items, o.partition, o.offset));
            return byHour.bind(values.toArray()).setIdempotent(true);
        }

        BoundStatement byId(RawOrder o) {
            List<Object> values = new ArrayList<>(java.util.Arrays.asList(o.orderId, o.eventId, o.eventTime, o.customerId));
            values.addAll(o.dimensions);
            values.addAll(java.util.Arrays.asList(o.currency, o.total, o.items, o.partition, o.offset));
            return byId.bind(values.toArray()).setIdempotent(true);
        }
    }
}
