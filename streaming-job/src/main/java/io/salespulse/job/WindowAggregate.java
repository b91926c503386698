package io.salespulse.job;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One micro-batch's contribution to one aggregate row: {@code key} is the country, card type, category or product
 * id (null for TOTAL); {@code name} and {@code category} are set for products only.
 */
public record WindowAggregate(Dimension dimension, Instant windowStart, String key, String name, String category,
                              BigDecimal revenue, long orders, long items) {
}
