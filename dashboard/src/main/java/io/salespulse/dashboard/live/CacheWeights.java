package io.salespulse.dashboard.live;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.salespulse.dashboard.data.CsvTable;
import io.salespulse.dashboard.data.ProductTotals;
import java.time.Duration;
import java.util.Map;

/**
 * Caches bounded by an estimate of the memory their values take, not by entry count: one hour of a busy product
 * breakdown can hold tens of thousands of rows while a KPI block is a few numbers, so a count says little.
 * The estimate is rough (object headers, a BigDecimal, a map entry) but grows with what is held.
 */
final class CacheWeights {

    private static final int BASE = 96;
    private static final int PER_ROW = 160;

    private CacheWeights() {
    }

    static <K, V> Cache<K, V> bounded(long maxBytes, Duration expireAfterWrite) {
        return Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((K key, V value) -> estimate(value))
                .expireAfterWrite(expireAfterWrite)
                .build();
    }

    static int estimate(Object value) {
        long bytes = BASE;
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                bytes += PER_ROW + chars(e.getKey());
                if (e.getValue() instanceof ProductTotals p) {
                    bytes += chars(p.name()) + chars(p.category());
                }
            }
        } else if (value instanceof CsvTable table) {
            for (var row : table.csvRows()) {
                bytes += PER_ROW;
                for (Object cell : row) {
                    bytes += chars(cell);
                }
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private static long chars(Object value) {
        return value instanceof CharSequence s ? 40L + 2L * s.length() : 0;
    }
}
