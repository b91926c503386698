package io.salespulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.salespulse.schema.order.OrderParser;
import io.salespulse.schema.order.ParsedOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Anomalies SOME = new Anomalies(0.05, 0.05, 0.05, Duration.ofMinutes(5), Duration.ofMinutes(15));

    private static List<SimulatedRecord> generate(long seed, int n) {
        OrderGenerator generator = new OrderGenerator(seed, SOME);
        List<SimulatedRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(generator.next(NOW.plusMillis(i * 10L)));
        }
        return records;
    }

    @Test
    void theSameSeedGivesTheSameRecords() {
        assertThat(generate(42, 2000)).isEqualTo(generate(42, 2000));
        assertThat(generate(42, 200)).isNotEqualTo(generate(43, 200));
    }

    @Test
    void anomaliesComeAtTheRequestedFractions() {
        Map<RecordKind, Integer> counts = new EnumMap<>(RecordKind.class);
        generate(7, 20_000).forEach(r -> counts.merge(r.kind(), 1, Integer::sum));
        int malformed = counts.entrySet().stream().filter(e -> e.getKey().isMalformed()).mapToInt(Map.Entry::getValue).sum();
        assertThat(counts.get(RecordKind.DUPLICATE) / 20_000.0).isCloseTo(0.05, within(0.01));
        assertThat(counts.get(RecordKind.LATE) / 20_000.0).isCloseTo(0.05, within(0.01));
        assertThat(malformed / 20_000.0).isCloseTo(0.05, within(0.01));
        assertThat(counts.keySet()).containsAll(List.of(RecordKind.MALFORMED_JSON, RecordKind.MISSING_FIELD,
                RecordKind.NEGATIVE_QUANTITY, RecordKind.WRONG_TOTAL, RecordKind.UNKNOWN_COUNTRY));
    }

    /** Every channel occurs; some web orders say so and some leave the optional field out (the parser reads web). */
    @Test
    void channelsComeInBothFormsOfTheContract() {
        Map<String, Integer> channels = new java.util.HashMap<>();
        int webWithoutField = 0;
        for (SimulatedRecord record : generate(5, 4000)) {
            if (record.kind() == RecordKind.VALID) {
                channels.merge(record.order().channel().wire(), 1, Integer::sum);
                if (!record.value().contains("\"channel\"")) {
                    assertThat(record.order().channel()).isEqualTo(io.salespulse.schema.order.Channel.WEB);
                    webWithoutField++;
                }
            }
        }
        assertThat(channels.keySet()).containsExactlyInAnyOrder("web", "mobile_app", "marketplace");
        assertThat(webWithoutField).isPositive().isLessThan(channels.get("web"));
    }

    @Test
    void theJobRejectsEveryMalformedRecordForTheIntendedReasonAndAcceptsTheRest() {
        OrderParser parser = new OrderParser();
        for (SimulatedRecord record : generate(3, 5000)) {
            ParsedOrder parsed = parser.parse(record.value());
            if (record.kind().isMalformed()) {
                assertThat(parsed).as(record.value()).isInstanceOfSatisfying(ParsedOrder.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(record.kind().expectedReason()));
            } else {
                assertThat(parsed).as(record.value()).isEqualTo(new ParsedOrder.Valid(record.order()));
            }
        }
    }

    @Test
    void duplicatesRepeatAnEarlierEventExactlyAndLateEventsLieInThePast() {
        List<SimulatedRecord> records = generate(5, 5000);
        Set<String> earlier = new HashSet<>();
        for (SimulatedRecord record : records) {
            switch (record.kind()) {
                case DUPLICATE -> assertThat(earlier).contains(record.value());
                case LATE -> assertThat(Duration.between(record.order().eventTime().toInstant(), NOW))
                        .isBetween(Duration.ofMinutes(4), Duration.ofMinutes(16));
                case VALID -> assertThat(record.key()).isEqualTo(record.order().orderId());
                default -> { }
            }
            earlier.add(record.value());
        }
    }

    @Test
    void ordersAreRealisticAndConformToThePublishedSchema() throws Exception {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(getClass().getResourceAsStream("/order-event.schema.json"));
        ObjectMapper mapper = new ObjectMapper();
        Set<String> countries = new HashSet<>();
        for (SimulatedRecord record : generateValid(2000)) {
            assertThat(schema.validate(mapper.readTree(record.value()))).as(record.value()).isEmpty();
            assertThat(record.order().items()).hasSizeBetween(1, 5);
            countries.add(record.order().country());
        }
        assertThat(countries).hasSizeGreaterThan(8);
    }

    private static List<SimulatedRecord> generateValid(int n) {
        OrderGenerator generator = new OrderGenerator(9, Anomalies.NONE);
        List<SimulatedRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(generator.next(NOW));
        }
        return records;
    }
}
