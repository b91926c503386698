package io.salespulse.dashboard.live;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.MeterRegistry;
import io.salespulse.dashboard.data.PipelineCounts;
import io.salespulse.dashboard.data.ProductTotals;
import io.salespulse.dashboard.data.SalesRepository;
import io.salespulse.dashboard.data.Totals;
import io.salespulse.dashboard.query.Dimension;
import io.salespulse.dashboard.query.Filter;
import jakarta.enterprise.context.ApplicationScoped;
import io.salespulse.dashboard.config.DashboardConfig;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;

/**
 * Aggregates kept in memory by UTC hour, so panels stay cheap while batches keep arriving. A range [from, to) is cut
 * at hour boundaries into segments (whole hours, and the partial first and last hour); each segment is read once and
 * kept until a batch touches its hour. New batches touch the current hour (and, with late events, a few older ones);
 * the poller passes those hours to {@link #invalidate}, found through sales_minute.updated_at. So after a batch a
 * week-long panel costs one short query for the current hour, and views that end now share it. A segment read while
 * its hour is being invalidated is not kept (each hour has a generation number), and every segment expires after
 * half an hour whatever happens.
 */
@ApplicationScoped
public class HourBlocks {

    private static final Duration HOUR = Duration.ofHours(1);

    private enum Kind {
        TOTALS, MINUTES, KEYS, PRODUCTS, PIPELINE
    }

    /** [start, end) lies within the hour that starts at or before {@code start}. */
    private record Key(Kind kind, Object qualifier, Instant start, Instant end) {
        Instant hour() {
            return SalesRepository.hour(start);
        }

        boolean whole() {
            return Duration.between(start, end).equals(HOUR);
        }
    }

    private record Qualifier(Dimension dimension, Filter filter) {
    }

    private final Cache<Key, Object> segments;
    private final Map<Instant, Long> generations = new ConcurrentHashMap<>();
    private final AtomicLong reads = new AtomicLong();

    @Inject
    SalesRepository repository;

    @Inject
    public HourBlocks(MeterRegistry registry, DashboardConfig config) {
        this.segments = CacheWeights.bounded(config.cache().hourSegments().asLongValue(), Duration.ofMinutes(30));
        registry.gauge("salespulse.dashboard.hour.segments", segments, Cache::estimatedSize);
        registry.more().counter("salespulse.dashboard.segment.reads", List.of(), reads);
    }

    public Totals totals(Filter filter, Instant from, Instant to) {
        return combine(Kind.TOTALS, filter == null ? "all" : filter, from, to,
                (a, b) -> repository.totalsByHour(filter, a, b), Totals.ZERO, Totals::plus);
    }

    /** Each minute window's totals (for the time series). */
    public Map<Instant, Totals> minutes(Filter filter, Instant from, Instant to) {
        return combine(Kind.MINUTES, filter == null ? "all" : filter, from, to,
                (a, b) -> repository.minutesByHour(filter, a, b), Map.of(), (x, y) -> merge(x, y, Totals::plus));
    }

    /** Sales per value of {@code dimension}, narrowed to {@code filter} if given. */
    public Map<String, Totals> byKey(Dimension dimension, Filter filter, Instant from, Instant to) {
        return combine(Kind.KEYS, new Qualifier(dimension, filter), from, to,
                (a, b) -> repository.keysByHour(dimension, filter, a, b), Map.of(), (x, y) -> merge(x, y, Totals::plus));
    }

    /** Sales per product, narrowed to {@code filter} if given. */
    public Map<String, ProductTotals> products(Filter filter, Instant from, Instant to) {
        return combine(Kind.PRODUCTS, filter == null ? "all" : filter, from, to,
                (a, b) -> repository.productsByHour(filter, a, b), Map.of(), (x, y) -> merge(x, y, ProductTotals::plus));
    }

    public PipelineCounts pipeline(Instant from, Instant to) {
        return combine(Kind.PIPELINE, "all", from, to, repository::pipelineByHour, PipelineCounts.ZERO, PipelineCounts::plus);
    }

    /** Forgets the given hours: new data arrived for them. */
    void invalidate(Collection<Instant> hours) {
        if (hours.isEmpty()) {
            return;
        }
        Set<Instant> set = Set.copyOf(hours);
        synchronized (generations) {
            for (Instant hour : set) {
                generations.merge(hour, 1L, Long::sum);
            }
            segments.asMap().keySet().removeIf(k -> set.contains(k.hour()));
        }
    }

    /** How many segment reads went to the database since start. */
    public long reads() {
        return reads.get();
    }

    private void store(Key key, Object value, long generation) {
        synchronized (generations) {
            if (generations.getOrDefault(key.hour(), 0L) == generation) {
                segments.put(key, value);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T combine(Kind kind, Object qualifier, Instant from, Instant to,
            BiFunction<Instant, Instant, Map<Instant, T>> query, T empty, BinaryOperator<T> merge) {
        T result = empty;
        List<Key> missingWhole = new ArrayList<>();
        for (Instant start = from; start.isBefore(to); ) {
            Instant hourEnd = SalesRepository.hour(start).plus(HOUR);
            Instant end = hourEnd.isBefore(to) ? hourEnd : to;
            Key key = new Key(kind, qualifier, start, end);
            Object cached = segments.getIfPresent(key);
            if (cached != null) {
                result = merge.apply(result, (T) cached);
            } else if (key.whole()) {
                missingWhole.add(key);
            } else {
                result = merge.apply(result, read(key, query, empty, List.of(key)).get(key.hour()));
            }
            start = end;
        }
        if (!missingWhole.isEmpty()) {
            Map<Instant, T> fetched = read(missingWhole.get(0), query, empty, missingWhole);
            for (Key key : missingWhole) {
                result = merge.apply(result, fetched.get(key.hour()));
            }
        }
        return result;
    }

    /** Reads the segments {@code keys} (in order, one per hour) with one query and keeps them. */
    private <T> Map<Instant, T> read(Key first, BiFunction<Instant, Instant, Map<Instant, T>> query, T empty, List<Key> keys) {
        Map<Instant, Long> seen = new HashMap<>();
        for (Key key : keys) {
            seen.put(key.hour(), generations.getOrDefault(key.hour(), 0L));
        }
        reads.incrementAndGet();
        Map<Instant, T> fetched = new HashMap<>(query.apply(first.start(), keys.get(keys.size() - 1).end()));
        for (Key key : keys) {
            T segment = fetched.getOrDefault(key.hour(), empty);
            fetched.put(key.hour(), segment);
            store(key, segment, seen.get(key.hour()));
        }
        return fetched;
    }

    private static <K, V> Map<K, V> merge(Map<K, V> a, Map<K, V> b, BinaryOperator<V> plus) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        Map<K, V> out = new HashMap<>(a);
        b.forEach((k, v) -> out.merge(k, v, plus));
        return out;
    }
}
