package io.salespulse.job;

import static org.apache.spark.sql.functions.col;

import io.salespulse.schema.catalogue.Catalogue;
import io.salespulse.schema.catalogue.Column;
import io.salespulse.schema.catalogue.Dimension;
import io.salespulse.schema.catalogue.Level;
import io.salespulse.schema.order.Currencies;
import io.salespulse.schema.order.OrderEvent;
import io.salespulse.schema.order.OrderItem;
import io.salespulse.schema.order.OrderParser;
import io.salespulse.schema.order.ParsedOrder;
import io.salespulse.schema.order.RejectReason;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

/**
 * Turns a micro-batch of raw Kafka records into one row each ({@link #SCHEMA}, the job's explicit schema): the parsed
 * order with reporting-currency amounts, event-time window and classification, or the reason it was rejected with
 * the raw payload. Records MySQL already has (below a partition's stored next offset) are left out.
 *
 * <p>Everything happens in one narrow pass per Spark partition, which the Kafka source gives as one topic-partition
 * offset range in offset order (the job never sets the source's minPartitions, which would split ranges). That is
 * what lets the pass decide, without a shuffle:
 * <ul>
 *   <li>{@code late}: the event time is more than the allowed lateness behind the newest valid event time seen
 *       before it on its partition (this batch or, via {@code stream_progress}, earlier ones) — a rule that depends
 *       only on the log, so a replay classifies every record the same way;</li>
 *   <li>{@code first}: the first occurrence of its event_id in this batch on this partition (a retrying producer
 *       resends with the same key, so to the same partition; the driver catches the rare cross-partition case).</li>
 * </ul>
 */
public final class ParsedRecords {

    public static final DecimalType MONEY = DataTypes.createDecimalType(20, 2);

    /** One order line: fixed fields, then every line dimension's columns and "first_of_" flag from the catalogue. */
    public static final StructType ITEM = itemSchema();

    /** One record: fixed fields, with a column for every order-level dimension of the catalogue. */
    public static final StructType SCHEMA = recordSchema();

    /** Marks the first line of an order with a line dimension's value: the order counts once for that value. */
    static String firstOf(Dimension dimension) {
        return "first_of_" + dimension.name();
    }

    private static StructType itemSchema() {
        StructType item = new StructType()
                .add("line_no", DataTypes.IntegerType, false)
                .add("quantity", DataTypes.IntegerType, false)
                .add("unit_price", MONEY, false)
                .add("revenue", MONEY, false);
        for (Dimension d : Catalogue.at(Level.LINE)) {
            for (Column c : d.columns()) {
                item = item.add(c.name(), DataTypes.StringType, false);
            }
            item = item.add(firstOf(d), DataTypes.BooleanType, false);
        }
        return item;
    }

    private static StructType recordSchema() {
        StructType schema = new StructType()
                .add("topic", DataTypes.StringType, false)
                .add("kafka_partition", DataTypes.IntegerType, false)
                .add("kafka_offset", DataTypes.LongType, false)
                .add("kafka_timestamp", DataTypes.TimestampType, true)
                .add("record_key", DataTypes.StringType, true)
                .add("valid", DataTypes.BooleanType, false)
                .add("reason_code", DataTypes.StringType, true)
                .add("reason", DataTypes.StringType, true)
                .add("payload", DataTypes.StringType, true)
                .add("first", DataTypes.BooleanType, false)
                .add("late", DataTypes.BooleanType, false)
                .add("watermark", DataTypes.TimestampType, true)
                .add("event_id", DataTypes.StringType, true)
                .add("order_id", DataTypes.StringType, true)
                .add("event_time", DataTypes.TimestampType, true)
                .add("window_start", DataTypes.TimestampType, true)
                .add("customer_id", DataTypes.StringType, true);
        for (Dimension d : Catalogue.at(Level.ORDER)) {
            schema = schema.add(d.key().name(), DataTypes.StringType, true);
        }
        return schema
                .add("currency", DataTypes.StringType, true)
                .add("total_amount", MONEY, true)
                .add("revenue", MONEY, true)
                .add("item_count", DataTypes.IntegerType, true)
                .add("items", (DataType) DataTypes.createArrayType(ITEM, false), true)
                .add("payload_bytes", DataTypes.LongType, true)
                .add("payload_sha256", DataTypes.StringType, true);
    }

