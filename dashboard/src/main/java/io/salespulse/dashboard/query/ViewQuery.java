package io.salespulse.dashboard.query;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a viewer asked for: a time range and any combination of the catalogue's filters (country, card type ...). The same parameters drive the page, every API
 * endpoint, the CSV export and the live stream, and they live in the URL. {@code from}/{@code to} are set only for
 * {@link RangePreset#CUSTOM}, already rounded out to whole minutes.
 */
public record ViewQuery(RangePreset range, Instant from, Instant to, Filter filter) {

    public static final String RANGE = "range";
    public static final String FROM = "from";
    public static final String TO = "to";
    /** range, from, to and every filter of the catalogue, in that order. */
    public static final Set<String> PARAMETERS = parameterNames();

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    private static Set<String> parameterNames() {
        Set<String> names = new java.util.LinkedHashSet<>(List.of(RANGE, FROM, TO));
        Dimension.filters().forEach(d -> names.add(d.parameter()));
        return java.util.Collections.unmodifiableSet(names);
    }

    public static ViewQuery defaults() {
        return new ViewQuery(RangePreset.DEFAULT, null, null, null);
    }

    public Optional<Filter> optionalFilter() {
        return Optional.ofNullable(filter);
    }

    /** The minute windows to show now: presets end with the current (partial) minute. */
    public Window window(Clock clock) {
        if (range == RangePreset.CUSTOM) {
            return Window.of(from, to);
        }
        Instant end = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        return Window.of(end.minus(range.length()), end);
    }

    /** The canonical parameters, in a stable order (for URLs and as a key). */
    public Map<String, String> parameters() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(RANGE, range.key());
        if (range == RangePreset.CUSTOM) {
            out.put(FROM, from.toString());
            out.put(TO, to.toString());
        }
        if (filter != null) {
            for (Dimension d : filter.dimensions()) {
                out.put(d.parameter(), filter.value(d));
            }
        }
        return out;
    }

    /**
     * Reads and checks request parameters. Empty values count as absent (an HTML form sends them for "all").
     *
     * @throws BadParameterException naming the first parameter that is wrong
     */
    public static ViewQuery parse(Map<String, List<String>> raw, Duration maxRange) {
        for (String name : raw.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new BadParameterException(name, "unknown parameter; known: " + String.join(", ", PARAMETERS));
            }
        }
        Optional<String> rangeValue = single(raw, RANGE);
        Optional<String> fromValue = single(raw, FROM);
        Optional<String> toValue = single(raw, TO);
        RangePreset range = rangeValue
                .map(v -> RangePreset.byKey(v).orElseThrow(() -> new BadParameterException(RANGE,
                        "'" + v + "' is not one of " + Arrays.stream(RangePreset.values()).map(RangePreset::key)
                                .collect(Collectors.joining(", ")))))
                .orElse(fromValue.isPresent() || toValue.isPresent() ? RangePreset.CUSTOM : RangePreset.DEFAULT);
        Instant from = null;
        Instant to = null;
        if (range == RangePreset.CUSTOM) {
            from = time(FROM, fromValue.orElseThrow(() -> new BadParameterException(FROM, "required with range=custom")))
                    .truncatedTo(ChronoUnit.MINUTES);
            Instant exactTo = time(TO, toValue.orElseThrow(() -> new BadParameterException(TO, "required with range=custom")));
            to = exactTo.truncatedTo(ChronoUnit.MINUTES);
            if (to.isBefore(exactTo)) {
                to = to.plus(1, ChronoUnit.MINUTES);
            }
            if (!from.isBefore(to)) {
                throw new BadParameterException(FROM, "must be before to (" + fromValue.get() + " is not before " + toValue.get() + ")");
            }
            if (Duration.between(from, to).compareTo(maxRange) > 0) {
                throw new BadParameterException(TO, "the range is " + describe(Duration.between(from, to))
                        + " long; at most " + describe(maxRange) + " is allowed");
            }
        } else if (fromValue.isPresent() || toValue.isPresent()) {
            String which = fromValue.isPresent() ? FROM : TO;
            throw new BadParameterException(which, "only allowed with range=custom (range is " + range.key() + ")");
        }
        return new ViewQuery(range, from, to, filter(raw));
    }

    private static Filter filter(Map<String, List<String>> raw) {
        Map<Dimension, String> values = new LinkedHashMap<>();
        for (Dimension dimension : Dimension.filters()) {
            single(raw, dimension.parameter()).ifPresent(v -> values.put(dimension, checkedValue(dimension, v)));
        }
        return Filter.of(values);
    }

    /** The canonical value, as the catalogue says the dimension's values are written. */
    private static String checkedValue(Dimension dimension, String value) {
        try {
            return dimension.values().check(value);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException(dimension.parameter(), e.getMessage());
        }
    }

    private static Optional<String> single(Map<String, List<String>> raw, String name) {
        List<String> values = raw.getOrDefault(name, List.of()).stream()
                .map(String::strip).filter(v -> !v.isEmpty()).toList();
        if (values.size() > 1) {
            throw new BadParameterException(name, "give one value, not " + values.size());
        }
        return values.stream().findFirst();
    }

    /** ISO-8601: an instant (2024-03-01T10:00:00Z), with an offset (…+02:00), or without one, read as UTC. */
    static Instant time(String name, String value) {
        Instant parsed;
        try {
            if (value.endsWith("Z") || value.endsWith("z")) {
                parsed = Instant.parse(value.toUpperCase(Locale.ROOT));
            } else if (value.matches(".*T.*[+-]\\d{2}:?\\d{2}$")) {
                parsed = OffsetDateTime.parse(value).toInstant();
            } else {
                parsed = LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeException e) {
            throw new BadParameterException(name, "'" + value + "' is not an ISO-8601 time such as 2024-03-01T10:00:00Z");
        }
        if (parsed.isBefore(EARLIEST) || !parsed.isBefore(LATEST)) {
            throw new BadParameterException(name, "'" + value + "' is outside the years 1970 to 9998");
        }
        return parsed;
    }

    private static String describe(Duration duration) {
        List<String> parts = new java.util.ArrayList<>();
        if (duration.toDays() > 0) {
            parts.add(duration.toDays() + (duration.toDays() == 1 ? " day" : " days"));
        }
        if (duration.toHoursPart() > 0) {
            parts.add(duration.toHoursPart() + " h");
        }
        if (duration.toMinutesPart() > 0 || parts.isEmpty()) {
            parts.add(duration.toMinutesPart() + " min");
        }
        return String.join(" ", parts);
    }
}
