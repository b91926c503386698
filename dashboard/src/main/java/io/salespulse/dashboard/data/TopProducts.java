package io.salespulse.dashboard.data;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The best-selling products by revenue for the viewer's filters. */
public record TopProducts(List<ProductRow> rows) implements CsvTable {

    /** The {@code limit} best sellers by revenue (then product id). */
    public static TopProducts of(Map<String, ProductTotals> byProduct, int limit) {
        List<Map.Entry<String, ProductTotals>> best = byProduct.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, ProductTotals> e) -> e.getValue().totals().revenue())
                        .reversed().thenComparing(Map.Entry::getKey))
                .limit(limit)
                .toList();
        List<ProductRow> rows = new java.util.ArrayList<>(best.size());
        for (Map.Entry<String, ProductTotals> e : best) {
            ProductTotals p = e.getValue();
            rows.add(new ProductRow(rows.size() + 1, e.getKey(), p.name(), p.category(), p.totals().revenue(),
                    p.totals().orders(), p.totals().items()));
        }
        return new TopProducts(List.copyOf(rows));
    }

    @Override
    public List<String> csvHeader() {
        return List.of("rank", "product_id", "product_name", "category", "revenue_usd", "orders", "items");
    }

    @Override
    public List<List<Object>> csvRows() {
        return rows.stream().map(r -> List.<Object>of(r.rank(), r.productId(), r.name(), r.category(), r.revenue(),
                r.orders(), r.items())).toList();
    }
}
