package io.salespulse.dashboard.data;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Summed revenue (USD), orders and items. */
public record Totals(BigDecimal revenue, long orders, long items) {

    public static final Totals ZERO = new Totals(BigDecimal.ZERO.setScale(2), 0, 0);

    public Totals plus(Totals other) {
        return new Totals(revenue.add(other.revenue), orders + other.orders, items + other.items);
    }

    /** Revenue per order, rounded to cents; zero without orders. */
    public BigDecimal averageOrderValue() {
        return orders == 0 ? BigDecimal.ZERO.setScale(2)
                : revenue.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP);
    }
}
