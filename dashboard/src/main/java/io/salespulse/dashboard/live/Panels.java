package io.salespulse.dashboard.live;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.salespulse.dashboard.data.Breakdown;
import io.salespulse.dashboard.data.Kpis;
import io.salespulse.dashboard.data.PipelineCounts;
import io.salespulse.dashboard.data.SalesRepository;
import io.salespulse.dashboard.data.TimeSeries;
import io.salespulse.dashboard.data.TopProducts;
import io.salespulse.dashboard.query.Dimension;
import io.salespulse.dashboard.query.Filter;
import io.salespulse.dashboard.query.ViewQuery;
import io.salespulse.dashboard.query.Window;
import jakarta.enterprise.context.ApplicationScoped;
import io.salespulse.dashboard.config.DashboardConfig;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Panel data, computed at most once per (panel, resolved window, filter, data version): any number of viewers and
 * API calls for the same view between two committed batches share one set of queries. The data version is the id
 * of the newest committed batch, which the shared poller reads once per tick.
 */
@ApplicationScoped
public class Panels {

    public static final int TOP_PRODUCTS = 10;
    private static final Duration FILTER_VALUES_SINCE = Duration.ofDays(35);

    private record Key(String panel, Window window, Filter filter, long version) {
    }

    private final Cache<Key, Object> cache;
    private final AtomicLong computations = new AtomicLong();
    private final Cache<Dimension, List<String>> filterValues = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    @Inject
    SalesRepository repository;

    @Inject
    HourBlocks blocks;

    @Inject
    public Panels(MeterRegistry registry, DashboardConfig config) {
        this.cache = CacheWeights.bounded(config.cache().panels().asLongValue(), Duration.ofMinutes(15));
        registry.gauge("salespulse.dashboard.panel.cache.entries", cache, c -> c.estimatedSize());
        registry.more().counter("salespulse.dashboard.panel.computations", List.of(), computations);
    }

    public Kpis kpis(Window w, Filter f, long version) {
        return get("kpis", w, f, version,
                () -> Kpis.of(blocks.totals(f, w.from(), w.to()), blocks.totals(f, w.previousFrom(), w.from())));
    }

    public TimeSeries timeSeries(Window w, Filter f, long version) {
        return get("timeseries", w, f, version, () -> TimeSeries.of(w, blocks.minutes(f, w.from(), w.to())));
    }

    /**
     * Sales by {@code d}, ranked, narrowed by every filter that is set (a filter on {@code d} itself leaves one row).
     * With a line-level filter, or for a line-level panel (category), the numbers are line-level (see {@link Filter}).
     */
    public Breakdown breakdown(Dimension d, Window w, Filter f, long version) {
        return get("by-" + d.parameter(), w, f, version,
                () -> Breakdown.ranked(d.parameter(), blocks.byKey(d, f, w.from(), w.to())));
    }

    /** The best sellers, narrowed by every filter that is set. */
    public TopProducts topProducts(Window w, Filter f, long version) {
        return get("top-products", w, f, version,
                () -> TopProducts.of(blocks.products(f, w.from(), w.to()), TOP_PRODUCTS));
    }

    public PipelineCounts pipelineCounts(Window w, long version) {
        return get("pipeline", w, null, version, () -> blocks.pipeline(w.from(), w.to()));
    }

    /** Distinct values seen in the last five weeks, for the filter lists (refreshed once a minute). */
    public List<String> filterValues(Dimension d, Instant now) {
        return filterValues.get(d, k -> repository.values(k, now.minus(FILTER_VALUES_SINCE)));
    }

    public Snapshot snapshot(ViewQuery query, Window w, long version) {
        Filter f = query.filter();
        Map<Dimension, Breakdown> breakdowns = new LinkedHashMap<>();
        Dimension.breakdowns().forEach(d -> breakdowns.put(d, breakdown(d, w, f, version)));
        return new Snapshot(QueryInfo.of(query, w), version, kpis(w, f, version), timeSeries(w, f, version),
                breakdowns, topProducts(w, f, version), pipelineCounts(w, version));
    }

    /** Drops what was computed for older data versions (called by the poller when a new batch is seen). */
    void forgetBefore(long version) {
        cache.asMap().keySet().removeIf(k -> k.version() < version);
    }

    /** How many panel computations (database queries) ran since start; tests use it to prove sharing. */
    public long computations() {
        return computations.get();
    }

    @SuppressWarnings("unchecked")
    private <T> T get(String panel, Window w, Filter f, long version, Supplier<T> compute) {
        return (T) cache.get(new Key(panel, w, f, version), k -> {
            computations.incrementAndGet();
            return compute.get();
        });
    }
}
