package io.salespulse.dashboard.data;

import io.agroal.api.AgroalDataSource;
import io.salespulse.dashboard.query.Dimension;
import io.salespulse.dashboard.query.Filter;
import io.salespulse.dashboard.query.Window;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the streaming job's per-minute aggregates. Every statement is a constant prepared here from the
 * {@link Dimension} table and column names; request values are only ever bound as parameters. DATETIME columns hold
 * UTC and the session time zone is UTC (see application.properties), so times are read as LocalDateTime at UTC.
 */
@ApplicationScoped
public class SalesRepository {

    private static final int QUERY_TIMEOUT_SECONDS = 15;
    private static final String TOTALS = "SUM(revenue) AS revenue, SUM(orders) AS orders, SUM(items) AS items";
    private static final String IN_RANGE = "window_start >= ? AND window_start < ?";

    /** Keyed by the filter's dimension; {@code null} key: no filter (the plain sales_minute table). */
    private static final Map<Dimension, String> KPIS = new EnumMap<>(Dimension.class);
    private static final Map<Dimension, String> SERIES = new EnumMap<>(Dimension.class);
    private static final String KPIS_ALL;
    private static final String SERIES_ALL;
    private static final Map<Dimension, String> BREAKDOWN_ALL = new EnumMap<>(Dimension.class);
    private static final Map<Dimension, String> BREAKDOWN_ONE = new EnumMap<>(Dimension.class);
    private static final Map<Dimension, String> VALUES = new EnumMap<>(Dimension.class);
    private static final String PRODUCTS_ALL;
    private static final String PRODUCTS_IN_CATEGORY;
    private static final String PIPELINE = "SELECT COUNT(*), COALESCE(SUM(input_records), 0), COALESCE(SUM(valid_orders), 0), "
            + "COALESCE(SUM(dead_letters), 0), COALESCE(SUM(late_events), 0) FROM stream_batches "
            + "WHERE committed_at >= ? AND committed_at < ?";
    private static final String PULSE = "SELECT "
            + "(SELECT MAX(id) FROM stream_batches), "
            + "(SELECT MAX(committed_at) FROM stream_batches), "
            + "(SELECT MAX(max_event_time) FROM stream_progress), "
            + "(SELECT max_event_time FROM stream_batches WHERE max_event_time IS NOT NULL ORDER BY id DESC LIMIT 1), "
            + "(SELECT COALESCE(SUM(valid_orders), 0) FROM stream_batches WHERE committed_at >= NOW(3) - INTERVAL 60 SECOND), "
            + "NOW(3)";

    static {
        KPIS_ALL = kpis("sales_minute", "");
        SERIES_ALL = series("sales_minute", "");
        for (Dimension d : Dimension.values()) {
            String narrow = " AND " + d.column() + " = ?";
            KPIS.put(d, kpis(d.table(), narrow));
            SERIES.put(d, series(d.table(), narrow));
            String breakdown = "SELECT " + d.column() + ", " + TOTALS + " FROM " + d.table() + " WHERE " + IN_RANGE;
            String ranked = " GROUP BY " + d.column() + " ORDER BY revenue DESC, " + d.column();
            BREAKDOWN_ALL.put(d, breakdown + ranked);
            BREAKDOWN_ONE.put(d, breakdown + narrow + ranked);
            VALUES.put(d, "SELECT DISTINCT " + d.column() + " FROM " + d.table() + " WHERE window_start >= ? ORDER BY 1");
        }
        String products = "SELECT product_id, MAX(product_name), MAX(category), " + TOTALS
                + " FROM sales_minute_by_product WHERE " + IN_RANGE;
        String top = " GROUP BY product_id ORDER BY revenue DESC, product_id LIMIT ?";
        PRODUCTS_ALL = products + top;
        PRODUCTS_IN_CATEGORY = products + " AND category = ?" + top;
    }

    /** Current and previous period in one pass: rows flagged 1 are in the selected range. */
    private static String kpis(String table, String narrow) {
        return "SELECT window_start >= ? AS current_period, " + TOTALS + " FROM " + table
                + " WHERE " + IN_RANGE + narrow + " GROUP BY current_period";
    }

    private static String series(String table, String narrow) {
        return "SELECT TIMESTAMPDIFF(MINUTE, ?, window_start) DIV ? AS bucket, " + TOTALS + " FROM " + table
                + " WHERE " + IN_RANGE + narrow + " GROUP BY bucket ORDER BY bucket";
    }

    @Inject
    AgroalDataSource dataSource;

    public Kpis kpis(Window window, Filter filter) {
        String sql = filter == null ? KPIS_ALL : KPIS.get(filter.dimension());
        Totals[] periods = {Totals.ZERO, Totals.ZERO};
        query(sql, ps -> {
            ps.setObject(1, utc(window.from()));
            ps.setObject(2, utc(window.previousFrom()));
            ps.setObject(3, utc(window.to()));
            bindFilter(ps, 4, filter);
        }, rs -> {
            while (rs.next()) {
                periods[rs.getInt(1) == 1 ? 0 : 1] = totals(rs, 2);
            }
            return null;
        });
        return Kpis.of(periods[0], periods[1]);
    }

