package io.salespulse.job;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;

/**
 * Writes a partition of valid orders to the raw store. Rows of one Cassandra partition (hour, shard) go together in
 * unlogged batches (one mutation each on the replica), orders_by_id rows singly, all asynchronously with a bound on
 * requests in flight. Both tables are keyed by the event, so a replayed write is harmless.
 *
 * <p>One instance per Spark partition: {@link #write} submits and returns at once (blocking only while the bound
 * on requests in flight is reached), so the task can fold the same row into the aggregates meanwhile;
 * {@link #finish} waits for the rest.
 */
final class CassandraRawWriter {

    private static final int ROWS_PER_BATCH = 32;

    private final CqlSession session;
    private final Statements statements;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final Map<String, BatchStatementBuilder> pending = new HashMap<>();
    private long waitedNanos;

    CassandraRawWriter(JobConfig.CassandraSettings settings) {
        this.session = CassandraSessions.get(settings);
        this.statements = Statements.prepare(session, settings.keyspace());
        this.maxInFlight = settings.maxConcurrentWrites();
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** Submits one order's rows; fails with the first write that failed before. */
    void write(Row row) throws InterruptedException {
        failFast();
        RawOrder order = RawOrder.of(row, statements.itemType);
        submit(statements.byId(order));
        String partitionKey = order.hour + "/" + order.shard;
        BatchStatementBuilder batch = pending.computeIfAbsent(partitionKey, k -> BatchStatement.builder(BatchType.UNLOGGED));
        batch.addStatement(statements.byHour(order));
        if (batch.getStatementsCount() >= ROWS_PER_BATCH) {
            submit(batch.build());
            pending.remove(partitionKey);
        }
    }

    /** Sends what is left and waits until every write is acknowledged; returns the time this task spent waiting. */
    long finish() throws InterruptedException {
        for (BatchStatementBuilder batch : pending.values()) {
            submit(batch.build());
        }
        pending.clear();
        long start = System.nanoTime();
        if (!inFlight.tryAcquire(maxInFlight, 2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("Cassandra writes did not complete within 2 minutes");
        }
        inFlight.release(maxInFlight);
        waitedNanos += System.nanoTime() - start;
        failFast();
        return waitedNanos / 1_000_000;
    }

    private void failFast() {
        if (!failures.isEmpty()) {
            throw new IllegalStateException("writing raw orders to Cassandra failed: " + failures.peek().getMessage(), failures.peek());
        }
    }

    private void submit(Statement<?> statement) throws InterruptedException {
        if (!inFlight.tryAcquire()) {
            long start = System.nanoTime();
            inFlight.acquire();
            waitedNanos += System.nanoTime() - start;
        }
        CompletionStage<AsyncResultSet> result = session.executeAsync(statement);
        result.whenComplete((rs, error) -> {
            if (error != null) {
                failures.add(error);
            }
            inFlight.release();
        });
    }

    /** @param dimensions the order-level dimension values by column ({@link #DIMENSIONS}) */
    private record RawOrder(Instant hour, int shard, Instant eventTime, UUID eventId, String orderId, String customerId,
                            Map<String, String> dimensions, String currency, BigDecimal total, List<UdtValue> items,
                            int partition, long offset) {

        static RawOrder of(Row row, UserDefinedType itemType) {
            Instant eventTime = row.getAs("event_time");
            UUID eventId = UUID.fromString(row.getAs("event_id"));
            List<Row> itemRows = row.getList(row.fieldIndex("items"));
            List<UdtValue> items = new ArrayList<>(itemRows.size());
            for (Row item : itemRows) {
                items.add(itemType.newValue()
                        .setString("product_id", item.getAs("product_id"))
                        .setString("product_name", item.getAs("product_name"))
                        .setString("category", item.getAs("category"))
                        .setInt("quantity", item.<Integer>getAs("quantity"))
                        .setBigDecimal("unit_price", item.getAs("unit_price")));
            }
            Map<String, String> dimensions = new LinkedHashMap<>();
            DIMENSIONS.forEach(column -> dimensions.put(column, row.getAs(column)));
            return new RawOrder(eventTime.truncatedTo(ChronoUnit.HOURS), CassandraSchema.shardOf(eventId), eventTime,
                    eventId, row.getAs("order_id"), row.getAs("customer_id"), dimensions,
                    row.getAs("currency"), row.getAs("total_amount"), items, row.<Integer>getAs("kafka_partition"),
                    row.<Long>getAs("kafka_offset"));
        }
    }

    /** The order-level dimension columns of the catalogue; the raw tables have a column of the same name for each. */
    static final List<String> DIMENSIONS = Catalogue.at(Level.ORDER).stream().map(d -> d.key().name()).toList();

    /** The columns both raw tables have besides their own key columns (values are bound by these names). */
    private static final List<String> SHARED = java.util.stream.Stream.of(
            List.of("event_id", "event_time", "order_id", "customer_id"), DIMENSIONS,
            List.of("currency", "total_amount", "items", "kafka_partition", "kafka_offset"))
            .flatMap(List::stream).toList();

    private record Statements(PreparedStatement byHour, PreparedStatement byId, UserDefinedType itemType) {

        static Statements prepare(CqlSession session, String keyspace) {
            UserDefinedType itemType = session.getMetadata().getKeyspace(keyspace)
                    .flatMap(ks -> ks.getUserDefinedType("order_item"))
                    .orElseThrow(() -> new IllegalStateException("type " + keyspace + ".order_item is missing: "
                            + "the Cassandra schema was not applied"));
            List<String> byHourColumns = new ArrayList<>(List.of("hour", "shard"));
            byHourColumns.addAll(SHARED);
            return new Statements(session.prepare(insert(keyspace + ".orders_by_hour", byHourColumns)),
                    session.prepare(insert(keyspace + ".orders_by_id", SHARED)), itemType);
        }

        private static String insert(String table, List<String> columns) {
            return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
        }

        BoundStatement byHour(RawOrder o) {
            return shared(byHour.boundStatementBuilder(), o).setInstant("hour", o.hour).setInt("shard", o.shard)
                    .build().setIdempotent(true);
        }

        BoundStatement byId(RawOrder o) {
            return shared(byId.boundStatementBuilder(), o).build().setIdempotent(true);
        }

        /** Binds by column name, never by position. */
        private static BoundStatementBuilder shared(BoundStatementBuilder b, RawOrder o) {
            b.setUuid("event_id", o.eventId).setInstant("event_time", o.eventTime).setString("order_id", o.orderId)
                    .setString("customer_id", o.customerId).setString("currency", o.currency)
                    .setBigDecimal("total_amount", o.total).setList("items", o.items, UdtValue.class)
                    .setInt("kafka_partition", o.partition).setLong("kafka_offset", o.offset);
            o.dimensions.forEach(b::setString);
            return b;
        }
    }
}
