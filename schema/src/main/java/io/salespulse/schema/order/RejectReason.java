package io.salespulse.schema.order;

/** Why an order record was rejected to the dead-letter store. The code is stable; the message says the details. */
public enum RejectReason {
    /** Not a JSON object at all (truncated, not UTF-8 JSON, an array, ...). */
    MALFORMED_JSON,
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong type or format (not a UUID, not ISO-8601 with offset, not a number, ...). */
    INVALID_FIELD,
    /** country is not an ISO 3166-1 alpha-2 code. */
    UNKNOWN_COUNTRY,
    /** currency is not one the platform settles. */
    UNSUPPORTED_CURRENCY,
    /** card_type is not one of {@link CardType}. */
    UNKNOWN_CARD_TYPE,
    /** An item's quantity is not a whole number above zero. */
    INVALID_QUANTITY,
    /** An item's unit price is negative or has more than two decimals. */
    INVALID_PRICE,
    /** total_amount differs from Σ quantity × unit_price at the cent. */
    TOTAL_MISMATCH
}
