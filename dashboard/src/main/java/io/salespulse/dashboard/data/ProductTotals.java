package io.salespulse.dashboard.data;

/** One product's sales: its name and category as last seen, and its totals. */
public record ProductTotals(String name, String category, Totals totals) {

    public ProductTotals plus(ProductTotals later) {
        return new ProductTotals(later.name, later.category, totals.plus(later.totals));
    }
}
