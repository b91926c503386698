package io.salespulse.dashboard.live;

import io.salespulse.dashboard.data.Breakdown;
import io.salespulse.dashboard.data.Kpis;
import io.salespulse.dashboard.data.PipelineCounts;
import io.salespulse.dashboard.data.TimeSeries;
import io.salespulse.dashboard.data.TopProducts;

/** Every panel for one view at one data version: what the page renders and the live stream pushes. */
public record Snapshot(QueryInfo query, long dataVersion, Kpis kpis, TimeSeries timeSeries, Breakdown byCountry,
        Breakdown byCardType, Breakdown byCategory, TopProducts topProducts, PipelineCounts pipeline) {

    /** Equal panels for the same query, whatever data version they were read at. */
    public boolean sameDataAs(Snapshot other) {
        return other != null && query.equals(other.query) && kpis.equals(other.kpis) && timeSeries.equals(other.timeSeries)
                && byCountry.equals(other.byCountry) && byCardType.equals(other.byCardType)
                && byCategory.equals(other.byCategory) && topProducts.equals(other.topProducts)
                && pipeline.equals(other.pipeline);
    }
}
