package io.salespulse.dashboard.data;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Sales by one dimension for the viewer's filters, ranked by revenue. */
public record Breakdown(String dimension, List<BreakdownRow> rows) implements CsvTable {

    /** Rows ranked by revenue (then by key), each with its share of the total revenue. */
    public static Breakdown ranked(String dimension, Map<String, Totals> byKey) {
        double all = byKey.values().stream().mapToDouble(t -> t.revenue().doubleValue()).sum();
        List<BreakdownRow> rows = byKey.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Totals> e) -> e.getValue().revenue()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .map(e -> new BreakdownRow(e.getKey(), e.getValue().revenue(), e.getValue().orders(), e.getValue().items(),
                        all == 0 ? 0 : e.getValue().revenue().doubleValue() / all))
                .toList();
        return new Breakdown(dimension, rows);
    }

    @Override
    public List<String> csvHeader() {
        return List.of(dimension, "revenue_usd", "orders", "items", "revenue_share");
    }

    @Override
    public List<List<Object>> csvRows() {
        return rows.stream().map(r -> List.<Object>of(r.key(), r.revenue(), r.orders(), r.items(), r.share())).toList();
    }
}
