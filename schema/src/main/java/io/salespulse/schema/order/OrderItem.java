package io.salespulse.schema.order;

import java.math.BigDecimal;

/** One line of an order. {@code unitPrice} is in the order's currency. */
public record OrderItem(String productId, String productName, String category, int quantity, BigDecimal unitPrice) {

    /** quantity × unit price, exact (no rounding): the contract compares totals to the cent. */
    public BigDecimal lineAmount() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
