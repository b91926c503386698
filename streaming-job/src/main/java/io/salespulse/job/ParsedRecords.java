package io.salespulse.job;

import static org.apache.spark.sql.functions.col;

import io.salespulse.schema.order.Currencies;
import io.salespulse.schema.order.OrderEvent;
import io.salespulse.schema.order.OrderItem;
import io.salespulse.schema.order.OrderParser;
import io.salespulse.schema.order.ParsedOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

/**
 * Turns raw Kafka records into one row each: the parsed order with its reporting-currency amounts and event-time
 * window, or the reason it was rejected together with the raw payload. The explicit schema is {@link #SCHEMA}.
 */
public final class ParsedRecords {

    public static final DecimalType MONEY = DataTypes.createDecimalType(20, 2);

    public static final StructType ITEM = new StructType()
            .add("product_id", DataTypes.StringType, false)
            .add("product_name", DataTypes.StringType, false)
            .add("category", DataTypes.StringType, false)
            .add("quantity", DataTypes.IntegerType, false)
            .add("unit_price", MONEY, false)
            .add("revenue", MONEY, false);

    public static final StructType SCHEMA = new StructType()
            .add("topic", DataTypes.StringType, false)
            .add("kafka_partition", DataTypes.IntegerType, false)
            .add("kafka_offset", DataTypes.LongType, false)
            .add("kafka_timestamp", DataTypes.TimestampType, true)
            .add("record_key", DataTypes.StringType, true)
            .add("valid", DataTypes.BooleanType, false)
            .add("reason_code", DataTypes.StringType, true)
            .add("reason", DataTypes.StringType, true)
            .add("payload", DataTypes.StringType, true)
            .add("event_id", DataTypes.StringType, true)
            .add("order_id", DataTypes.StringType, true)
            .add("event_time", DataTypes.TimestampType, true)
            .add("window_start", DataTypes.TimestampType, true)
            .add("customer_id", DataTypes.StringType, true)
            .add("country", DataTypes.StringType, true)
            .add("card_type", DataTypes.StringType, true)
            .add("currency", DataTypes.StringType, true)
            .add("total_amount", MONEY, true)
            .add("revenue", MONEY, true)
            .add("item_count", DataTypes.IntegerType, true)
            .add("items", (DataType) DataTypes.createArrayType(ITEM, false), true);

    private ParsedRecords() {
    }

    /**
     * @param kafkaRecords rows with the Kafka source's columns (topic, partition, offset, timestamp, key, value)
     */
    public static Dataset<Row> parse(Dataset<Row> kafkaRecords, Duration window) {
        long windowMillis = window.toMillis();
        MapPartitionsFunction<Row, Row> parser = rows -> new ParsingIterator(rows, windowMillis);
        return kafkaRecords
                .select(col("topic"), col("partition"), col("offset"), col("timestamp"),
                        col("key").cast("string").as("key"), col("value").cast("string").as("value"))
                .mapPartitions(parser, Encoders.row(SCHEMA));
    }

    static Instant windowStart(Instant eventTime, long windowMillis) {
        return Instant.ofEpochMilli(Math.floorDiv(eventTime.toEpochMilli(), windowMillis) * windowMillis);
    }

    private static final class ParsingIterator implements Iterator<Row> {
        private final Iterator<Row> input;
        private final long windowMillis;
        private final OrderParser parser = new OrderParser();

        ParsingIterator(Iterator<Row> input, long windowMillis) {
            this.input = input;
            this.windowMillis = windowMillis;
        }

        @Override
        public boolean hasNext() {
            return input.hasNext();
        }

        @Override
        public Row next() {
            Row in = input.next();
            String topic = in.getString(0);
            int partition = in.getInt(1);
            long offset = in.getLong(2);
            Instant timestamp = in.isNullAt(3) ? null : (Instant) in.get(3);
            String key = in.getString(4);
            String value = in.getString(5);
            ParsedOrder parsed = parser.parse(value);
            if (parsed instanceof ParsedOrder.Rejected rejected) {
                return RowFactory.create(topic, partition, offset, timestamp, key, false, rejected.reason().name(),
                        rejected.message(), value, null, null, null, null, null, null, null, null, null, null, null, null);
            }
            OrderEvent order = ((ParsedOrder.Valid) parsed).order();
            List<Row> items = new ArrayList<>(order.items().size());
            for (OrderItem item : order.items()) {
                items.add(RowFactory.create(item.productId(), item.productName(), item.category(), item.quantity(),
                        item.unitPrice(), Currencies.toReporting(item.lineAmount(), order.currency())));
            }
            Instant eventTime = order.eventTime().toInstant();
            return RowFactory.create(topic, partition, offset, timestamp, key, true, null, null, null,
                    order.eventId().toString(), order.orderId(), eventTime, windowStart(eventTime, windowMillis),
                    order.customerId(), order.country(), order.cardType().name(), order.currency(),
                    order.totalAmount(), Currencies.toReporting(order.totalAmount(), order.currency()),
                    order.itemCount(), scala.jdk.javaapi.CollectionConverters.asScala(items));
        }
    }
}
