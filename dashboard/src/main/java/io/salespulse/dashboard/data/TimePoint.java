package io.salespulse.dashboard.data;

import java.math.BigDecimal;
import java.time.Instant;

/** One bucket of the time series: the minutes starting at {@code t}. */
public record TimePoint(Instant t, BigDecimal revenue, long orders, long items) {
}
