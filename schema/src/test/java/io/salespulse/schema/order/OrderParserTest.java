package io.salespulse.schema.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrderParserTest {

    private final OrderParser parser = new OrderParser();

    static OrderEvent sampleOrder() {
        List<OrderItem> items = List.of(
                new OrderItem("P-1", "Earbuds", "Electronics", 2, new BigDecimal("19.99")),
                new OrderItem("P-2", "Book", "Books", 1, new BigDecimal("5.00")));
        return new OrderEvent(UUID.fromString("7f1c2a9e-3b4d-4e5f-8a6b-1c2d3e4f5a6b"), "ORD-1",
                OffsetDateTime.parse("2026-11-28T10:15:30.123+01:00"), "C-1", "DE", CardType.VISA, "EUR", items,
                new BigDecimal("44.98"));
    }

    private ParsedOrder.Rejected reject(ObjectNode json) {
        ParsedOrder parsed = parser.parse(json.toString());
        assertThat(parsed).isInstanceOf(ParsedOrder.Rejected.class);
        return (ParsedOrder.Rejected) parsed;
    }

    @Test
    void readsBackWhatOrderJsonWrites() {
        OrderEvent order = sampleOrder();
        ParsedOrder parsed = parser.parse(OrderJson.write(order));
        assertThat(parsed).isEqualTo(new ParsedOrder.Valid(order));
    }

    @Test
    void channelIsOptionalAndDefaultsToWeb() {
        ObjectNode json = OrderJson.toTree(sampleOrder().withChannel(Channel.MARKETPLACE));
        assertThat(((ParsedOrder.Valid) parser.parse(json.toString())).order().channel()).isEqualTo(Channel.MARKETPLACE);
        json.remove("channel");
        assertThat(((ParsedOrder.Valid) parser.parse(json.toString())).order().channel()).isEqualTo(Channel.WEB);
        json.putNull("channel");
        assertThat(((ParsedOrder.Valid) parser.parse(json.toString())).order().channel()).isEqualTo(Channel.WEB);
        json.put("channel", "tv");
        ParsedOrder.Rejected rejected = reject(json);
        assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(rejected.message()).contains("channel 'tv'").contains("mobile_app");
    }

    @Test
    void acceptsWholeNumbersAndOffsetsOtherThanUtc() {
        ObjectNode json = OrderJson.toTree(sampleOrder());
        ((ObjectNode) json.withArray("items").get(1)).put("unit_price", 5);
        json.put("event_time", "2026-11-28T10:15:30-05:00");
        assertThat(parser.parse(json.toString())).isInstanceOf(ParsedOrder.Valid.class);
    }

    @Test
    void rejectsTextThatIsNotJson() {
        ParsedOrder.Rejected rejected = (ParsedOrder.Rejected) parser.parse("{\"event_id\": \"7f1c");
        assertThat(rejected.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(((ParsedOrder.Rejected) parser.parse("[1,2]")).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(((ParsedOrder.Rejected) parser.parse((String) null)).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @ParameterizedTest
    @CsvSource({"event_id", "order_id", "event_time", "customer_id", "country", "card_type", "currency", "items", "total_amount"})
    void namesTheMissingField(String field) {
        ObjectNode json = OrderJson.toTree(sampleOrder());
        json.remove(field);
        ParsedOrder.Rejected rejected = reject(json);
        assertThat(rejected.reason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(rejected.message()).isEqualTo("required field '" + field + "' is missing");
    }

    @Test
    void namesTheItemAndValueOfABadQuantity() {
        ObjectNode json = OrderJson.toTree(sampleOrder());
        ((ObjectNode) json.withArray("items").get(1)).put("quantity", -2);
        ParsedOrder.Rejected rejected = reject(json);
        assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_QUANTITY);
        assertThat(rejected.message()).isEqualTo("items[1].quantity must be a whole number from 1 to 1000000, was -2");

        ((ObjectNode) json.withArray("items").get(1)).put("quantity", 1.5);
        assertThat(reject(json).reason()).isEqualTo(RejectReason.INVALID_QUANTITY);
    }

    @Test
    void rejectsAWrongTotalWithBothAmounts() {
        ObjectNode json = OrderJson.toTree(sampleOrder());
        json.put("total_amount", new BigDecimal("44.99"));
        ParsedOrder.Rejected rejected = reject(json);
        assertThat(rejected.reason()).isEqualTo(RejectReason.TOTAL_MISMATCH);
        assertThat(rejected.message()).contains("44.99").contains("44.98");
    }

    @ParameterizedTest
    @CsvSource({
            "country, ZZ, UNKNOWN_COUNTRY, country 'ZZ'",
            "country, de, UNKNOWN_COUNTRY, country 'de'",
            "currency, XYZ, UNSUPPORTED_CURRENCY, currency 'XYZ'",
            "card_type, PAYPAL, UNKNOWN_CARD_TYPE, card_type 'PAYPAL'",
            "event_id, not-a-uuid, INVALID_FIELD, event_id must be a UUID, was 'not-a-uuid'",
            "event_time, 2026-11-28T10:15:30, INVALID_FIELD, event_time must be ISO-8601 with an offset",
            "order_id, '   ', INVALID_FIELD, order_id must be a string of 1 to 64 characters",
            "event_time, 2999-01-01T00:00:00Z, EVENT_TIME_OUT_OF_RANGE, event_time must lie in the years 2000 to 2099",
            "event_time, +10000-01-01T00:00:00Z, EVENT_TIME_OUT_OF_RANGE, event_time must lie in the years 2000 to 2099",
            "event_time, 1999-12-31T23:59:59Z, EVENT_TIME_OUT_OF_RANGE, event_time must lie in the years 2000 to 2099",
            "event_time, 2026-11-28t10:15:30z, INVALID_FIELD, event_time must be ISO-8601 with an offset",
            "event_time, 2026-02-30T10:15:30Z, INVALID_FIELD, event_time must be ISO-8601 with an offset",
            "card_type, visa, UNKNOWN_CARD_TYPE, card_type 'visa'"})
    void rejectsBadValuesNamingFieldAndValue(String field, String value, RejectReason reason, String message) {
        ObjectNode json = OrderJson.toTree(sampleOrder());
        json.put(field, value);
        ParsedOrder.Rejected rejected = reject(json);
        assertThat(rejected.reason()).isEqualTo(reason);
        assertThat(rejected.message()).startsWith(message);
    }

    @Test
    void rejectsNegativeAndSubCentPrices() {
        ObjectNode json = OrderJson.toTree(sampleOrder());
        ((ObjectNode) json.withArray("items").get(0)).put("unit_price", new BigDecimal("-1.00"));
        assertThat(reject(json).message()).isEqualTo("items[0].unit_price must be >= 0, was -1.00");
        ((ObjectNode) json.withArray("items").get(0)).put("unit_price", new BigDecimal("1.001"));
        assertThat(reject(json).reason()).isEqualTo(RejectReason.INVALID_PRICE);
    }

    @Test
    void rejectsEmptyAndOversizedItemLists() {
        ObjectNode json = OrderJson.toTree(sampleOrder());
        json.putArray("items");
        assertThat(reject(json).message()).startsWith("items must be a non-empty array");
        ObjectNode big = OrderJson.toTree(sampleOrder());
        for (int i = 0; i < OrderParser.MAX_ITEMS; i++) {
            big.withArray("items").add(big.withArray("items").get(0).deepCopy());
        }
        assertThat(reject(big).message()).contains("at most " + OrderParser.MAX_ITEMS);
    }

    @Test
    void wrongTypesAreInvalidFields() {
        ObjectNode json = OrderJson.toTree(sampleOrder());
        json.put("total_amount", "44.98");
        ParsedOrder.Rejected rejected = reject(json);
        assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(rejected.message()).isEqualTo("total_amount must be a number, was \"44.98\"");
    }

    private ParsedOrder.Rejected rejectText(String text) {
        ParsedOrder parsed = parser.parse(text);
        assertThat(parsed).as(OrderParser.abbreviate(text)).isInstanceOf(ParsedOrder.Rejected.class);
        return (ParsedOrder.Rejected) parsed;
    }

    private static ObjectNode withPrice(String currency, String price, int quantity) {
        ObjectNode json = OrderJson.toTree(sampleOrder());
        json.put("currency", currency);
        json.putArray("items").addObject().put("product_id", "P-1").put("product_name", "Thing").put("category", "C")
                .put("quantity", quantity).put("unit_price", new BigDecimal(price));
        json.put("total_amount", new BigDecimal(price).multiply(BigDecimal.valueOf(quantity)));
        return json;
    }

    @Test
    void hugeExponentsAreOutOfRangeNotACrash() {
        String order = OrderJson.write(sampleOrder());
        // The record that crash-looped the job: NumberFormatException escaped the parser.
        assertThat(rejectText(order.replace("\"unit_price\":19.99", "\"unit_price\":1e400")).reason())
                .isEqualTo(RejectReason.AMOUNT_OUT_OF_RANGE);
        assertThat(rejectText(order.replace("\"total_amount\":44.98", "\"total_amount\":1e999999999")).reason())
                .isEqualTo(RejectReason.AMOUNT_OUT_OF_RANGE);
        ParsedOrder.Rejected tiny = rejectText(order.replace("\"unit_price\":19.99", "\"unit_price\":1e-999999999"));
        assertThat(tiny.reason()).isEqualTo(RejectReason.INVALID_PRICE);
        assertThat(tiny.message()).contains("1E-999999999");
        assertThat(rejectText(order.replace("\"unit_price\":19.99", "\"unit_price\":0e-999999999")).reason())
                .isEqualTo(RejectReason.TOTAL_MISMATCH);
    }

    @Test
    void nonNumbersAndOverlongNumbersAreMalformed() {
        String order = OrderJson.write(sampleOrder());
        assertThat(rejectText(order.replace("44.98", "NaN")).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(rejectText(order.replace("44.98", "Infinity")).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(rejectText(order.replace("44.98", "-Infinity")).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(rejectText(order.replace("44.98", "4".repeat(5000))).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @ParameterizedTest
    @CsvSource({"9223372036854775808", "2147483648", "1000001", "0", "1.5", "1.0"})
    void quantitiesOutsideOneToTheLimitAreRefused(String quantity) {
        String order = OrderJson.write(sampleOrder()).replace("\"quantity\":2", "\"quantity\":" + quantity);
        assertThat(rejectText(order).reason()).isEqualTo(RejectReason.INVALID_QUANTITY);
    }

    @Test
    void totalsAreBoundedAfterConversionToTheReportingCurrency() {
        assertThat(parser.parse(withPrice("USD", "10000000.00", 1).toString())).isInstanceOf(ParsedOrder.Valid.class);
        assertThat(parser.parse(withPrice("USD", "1000000.00", 10).toString())).isInstanceOf(ParsedOrder.Valid.class);
        ParsedOrder.Rejected usd = reject(withPrice("USD", "10000000.01", 1));
        assertThat(usd.reason()).isEqualTo(RejectReason.AMOUNT_OUT_OF_RANGE);
        assertThat(usd.message()).contains("10000000.01").contains("at most 10000000.00 USD");
        String maxYen = OrderLimits.maxAmountIn("JPY").toPlainString();
        assertThat(parser.parse(withPrice("JPY", maxYen, 1).toString())).isInstanceOf(ParsedOrder.Valid.class);
        assertThat(reject(withPrice("JPY", new BigDecimal(maxYen).add(new BigDecimal("0.01")).toPlainString(), 1)).reason())
                .isEqualTo(RejectReason.AMOUNT_OUT_OF_RANGE);
    }

    @Test
    void textIsBoundedInCharactersNotBytesOrCodeUnits() {
        ObjectNode json = OrderJson.toTree(sampleOrder());
        ObjectNode line = (ObjectNode) json.withArray("items").get(0);
        line.put("product_id", "\uD83D\uDE00".repeat(64));
        assertThat(parser.parse(json.toString())).isInstanceOf(ParsedOrder.Valid.class);
        line.put("product_id", "x".repeat(65));
        assertThat(reject(json).message()).startsWith("items[0].product_id must be a string of 1 to 64 characters");
        line.put("product_id", "x".repeat(1_000_000));
        assertThat(reject(json).message()).contains("1000000 characters starting \"xxx");
        line.put("product_id", "P-1");
        line.put("product_name", "n".repeat(256));
        assertThat(parser.parse(json.toString())).isInstanceOf(ParsedOrder.Valid.class);
        line.put("product_name", "n".repeat(257));
        assertThat(reject(json).reason()).isEqualTo(RejectReason.INVALID_FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Books\u0000", "Bo\u0007oks", "Books ", " Books", "Bo\u0085oks", "\uD800", "x\uDC00y", "\n"})
    void controlCharactersEdgeSpacesAndBrokenUnicodeAreRefused(String category) {
        ObjectNode json = OrderJson.toTree(sampleOrder());
        ((ObjectNode) json.withArray("items").get(0)).put("category", category);
        ParsedOrder.Rejected rejected = reject(json);
        assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(rejected.message()).startsWith("items[0].category");
    }

    @Test
    void bytesThatAreNotUtf8AreMalformedAndNeverReplaced() {
        byte[] order = OrderJson.write(sampleOrder()).replace("Books", "B\u00e9oks").getBytes(StandardCharsets.UTF_8);
        assertThat(parser.parse(order)).isInstanceOf(ParsedOrder.Valid.class);
        int at = new String(order, StandardCharsets.UTF_8).indexOf("B\u00e9oks") + 1;
        order[at + 1] = (byte) 0x28; // 0xC3 0x28: a lead byte without its continuation
        ParsedOrder.Rejected rejected = (ParsedOrder.Rejected) parser.parse(order);
        assertThat(rejected.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(rejected.message()).isEqualTo("not valid UTF-8: 1 malformed byte(s) at byte " + at);
        assertThat(((ParsedOrder.Rejected) parser.parse((byte[]) null)).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @Test
    void ambiguousOrNestedJsonIsMalformed() {
        String order = OrderJson.write(sampleOrder());
        assertThat(rejectText(order.replace("{\"event_id\"", "{\"country\":\"US\",\"event_id\"")).message())
                .contains("Duplicate field 'country'");
        assertThat(rejectText(order + " {}").reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(rejectText("[".repeat(100_000)).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
        assertThat(rejectText(deep).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(rejectText("").reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(rejectText("\"an order\"").reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(rejectText("null").reason()).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @Test
    void anUnforeseenFailureIsADeadLetterNamingTheField() {
        ObjectNode json = OrderJson.toTree(sampleOrder());
        ObjectNode failing = new ObjectNode(JsonNodeFactory.instance) {
            @Override
            public JsonNode get(String field) {
                if (field.equals("currency")) {
                    throw new ArithmeticException("boom");
                }
                return json.get(field);
            }
        };
        failing.setAll(json);
        ParsedOrder.Rejected rejected = (ParsedOrder.Rejected) parser.parseTree(failing);
        assertThat(rejected.reason()).isEqualTo(RejectReason.UNPARSEABLE);
        assertThat(rejected.message()).isEqualTo("unexpected ArithmeticException while reading currency: boom");
    }
}
