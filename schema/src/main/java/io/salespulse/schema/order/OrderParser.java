package io.salespulse.schema.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads an order event from its JSON text and checks every rule of the contract
 * ({@code schema/src/main/resources/order-event.schema.json} plus the cross-field rule on the total).
 * Messages name the field and the offending value, so a dead letter says what to fix. Thread-safe.
 */
public final class OrderParser {

    static final int MAX_ITEMS = 100;
    private static final int MAX_TEXT = 256;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ParsedOrder parse(String json) {
        if (json == null) {
            return ParsedOrder.rejected(RejectReason.MALFORMED_JSON, "record value is null (tombstone?)");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return ParsedOrder.rejected(RejectReason.MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return ParsedOrder.rejected(RejectReason.MALFORMED_JSON,
                    "expected a JSON object, got " + (root == null ? "nothing" : root.getNodeType()));
        }
        try {
            return new ParsedOrder.Valid(read(root));
        } catch (InvalidOrderException e) {
            return ParsedOrder.rejected(e.reason(), e.getMessage());
        }
    }

    private static OrderEvent read(JsonNode root) throws InvalidOrderException {
        UUID eventId = uuid(root, "event_id");
        String orderId = text(root, "order_id");
        OffsetDateTime eventTime = timestamp(root, "event_time");
        String customerId = text(root, "customer_id");
        String country = text(root, "country");
        if (!Countries.isKnown(country)) {
            throw new InvalidOrderException(RejectReason.UNKNOWN_COUNTRY,
                    "country '" + country + "' is not an ISO 3166-1 alpha-2 code");
        }
        CardType cardType = cardType(root);
        String currency = text(root, "currency");
        if (!Currencies.isSupported(currency)) {
            throw new InvalidOrderException(RejectReason.UNSUPPORTED_CURRENCY,
                    "currency '" + currency + "' is not supported; use one of " + Currencies.supported());
        }
        List<OrderItem> items = items(root);
        BigDecimal total = money(root, "total_amount", "total_amount");
        BigDecimal expected = OrderEvent.expectedTotal(items);
        if (total.compareTo(expected) != 0) {
            throw new InvalidOrderException(RejectReason.TOTAL_MISMATCH,
                    "total_amount " + total.toPlainString() + " does not equal the sum of quantity x unit_price "
                            + expected.toPlainString());
        }
        return new OrderEvent(eventId, orderId, eventTime, customerId, country, cardType, currency, items, total);
    }

    private static List<OrderItem> items(JsonNode root) throws InvalidOrderException {
        JsonNode items = required(root, "items", "items");
        if (!items.isArray() || items.isEmpty()) {
            throw new InvalidOrderException(RejectReason.INVALID_FIELD,
                    "items must be a non-empty array, was " + abbreviate(items.toString()));
        }
        if (items.size() > MAX_ITEMS) {
            throw new InvalidOrderException(RejectReason.INVALID_FIELD,
                    "items has " + items.size() + " entries; at most " + MAX_ITEMS + " allowed");
        }
        List<OrderItem> result = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String path = "items[" + i + "]";
            if (!item.isObject()) {
                throw new InvalidOrderException(RejectReason.INVALID_FIELD, path + " must be an object");
            }
            String productId = text(item, "product_id", path + ".product_id");
            String productName = text(item, "product_name", path + ".product_name");
            String category = text(item, "category", path + ".category");
            JsonNode quantity = required(item, "quantity", path + ".quantity");
            if (!quantity.canConvertToInt() || !quantity.isIntegralNumber() || quantity.intValue() <= 0) {
                throw new InvalidOrderException(RejectReason.INVALID_QUANTITY,
                        path + ".quantity must be a whole number > 0, was " + abbreviate(quantity.toString()));
            }
            BigDecimal unitPrice = money(item, "unit_price", path + ".unit_price");
            if (unitPrice.signum() < 0) {
                throw new InvalidOrderException(RejectReason.INVALID_PRICE,
                        path + ".unit_price must be >= 0, was " + unitPrice.toPlainString());
            }
            result.add(new OrderItem(productId, productName, category, quantity.intValue(), unitPrice));
        }
        return result;
    }

    private static JsonNode required(JsonNode node, String field, String path) throws InvalidOrderException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidOrderException(RejectReason.MISSING_FIELD, "required field '" + path + "' is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String field) throws InvalidOrderException {
        return text(node, field, field);
    }

    private static String text(JsonNode node, String field, String path) throws InvalidOrderException {
        JsonNode value = required(node, field, path);
        if (!value.isTextual() || value.textValue().isBlank() || value.textValue().length() > MAX_TEXT) {
            throw new InvalidOrderException(RejectReason.INVALID_FIELD,
                    path + " must be a non-blank string of at most " + MAX_TEXT + " characters, was "
                            + abbreviate(value.toString()));
        }
        return value.textValue();
    }

    private static UUID uuid(JsonNode node, String field) throws InvalidOrderException {
        String text = text(node, field);
        try {
            UUID id = UUID.fromString(text);
            if (!id.toString().equalsIgnoreCase(text)) {
                throw new IllegalArgumentException("not canonical");
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new InvalidOrderException(RejectReason.INVALID_FIELD,
                    field + " must be a UUID, was '" + abbreviate(text) + "'");
        }
    }

    private static OffsetDateTime timestamp(JsonNode node, String field) throws InvalidOrderException {
        String text = text(node, field);
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidOrderException(RejectReason.INVALID_FIELD,
                    field + " must be ISO-8601 with an offset (e.g. 2026-11-28T10:15:30Z), was '" + abbreviate(text) + "'");
        }
    }

    private static CardType cardType(JsonNode node) throws InvalidOrderException {
        String text = text(node, "card_type");
        try {
            return CardType.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidOrderException(RejectReason.UNKNOWN_CARD_TYPE,
                    "card_type '" + abbreviate(text) + "' is not one of " + List.of(CardType.values()));
        }
    }

    private static BigDecimal money(JsonNode node, String field, String path) throws InvalidOrderException {
        JsonNode value = required(node, field, path);
        if (!value.isNumber()) {
            throw new InvalidOrderException(RejectReason.INVALID_FIELD,
                    path + " must be a number, was " + abbreviate(value.toString()));
        }
        BigDecimal amount = value.decimalValue();
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new InvalidOrderException(
                    field.equals("unit_price") ? RejectReason.INVALID_PRICE : RejectReason.INVALID_FIELD,
                    path + " must have at most two decimals, was " + amount.toPlainString());
        }
        return amount.setScale(2);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
