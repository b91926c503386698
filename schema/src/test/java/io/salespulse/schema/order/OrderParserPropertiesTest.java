package io.salespulse.schema.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Valid orders mutated at random — fields replaced by hostile values, removed, bytes flipped — and orders built at
 * random up to the limits: {@code parse} never throws, and every order it accepts fits the stores (checked against
 * the stores' own facts, written out here independently of {@link OrderLimits}) and conforms to the published schema.
 */
class OrderParserPropertiesTest {

    private static final OrderParser PARSER = new OrderParser();
    private static final Schema SCHEMA = OrderEventJsonSchemaTest.publishedSchema();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final List<String> TOP_FIELDS = List.of("event_id", "order_id", "event_time", "customer_id", "country",
            "card_type", "currency", "items", "total_amount", "extra");
    private static final List<String> ITEM_FIELDS = List.of("product_id", "product_name", "category", "quantity", "unit_price");

    // The stores' facts: MySQL columns (V1, V4, V6), Spark's DecimalType(20, 2) and IntegerType, DATETIME's range.
    private static final int MYSQL_ID_COLUMN = 64;
    private static final int MYSQL_CATEGORY_COLUMN = 64;
    private static final int MYSQL_PRODUCT_NAME_COLUMN = 256;
    private static final int MYSQL_LATE_ORDER_ID_COLUMN = 256;
    private static final BigDecimal DECIMAL_20_2_LIMIT = new BigDecimal("1000000000000000000");
    private static final Instant DATETIME_MIN = Instant.parse("1000-01-01T00:00:00Z");
    private static final Instant DATETIME_MAX = Instant.parse("9999-12-31T23:59:59Z");

    @Property(tries = 1500)
    void mutatedOrdersNeverMakeTheParserThrowAndAcceptedOnesFitTheStores(@ForAll("mutatedOrders") String json) {
        check(PARSER.parse(json), json);
    }

    @Property(tries = 1500)
    void mutatedBytesNeverMakeTheParserThrow(@ForAll("mutatedBytes") byte[] record) {
        check(PARSER.parse(record), new String(record, StandardCharsets.UTF_8));
    }

    @Property(tries = 700)
    void ordersBuiltUpToTheLimitsAreAcceptedOnlyWhenTheyFit(@ForAll("ordersNearTheLimits") String json) {
        check(PARSER.parse(json), json);
    }

    private static void check(ParsedOrder parsed, String json) {
        assertThat(parsed).isNotNull();
        Statistics.label("outcome").collect(parsed instanceof ParsedOrder.Rejected r ? r.reason().name() : "VALID");
        if (parsed instanceof ParsedOrder.Rejected rejected) {
            assertThat(rejected.message()).isNotBlank().hasSizeLessThan(1024);
            assertThat(rejected.reason()).isNotEqualTo(RejectReason.UNPARSEABLE);
            return;
        }
        OrderEvent order = ((ParsedOrder.Valid) parsed).order();
        assertFitsTheStores(order);
        try {
            assertThat(SCHEMA.validate(new ObjectMapper().readTree(json))).as("schema errors for %s", json).isEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static void assertFitsTheStores(OrderEvent order) {
        text(order.orderId(), MYSQL_LATE_ORDER_ID_COLUMN);
        text(order.customerId(), Integer.MAX_VALUE);
        Instant time = order.eventTime().toInstant();
        assertThat(time).isBetween(DATETIME_MIN, DATETIME_MAX.minusSeconds(24 * 3600));
        BigDecimal revenue = Currencies.toReporting(order.totalAmount(), order.currency());
        windowSumFits(revenue);
        assertThat(order.totalAmount().abs()).isLessThan(DECIMAL_20_2_LIMIT);
        long items = 0;
        BigDecimal lines = BigDecimal.ZERO;
        for (OrderItem item : order.items()) {
            text(item.productId(), MYSQL_ID_COLUMN);
            text(item.productName(), MYSQL_PRODUCT_NAME_COLUMN);
            text(item.category(), MYSQL_CATEGORY_COLUMN);
            assertThat(item.quantity()).isPositive();
            assertThat(item.unitPrice().scale()).isEqualTo(2);
            assertThat(item.unitPrice()).isLessThan(DECIMAL_20_2_LIMIT);
            items += item.quantity();
            lines = lines.add(Currencies.toReporting(item.lineAmount(), order.currency()));
        }
        windowSumFits(lines);
        assertThat(items).as("Spark's item_count is an int").isLessThanOrEqualTo(Integer.MAX_VALUE);
        assertThat(BigInteger.valueOf(items).multiply(BigInteger.valueOf(OrderLimits.MAX_ORDERS_PER_WINDOW)))
                .as("a window's items fit a BIGINT").isLessThanOrEqualTo(BigInteger.valueOf(Long.MAX_VALUE));
    }

    /** The design bound of orders per window, each this large, still fits DECIMAL(20, 2). */
    private static void windowSumFits(BigDecimal orderRevenue) {
        assertThat(orderRevenue.multiply(BigDecimal.valueOf(OrderLimits.MAX_ORDERS_PER_WINDOW))).isLessThan(DECIMAL_20_2_LIMIT);
    }

    /** utf8mb4 holds it (no lone surrogates), within the column's characters, and no trailing space (PAD SPACE). */
    private static void text(String value, int column) {
        assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(value)).as("valid Unicode: %s", value).isTrue();
        assertThat(value.codePointCount(0, value.length())).isBetween(1, column);
        assertThat(value).doesNotEndWith(" ").doesNotStartWith(" ");
        assertThat(value.codePoints().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f))).as("no control chars: %s", value).isTrue();
    }

    @Provide
    Arbitrary<String> mutatedOrders() {
        Arbitrary<Mutation> mutation = Combinators.combine(paths(), hostileValues().injectNull(0.1))
                .as(Mutation::new);
        return mutation.list().ofMinSize(1).ofMaxSize(3).map(mutations -> {
            ObjectNode order = OrderJson.toTree(OrderParserTest.sampleOrder());
            mutations.forEach(m -> m.applyTo(order));
            return order.toString();
        });
    }

    @Provide
    Arbitrary<byte[]> mutatedBytes() {
        byte[] valid = OrderJson.write(OrderParserTest.sampleOrder()).getBytes(StandardCharsets.UTF_8);
        Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, valid.length - 1),
                Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 2)).as((at, b, kind) -> new int[] {at, b, kind});
        return edit.list().ofMinSize(1).ofMaxSize(4).map(edits -> {
            byte[] bytes = valid.clone();
            for (int[] e : edits) {
                if (e[2] == 0) {
                    bytes[e[0] % bytes.length] = (byte) e[1];
                } else if (e[2] == 1) {
                    bytes = splice(bytes, e[0] % bytes.length, new byte[] {(byte) e[1]}, 0);
                } else {
                    bytes = splice(bytes, e[0] % bytes.length, new byte[0], 1);
                }
            }
            return bytes;
        });
    }

    private static byte[] splice(byte[] bytes, int at, byte[] insert, int remove) {
        int removed = Math.min(remove, bytes.length - at);
        byte[] out = new byte[bytes.length - removed + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at + removed, out, at + insert.length, bytes.length - at - removed);
        return out;
    }

    /** Random orders with every value drawn up to (and a little past) the limits; the total matches the lines. */
    @Provide
    Arbitrary<String> ordersNearTheLimits() {
        Arbitrary<ObjectNode> line = Combinators.combine(texts(70), texts(260), texts(70),
                Arbitraries.integers().between(1, OrderLimits.MAX_QUANTITY + 10),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("20000000")).ofScale(2))
                .as((id, name, category, quantity, price) -> {
                    ObjectNode item = NODES.objectNode();
                    item.put("product_id", id).put("product_name", name).put("category", category)
                            .put("quantity", quantity).put("unit_price", price);
                    return item;
                });
        Arbitrary<Integer> years = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(2000, 2099)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1990, 2110)));
        Arbitrary<String> times = Combinators.combine(years,
                Arbitraries.integers().between(1, 12), Arbitraries.integers().between(1, 28),
                Arbitraries.of("Z", "+14:00", "-12:00", "+01:00")).as((y, m, d, offset) -> String.format("%04d-%02d-%02dT23:59:59.999%s", y, m, d, offset));
        return Combinators.combine(texts(70), texts(70), times, Arbitraries.of(Currencies.supported()),
                        Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, line.list().ofMinSize(1).ofMaxSize(3)),
                                net.jqwik.api.Tuple.of(1, line.list().ofMinSize(OrderLimits.MAX_LINES - 2).ofMaxSize(OrderLimits.MAX_LINES + 2))))
                .as((orderId, customerId, time, currency, lines) -> {
                    ObjectNode order = OrderJson.toTree(OrderParserTest.sampleOrder());
                    order.put("event_id", UUID.randomUUID().toString()).put("order_id", orderId)
                            .put("customer_id", customerId).put("event_time", time).put("currency", currency);
                    ArrayNode items = order.putArray("items");
                    BigDecimal total = BigDecimal.ZERO;
                    for (ObjectNode l : lines) {
                        items.add(l);
                        total = total.add(l.get("unit_price").decimalValue().multiply(BigDecimal.valueOf(l.get("quantity").intValue())));
                    }
                    order.put("total_amount", total.setScale(2, RoundingMode.HALF_UP));
                    return order.toString();
                });
    }

    /** Text of up to {@code max} characters from an alphabet that includes the awkward ones. */
    private static Arbitrary<String> texts(int max) {
        Arbitrary<Character> awkward = Arbitraries.of('\u0000', ' ', '\u0085', '\u00a0', '\uD83D', '\uDE00', '\u200b',
                '\u00e9', 'E', '\u0301', '\u4e2d');
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(40, Arbitraries.strings().alpha().numeric().withChars('-', '_').ofMinLength(1).ofMaxLength(max)),
                net.jqwik.api.Tuple.of(20, Arbitraries.strings().withCharRange('\u00a1', '\ud7ff').ofMinLength(1).ofMaxLength(max)),
                net.jqwik.api.Tuple.of(5, Arbitraries.strings().withChars("\uD83D\uDE00").ofMinLength(1).ofMaxLength(max)
                        .filter(t -> Character.isHighSurrogate(t.charAt(0)) && Character.isLowSurrogate(t.charAt(t.length() - 1)))),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().withCharRange('\u0020', '\uffff').ofMinLength(1).ofMaxLength(max)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().withChars("ab\uD83D\uDE00 ").ofMinLength(1).ofMaxLength(max)),
                net.jqwik.api.Tuple.of(1, awkward.list().ofMinSize(1).ofMaxSize(5).map(cs -> {
                    StringBuilder b = new StringBuilder();
                    cs.forEach(b::append);
                    return b.toString();
                })));
    }

    private static Arbitrary<String> paths() {
        Arbitrary<String> itemPaths = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.of(ITEM_FIELDS))
                .as((i, f) -> "items/" + i + "/" + f);
        return Arbitraries.oneOf(Arbitraries.of(TOP_FIELDS), itemPaths, Arbitraries.of("items/0", "items/5", "/"));
    }

    private static Arbitrary<JsonNode> hostileValues() {
        Arbitrary<JsonNode> numbers = Combinators.combine(Arbitraries.bigIntegers().between(
                        BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40)), Arbitraries.integers().between(-1000, 1000))
                .as((unscaled, scale) -> (JsonNode) NODES.numberNode(new BigDecimal(unscaled, scale)));
        Arbitrary<JsonNode> integers = Arbitraries.oneOf(
                Arbitraries.longs().map(l -> (JsonNode) NODES.numberNode(l)),
                Arbitraries.integers().between(-3, OrderLimits.MAX_QUANTITY + 3).map(i -> (JsonNode) NODES.numberNode(i)),
                Arbitraries.of(BigInteger.TWO.pow(63), BigInteger.TWO.pow(64).negate()).map(b -> (JsonNode) NODES.numberNode(b)));
        Arbitrary<JsonNode> strings = Arbitraries.oneOf(texts(300),
                        Arbitraries.strings().all().ofMaxLength(100),
                        Arbitraries.integers().between(-20000, 20000).map(y -> (y < 0 ? "-" : y > 9999 ? "+" : "")
                                + String.format("%04d", Math.abs(y)) + "-06-15T12:00:00Z"),
                        Arbitraries.of("2026-11-28T10:15:30Z", "2026-11-28t10:15:30z", "2026-11-28T10:15:30+18:00",
                                "2026-11-28T10:15:30.1234567891Z", "2026-13-01T00:00:00Z", "VISA", "visa", "US", "us",
                                "EUR", "NaN", "Infinity", "1e400", "", " ", UUID.randomUUID().toString(),
                                UUID.randomUUID().toString().toUpperCase(), "7f1c2a9e3b4d4e5f8a6b1c2d3e4f5a6b"))
                .map(s -> (JsonNode) NODES.textNode(s));
        Arbitrary<JsonNode> structures = Arbitraries.of(NODES.booleanNode(true), NODES.nullNode(), NODES.arrayNode(),
                NODES.objectNode(), NODES.arrayNode().add(NODES.objectNode()), NODES.arrayNode().add(1).add("x"));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, numbers), net.jqwik.api.Tuple.of(3, integers),
                net.jqwik.api.Tuple.of(4, strings), net.jqwik.api.Tuple.of(1, structures));
    }

    /** Replace (or, when value is null, remove) what a path names; "/" replaces the whole document's fields. */
    private record Mutation(String path, JsonNode value) {
        void applyTo(ObjectNode order) {
            if (path.equals("/")) {
                order.removeAll();
                if (value != null) {
                    order.set("items", value.deepCopy());
                }
                return;
            }
            String[] parts = path.split("/");
            JsonNode parent = order;
            for (int i = 0; i < parts.length - 1 && parent != null; i++) {
                parent = parent.isArray() ? parent.get(index(parts[i])) : parent.get(parts[i]);
            }
            String last = parts[parts.length - 1];
            if (parent instanceof ObjectNode object) {
                if (value == null) {
                    object.remove(last);
                } else {
                    object.set(last, value.deepCopy());
                }
            } else if (parent instanceof ArrayNode array && index(last) >= 0 && index(last) < array.size()) {
                if (value == null) {
                    array.remove(index(last));
                } else {
                    array.set(index(last), value.deepCopy());
                }
            }
        }

        /** An array index, or -1 where an earlier mutation left an array in place of an object. */
        private static int index(String part) {
            return part.chars().allMatch(Character::isDigit) ? Integer.parseInt(part) : -1;
        }
    }
}
