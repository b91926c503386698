package io.salespulse.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salespulse.schema.order.CardType;
import io.salespulse.schema.order.OrderEvent;
import io.salespulse.schema.order.OrderItem;
import io.salespulse.schema.order.OrderJson;
import io.salespulse.schema.order.OrderLimits;
import io.salespulse.schema.order.RejectReason;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Records meant to break a consumer — huge exponents, NaN, 2^63 quantities, over-long and multi-megabyte strings,
 * far-future and out-of-range times, deep nesting, invalid UTF-8, NUL characters, empty and non-object records —
 * each with the dead-letter reason the pipeline must give it; and valid orders that are merely awkward (edge
 * amounts, case- and accent-only differences, four-byte characters) which must be counted exactly. Deterministic
 * for a seed and a "now".
 */
public final class HostileRecords {

    /** One hostile record: raw key and value bytes (value may be null: a tombstone). */
    public record Hostile(String name, byte[] key, byte[] value, RejectReason expected) {
        public String keyText() {
            return new String(key, StandardCharsets.UTF_8);
        }
    }

    private final Random random;
    private int next;

    public HostileRecords(long seed) {
        this.random = new Random(seed);
    }

    /** The corpus: every kind of hostile record once, keyed {@code hostile-<n>}. */
    public List<Hostile> corpus(Instant now) {
        List<Hostile> out = new ArrayList<>();
        String order = OrderJson.write(order(now, "19.99", 2));
        add(out, "huge exponent", order.replace("\"unit_price\":19.99", "\"unit_price\":1e400"), RejectReason.AMOUNT_OUT_OF_RANGE);
        add(out, "exponent of a billion", order.replace("\"total_amount\":39.98", "\"total_amount\":1e999999999"),
                RejectReason.AMOUNT_OUT_OF_RANGE);
        add(out, "tiny exponent", order.replace("\"unit_price\":19.99", "\"unit_price\":1e-999999999"), RejectReason.INVALID_PRICE);
        add(out, "NaN", order.replace("\"unit_price\":19.99", "\"unit_price\":NaN"), RejectReason.MALFORMED_JSON);
        add(out, "Infinity", order.replace("\"total_amount\":39.98", "\"total_amount\":-Infinity"), RejectReason.MALFORMED_JSON);
        add(out, "5000-digit number", order.replace("\"total_amount\":39.98", "\"total_amount\":" + "9".repeat(5000)),
                RejectReason.MALFORMED_JSON);
        add(out, "quantity 2^63", order.replace("\"quantity\":2", "\"quantity\":9223372036854775808"), RejectReason.INVALID_QUANTITY);
        add(out, "quantity 2^31", order.replace("\"quantity\":2", "\"quantity\":2147483648"), RejectReason.INVALID_QUANTITY);
        add(out, "quantity over the limit", order.replace("\"quantity\":2", "\"quantity\":" + (OrderLimits.MAX_QUANTITY + 1)),
                RejectReason.INVALID_QUANTITY);
        add(out, "total over the limit", OrderJson.write(order(now, "10000000.01", 1)), RejectReason.AMOUNT_OUT_OF_RANGE);
        add(out, "product_id 65 long", withItemField(now, "product_id", "P".repeat(65)), RejectReason.INVALID_FIELD);
        add(out, "category 257 long", withItemField(now, "category", "c".repeat(257)), RejectReason.INVALID_FIELD);
        add(out, "product_name of almost a megabyte", withItemField(now, "product_name", "\u00e9".repeat(480_000)),
                RejectReason.INVALID_FIELD);
        add(out, "NUL in category", withItemField(now, "category", "Books\u0000"), RejectReason.INVALID_FIELD);
        add(out, "trailing space in product_id", withItemField(now, "product_id", "P-1 "), RejectReason.INVALID_FIELD);
        // As JSON's escape: a lone surrogate cannot be written as UTF-8 at all.
        add(out, "unpaired surrogate", withItemField(now, "product_name", "x-surrogate-y").replace("-surrogate-", "\\ud800"),
                RejectReason.INVALID_FIELD);
        add(out, "order_id 65 long", order.replace("\"order_id\":\"", "\"order_id\":\"" + "O".repeat(60)),
                RejectReason.INVALID_FIELD);
        add(out, "year 2999", withTime(order, "2999-01-01T00:00:00Z"), RejectReason.EVENT_TIME_OUT_OF_RANGE);
        add(out, "year +10000", withTime(order, "+10000-01-01T00:00:00Z"), RejectReason.EVENT_TIME_OUT_OF_RANGE);
        add(out, "year 1970", withTime(order, "1970-01-01T00:00:00Z"), RejectReason.EVENT_TIME_OUT_OF_RANGE);
        add(out, "a day ahead", withTime(order, now.plus(Duration.ofDays(1)).toString()), RejectReason.EVENT_TIME_IN_FUTURE);
        add(out, "deep nesting", "[".repeat(200_000), RejectReason.MALFORMED_JSON);
        add(out, "deep objects", "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000), RejectReason.MALFORMED_JSON);
        byte[] notUtf8 = order.replace("Books", "B\u00e9oks").getBytes(StandardCharsets.UTF_8);
        int at = indexOf(notUtf8, (byte) 0xC3);
        notUtf8[at + 1] = '(';
        out.add(hostile("invalid UTF-8", notUtf8, RejectReason.MALFORMED_JSON));
        add(out, "raw NUL byte", order.replace("Books", "Bo\u0000oks"), RejectReason.MALFORMED_JSON);
        out.add(hostile("empty record", new byte[0], RejectReason.MALFORMED_JSON));
        out.add(hostile("tombstone", null, RejectReason.MALFORMED_JSON));
        add(out, "array", "[" + order + "]", RejectReason.MALFORMED_JSON);
        add(out, "string", "\"an order\"", RejectReason.MALFORMED_JSON);
        add(out, "number", "42", RejectReason.MALFORMED_JSON);
        add(out, "null", "null", RejectReason.MALFORMED_JSON);
        add(out, "duplicate key", order.replace("{\"event_id\"", "{\"country\":\"US\",\"event_id\""), RejectReason.MALFORMED_JSON);
        add(out, "trailing garbage", order + "}", RejectReason.MALFORMED_JSON);
        add(out, "truncated", order.substring(0, order.length() / 2), RejectReason.MALFORMED_JSON);
        Hostile bigKey = hostile("100 KB key", "{".getBytes(StandardCharsets.UTF_8), RejectReason.MALFORMED_JSON);
        out.add(new Hostile(bigKey.name(), (bigKey.keyText() + "-" + "k".repeat(100_000)).getBytes(StandardCharsets.UTF_8),
                bigKey.value(), bigKey.expected()));
        return out;
    }

    /**
     * {@code count} dead letters of {@code size} bytes each (for a size just under the topic's max.message.bytes):
     * JSON with one giant field, and random bytes (mostly not UTF-8).
     */
    public List<Hostile> nearMaxSize(int count, int size) {
        List<Hostile> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] value;
            RejectReason reason;
            if (i % 2 == 0) {
                String prefix = "{\"event_id\":\"" + uuid() + "\",\"order_id\":\"";
                value = (prefix + "x".repeat(size - prefix.length() - 2) + "\"}").getBytes(StandardCharsets.UTF_8);
                reason = RejectReason.INVALID_FIELD;
            } else {
                value = new byte[size];
                random.nextBytes(value);
                value[0] = (byte) 0xFF; // never UTF-8, so never accidentally JSON
                reason = RejectReason.MALFORMED_JSON;
            }
            out.add(hostile("near max size " + i, value, reason));
        }
        return out;
    }

    /** Valid orders at the edges of the contract; the pipeline must count each exactly, as distinct as written. */
    public List<SimulatedRecord> awkwardButValid(Instant now) {
        List<SimulatedRecord> out = new ArrayList<>();
        String emoji = "\uD83D\uDE00";
        out.add(valid(now, List.of(item("P-\u00e9dge", "Caf\u00e9", "Edge \u00e9", 1, "1.00"),
                item("p-\u00c9DGE", "Cafe", "Edge \u00c9", 1, "2.00"))));
        out.add(valid(now, List.of(item("p-edge", "CAFE", "Edge e", 3, "3.33"))));
        out.add(valid(now, List.of(item(emoji.repeat(OrderLimits.Text.PRODUCT_ID.maxLength()),
                "\u4e2d".repeat(OrderLimits.Text.CATEGORY.maxLength()),
                "\u00e9".repeat(OrderLimits.Text.PRODUCT_NAME.maxLength()), 1, "0.01"))));
        out.add(valid(now, List.of(item("P-MAX", "Wholesale", "The largest order", 1, "10000000.00"))));
        out.add(valid(now, List.of(item("P-MANY", "Wholesale", "The most units", OrderLimits.MAX_QUANTITY, "0.00"))));
        return out;
    }

    private SimulatedRecord valid(Instant now, List<OrderItem> items) {
        OrderEvent order = new OrderEvent(uuid(), "ORD-AWKWARD-" + next++, OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                "C-\u00e9", "US", CardType.AMEX, "USD", items, OrderEvent.expectedTotal(items));
        return new SimulatedRecord(order.orderId(), OrderJson.write(order), RecordKind.VALID, order);
    }

    private static OrderItem item(String id, String category, String name, int quantity, String price) {
        return new OrderItem(id, name, category, quantity, new BigDecimal(price));
    }

    private OrderEvent order(Instant now, String price, int quantity) {
        List<OrderItem> items = List.of(new OrderItem("P-1", "Thing", "Books", quantity, new BigDecimal(price)));
        return new OrderEvent(uuid(), "ORD-H", OffsetDateTime.ofInstant(now, ZoneOffset.UTC), "C-1", "US", CardType.VISA,
                "USD", items, OrderEvent.expectedTotal(items));
    }

    private String withItemField(Instant now, String field, String value) {
        ObjectNode tree = OrderJson.toTree(order(now, "19.99", 2));
        ((ObjectNode) tree.withArray("items").get(0)).put(field, value);
        return tree.toString();
    }

    private static String withTime(String order, String time) {
        return order.replaceFirst("\"event_time\":\"[^\"]*\"", "\"event_time\":\"" + time + "\"");
    }

    private UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private void add(List<Hostile> out, String name, String value, RejectReason expected) {
        out.add(hostile(name, value.getBytes(StandardCharsets.UTF_8), expected));
    }

    private Hostile hostile(String name, byte[] value, RejectReason expected) {
        return new Hostile(name, ("hostile-" + next++).getBytes(StandardCharsets.UTF_8), value, expected);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("byte not found");
    }
}
