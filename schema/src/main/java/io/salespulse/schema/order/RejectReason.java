package io.salespulse.schema.order;

/** Why an order record was rejected to the dead-letter store. The code is stable; the message says the details. */
public enum RejectReason {
    /** Not a JSON object at all (truncated, not UTF-8, an array, duplicate keys, numbers too long, too deep, ...). */
    MALFORMED_JSON,
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong type or format (not a UUID, not ISO-8601 with offset, not a number, too long, ...). */
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
    TOTAL_MISMATCH,
    /** An amount is larger than the stores hold: the total exceeds {@link OrderLimits#MAX_ORDER_AMOUNT} in USD. */
    AMOUNT_OUT_OF_RANGE,
    /** event_time is a valid time but its year lies outside {@link OrderLimits#EARLIEST_EVENT_YEAR}..LATEST. */
    EVENT_TIME_OUT_OF_RANGE,
    /** event_time lies further ahead of a trustworthy clock than the job allows (set by the job, not the parser). */
    EVENT_TIME_IN_FUTURE,
    /** Reading the record failed in a way no rule foresaw; the message names the field, the value and the error. */
    UNPARSEABLE
}
