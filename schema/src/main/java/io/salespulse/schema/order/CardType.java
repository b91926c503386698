package io.salespulse.schema.order;

/** Payment card networks accepted in an order; the seed's "sales by card type" groups by these. */
public enum CardType {
    VISA, MASTERCARD, AMEX, DISCOVER, JCB, UNIONPAY, DINERS
}
