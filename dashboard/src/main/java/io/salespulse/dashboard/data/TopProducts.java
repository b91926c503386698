package io.salespulse.dashboard.data;

import java.util.List;

/** The best-selling products by revenue; {@code filtered} as in {@link Breakdown} (a category filter applies). */
public record TopProducts(boolean filtered, String note, List<ProductRow> rows) implements CsvTable {

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
