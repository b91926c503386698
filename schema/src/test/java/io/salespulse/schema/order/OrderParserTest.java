package io.salespulse.schema.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        assertThat(((ParsedOrder.Rejected) parser.parse(null)).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
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
        assertThat(rejected.message()).isEqualTo("items[1].quantity must be a whole number > 0, was -2");

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
            "order_id, '   ', INVALID_FIELD, order_id must be a non-blank string"})
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
}
