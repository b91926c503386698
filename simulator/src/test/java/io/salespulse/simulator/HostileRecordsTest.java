package io.salespulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.salespulse.schema.order.OrderParser;
import io.salespulse.schema.order.ParsedOrder;
import io.salespulse.schema.order.RejectReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hostile corpus is what it claims: every record gets its reason from the parser, none makes it throw. */
class HostileRecordsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private final OrderParser parser = new OrderParser();

    @Test
    void everyHostileRecordIsRejectedWithItsReason() {
        List<HostileRecords.Hostile> corpus = new HostileRecords(1).corpus(NOW);
        assertThat(corpus).hasSizeGreaterThan(30);
        Set<RejectReason> reasons = new HashSet<>();
        for (HostileRecords.Hostile h : corpus) {
            ParsedOrder parsed = parser.parse(h.value());
            reasons.add(h.expected());
            if (h.expected() == RejectReason.EVENT_TIME_IN_FUTURE) {
                assertThat(parsed).as(h.name()).isInstanceOf(ParsedOrder.Valid.class); // the job's rule, not the parser's
                continue;
            }
            assertThat(parsed).as(h.name()).isInstanceOf(ParsedOrder.Rejected.class);
            assertThat(((ParsedOrder.Rejected) parsed).reason()).as(h.name() + ": " + parsed).isEqualTo(h.expected());
            assertThat(h.value() == null ? 0 : h.value().length).as(h.name() + " fits the topic's default 1 MB limit")
                    .isLessThan(1_000_000);
        }
        assertThat(reasons).contains(RejectReason.MALFORMED_JSON, RejectReason.INVALID_FIELD, RejectReason.INVALID_QUANTITY,
                RejectReason.AMOUNT_OUT_OF_RANGE, RejectReason.EVENT_TIME_OUT_OF_RANGE, RejectReason.EVENT_TIME_IN_FUTURE);
        assertThat(corpus).extracting(HostileRecords.Hostile::keyText).doesNotHaveDuplicates();
    }

    @Test
    void recordsJustUnderTheSizeLimitAreDeadLetters() {
        for (HostileRecords.Hostile h : new HostileRecords(2).nearMaxSize(6, 1_048_000)) {
            assertThat(h.value()).hasSize(1_048_000);
            assertThat(((ParsedOrder.Rejected) parser.parse(h.value())).reason()).as(h.name()).isEqualTo(h.expected());
        }
    }

    @Test
    void multiMegabyteStringsAreRefusedWithoutFuss() {
        String order = new HostileRecords(3).awkwardButValid(NOW).get(0).value();
        String huge = order.replace("Edge \u00e9", "\u00e9".repeat(3 << 20));
        ParsedOrder.Rejected rejected = (ParsedOrder.Rejected) parser.parse(huge.getBytes(StandardCharsets.UTF_8));
        assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(rejected.message()).startsWith("items[0].product_name must be a string of 1 to 256 characters")
                .hasSizeLessThan(400);
    }

    @Test
    void awkwardOrdersAreValidAndReadBackExactly() {
        for (SimulatedRecord r : new HostileRecords(4).awkwardButValid(NOW)) {
            assertThat(parser.parse(r.value())).as(r.value()).isEqualTo(new ParsedOrder.Valid(r.order()));
        }
    }
}
