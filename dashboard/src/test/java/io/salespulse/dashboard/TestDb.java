package io.salespulse.dashboard;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes rows the way the streaming job does: aggregates added to per-minute windows of sales_minute and sales_fact and a
 * stream_batches row, in one transaction. Uses the JDBC settings {@link MariaDbTestResource} published.
 */
public final class TestDb {

    private static final String FACT = "INSERT INTO sales_fact ";

    private TestDb() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getProperty(MariaDbTestResource.URL_PROPERTY),
                System.getProperty(MariaDbTestResource.USER_PROPERTY),
                System.getProperty(MariaDbTestResource.PASSWORD_PROPERTY));
    }

    /** One order line (a product's quantity in an order). */
    public record Line(String category, String productId, String productName, BigDecimal revenue, long items) {
        public static Line of(String category, String productId, String productName, String revenue, long items) {
            return new Line(category, productId, productName, new BigDecimal(revenue), items);
        }

        Line plus(Line other) {
            return new Line(category, productId, productName, revenue.add(other.revenue), items + other.items);
        }
    }

    /** One committed micro-batch's worth of additive upserts. */
    public static final class Batch implements AutoCloseable {
        private final Connection c;
        private final long batchId;
        private Instant maxEventTime;
        private long orders;
        private long deadLetters;
        private long lateEvents;
        private Instant committedAt;
        private String channel = "web";

        public Batch(long batchId) throws SQLException {
            this.c = connect();
            this.batchId = batchId;
            c.setAutoCommit(false);
        }

        /** {@code orders} orders with one line each in the same category and product; revenue and items are their sums. */
        public Batch sale(Instant windowStart, String country, String cardType, String category, String productId,
                String productName, String revenue, long orders, long items) throws SQLException {
            return add(windowStart, country, cardType, orders,
                    List.of(new Line(category, productId, productName, new BigDecimal(revenue), items)));
        }

        /** One order with several lines: order-level tables get the order, line-level ones each category's lines. */
        public Batch order(Instant windowStart, String country, String cardType, Line... lines) throws SQLException {
            return add(windowStart, country, cardType, 1, List.of(lines));
        }

        /**
         * Adds {@code orders} orders with {@code lines} (summed over those orders) where the job does: sales_minute and
         * the fact table's order, category and product grains (V7). Order level: all lines; line level per category
         * or product: its lines, orders = the orders containing one.
         */
        private Batch add(Instant windowStart, String country, String cardType, long orders, List<Line> lines)
                throws SQLException {
            LocalDateTime w = utc(windowStart);
            BigDecimal amount = BigDecimal.ZERO;
            long items = 0;
            Map<String, Line> byCategory = new LinkedHashMap<>();
            Map<String, Line> byProduct = new LinkedHashMap<>();
            for (Line line : lines) {
                amount = amount.add(line.revenue());
                items += line.items();
                byCategory.merge(line.category(), line, Line::plus);
                byProduct.merge(line.productId(), line, Line::plus);
            }
            upsert("INSERT INTO sales_minute (window_start, window_end, revenue, orders, items) VALUES (?, ?, ?, ?, ?)",
                    w, w.plusMinutes(1), amount, orders, items);
            upsert(FACT + "(window_start, grain, country, card_type, channel, revenue, orders, items) "
                    + "VALUES (?, 'order', ?, ?, ?, ?, ?, ?)", w, country, cardType, channel, amount, orders, items);
            for (Line l : byCategory.values()) {
                upsert(FACT + "(window_start, grain, country, card_type, channel, category, revenue, orders, items) "
                        + "VALUES (?, 'category', ?, ?, ?, ?, ?, ?, ?)", w, country, cardType, channel, l.category(),
                        l.revenue(), orders, l.items());
            }
            for (Line l : byProduct.values()) {
                upsert(FACT + "(window_start, grain, country, card_type, channel, category, product_id, product_name, "
                        + "revenue, orders, items) VALUES (?, 'product', ?, ?, ?, ?, ?, ?, ?, ?, ?)", w, country, cardType,
                        channel, l.category(), l.productId(), l.productName(), l.revenue(), orders, l.items());
            }
            this.orders += orders;
            if (maxEventTime == null || windowStart.plusSeconds(59).isAfter(maxEventTime)) {
                maxEventTime = windowStart.plusSeconds(30);
            }
            return this;
        }

        /** The channel of the sales added after this ('web', the contract's default, until set). */
        public Batch channel(String channel) {
            this.channel = channel;
            return this;
        }

        public Batch rejects(long deadLetters, long lateEvents) {
            this.deadLetters += deadLetters;
            this.lateEvents += lateEvents;
            return this;
        }

        public Batch committedAt(Instant when) {
            this.committedAt = when;
            return this;
        }

        private void upsert(String insert, Object... values) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(insert + " ON DUPLICATE KEY UPDATE revenue = revenue + VALUES(revenue), "
                    + "orders = orders + VALUES(orders), items = items + VALUES(items)")) {
                for (int i = 0; i < values.length; i++) {
                    ps.setObject(i + 1, values[i]);
                }
                ps.executeUpdate();
            }
        }

        /** Records the batch and commits it with the aggregates. */
        public void commit() throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO stream_batches (batch_id, committed_at, input_records, "
                    + "valid_orders, duplicates, dead_letters, late_events, max_event_time, duration_ms) "
                    + "VALUES (?, COALESCE(?, NOW(3)), ?, ?, 0, ?, ?, ?, 10)")) {
                ps.setLong(1, batchId);
                ps.setObject(2, committedAt == null ? null : utc(committedAt));
                ps.setLong(3, orders + deadLetters);
                ps.setLong(4, orders);
                ps.setLong(5, deadLetters);
                ps.setLong(6, lateEvents);
                ps.setObject(7, maxEventTime == null ? null : utc(maxEventTime));
                ps.executeUpdate();
            }
            c.commit();
        }

        @Override
        public void close() throws SQLException {
            c.close();
        }
    }

    public static boolean exists(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
