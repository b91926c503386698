package io.salespulse.schema.order;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads an order event from its JSON text and checks every rule of the contract
 * ({@code schema/src/main/resources/order-event.schema.json}, generated from {@link OrderLimits}, plus the
 * cross-field rule on the total). Messages name the field and the offending value, so a dead letter says what to fix.
 *
 * <p><b>Never throws</b> (short of the JVM running out of memory): every input becomes a {@link ParsedOrder.Valid}
 * whose values fit the stores, or a {@link ParsedOrder.Rejected} with a reason code. An exception no rule foresaw
 * becomes {@link RejectReason#UNPARSEABLE}, naming the field being read. Thread-safe.
 */
public final class OrderParser {

    static final int MAX_ITEMS = OrderLimits.MAX_LINES;
    private static final int SHOWN_VALUE = 80;
    private static final Pattern TEXT = Pattern.compile(OrderLimits.TEXT_PATTERN);
    private static final Pattern EVENT_TIME = Pattern.compile(OrderLimits.EVENT_TIME_PATTERN);
    /** Exact decimals (no double rounding), one value per record, no ambiguous duplicate keys. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** Reads a Kafka record value: it must be UTF-8 (checked strictly, never replaced), then JSON. */
    public ParsedOrder parse(byte[] utf8) {
        if (utf8 == null) {
            return tombstone();
        }
        String text;
        try {
            text = strictUtf8().decode(ByteBuffer.wrap(utf8)).toString();
        } catch (MalformedInputException e) {
            return ParsedOrder.rejected(RejectReason.MALFORMED_JSON, "not valid UTF-8: " + e.getInputLength()
                    + " malformed byte(s) at byte " + malformedAt(utf8));
        } catch (CharacterCodingException | RuntimeException e) {
            return ParsedOrder.rejected(RejectReason.MALFORMED_JSON, "not valid UTF-8: " + e);
        }
        return parse(text);
    }

    public ParsedOrder parse(String json) {
        if (json == null) {
            return tombstone();
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            return ParsedOrder.rejected(RejectReason.MALFORMED_JSON, "not valid JSON: " + abbreviate(e.getOriginalMessage()));
        } catch (RuntimeException | StackOverflowError e) {
            return unexpected(e, "the JSON text", null);
        }
        return parseTree(root);
    }

    /** Checks a JSON tree; package-private so tests can hand it a tree that fails in unforeseen ways. */
    ParsedOrder parseTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            return ParsedOrder.rejected(RejectReason.MALFORMED_JSON,
                    "expected a JSON object, got " + (root == null || root.isMissingNode() ? "nothing" : root.getNodeType()));
        }
        Reading reading = new Reading();
        try {
            return new ParsedOrder.Valid(reading.order(root));
        } catch (InvalidOrderException e) {
            return ParsedOrder.rejected(e.reason(), e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return unexpected(e, reading.path, reading.value);
        }
    }

    private static ParsedOrder tombstone() {
        return ParsedOrder.rejected(RejectReason.MALFORMED_JSON, "record value is null (tombstone?)");
    }

    private static ParsedOrder unexpected(Throwable e, String path, JsonNode value) {
        String at = path == null ? "the order" : path;
        String shown = value == null ? "" : " = " + abbreviate(value.toString());
        return ParsedOrder.rejected(RejectReason.UNPARSEABLE, "unexpected " + e.getClass().getSimpleName()
                + " while reading " + at + shown + ": " + abbreviate(String.valueOf(e.getMessage())));
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The offset of the first byte a strict decoder refuses (decoding again, in steps: only for the message). */
    private static int malformedAt(byte[] bytes) {
        CharsetDecoder decoder = strictUtf8();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(4096);
        while (true) {
            var result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                return bytes.length;
            }
            out.clear();
        }
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        if (text.length() <= SHOWN_VALUE) {
            return text;
        }
        int end = SHOWN_VALUE - 3;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "...";
    }

    /** One parse: remembers the field it is reading, so an unforeseen failure can name it. */
    private static final class Reading {
        private String path;
        private JsonNode value;

        OrderEvent order(JsonNode root) throws InvalidOrderException {
            UUID eventId = uuid(root, "event_id");
            String orderId = text(root, OrderLimits.Text.ORDER_ID, "order_id");
            OffsetDateTime eventTime = timestamp(root, "event_time");
            String customerId = text(root, OrderLimits.Text.CUSTOMER_ID, "customer_id");
            String country = plain(root, "country");
            if (!Countries.isKnown(country)) {
                throw new InvalidOrderException(RejectReason.UNKNOWN_COUNTRY,
                        "country '" + abbreviate(country) + "' is not an ISO 3166-1 alpha-2 code");
            }
            CardType cardType = cardType(root);
            Channel channel = channel(root);
            String currency = plain(root, "currency");
            if (!Currencies.isSupported(currency)) {
                throw new InvalidOrderException(RejectReason.UNSUPPORTED_CURRENCY,
                        "currency '" + abbreviate(currency) + "' is not supported; use one of " + Currencies.supported());
            }
            List<OrderItem> items = items(root);
            BigDecimal total = money(root, "total_amount", "total_amount");
            BigDecimal reporting = total.multiply(Currencies.rateToReporting(currency));
            if (reporting.compareTo(OrderLimits.MAX_ORDER_AMOUNT) > 0) {
                throw new InvalidOrderException(RejectReason.AMOUNT_OUT_OF_RANGE, "total_amount " + total.toPlainString()
                        + " " + currency + " is " + reporting.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()
                        + " " + Currencies.REPORTING + "; at most " + OrderLimits.MAX_ORDER_AMOUNT.toPlainString()
                        + " " + Currencies.REPORTING + " (" + OrderLimits.maxAmountIn(currency).toPlainString() + " "
                        + currency + ") allowed");
            }
            path = "total_amount";
            BigDecimal expected = OrderEvent.expectedTotal(items);
            if (total.compareTo(expected) != 0) {
                throw new InvalidOrderException(RejectReason.TOTAL_MISMATCH,
                        "total_amount " + total.toPlainString() + " does not equal the sum of quantity x unit_price "
                                + expected.toPlainString());
            }
            path = null;
            value = null;
            return new OrderEvent(eventId, orderId, eventTime, customerId, country, cardType, currency, items, total,
                    channel);
        }

        private List<OrderItem> items(JsonNode root) throws InvalidOrderException {
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
                String at = "items[" + i + "]";
                path = at;
                value = item;
                if (!item.isObject()) {
                    throw new InvalidOrderException(RejectReason.INVALID_FIELD,
                            at + " must be an object, was " + abbreviate(item.toString()));
                }
                String productId = text(item, OrderLimits.Text.PRODUCT_ID, at + ".product_id");
                String productName = text(item, OrderLimits.Text.PRODUCT_NAME, at + ".product_name");
                String category = text(item, OrderLimits.Text.CATEGORY, at + ".category");
                JsonNode quantity = required(item, "quantity", at + ".quantity");
                if (!quantity.isIntegralNumber() || !quantity.canConvertToInt() || quantity.intValue() <= 0
                        || quantity.intValue() > OrderLimits.MAX_QUANTITY) {
                    throw new InvalidOrderException(RejectReason.INVALID_QUANTITY, at + ".quantity must be a whole "
                            + "number from 1 to " + OrderLimits.MAX_QUANTITY + ", was " + abbreviate(quantity.toString()));
                }
                BigDecimal unitPrice = money(item, "unit_price", at + ".unit_price");
                result.add(new OrderItem(productId, productName, category, quantity.intValue(), unitPrice));
            }
            return result;
        }

        private JsonNode required(JsonNode node, String field, String at) throws InvalidOrderException {
            path = at;
            value = null;
            JsonNode found = node.get(field);
            if (found == null || found.isNull()) {
                throw new InvalidOrderException(RejectReason.MISSING_FIELD, "required field '" + at + "' is missing");
            }
            value = found;
            return found;
        }

        /** A string field of the contract's text rule, at most {@code limit} characters. */
        private String text(JsonNode node, OrderLimits.Text limit, String at) throws InvalidOrderException {
            JsonNode found = required(node, limit.field(), at);
            String text = found.isTextual() ? found.textValue() : null;
            int max = limit.maxLength();
            if (text == null || text.length() > 2 * max || text.codePointCount(0, text.length()) > max
                    || !TEXT.matcher(text).matches()) {
                throw new InvalidOrderException(RejectReason.INVALID_FIELD, at + " must be a string of 1 to " + max
                        + " characters without control characters or spaces at either end, was "
                        + describe(found, text));
            }
            if (hasLoneSurrogate(text)) {
                throw new InvalidOrderException(RejectReason.INVALID_FIELD,
                        at + " is not valid Unicode (an unpaired surrogate), was " + abbreviate(found.toString()));
            }
            return text;
        }

        /** A short string with a fixed vocabulary (country, currency, card type, event id, time). */
        private String plain(JsonNode node, String field) throws InvalidOrderException {
            JsonNode found = required(node, field, field);
            if (!found.isTextual() || found.textValue().isBlank()) {
                throw new InvalidOrderException(RejectReason.INVALID_FIELD,
                        field + " must be a non-blank string, was " + abbreviate(found.toString()));
            }
            return found.textValue();
        }

        private static String describe(JsonNode node, String text) {
            if (text == null) {
                return abbreviate(node.toString());
            }
            int length = text.codePointCount(0, text.length());
            return length > SHOWN_VALUE ? length + " characters starting " + abbreviate(node.toString())
                    : abbreviate(node.toString());
        }

        private UUID uuid(JsonNode root, String field) throws InvalidOrderException {
            String text = plain(root, field);
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

        private OffsetDateTime timestamp(JsonNode root, String field) throws InvalidOrderException {
            String text = plain(root, field);
            OffsetDateTime time;
            try {
                time = OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                throw invalidTime(field, text);
            }
            if (time.getYear() < OrderLimits.EARLIEST_EVENT_YEAR || time.getYear() > OrderLimits.LATEST_EVENT_YEAR) {
                throw new InvalidOrderException(RejectReason.EVENT_TIME_OUT_OF_RANGE, field + " must lie in the years "
                        + OrderLimits.EARLIEST_EVENT_YEAR + " to " + OrderLimits.LATEST_EVENT_YEAR + ", was '"
                        + abbreviate(text) + "'");
            }
            if (!EVENT_TIME.matcher(text).matches()) {
                throw invalidTime(field, text);
            }
            return time;
        }

        private static InvalidOrderException invalidTime(String field, String text) {
            return new InvalidOrderException(RejectReason.INVALID_FIELD, field + " must be ISO-8601 with an offset "
                    + "(e.g. 2026-11-28T10:15:30Z), was '" + abbreviate(text) + "'");
        }

        /** Optional: absent or null is {@link Channel#DEFAULT}. */
        private Channel channel(JsonNode node) throws InvalidOrderException {
            JsonNode found = node.get("channel");
            if (found == null || found.isNull()) {
                return Channel.DEFAULT;
            }
            String text = plain(node, "channel");
            return Channel.ofWire(text).orElseThrow(() -> new InvalidOrderException(RejectReason.INVALID_FIELD,
                    "channel '" + abbreviate(text) + "' is not one of " + Channel.wires()));
        }

        private CardType cardType(JsonNode node) throws InvalidOrderException {
            String text = plain(node, "card_type");
            for (CardType type : CardType.values()) {
                if (type.name().equals(text)) {
                    return type;
                }
            }
            throw new InvalidOrderException(RejectReason.UNKNOWN_CARD_TYPE,
                    "card_type '" + abbreviate(text) + "' is not one of " + List.of(CardType.values()));
        }

        /** A non-negative amount with at most two decimals and a bounded number of digits, at scale 2. */
        private BigDecimal money(JsonNode node, String field, String at) throws InvalidOrderException {
            JsonNode found = required(node, field, at);
            RejectReason invalid = field.equals("unit_price") ? RejectReason.INVALID_PRICE : RejectReason.INVALID_FIELD;
            if (!found.isNumber() || (found.isFloatingPointNumber() && !found.isBigDecimal()
                    && !Double.isFinite(found.doubleValue()))) {
                throw new InvalidOrderException(RejectReason.INVALID_FIELD,
                        at + " must be a number, was " + abbreviate(found.toString()));
            }
            BigDecimal amount = found.decimalValue();
            if ((long) amount.precision() - amount.scale() > OrderLimits.MAX_AMOUNT_INTEGER_DIGITS) {
                throw new InvalidOrderException(RejectReason.AMOUNT_OUT_OF_RANGE, at + " must have at most "
                        + OrderLimits.MAX_AMOUNT_INTEGER_DIGITS + " digits before the decimal point, was "
                        + abbreviate(found.toString()));
            }
            // Shown as written (toString): a plain rendering of 1E-999999999 would be a billion characters long.
            if (amount.signum() < 0) {
                throw new InvalidOrderException(invalid, at + " must be >= 0, was " + abbreviate(found.toString()));
            }
            if (amount.signum() == 0) {
                return BigDecimal.ZERO.setScale(OrderLimits.MONEY_SCALE);
            }
            if (amount.stripTrailingZeros().scale() > OrderLimits.MONEY_SCALE) {
                throw new InvalidOrderException(invalid, at + " must have at most two decimals, was "
                        + abbreviate(found.toString()));
            }
            return amount.setScale(OrderLimits.MONEY_SCALE, java.math.RoundingMode.UNNECESSARY);
        }

        private static boolean hasLoneSurrogate(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return true;
                }
            }
            return false;
        }
    }
}