    /** The longest reason and record key a dead letter keeps (the MySQL columns' widths). */
    static final int MAX_REASON = 1024;
    static final int MAX_KEY = 256;

    private ParsedRecords() {
    }

    /** What decides a record's fate besides the contract. */
    public record Rules(Duration window, Duration allowedLateness, Duration maxFutureSkew, int deadLetterPayloadMax,
                        Instant jobClock) {
    }

    /** With the defaults of the job's configuration and the current time (tests). */
    static Dataset<Row> parse(Dataset<Row> kafkaRecords, Collection<PartitionProgress> progress, Duration window,
                              Duration allowedLateness) {
        return parse(kafkaRecords, progress, new Rules(window, allowedLateness, Duration.ofMinutes(5), 2048, Instant.now()));
    }

    /**
     * @param kafkaRecords rows with the Kafka source's columns (topic, partition, offset, timestamp, timestampType,
     *                     key, value)
     * @param progress     what MySQL says is applied per partition
     */
    public static Dataset<Row> parse(Dataset<Row> kafkaRecords, Collection<PartitionProgress> progress, Rules rules) {
        Settings settings = new Settings(rules.window().toMillis(), rules.allowedLateness().toMillis(),
                progressByPartition(progress), new FutureSkewRule(rules.maxFutureSkew(), rules.jobClock()),
                rules.deadLetterPayloadMax());
        MapPartitionsFunction<Row, Row> parser = rows -> new ParsingIterator(rows, settings);
        return kafkaRecords
                .select(col("topic"), col("partition"), col("offset"), col("timestamp"),
                        col("key").cast("string").as("key"), col("value"), col("timestampType"))
                .mapPartitions(parser, Encoders.row(SCHEMA));
    }

    static Instant windowStart(Instant eventTime, long windowMillis) {
        return Instant.ofEpochMilli(Math.floorDiv(eventTime.toEpochMilli(), windowMillis) * windowMillis);
    }

    private static Map<Integer, PartitionProgress> progressByPartition(Collection<PartitionProgress> progress) {
        Map<Integer, PartitionProgress> byPartition = new HashMap<>();
        progress.forEach(p -> byPartition.put(p.partition(), p));
        return byPartition;
    }

    private record Settings(long windowMillis, long latenessMillis, Map<Integer, PartitionProgress> progress,
                            FutureSkewRule futureSkew, int payloadMax) implements Serializable {
    }

    private static final class ParsingIterator implements Iterator<Row> {
        private final Iterator<Row> input;
        private final Settings settings;
        private final OrderParser parser = new OrderParser();
        private final Map<Integer, Long> newestEventMillis = new HashMap<>();
        private final Set<String> seenEventIds = new HashSet<>();
        private Row next;

        ParsingIterator(Iterator<Row> input, Settings settings) {
            this.input = input;
            this.settings = settings;
            settings.progress().forEach((partition, p) -> {
                if (p.maxEventTime() != null) {
                    newestEventMillis.put(partition, p.maxEventTime().toEpochMilli());
                }
            });
        }

        @Override
        public boolean hasNext() {
            while (next == null && input.hasNext()) {
                Row in = input.next();
                PartitionProgress applied = settings.progress().get(in.<Integer>getAs("partition"));
                if (applied == null || in.<Long>getAs("offset") >= applied.nextOffset()) {
                    next = convert(in);
                }
            }
            return next != null;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row row = next;
            next = null;
            return row;
        }

        /** Never throws for a record: whatever goes wrong with one becomes its dead letter. */
        private Row convert(Row in) {
            try {
                byte[] value = in.getAs("value");
                ParsedOrder parsed = parser.parse(value);
                if (parsed instanceof ParsedOrder.Rejected rejected) {
                    return rejected(in, rejected.reason().name(), rejected.message());
                }
                OrderEvent order = ((ParsedOrder.Valid) parsed).order();
                Instant timestamp = in.getAs("timestamp");
                Integer timestampType = in.getAs("timestampType");
                String future = settings.futureSkew().violation(order.eventTime().toInstant(), timestamp, timestampType);
                if (future != null) {
                    return rejected(in, RejectReason.EVENT_TIME_IN_FUTURE.name(), future);
                }
                return accepted(in, order);
            } catch (RuntimeException e) {
                return rejected(in, RejectReason.UNPARSEABLE.name(), "unexpected " + e.getClass().getSimpleName()
                        + " while classifying the record: " + e.getMessage());
            }
        }

