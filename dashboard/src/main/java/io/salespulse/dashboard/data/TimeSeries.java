package io.salespulse.dashboard.data;

import io.salespulse.dashboard.query.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Revenue, orders and items per bucket of {@code stepMinutes} minutes, every bucket present (zero when empty). */
public record TimeSeries(int stepMinutes, List<TimePoint> points) implements CsvTable {

    /** Buckets of the window's step, from its start, summing the minute windows that fall in each. */
    public static TimeSeries of(Window window, Map<Instant, Totals> minutes) {
        int step = window.stepMinutes();
        Totals[] buckets = new Totals[window.buckets()];
        java.util.Arrays.fill(buckets, Totals.ZERO);
        long from = window.from().getEpochSecond();
        minutes.forEach((minute, totals) -> {
            long index = (minute.getEpochSecond() - from) / 60 / step;
            if (index >= 0 && index < buckets.length) {
                buckets[(int) index] = buckets[(int) index].plus(totals);
            }
        });
        List<TimePoint> points = new ArrayList<>(buckets.length);
        for (int i = 0; i < buckets.length; i++) {
            points.add(new TimePoint(window.from().plusSeconds(60L * step * i), buckets[i].revenue(), buckets[i].orders(),
                    buckets[i].items()));
        }
        return new TimeSeries(step, List.copyOf(points));
    }

    @Override
    public List<String> csvHeader() {
        return List.of("bucket_start_utc", "minutes", "revenue_usd", "orders", "items");
    }

    @Override
    public List<List<Object>> csvRows() {
        return points.stream().map(p -> List.<Object>of(p.t(), stepMinutes, p.revenue(), p.orders(), p.items())).toList();
    }
}
