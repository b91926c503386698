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
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    private final Cache<Key, Object> cache = Caffeine.newBuilder()
            .maximumSize(4_000)
            .expireAfterWrite(Duration.ofMinutes(15))
            .build();
    private final AtomicLong computations = new AtomicLong();

    @Inject
    SalesRepository repository;

    @Inject
    public Panels(MeterRegistry registry) {
        registry.gauge("salespulse.dashboard.panel.cache.entries", cache, c -> c.estimatedSize());
        registry.more().counter("salespulse.dashboard.panel.computations", List.of(), computations);
    }

    public Kpis kpis(Window w, Filter f, long version) {
        return get("kpis", w, f, version, () -> repository.kpis(w, f));
    }

    public TimeSeries timeSeries(Window w, Filter f, long version) {
        return get("timeseries", w, f, version, () -> repository.timeSeries(w, f));
    }

    public Breakdown breakdown(Dimension d, Window w, Filter f, long version) {
        return get("by-" + d.parameter(), w, f, version, () -> repository.breakdown(d, w, f));
    }

    public TopProducts topProducts(Window w, Filter f, long version) {
        return get("top-products", w, f, version, () -> repository.topProducts(w, f, TOP_PRODUCTS));
    }

    public PipelineCounts pipelineCounts(Window w, long version) {
        return get("pipeline", w, null, version, () -> repository.pipelineCounts(w));
    }

    /** Distinct values seen in the last five weeks, for the filter lists (refreshed with each new batch). */
    public List<String> filterValues(Dimension d, Instant now, long version) {
        return get("values-" + d.parameter(), null, null, version,
                () -> repository.values(d, now.minus(FILTER_VALUES_SINCE)));
    }

    public Snapshot snapshot(ViewQuery query, Window w, long version) {
        Filter f = query.filter();
        return new Snapshot(QueryInfo.of(query, w), version, kpis(w, f, version), timeSeries(w, f, version),
                breakdown(Dimension.COUNTRY, w, f, version), breakdown(Dimension.CARD_TYPE, w, f, version),
                breakdown(Dimension.CATEGORY, w, f, version), topProducts(w, f, version), pipelineCounts(w, version));
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