        /** The Kafka source's columns every record keeps. */
        private static NamedRow source(Row in) {
            return new NamedRow(SCHEMA)
                    .set("topic", in.getAs("topic"))
                    .set("kafka_partition", in.getAs("partition"))
                    .set("kafka_offset", in.getAs("offset"))
                    .set("kafka_timestamp", in.getAs("timestamp"))
                    .set("record_key", DeadLetterPayload.truncate(in.getAs("key"), MAX_KEY));
        }

        private Row rejected(Row in, String reasonCode, String reason) {
            byte[] value = in.getAs("value");
            DeadLetterPayload payload = DeadLetterPayload.of(value, settings.payloadMax());
            return source(in)
                    .set("valid", false)
                    .set("reason_code", reasonCode)
                    .set("reason", DeadLetterPayload.truncate(reason, MAX_REASON))
                    .set("payload", payload.excerpt())
                    .set("first", false)
                    .set("late", false)
                    .set("payload_bytes", value == null ? null : payload.bytes())
                    .set("payload_sha256", payload.sha256())
                    .build();
        }

        private Row accepted(Row in, OrderEvent order) {
            int partition = in.getAs("partition");
            Instant eventTime = order.eventTime().toInstant();
            Long newest = newestEventMillis.get(partition);
            Instant watermark = newest == null ? null : Instant.ofEpochMilli(newest - settings.latenessMillis());
            boolean late = watermark != null && eventTime.isBefore(watermark);
            NamedRow row = source(in)
                    .set("valid", true)
                    .set("first", !seenEventIds.contains(order.eventId().toString()))
                    .set("late", late)
                    .set("watermark", watermark)
                    .set("event_id", order.eventId().toString())
                    .set("order_id", order.orderId())
                    .set("event_time", eventTime)
                    .set("window_start", windowStart(eventTime, settings.windowMillis()))
                    .set("customer_id", order.customerId())
                    .set("currency", order.currency())
                    .set("total_amount", order.totalAmount())
                    .set("revenue", Currencies.toReporting(order.totalAmount(), order.currency()))
                    .set("item_count", order.itemCount())
                    .set("items", scala.jdk.javaapi.CollectionConverters.asScala(items(order)));
            for (Dimension d : Catalogue.at(Level.ORDER)) {
                row.set(d.key().name(), d.valueOf(order));
            }
            Row built = row.build();
            // Only once the row is built: a failure above leaves the partition's state as if the record were not there.
            if (newest == null || eventTime.toEpochMilli() > newest) {
                newestEventMillis.put(partition, eventTime.toEpochMilli());
            }
            seenEventIds.add(order.eventId().toString());
            return built;
        }

        private static List<Row> items(OrderEvent order) {
            List<Dimension> lineDimensions = Catalogue.at(Level.LINE);
            List<Set<String>> seen = new ArrayList<>();
            lineDimensions.forEach(d -> seen.add(new HashSet<>()));
            List<Row> items = new ArrayList<>(order.items().size());
            int line = 0;
            for (OrderItem item : order.items()) {
                NamedRow row = new NamedRow(ITEM)
                        .set("line_no", line++)
                        .set("quantity", item.quantity())
                        .set("unit_price", item.unitPrice())
                        .set("revenue", Currencies.toReporting(item.lineAmount(), order.currency()));
                for (int i = 0; i < lineDimensions.size(); i++) {
                    Dimension d = lineDimensions.get(i);
                    List<String> values = d.valuesOf(item);
                    List<Column> columns = d.columns();
                    for (int c = 0; c < columns.size(); c++) {
                        row.set(columns.get(c).name(), values.get(c));
                    }
                    row.set(firstOf(d), seen.get(i).add(values.get(0)));
                }
                items.add(row.build());
            }
            return items;
        }
    }
}
