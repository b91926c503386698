package io.salespulse.schema.mysql;

import io.salespulse.schema.order.OrderLimits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Refuses a database whose columns cannot hold what the order contract accepts: a value the parser lets through
 * but a column refuses would fail the batch's commit on every replay. Catches a change to {@link OrderLimits}
 * made without a migration (Flyway does not re-run a migration whose placeholders changed).
 */
final class StoreLimitsCheck {

    /**
     * Columns holding contract text, by name in any table (or table.column), and the characters they must hold;
     * every one must be utf8mb4 (any Unicode text). Other tables' columns are none of this check's business.
     */
    private static final Map<String, Integer> TEXT_COLUMNS = Map.of(
            "product_id", OrderLimits.Text.PRODUCT_ID.maxLength(),
            "product_name", OrderLimits.Text.PRODUCT_NAME.maxLength(),
            "category", OrderLimits.Text.CATEGORY.maxLength(),
            "order_id", OrderLimits.Text.ORDER_ID.maxLength(),
            "dead_letters.reason", 1,
            "dead_letters.payload", 1,
            "dead_letters.record_key", 1);
    private static final List<String> COUNT_COLUMNS = List.of("orders", "items");
    /** The aggregate tables, whose revenue and counts sum a window's orders. */
    private static final String AGGREGATES = "sales_";

    private StoreLimitsCheck() {
    }

    static void verify(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            List<String> problems = problems(c);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the MySQL schema cannot hold what the order contract accepts: "
                        + String.join("; ", problems) + ". Add a migration that widens these columns (see OrderLimits)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the MySQL columns against the order contract: " + e.getMessage(), e);
        }
    }

    static List<String> problems(Connection c) throws SQLException {
        List<String> problems = new ArrayList<>();
        String sql = "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE, c.CHARACTER_MAXIMUM_LENGTH, c.CHARACTER_SET_NAME, "
                + "c.NUMERIC_PRECISION, c.NUMERIC_SCALE FROM information_schema.COLUMNS c JOIN information_schema.TABLES t "
                + "ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME "
                + "WHERE c.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE' "
                + "AND c.COLUMN_NAME IN ('revenue', 'orders', 'items', 'reason', 'payload', 'record_key', "
                + "'product_id', 'product_name', 'category', 'order_id')";
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String column = rs.getString(1) + "." + rs.getString(2);
                String table = rs.getString(1).toLowerCase(Locale.ROOT);
                String name = rs.getString(2).toLowerCase(Locale.ROOT);
                String type = rs.getString(3).toLowerCase(Locale.ROOT);
                Integer needed = TEXT_COLUMNS.getOrDefault(name, TEXT_COLUMNS.get(table + "." + name));
                boolean aggregate = table.startsWith(AGGREGATES);
                if (needed != null) {
                    long length = rs.getLong(4);
                    String charset = rs.getString(5);
                    if (length < needed) {
                        problems.add(column + " holds " + length + " characters, the contract allows " + needed);
                    }
                    if (charset != null && !charset.equalsIgnoreCase("utf8mb4")) {
                        problems.add(column + " is " + charset + ", not utf8mb4");
                    }
                } else if (aggregate && name.equals("revenue")) {
                    int precision = rs.getInt(6);
                    int scale = rs.getInt(7);
                    if (!type.equals("decimal") || precision < OrderLimits.revenuePrecision()
                            || scale != OrderLimits.MONEY_SCALE) {
                        problems.add(column + " is " + type + "(" + precision + "," + scale + "), a window's sum needs "
                                + "DECIMAL(" + OrderLimits.revenuePrecision() + "," + OrderLimits.MONEY_SCALE + ")");
                    }
                } else if (aggregate && COUNT_COLUMNS.contains(name) && !type.equals("bigint")) {
                    problems.add(column + " is " + type + ", a window's count needs BIGINT");
                }
            }
        }
        return problems;
    }
}
