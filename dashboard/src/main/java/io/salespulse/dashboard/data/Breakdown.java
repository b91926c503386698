package io.salespulse.dashboard.data;

import java.util.List;

/**
 * Sales by one dimension, ranked by revenue. {@code filtered} is false (and {@code note} says why) when the viewer's
 * filter is on another dimension: the aggregates hold one dimension at a time, so such a panel shows all sales.
 */
public record Breakdown(String dimension, boolean filtered, String note, List<BreakdownRow> rows) implements CsvTable {

    @Override
    public List<String> csvHeader() {
        return List.of(dimension, "revenue_usd", "orders", "items", "revenue_share");
    }

    @Override
    public List<List<Object>> csvRows() {
        return rows.stream().map(r -> List.<Object>of(r.key(), r.revenue(), r.orders(), r.items(), r.share())).toList();
    }
}
