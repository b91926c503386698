package io.salespulse.schema.catalogue;

/** Where a dimension's value comes from: the whole order, or each of its lines. */
public enum Level {
    /** One value per order (country, card type): every line of an order shares it. */
    ORDER,
    /** One value per line (category, product): an order counts once for each value among its lines. */
    LINE
}
