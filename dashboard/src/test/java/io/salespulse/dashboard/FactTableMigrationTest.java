package io.salespulse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.salespulse.local.MariaDbNode;
import io.salespulse.local.Ports;
import io.salespulse.schema.mysql.MysqlSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * V7 moves the V1 and V4 tables into the fact table without losing a cent: every old table name (now a view) and
 * README's v_sales_by_* views answer exactly what they answered before, for windows written after V4 (slices and
 * V1 agree), before it (V1 only) and across it (part of the window's orders only in V1).
 */
class FactTableMigrationTest {

    /** What each reader sees, before and after. */
    private static final Map<String, String> READS = new LinkedHashMap<>();

    static {
        READS.put("sales_minute", "SELECT window_start, revenue, orders, items FROM sales_minute ORDER BY 1");
        READS.put("by_country", "SELECT window_start, country, revenue, orders, items FROM sales_minute_by_country ORDER BY 1, 2");
        READS.put("by_card_type", "SELECT window_start, card_type, revenue, orders, items FROM sales_minute_by_card_type ORDER BY 1, 2");
        READS.put("by_category", "SELECT window_start, category, revenue, orders, items FROM sales_minute_by_category ORDER BY 1, 2");
        READS.put("by_product", "SELECT window_start, product_id, product_name, category, revenue, orders, items "
                + "FROM sales_minute_by_product ORDER BY 1, 2");
        READS.put("country_card", "SELECT window_start, country, card_type, revenue, orders, items "
                + "FROM sales_minute_by_country_card ORDER BY 1, 2, 3");
        READS.put("country_card_category", "SELECT window_start, country, card_type, category, revenue, orders, items "
                + "FROM sales_minute_by_country_card_category ORDER BY 1, 2, 3, 4");
        READS.put("country_card_product", "SELECT window_start, country, card_type, product_id, product_name, category, "
                + "revenue, orders, items FROM sales_minute_by_country_card_product ORDER BY 1, 2, 3, 4");
        READS.put("v_sales_by_country", "SELECT * FROM v_sales_by_country ORDER BY 1");
        READS.put("v_sales_by_card_type", "SELECT * FROM v_sales_by_card_type ORDER BY 1");
    }

    private static MariaDbNode node;
    private static String url;

    @BeforeAll
    static void start() {
        node = MariaDbNode.start(Path.of("target", "mariadb-migration").toAbsolutePath(), Ports.free());
        // A fresh database each run: the server's data directory outlives the test.
        String database = "migration_" + Long.toHexString(System.nanoTime());
        node.createDatabase(database);
        url = MysqlSchema.withDriverDefaults(node.jdbcUrl(database));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void everyOldReaderSeesTheSameNumbersAfterV7() throws SQLException {
        MysqlSchema.versionByVersion(url, node.appUser(), node.appPassword(), "6").migrate();
        try (Connection c = DriverManager.getConnection(url, node.appUser(), node.appPassword());
             Statement s = c.createStatement()) {
            // 10:00 before V4: V1 only.
            s.execute("INSERT INTO sales_minute VALUES ('2026-11-01 10:00:00', '2026-11-01 10:01:00', 30.00, 3, 4, NOW(3))");
            s.execute("INSERT INTO sales_minute_by_country VALUES ('2026-11-01 10:00:00', 'US', 20.00, 2, 3), "
                    + "('2026-11-01 10:00:00', 'DE', 10.00, 1, 1)");
            s.execute("INSERT INTO sales_minute_by_card_type VALUES ('2026-11-01 10:00:00', 'VISA', 30.00, 3, 4)");
            s.execute("INSERT INTO sales_minute_by_category VALUES ('2026-11-01 10:00:00', 'Books', 30.00, 3, 4)");
            s.execute("INSERT INTO sales_minute_by_product VALUES ('2026-11-01 10:00:00', 'P-1', 'Dune', 'Books', 30.00, 3, 4)");
            // 10:01 across the deploy: one US/VISA order in V1 only, one in both.
            s.execute("INSERT INTO sales_minute VALUES ('2026-11-01 10:01:00', '2026-11-01 10:02:00', 15.00, 2, 2, NOW(3))");
            s.execute("INSERT INTO sales_minute_by_country VALUES ('2026-11-01 10:01:00', 'US', 15.00, 2, 2)");
            s.execute("INSERT INTO sales_minute_by_card_type VALUES ('2026-11-01 10:01:00', 'VISA', 15.00, 2, 2)");
            s.execute("INSERT INTO sales_minute_by_category VALUES ('2026-11-01 10:01:00', 'Toys', 15.00, 2, 2)");
            s.execute("INSERT INTO sales_minute_by_product VALUES ('2026-11-01 10:01:00', 'P-2', 'Ball', 'Toys', 15.00, 2, 2)");
            s.execute("INSERT INTO sales_minute_by_country_card VALUES ('2026-11-01 10:01:00', 'US', 'VISA', 5.00, 1, 1)");
            s.execute("INSERT INTO sales_minute_by_country_card_category VALUES ('2026-11-01 10:01:00', 'US', 'VISA', 'Toys', 5.00, 1, 1)");
            s.execute("INSERT INTO sales_minute_by_country_card_product VALUES "
                    + "('2026-11-01 10:01:00', 'US', 'VISA', 'P-2', 'Ball', 'Toys', 5.00, 1, 1)");
            // 10:02 after V4: V1 and the slices agree; one order with two categories.
            s.execute("INSERT INTO sales_minute VALUES ('2026-11-01 10:02:00', '2026-11-01 10:03:00', 12.50, 1, 3, NOW(3))");
            s.execute("INSERT INTO sales_minute_by_country VALUES ('2026-11-01 10:02:00', 'FR', 12.50, 1, 3)");
            s.execute("INSERT INTO sales_minute_by_card_type VALUES ('2026-11-01 10:02:00', 'AMEX', 12.50, 1, 3)");
            s.execute("INSERT INTO sales_minute_by_category VALUES ('2026-11-01 10:02:00', 'Books', 10.00, 1, 2), "
                    + "('2026-11-01 10:02:00', 'Toys', 2.50, 1, 1)");
            s.execute("INSERT INTO sales_minute_by_product VALUES ('2026-11-01 10:02:00', 'P-1', 'Dune', 'Books', 10.00, 1, 2), "
                    + "('2026-11-01 10:02:00', 'P-2', 'Ball', 'Toys', 2.50, 1, 1)");
            s.execute("INSERT INTO sales_minute_by_country_card VALUES ('2026-11-01 10:02:00', 'FR', 'AMEX', 12.50, 1, 3)");
            s.execute("INSERT INTO sales_minute_by_country_card_category VALUES "
                    + "('2026-11-01 10:02:00', 'FR', 'AMEX', 'Books', 10.00, 1, 2), ('2026-11-01 10:02:00', 'FR', 'AMEX', 'Toys', 2.50, 1, 1)");
            s.execute("INSERT INTO sales_minute_by_country_card_product VALUES "
                    + "('2026-11-01 10:02:00', 'FR', 'AMEX', 'P-1', 'Dune', 'Books', 10.00, 1, 2), "
                    + "('2026-11-01 10:02:00', 'FR', 'AMEX', 'P-2', 'Ball', 'Toys', 2.50, 1, 1)");
        }
        Map<String, List<String>> before = readAll();

        MysqlSchema.migrate(url, node.appUser(), node.appPassword());

        assertThat(readAll()).isEqualTo(before);
        try (Connection c = DriverManager.getConnection(url, node.appUser(), node.appPassword());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                     + "AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME LIKE 'sales%' ORDER BY 1")) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            assertThat(tables).containsExactly("sales_fact", "sales_minute");
        }
    }

    private static Map<String, List<String>> readAll() throws SQLException {
        Map<String, List<String>> result = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, node.appUser(), node.appPassword());
             Statement s = c.createStatement()) {
            for (Map.Entry<String, String> read : READS.entrySet()) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(read.getValue())) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            // Numbers compared by value: a SUM over a view may carry a different scale.
                            Object value = rs.getObject(i);
                            row.append(value instanceof java.math.BigDecimal d ? d.stripTrailingZeros().toPlainString()
                                    : String.valueOf(value)).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
                result.put(read.getKey(), rows);
            }
        }
        return result;
    }
}
