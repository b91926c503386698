package io.salespulse.dashboard.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.salespulse.dashboard.query.Dimension;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values each filter list offers, for every filter of the catalogue: a closed set (card types, channels) lists
 * all its values, the others those seen in the last five weeks. In JSON by {@link Dimension#optionsField()}
 * ({@code countries}, {@code cardTypes}, {@code channels}, {@code categories}).
 */
public record FilterOptions(@JsonIgnore Map<Dimension, List<Option>> lists) {

    public FilterOptions {
        lists = Collections.unmodifiableMap(new LinkedHashMap<>(lists));
    }

    public static FilterOptions none() {
        return new FilterOptions(Map.of());
    }

    public List<Option> of(Dimension dimension) {
        return lists.getOrDefault(dimension, List.of());
    }

    @JsonAnyGetter
    public Map<String, List<Option>> fields() {
        Map<String, List<Option>> out = new LinkedHashMap<>();
        Dimension.filters().forEach(d -> out.put(d.optionsField(), of(d)));
        return out;
    }

    public record Option(String value, String label) {
    }
}
