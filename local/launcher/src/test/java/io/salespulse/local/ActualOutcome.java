package io.salespulse.local;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** What the pipeline actually stored, read back from MySQL and Cassandra in the shape of {@link ExpectedOutcome}. */
final class ActualOutcome {

    final Map<String, ExpectedOutcome.Totals> aggregates = new TreeMap<>();
    final Map<String, String> deadLetters = new HashMap<>();
    final Set<UUID> lateEvents = new HashSet<>();
    final Set<UUID> rawById = new HashSet<>();
    final Map<UUID, String> rawChannels = new HashMap<>();
    long rawByHourRows;
    long rawByIdRows;
    long loggedValid;
    long loggedDuplicates;
    long loggedDeadLetters;
    long loggedLate;

    static ActualOutcome read(String jdbcUrl, String user, String password, CqlSession cassandra, String keyspace) throws SQLException {
        ActualOutcome actual = new ActualOutcome();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            actual.readAggregates(s, "TOTAL", "SELECT window_start, '' , revenue, orders, items FROM sales_minute");
            actual.readAggregates(s, "COUNTRY", "SELECT window_start, country, revenue, orders, items FROM sales_minute_by_country");
            actual.readAggregates(s, "CARD_TYPE", "SELECT window_start, card_type, revenue, orders, items FROM sales_minute_by_card_type");
            actual.readAggregates(s, "CATEGORY", "SELECT window_start, category, revenue, orders, items FROM sales_minute_by_category");
            actual.readAggregates(s, "PRODUCT", "SELECT window_start, product_id, revenue, orders, items FROM sales_minute_by_product");
            actual.readAggregates(s, "COUNTRY_CARD", "SELECT window_start, CONCAT(country, '/', card_type), revenue, orders, "
                    + "items FROM sales_minute_by_country_card");
            actual.readAggregates(s, "COUNTRY_CARD_CATEGORY", "SELECT window_start, CONCAT(country, '/', card_type, '/', "
                    + "category), revenue, orders, items FROM sales_minute_by_country_card_category");
            actual.readAggregates(s, "COUNTRY_CARD_PRODUCT", "SELECT window_start, CONCAT(country, '/', card_type, '/', "
                    + "product_id), revenue, orders, items FROM sales_minute_by_country_card_product");
            // Channel, straight from the fact table: the order grain, and the category grain it also carries.
            actual.readAggregates(s, "CHANNEL", "SELECT window_start, channel, SUM(revenue), SUM(orders), SUM(items) "
                    + "FROM sales_fact WHERE grain = 'order' GROUP BY window_start, channel");
            actual.readAggregates(s, "CHANNEL_CATEGORY", "SELECT window_start, CONCAT(channel, '/', category), SUM(revenue), "
                    + "SUM(orders), SUM(items) FROM sales_fact WHERE grain = 'category' GROUP BY window_start, channel, category");
            try (ResultSet rs = s.executeQuery("SELECT kafka_partition, kafka_offset, reason_code FROM dead_letters")) {
                while (rs.next()) {
                    actual.deadLetters.put(rs.getInt(1) + "/" + rs.getLong(2), rs.getString(3));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT event_id FROM late_events")) {
                while (rs.next()) {
                    actual.lateEvents.add(UUID.fromString(rs.getString(1)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT valid_orders, duplicates, dead_letters, late_events FROM v_pipeline_totals")) {
                rs.next();
                actual.loggedValid = rs.getLong(1);
                actual.loggedDuplicates = rs.getLong(2);
                actual.loggedDeadLetters = rs.getLong(3);
                actual.loggedLate = rs.getLong(4);
            }
        }
        for (Row row : cassandra.execute(SimpleStatement.newInstance("SELECT event_id, channel FROM " + keyspace + ".orders_by_id")
                .setPageSize(5000).setTimeout(Duration.ofSeconds(60)))) {
            actual.rawById.add(row.getUuid("event_id"));
            actual.rawChannels.put(row.getUuid("event_id"), row.getString("channel"));
            actual.rawByIdRows++;
        }
        for (Row ignored : cassandra.execute(SimpleStatement.newInstance("SELECT event_id FROM " + keyspace + ".orders_by_hour")
                .setPageSize(5000).setTimeout(Duration.ofSeconds(60)))) {
            actual.rawByHourRows++;
        }
        return actual;
    }

    private void readAggregates(Statement s, String dimension, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                LocalDateTime window = rs.getObject(1, LocalDateTime.class);
                BigDecimal revenue = rs.getBigDecimal(3);
                aggregates.put(dimension + "|" + window.toInstant(ZoneOffset.UTC) + "|" + rs.getString(2),
                        new ExpectedOutcome.Totals(revenue, rs.getLong(4), rs.getLong(5)));
            }
        }
    }
}
