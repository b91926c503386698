package io.salespulse.dashboard.data;

import java.math.BigDecimal;

public record ProductRow(int rank, String productId, String name, String category, BigDecimal revenue, long orders,
        long items) {
}
