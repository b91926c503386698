package io.salespulse.job;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One micro-batch's contribution to one aggregate row. The slice columns a {@link Dimension} does not key on are null.
 */
public record WindowAggregate(Dimension dimension, Instant windowStart, String country, String cardType,
                              String category, String productId, String productName,
                              BigDecimal revenue, long orders, long items) {

    /** The values of the dimension's key columns, in {@link Dimension#keyColumns()} order. */
    public List<String> keyValues() {
        return dimension.keyColumns().stream().map(this::column).toList();
    }

    private String column(String name) {
        return switch (name) {
            case "country" -> country;
            case "card_type" -> cardType;
            case "category" -> category;
            case "product_id" -> productId;
            case "product_name" -> productName;
            default -> throw new IllegalArgumentException("unknown key column " + name);
        };
    }
}
