package io.salespulse.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import io.salespulse.dashboard.data.ProductTotals;
import io.salespulse.dashboard.data.Totals;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheWeightsTest {

    private static Map<String, ProductTotals> products(int n) {
        Map<String, ProductTotals> map = new HashMap<>();
        for (int i = 0; i < n; i++) {
            map.put("P-" + i, new ProductTotals("Product number " + i, "Category", new Totals(BigDecimal.ONE, 1, 1)));
        }
        return map;
    }

    @Test
    void bigSegmentsWeighMoreThanSmallOnes() {
        assertThat(CacheWeights.estimate(products(10_000))).isGreaterThan(1_000_000);
        assertThat(CacheWeights.estimate(products(1))).isLessThan(1_000);
        assertThat(CacheWeights.estimate(Totals.ZERO)).isLessThan(1_000);
    }

    @Test
    void theCacheHoldsWhatFitsInItsMemoryBudgetNotAFixedCount() {
        Cache<Integer, Object> cache = CacheWeights.bounded(4_000_000, Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            cache.put(i, products(10_000));
        }
        cache.cleanUp();
        long held = cache.asMap().values().stream().mapToLong(CacheWeights::estimate).sum();
        assertThat(held).isLessThanOrEqualTo(4_000_000);
        assertThat(cache.estimatedSize()).isBetween(1L, 3L);
        for (int i = 0; i < 1_000; i++) {
            cache.put(100 + i, Totals.ZERO);
        }
        cache.cleanUp();
        assertThat(cache.estimatedSize()).isGreaterThan(1_000);
    }
}
