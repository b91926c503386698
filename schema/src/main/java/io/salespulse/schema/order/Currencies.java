package io.salespulse.schema.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Set;

/**
 * The currencies the platform settles and their fixed reference rates to the reporting currency (USD).
 * Aggregates are kept in USD so revenue from different countries can be added up. The rates are demo
 * reference data; a production deployment would feed daily rates into the same lookup.
 */
public final class Currencies {

    public static final String REPORTING = "USD";

    private static final Map<String, BigDecimal> TO_USD = Map.of(
            "USD", new BigDecimal("1.000000"),
            "EUR", new BigDecimal("1.080000"),
            "GBP", new BigDecimal("1.270000"),
            "JPY", new BigDecimal("0.006700"),
            "CAD", new BigDecimal("0.730000"),
            "AUD", new BigDecimal("0.660000"),
            "BRL", new BigDecimal("0.180000"),
            "INR", new BigDecimal("0.012000"),
            "CHF", new BigDecimal("1.130000"),
            "SEK", new BigDecimal("0.095000"));

    private Currencies() {
    }

    public static boolean isSupported(String code) {
        return TO_USD.containsKey(code);
    }

    public static Set<String> supported() {
        return TO_USD.keySet();
    }

    /** The fixed rate from {@code currency} to the reporting currency. */
    public static BigDecimal rateToReporting(String currency) {
        BigDecimal rate = TO_USD.get(currency);
        if (rate == null) {
            throw new IllegalArgumentException("unsupported currency '" + currency + "'");
        }
        return rate;
    }

    /** Converts an amount to USD, rounded to the cent (half up). */
    public static BigDecimal toReporting(BigDecimal amount, String currency) {
        return amount.multiply(rateToReporting(currency)).setScale(2, RoundingMode.HALF_UP);
    }
}
