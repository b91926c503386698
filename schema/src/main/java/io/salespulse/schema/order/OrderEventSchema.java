package io.salespulse.schema.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * Generates the published JSON Schema of the order event ({@code src/main/resources/order-event.schema.json}) from
 * {@link OrderLimits}, {@link CardType} and {@link Currencies}, so the contract cannot drift from the parser. A test
 * fails when the committed file differs; regenerate it with
 * {@code java -cp schema/target/classes:<jackson> io.salespulse.schema.order.OrderEventSchema schema/src/main/resources/order-event.schema.json}
 * or by running {@code OrderEventSchemaFileTest} with {@code -Dsalespulse.regenerate=true}.
 */
public final class OrderEventSchema {

    public static final String RESOURCE = "/order-event.schema.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OrderEventSchema() {
    }

    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args[0]), text());
    }

    /** The schema as the committed file holds it: two-space indentation, one trailing newline. */
    public static String text() {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        try {
            return MAPPER.writer(printer).writeValueAsString(tree()) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode tree() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "https://salespulse.io/schemas/order-event/v1.json");
        root.put("title", "SalesPulse order event");
        root.put("description", "One order, published as one JSON document on the orders topic, keyed by order_id. "
                + "event_id is the idempotency key: a retried send repeats it and is counted once. Besides this schema, "
                + "total_amount must equal the sum of quantity x unit_price, rounded to the cent, and event_time must not "
                + "lie further ahead of the broker's clock than the job allows (job.max-future-skew). Generated from "
                + "OrderLimits: do not edit by hand.");
        root.put("type", "object");
        ArrayNode required = root.putArray("required");
        for (String field : new String[] {"event_id", "order_id", "event_time", "customer_id", "country", "card_type",
                "currency", "items", "total_amount"}) {
            required.add(field);
        }
        ObjectNode properties = root.putObject("properties");
        properties.putObject("event_id")
                .put("description", "UUID of this event; the idempotency key.")
                .put("type", "string")
                .put("pattern", "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
        text(properties, OrderLimits.Text.ORDER_ID, "The shop's order number; also the Kafka record key.");
        properties.putObject("event_time")
                .put("description", "When the order was placed: ISO-8601 with an offset, e.g. 2026-11-28T10:15:30.123Z "
                        + "or 2026-11-28T11:15:30+01:00, in the years " + OrderLimits.EARLIEST_EVENT_YEAR + " to "
                        + OrderLimits.LATEST_EVENT_YEAR + ".")
                .put("type", "string")
                .put("pattern", OrderLimits.EVENT_TIME_PATTERN);
        text(properties, OrderLimits.Text.CUSTOMER_ID, null);
        properties.putObject("country")
                .put("description", "ISO 3166-1 alpha-2 code of the buyer's country.")
                .put("type", "string")
                .put("pattern", "^[A-Z]{2}$");
        ObjectNode card = properties.putObject("card_type").put("type", "string");
        Arrays.stream(CardType.values()).forEach(c -> card.withArray("enum").add(c.name()));
        ObjectNode channel = properties.putObject("channel")
                .put("description", "Where the order was placed; optional, " + Channel.DEFAULT.wire() + " when absent.")
                .put("type", "string")
                .put("default", Channel.DEFAULT.wire());
        Channel.wires().forEach(c -> channel.withArray("enum").add(c));
        ObjectNode currency = properties.putObject("currency")
                .put("description", "ISO 4217 code; the platform settles these.")
                .put("type", "string");
        new TreeSet<>(Currencies.supported()).forEach(c -> currency.withArray("enum").add(c));

        ObjectNode items = properties.putObject("items")
                .put("type", "array")
                .put("minItems", 1)
                .put("maxItems", OrderLimits.MAX_LINES);
        ObjectNode item = items.putObject("items").put("type", "object");
        ArrayNode itemRequired = item.putArray("required");
        for (String field : new String[] {"product_id", "product_name", "category", "quantity", "unit_price"}) {
            itemRequired.add(field);
        }
        ObjectNode itemProperties = item.putObject("properties");
        text(itemProperties, OrderLimits.Text.PRODUCT_ID, null);
        text(itemProperties, OrderLimits.Text.PRODUCT_NAME, null);
        text(itemProperties, OrderLimits.Text.CATEGORY, null);
        itemProperties.putObject("quantity")
                .put("type", "integer")
                .put("minimum", 1)
                .put("maximum", OrderLimits.MAX_QUANTITY);
        money(itemProperties.putObject("unit_price"), "In the order's currency, at most two decimals; never more "
                + "than the largest total allowed in that currency.");
        money(properties.putObject("total_amount"), "Sum of quantity x unit_price, in the order's currency; at most "
                + OrderLimits.MAX_ORDER_AMOUNT.toPlainString() + " " + Currencies.REPORTING + " after conversion "
                + "(the maximum per currency is below).");

        // The amount bound holds after conversion to the reporting currency: one maximum per currency.
        ArrayNode perCurrency = root.putArray("allOf");
        for (String code : new TreeSet<>(Currencies.supported())) {
            BigDecimal max = OrderLimits.maxAmountIn(code);
            ObjectNode rule = perCurrency.addObject();
            rule.putObject("if").putObject("properties").putObject("currency").put("const", code);
            ObjectNode then = rule.putObject("then").putObject("properties");
            then.putObject("total_amount").put("maximum", max);
            then.putObject("items").putObject("items").putObject("properties").putObject("unit_price").put("maximum", max);
        }
        return root;
    }

    private static void text(ObjectNode properties, OrderLimits.Text limit, String description) {
        ObjectNode node = properties.putObject(limit.field());
        if (description != null) {
            node.put("description", description);
        }
        node.put("type", "string")
                .put("minLength", 1)
                .put("maxLength", limit.maxLength())
                .put("pattern", OrderLimits.TEXT_PATTERN);
    }

    private static void money(ObjectNode node, String description) {
        node.put("description", description)
                .put("type", "number")
                .put("minimum", 0)
                .put("multipleOf", new BigDecimal("0.01"));
    }
}
