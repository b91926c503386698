package io.salespulse.schema.catalogue;

import io.salespulse.schema.order.OrderLimits;

/**
 * A text column of the aggregates: its name (also the contract field it is read from) and its MySQL type. Key text
 * that comes from the contract is utf8mb4 with a binary collation ('P-1' and 'p-1' are different products).
 */
public record Column(String name, String sqlType) {

    /** A column as wide as the contract allows for {@code text}. */
    static Column of(OrderLimits.Text text) {
        return new Column(text.field(), "VARCHAR(" + text.maxLength() + ") CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    }

    /** A column for a closed set of short ASCII codes (ISO country codes, card networks, channels). */
    static Column code(String name, int length, boolean fixed) {
        return new Column(name, (fixed ? "CHAR(" : "VARCHAR(") + length + ") CHARACTER SET ascii COLLATE ascii_bin");
    }
}
