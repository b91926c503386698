package io.salespulse.schema.order;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * The limits of the order contract, in ONE place: what the stores can hold. The parser enforces them, the published
 * JSON Schema is generated from them ({@link OrderEventSchema}), and the MySQL migrations take the column widths
 * from {@link #flywayPlaceholders()}. A dimension catalogue can take a field's column length from {@link Text}.
 *
 * <p>Changing a number here is not enough for an existing database: add a migration. {@code MysqlSchema.migrate}
 * refuses to start on columns narrower than these limits, so a forgotten migration fails loudly.
 */
public final class OrderLimits {

    /** Text fields of the contract with their longest length in characters (Unicode code points, like MySQL's). */
    public enum Text {
        ORDER_ID("order_id", 64),
        CUSTOMER_ID("customer_id", 64),
        PRODUCT_ID("product_id", 64),
        PRODUCT_NAME("product_name", 256),
        CATEGORY("category", 64);

        private final String field;
        private final int maxLength;

        Text(String field, int maxLength) {
            this.field = field;
            this.maxLength = maxLength;
        }

        /** The field's name in the JSON contract (and the column's name in the stores). */
        public String field() {
            return field;
        }

        public int maxLength() {
            return maxLength;
        }
    }

    /** Lines per order. */
    public static final int MAX_LINES = 100;

    /** Units of one line; with {@link #MAX_LINES} an order's item count fits an int and a window's a BIGINT. */
    public static final int MAX_QUANTITY = 1_000_000;

    /** Amounts have cents, no finer. */
    public static final int MONEY_SCALE = 2;

    /** The largest order total after conversion to the reporting currency (before rounding to the cent). */
    public static final BigDecimal MAX_ORDER_AMOUNT = new BigDecimal("10000000.00");

    /**
     * Digits before the decimal point an amount may have as written, in any currency: bounds the work of checking
     * it (a number like {@code 1e999999999} is refused before anything is computed with it).
     */
    public static final int MAX_AMOUNT_INTEGER_DIGITS = 15;

    /** Event times are written with a four-digit year in this range (whatever the offset). */
    public static final int EARLIEST_EVENT_YEAR = 2000;
    public static final int LATEST_EVENT_YEAR = 2099;

    /**
     * Design bound for the aggregate columns: orders counted into ONE window (one minute) over the life of the
     * database. Ten billion in a minute is far beyond any load this platform sees; the revenue and item columns are
     * wide enough for that many orders at the largest amounts.
     */
    public static final long MAX_ORDERS_PER_WINDOW = 10_000_000_000L;

    /** What the lines of one order may add beyond its total in reporting revenue: each line is rounded to the cent. */
    private static final BigDecimal LINE_ROUNDING_SLACK = new BigDecimal("0.005").multiply(BigDecimal.valueOf(MAX_LINES));

    /** Leading/trailing spaces and control characters are refused: MySQL compares strings ignoring trailing spaces. */
    static final String TEXT_CHAR = "[^\\u0000-\\u001f\\u007f-\\u009f]";
    static final String TEXT_EDGE_CHAR = "[^\\u0000-\\u0020\\u007f-\\u009f]";
    /** A text value: no control characters, not empty, no space at either end. */
    public static final String TEXT_PATTERN = "^(?:" + TEXT_EDGE_CHAR + "|" + TEXT_EDGE_CHAR + TEXT_CHAR + "*"
            + TEXT_EDGE_CHAR + ")$";

    /** ISO-8601 with an offset, four-digit year within the range above; the JSON Schema uses the same pattern. */
    public static final String EVENT_TIME_PATTERN = "^" + NumberRangePattern.of(EARLIEST_EVENT_YEAR, LATEST_EVENT_YEAR)
            + "-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:\\d{2})$";

    private OrderLimits() {
    }

    /** The largest reporting revenue one order can add to one aggregate row (whole order or some of its lines). */
    public static BigDecimal maxOrderRevenue() {
        return MAX_ORDER_AMOUNT.add(LINE_ROUNDING_SLACK);
    }

    /** The largest item count one order can add to one aggregate row. */
    public static long maxOrderItems() {
        return (long) MAX_LINES * MAX_QUANTITY;
    }

    /** DECIMAL precision the revenue columns need so that a window's sum cannot overflow at the bounds. */
    public static int revenuePrecision() {
        BigDecimal maxWindow = maxOrderRevenue().multiply(BigDecimal.valueOf(MAX_ORDERS_PER_WINDOW));
        int integerDigits = maxWindow.setScale(0, java.math.RoundingMode.CEILING).toBigInteger().toString().length();
        return integerDigits + MONEY_SCALE;
    }

    /** The largest amount in {@code currency}, at cent precision, whose conversion stays within the bound. */
    public static BigDecimal maxAmountIn(String currency) {
        BigDecimal rate = Currencies.rateToReporting(currency);
        return MAX_ORDER_AMOUNT.divide(rate, MONEY_SCALE, java.math.RoundingMode.FLOOR);
    }

    /** Column widths for the Flyway migrations ({@code ${id_length}} etc. in the SQL). */
    public static Map<String, String> flywayPlaceholders() {
        Map<String, String> placeholders = new TreeMap<>();
        placeholders.put("id_length", Integer.toString(Text.PRODUCT_ID.maxLength()));
        placeholders.put("order_id_length", Integer.toString(Text.ORDER_ID.maxLength()));
        placeholders.put("category_length", Integer.toString(Text.CATEGORY.maxLength()));
        placeholders.put("product_name_length", Integer.toString(Text.PRODUCT_NAME.maxLength()));
        placeholders.put("revenue_precision", Integer.toString(revenuePrecision()));
        placeholders.put("money_scale", Integer.toString(MONEY_SCALE));
        return placeholders;
    }
}
