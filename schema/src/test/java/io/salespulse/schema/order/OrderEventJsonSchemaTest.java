package io.salespulse.schema.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The published JSON Schema and the job's parser agree on what an order is. */
class OrderEventJsonSchemaTest {

    static Schema publishedSchema() {
        InputStream in = OrderEventJsonSchemaTest.class.getResourceAsStream("/order-event.schema.json");
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }

    private final Schema schema = publishedSchema();

    @Test
    void aValidOrderConforms() {
        assertThat(schema.validate(OrderJson.toTree(OrderParserTest.sampleOrder()))).isEmpty();
    }

    @Test
    void theSchemaRejectsWhatTheParserRejects() {
        ObjectNode missing = OrderJson.toTree(OrderParserTest.sampleOrder());
        missing.remove("currency");
        ObjectNode quantity = OrderJson.toTree(OrderParserTest.sampleOrder());
        ((ObjectNode) quantity.withArray("items").get(0)).put("quantity", 0);
        ObjectNode country = OrderJson.toTree(OrderParserTest.sampleOrder());
        country.put("country", "de");
        ObjectNode card = OrderJson.toTree(OrderParserTest.sampleOrder());
        card.put("card_type", "PAYPAL");
        ObjectNode time = OrderJson.toTree(OrderParserTest.sampleOrder());
        time.put("event_time", "2026-11-28 10:15:30");
        ObjectNode price = OrderJson.toTree(OrderParserTest.sampleOrder());
        ((ObjectNode) price.withArray("items").get(0)).put("unit_price", new BigDecimal("1.001"));
        for (ObjectNode bad : new ObjectNode[] {missing, quantity, country, card, time, price}) {
            assertThat(schema.validate(bad)).as(bad.toString()).isNotEmpty();
            assertThat(new OrderParser().parse(bad.toString())).as(bad.toString()).isInstanceOf(ParsedOrder.Rejected.class);
        }
    }

    @Test
    void theSchemaListsExactlyTheSupportedCardTypesAndCurrencies() throws Exception {
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(getClass().getResourceAsStream("/order-event.schema.json"));
        var cards = new java.util.TreeSet<String>();
        tree.at("/properties/card_type/enum").forEach(n -> cards.add(n.asText()));
        var currencies = new java.util.TreeSet<String>();
        tree.at("/properties/currency/enum").forEach(n -> currencies.add(n.asText()));
        assertThat(cards).containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(CardType.values()).map(Enum::name).toList());
        assertThat(currencies).containsExactlyInAnyOrderElementsOf(Currencies.supported());
    }
}