    public TimeSeries timeSeries(Window window, Filter filter) {
        String sql = filter == null ? SERIES_ALL : SERIES.get(filter.dimension());
        int step = window.stepMinutes();
        List<TimePoint> points = new ArrayList<>(window.buckets());
        for (int i = 0; i < window.buckets(); i++) {
            points.add(new TimePoint(window.from().plusSeconds(60L * step * i), Totals.ZERO.revenue(), 0, 0));
        }
        query(sql, ps -> {
            ps.setObject(1, utc(window.from()));
            ps.setInt(2, step);
            ps.setObject(3, utc(window.from()));
            ps.setObject(4, utc(window.to()));
            bindFilter(ps, 5, filter);
        }, rs -> {
            while (rs.next()) {
                int bucket = rs.getInt(1);
                if (bucket >= 0 && bucket < points.size()) {
                    Totals t = totals(rs, 2);
                    points.set(bucket, new TimePoint(points.get(bucket).t(), t.revenue(), t.orders(), t.items()));
                }
            }
            return null;
        });
        return new TimeSeries(step, List.copyOf(points));
    }

    public Breakdown breakdown(Dimension dimension, Window window, Filter filter) {
        boolean applies = filter == null || filter.dimension() == dimension;
        boolean narrow = filter != null && filter.dimension() == dimension;
        List<BreakdownRow> rows = query(narrow ? BREAKDOWN_ONE.get(dimension) : BREAKDOWN_ALL.get(dimension), ps -> {
            bindRange(ps, window);
            if (narrow) {
                ps.setString(3, filter.value());
            }
        }, rs -> {
            record Keyed(String key, Totals totals) {
            }
            List<Keyed> keyed = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO;
            while (rs.next()) {
                Keyed k = new Keyed(rs.getString(1), totals(rs, 2));
                keyed.add(k);
                total = total.add(k.totals().revenue());
            }
            double all = total.doubleValue();
            return keyed.stream().map(k -> new BreakdownRow(k.key(), k.totals().revenue(), k.totals().orders(),
                    k.totals().items(), all == 0 ? 0 : k.totals().revenue().doubleValue() / all)).toList();
        });
        return new Breakdown(dimension.parameter(), applies, applies ? null : notFilteredNote(filter, dimension.label()), rows);
    }

    public TopProducts topProducts(Window window, Filter filter, int limit) {
        boolean byCategory = filter != null && filter.dimension() == Dimension.CATEGORY;
        boolean applies = filter == null || byCategory;
        List<ProductRow> rows = query(byCategory ? PRODUCTS_IN_CATEGORY : PRODUCTS_ALL, ps -> {
            bindRange(ps, window);
            int next = 3;
            if (byCategory) {
                ps.setString(next++, filter.value());
            }
            ps.setInt(next, limit);
        }, rs -> {
            List<ProductRow> out = new ArrayList<>();
            while (rs.next()) {
                Totals t = totals(rs, 4);
                out.add(new ProductRow(out.size() + 1, rs.getString(1), rs.getString(2), rs.getString(3), t.revenue(),
                        t.orders(), t.items()));
            }
            return out;
        });
        return new TopProducts(applies, applies ? null : notFilteredNote(filter, "Product"), rows);
    }

    public PipelineCounts pipelineCounts(Window window) {
        return query(PIPELINE, ps -> bindRange(ps, window), rs -> {
            rs.next();
            return new PipelineCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
        });
    }

    public PulseRow pulse() {
        return query(PULSE, ps -> {
        }, rs -> {
            rs.next();
            Instant progress = instant(rs, 3);
            Instant batch = instant(rs, 4);
            Instant newest = progress == null ? batch : batch == null || progress.isAfter(batch) ? progress : batch;
            return new PulseRow(rs.getLong(1), instant(rs, 2), newest, rs.getLong(5), instant(rs, 6));
        });
    }

    /** The distinct values of a dimension seen since {@code since}, for the filter lists. */
    public List<String> values(Dimension dimension, Instant since) {
        return query(VALUES.get(dimension), ps -> ps.setObject(1, utc(since)), rs -> {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        });
    }

    private static String notFilteredNote(Filter filter, String label) {
        return "Not filtered by " + filter.dimension().label().toLowerCase() + ": the aggregates have no "
                + filter.dimension().label().toLowerCase() + " × " + label.toLowerCase() + " breakdown, so this shows all sales";
    }

    private static void bindRange(PreparedStatement ps, Window window) throws SQLException {
        ps.setObject(1, utc(window.from()));
        ps.setObject(2, utc(window.to()));
    }

    private static void bindFilter(PreparedStatement ps, int index, Filter filter) throws SQLException {
        if (filter != null) {
            ps.setString(index, filter.value());
        }
    }

    private static Totals totals(ResultSet rs, int first) throws SQLException {
        BigDecimal revenue = rs.getBigDecimal(first);
        return new Totals(revenue == null ? Totals.ZERO.revenue() : revenue, rs.getLong(first + 1), rs.getLong(first + 2));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, Binder binder, Reader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw new DataUnavailableException("the sales database did not answer: " + e.getMessage(), e);
        }
    }
}
