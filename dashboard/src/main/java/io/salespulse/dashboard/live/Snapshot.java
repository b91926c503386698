package io.salespulse.dashboard.live;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.salespulse.dashboard.data.Breakdown;
import io.salespulse.dashboard.data.Kpis;
import io.salespulse.dashboard.data.PipelineCounts;
import io.salespulse.dashboard.data.TimeSeries;
import io.salespulse.dashboard.data.TopProducts;
import io.salespulse.dashboard.query.Dimension;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every panel for one view at one data version: what the page renders and the live stream pushes. One breakdown per
 * breakdown dimension of the catalogue, in JSON as {@code byCountry}, {@code byCardType} ... ({@link
 * Dimension#snapshotField()}).
 */
public record Snapshot(QueryInfo query, long dataVersion, Kpis kpis, TimeSeries timeSeries,
        @JsonIgnore Map<Dimension, Breakdown> breakdowns, TopProducts topProducts, PipelineCounts pipeline) {

    public Snapshot {
        breakdowns = Collections.unmodifiableMap(new LinkedHashMap<>(breakdowns));
    }

    public Breakdown breakdown(Dimension dimension) {
        return breakdowns.get(dimension);
    }

    @JsonAnyGetter
    public Map<String, Breakdown> breakdownFields() {
        Map<String, Breakdown> out = new LinkedHashMap<>();
        breakdowns.forEach((d, b) -> out.put(d.snapshotField(), b));
        return out;
    }

    /** Equal panels for the same query, whatever data version they were read at. */
    public boolean sameDataAs(Snapshot other) {
        return other != null && query.equals(other.query) && kpis.equals(other.kpis) && timeSeries.equals(other.timeSeries)
                && breakdowns.equals(other.breakdowns) && topProducts.equals(other.topProducts)
                && pipeline.equals(other.pipeline);
    }
}
