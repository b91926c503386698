package io.salespulse.dashboard.data;

import java.util.List;

/** Revenue, orders and items per bucket of {@code stepMinutes} minutes, every bucket present (zero when empty). */
public record TimeSeries(int stepMinutes, List<TimePoint> points) implements CsvTable {

    @Override
    public List<String> csvHeader() {
        return List.of("bucket_start_utc", "minutes", "revenue_usd", "orders", "items");
    }

    @Override
    public List<List<Object>> csvRows() {
        return points.stream().map(p -> List.<Object>of(p.t(), stepMinutes, p.revenue(), p.orders(), p.items())).toList();
    }
}
