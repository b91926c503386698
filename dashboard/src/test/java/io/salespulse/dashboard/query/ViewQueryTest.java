package io.salespulse.dashboard.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViewQueryTest {

    private static final Duration MAX = Duration.ofDays(31);
    private static final Clock AT_10_07_30 = Clock.fixed(Instant.parse("2024-03-01T10:07:30Z"), ZoneOffset.UTC);

    private static ViewQuery parse(String... pairs) {
        Map<String, List<String>> raw = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            raw.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return ViewQuery.parse(raw, MAX);
    }

    @Test
    void defaultIsTheLastHourEndingWithTheCurrentMinute() {
        ViewQuery q = parse();
        assertThat(q.range()).isEqualTo(RangePreset.LAST_HOUR);
        Window w = q.window(AT_10_07_30);
        assertThat(w.from()).isEqualTo(Instant.parse("2024-03-01T09:08:00Z"));
        assertThat(w.to()).isEqualTo(Instant.parse("2024-03-01T10:08:00Z"));
        assertThat(w.previousFrom()).isEqualTo(Instant.parse("2024-03-01T08:08:00Z"));
        assertThat(w.stepMinutes()).isEqualTo(1);
        assertThat(w.buckets()).isEqualTo(60);
    }

    @Test
    void presetsPickABucketSizeThatKeepsSeriesShort() {
        assertThat(parse("range", "15m").window(AT_10_07_30).stepMinutes()).isEqualTo(1);
        assertThat(parse("range", "24h").window(AT_10_07_30).stepMinutes()).isEqualTo(2);
        assertThat(parse("range", "7d").window(AT_10_07_30).stepMinutes()).isEqualTo(15);
        assertThat(parse("range", "7d").window(AT_10_07_30).buckets()).isEqualTo(672);
        Window month = parse("from", "2024-01-01T00:00:00Z", "to", "2024-02-01T00:00:00Z").window(AT_10_07_30);
        assertThat(month.stepMinutes()).isEqualTo(120);
        assertThat(month.buckets()).isLessThanOrEqualTo(Window.MAX_POINTS);
    }

    @Test
    void customRangesAreRoundedOutToWholeMinutesAndReadAsUtcWithoutOffset() {
        ViewQuery q = parse("from", "2024-03-01T10:00:30", "to", "2024-03-01T12:10:01+02:00");
        assertThat(q.range()).isEqualTo(RangePreset.CUSTOM);
        assertThat(q.from()).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
        assertThat(q.to()).isEqualTo(Instant.parse("2024-03-01T10:11:00Z"));
        assertThat(q.parameters()).containsExactly(Map.entry("range", "custom"),
                Map.entry("from", "2024-03-01T10:00:00Z"), Map.entry("to", "2024-03-01T10:11:00Z"));
    }

    @Test
    void filtersAreNormalised() {
        assertThat(parse("country", "de").filter()).isEqualTo(Filter.of(Dimension.COUNTRY, "DE"));
        assertThat(parse("cardType", "Visa").filter()).isEqualTo(Filter.of(Dimension.CARD_TYPE, "VISA"));
        assertThat(parse("category", "Home & Kitchen").filter()).isEqualTo(Filter.of(Dimension.CATEGORY, "Home & Kitchen"));
        assertThat(parse("country", "", "cardType", " ").filter()).isNull();
        assertThat(parse("range", "15m", "country", "JP").parameters())
                .containsExactly(Map.entry("range", "15m"), Map.entry("country", "JP"));
    }

    /** Country, card type and category, each null when unset. */
    private static Filter filter(String country, String cardType, String category) {
        Map<Dimension, String> values = new java.util.HashMap<>();
        values.put(Dimension.COUNTRY, country);
        values.put(Dimension.CARD_TYPE, cardType);
        values.put(Dimension.CATEGORY, category);
        return Filter.of(values);
    }

    /** A filter the catalogue has and no code here names: channel, a closed set written in lower case. */
    @Test
    void everyFilterOfTheCatalogueIsAccepted() {
        Dimension channel = Dimension.lookup("channel").orElseThrow();
        ViewQuery q = parse("channel", "Mobile_App", "country", "us");
        assertThat(q.filter().value(channel)).isEqualTo("mobile_app");
        assertThat(q.parameters()).containsExactly(Map.entry("range", "1h"), Map.entry("country", "US"),
                Map.entry("channel", "mobile_app"));
        assertThatThrownBy(() -> parse("channel", "fax"))
                .isInstanceOfSatisfying(BadParameterException.class, e -> assertThat(e.parameter()).isEqualTo("channel"))
                .hasMessageContaining("'fax' is not one of web, mobile_app, marketplace");
    }

    @Test
    void filtersCombine() {
        ViewQuery all = parse("category", "Books", "cardType", "amex", "country", "us");
        assertThat(all.filter()).isEqualTo(filter("US", "AMEX", "Books"));
        assertThat(all.filter().dimensions()).containsExactly(Dimension.COUNTRY, Dimension.CARD_TYPE, Dimension.CATEGORY);
        assertThat(all.parameters()).containsExactly(Map.entry("range", "1h"), Map.entry("country", "US"),
                Map.entry("cardType", "AMEX"), Map.entry("category", "Books"));
        assertThat(parse("cardType", "VISA", "category", "Books").filter()).isEqualTo(filter(null, "VISA", "Books"));
    }

    @Test
    void badParametersAreNamed() {
        assertThatThrownBy(() -> parse("country", "XX")).isInstanceOf(BadParameterException.class)
                .hasMessageStartingWith("country: 'XX' is not an ISO 3166-1 alpha-2");
        assertThatThrownBy(() -> parse("from", "2024-03-02T00:00:00Z", "to", "2024-03-01T00:00:00Z"))
                .hasMessageStartingWith("from: must be before to");
        assertThatThrownBy(() -> parse("from", "2024-01-01T00:00:00Z", "to", "2024-02-01T00:01:00Z"))
                .hasMessage("to: the range is 31 days 1 min long; at most 31 days is allowed");
        assertThatThrownBy(() -> parse("from", "2024-01-01T00:00:00Z", "to", "2024-03-01T00:00:00Z"))
                .hasMessage("to: the range is 60 days long; at most 31 days is allowed");
        assertThatThrownBy(() -> parse("to", "10:00")).hasMessageStartingWith("from: required with range=custom");
        assertThatThrownBy(() -> parse("range", "custom", "from", "2024-01-01T00:00:00Z", "to", "soon"))
                .hasMessageStartingWith("to: 'soon' is not an ISO-8601 time");
        assertThatThrownBy(() -> parse("category", "x".repeat(65))).hasMessageStartingWith("category: must be at most 64");
        assertThatThrownBy(() -> parse("cardType", "VISA", "category", "x".repeat(65)))
                .hasMessageStartingWith("category: must be at most 64");
        assertThat(((BadParameterException) org.assertj.core.api.Assertions.catchThrowable(() -> parse("page", "2")))
                .parameter()).isEqualTo("page");
    }
}
