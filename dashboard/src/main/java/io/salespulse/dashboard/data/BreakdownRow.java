package io.salespulse.dashboard.data;

import java.math.BigDecimal;

/** One value of a dimension with its sales and its share of the panel's revenue (0..1). */
public record BreakdownRow(String key, BigDecimal revenue, long orders, long items, double share) {
}
