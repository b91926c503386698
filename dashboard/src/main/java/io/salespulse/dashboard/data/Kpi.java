package io.salespulse.dashboard.data;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One KPI for the selected range and for the period of equal length before it. {@code changePercent} is null when
 * the previous period had nothing to compare with.
 */
public record Kpi(BigDecimal value, BigDecimal previous, BigDecimal changePercent) {

    public static Kpi of(BigDecimal value, BigDecimal previous) {
        BigDecimal change = previous.signum() == 0 ? null
                : value.subtract(previous).multiply(BigDecimal.valueOf(100)).divide(previous, 1, RoundingMode.HALF_UP);
        return new Kpi(value, previous, change);
    }
}
