package io.salespulse.dashboard.query;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dimension values every panel is narrowed to: any combination of the catalogue's filters (a {@code Filter} has
 * at least one set, "no filter" is a null {@code Filter}).
 * <p>
 * Meaning: with only order-level filters (country, card type, channel ...), whole orders with those values. With a
 * line-level one ({@code category}, alone or combined), the lines with that value in such orders: revenue and items
 * of those lines, orders = orders with at least one such line.
 *
 * @param values the set values, in catalogue order
 */
public record Filter(Map<Dimension, String> values) {

    public Filter {
        Map<Dimension, String> ordered = new LinkedHashMap<>();
        for (Dimension d : Dimension.filters()) {
            String value = values.get(d);
            if (value != null) {
                ordered.put(d, value);
            }
        }
        if (ordered.size() != values.size()) {
            throw new IllegalArgumentException("not filters: " + values.keySet());
        }
        values = Collections.unmodifiableMap(ordered);
    }

    /** A filter with the given values (nulls are unset), or null when none is set. */
    public static Filter of(Map<Dimension, String> values) {
        Map<Dimension, String> set = new LinkedHashMap<>();
        values.forEach((d, v) -> {
            if (v != null) {
                set.put(d, v);
            }
        });
        return set.isEmpty() ? null : new Filter(set);
    }

    public static Filter of(Dimension dimension, String value) {
        return of(Collections.singletonMap(dimension, value));
    }

    /** This filter's value for {@code dimension}, or null. */
    public String value(Dimension dimension) {
        return values.get(dimension);
    }

    /** The dimensions that are set, in catalogue order. */
    public List<Dimension> dimensions() {
        return List.copyOf(values.keySet());
    }

    /** As JSON: every filter's parameter, null when not set ({@code {"country": "US", "cardType": null, ...}}). */
    @JsonValue
    public Map<String, String> json() {
        Map<String, String> out = new LinkedHashMap<>();
        Dimension.filters().forEach(d -> out.put(d.parameter(), values.get(d)));
        return out;
    }
}
