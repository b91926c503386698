package io.salespulse.dashboard.data;

import io.agroal.api.AgroalDataSource;
import io.salespulse.dashboard.query.Dimension;
import io.salespulse.dashboard.query.Filter;
import io.salespulse.schema.catalogue.Catalogue;
import io.salespulse.schema.catalogue.FactTable;
import io.salespulse.schema.catalogue.Grain;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import io.salespulse.schema.mysql.JobHeartbeat;

/**
 * Reads the streaming job's per-minute aggregates: sales_minute for unfiltered totals, the fact table (V7,
 * {@link FactTable}) for everything else — the rows of one {@link Grain}, narrowed by a WHERE on the filtered
 * columns. Every statement is put together here from constant fragments (grain names and column names from the
 * {@link Catalogue}); request values are only ever bound as parameters. DATETIME columns hold
 * UTC and the session time zone is UTC (see application.properties), so times are read as LocalDateTime at UTC.
 * <p>
 * Sums come back per UTC hour ({@code TIMESTAMPDIFF(HOUR, origin, window_start)} with an hour-aligned origin), so
 * that hours can be kept in memory ({@code HourBlocks}) and a week-long panel costs one short query for the hour
 * that is still changing instead of a scan of the week.
 */
@ApplicationScoped
public class SalesRepository {

    private static final int QUERY_TIMEOUT_SECONDS = 15;
    private static final String TOTALS = "SUM(revenue), SUM(orders), SUM(items)";
    private static final String HOUR = "TIMESTAMPDIFF(HOUR, ?, window_start) AS h";
    private static final String IN_RANGE = " WHERE window_start >= ? AND window_start < ?";

    private static final String TOTALS_ALL = "SELECT " + HOUR + ", " + TOTALS + " FROM sales_minute" + IN_RANGE + " GROUP BY h";
    private static final String MINUTES_ALL = "SELECT window_start, revenue, orders, items FROM sales_minute" + IN_RANGE;
    private static final Map<Dimension, String> KEYS_ALL = new HashMap<>();
    private static final Map<Dimension, String> VALUES = new HashMap<>();
    private static final String FACT = " FROM " + FactTable.TABLE;
    private static final String PRODUCT_COLUMNS = Catalogue.PRODUCT.key().name() + ", "
            + Catalogue.PRODUCT.attributes().stream().map(c -> "MAX(" + c.name() + ")").collect(Collectors.joining(", "))
            + ", MAX(" + Catalogue.CATEGORY.key().name() + ")";
    private static final String PRODUCTS_ALL = "SELECT " + HOUR + ", " + PRODUCT_COLUMNS + ", " + TOTALS + FACT + IN_RANGE
            + " AND " + grainIs(Grain.of(Catalogue.PRODUCT)) + " GROUP BY h, " + Catalogue.PRODUCT.key().name();
    private static final String PIPELINE = "SELECT TIMESTAMPDIFF(HOUR, ?, committed_at) AS h, COUNT(*), SUM(input_records), "
            + "SUM(valid_orders), SUM(dead_letters), SUM(late_events) FROM stream_batches "
            + "WHERE committed_at >= ? AND committed_at < ? GROUP BY h";
    private static final String PULSE = "SELECT "
            + "(SELECT MAX(id) FROM stream_batches), "
            + "(SELECT MAX(committed_at) FROM stream_batches), "
            + "(SELECT MAX(max_event_time) FROM stream_progress), "
            + "(SELECT max_event_time FROM stream_batches WHERE max_event_time IS NOT NULL ORDER BY id DESC LIMIT 1), "
            + "(SELECT COALESCE(SUM(valid_orders), 0) FROM stream_batches WHERE committed_at >= NOW(3) - INTERVAL 60 SECOND), "
            + "NOW(3), "
            + "(SELECT MAX(updated_at) FROM sales_minute)";
    private static final String CHANGED = "SELECT window_start, updated_at FROM sales_minute WHERE updated_at >= ?";

    static {
        for (Dimension d : Dimension.all()) {
            KEYS_ALL.put(d, "SELECT " + HOUR + ", " + d.column() + ", " + TOTALS + FACT + IN_RANGE + " AND "
                    + unfilteredRows(d) + " AND " + d.column() + " <> ''" + " GROUP BY h, " + d.column());
            VALUES.put(d, "SELECT DISTINCT " + d.column() + FACT + " WHERE window_start >= ? AND " + unfilteredRows(d)
                    + " AND " + d.column() + " <> '' ORDER BY 1");
        }
    }

    /** "grain = 'name'": grain names are catalogue identifiers, checked here, never request values. */
    static String grainIs(Grain grain) {
        return "grain = " + literal(grain.name());
    }

    private static String literal(String name) {
        if (!name.matches("[a-z_:]+")) {
            throw new IllegalStateException("not a grain name: " + name);
        }
        return "'" + name + "'";
    }

    /**
     * The rows an unfiltered breakdown by {@code d} sums: its grain, plus for an order dimension what V7 carried over
     * from the V1 tables beyond the slices (grain 'order:dimension', windows from before V4).
     */
    static String unfilteredRows(Dimension d) {
        Grain grain = Grain.of(d.catalogued());
        return grain.isOrder() ? "grain IN (" + literal(Grain.ORDER) + ", " + literal(Grain.ORDER + ":" + d.catalogued().name()) + ")"
                : grainIs(grain);
    }

    /**
     * The grain a filtered total, series or breakdown reads: the order grain while no line dimension is filtered or
     * broken down by (exact orders and average order value), else that line dimension's grain.
     */
    static Grain grain(Filter filter, Dimension breakdown) {
        if (breakdown != null && Grain.of(breakdown.catalogued()).line().isPresent()) {
            return Grain.of(breakdown.catalogued());
        }
        return filter.dimensions().stream().map(d -> Grain.of(d.catalogued())).filter(g -> !g.isOrder()).findFirst()
                .orElse(Grain.named(Grain.ORDER));
    }

    /**
     * " AND column = ?" for every dimension the filter sets, in catalogue order: statements are
     * put together from these constant fragments only; the values are bound by {@link #values(Filter)}.
     */
    static String narrow(Filter filter) {
        StringBuilder sql = new StringBuilder();
        for (Dimension d : filter.dimensions()) {
            sql.append(" AND ").append(d.column()).append(" = ?");
        }
        return sql.toString();
    }

    private static List<String> values(Filter filter) {
        return filter == null ? List.of() : filter.dimensions().stream().map(filter::value).toList();
    }

    @Inject
    AgroalDataSource dataSource;

    /** Revenue, orders and items per hour for windows in [from, to), narrowed to {@code filter} if given. */
    public Map<Instant, Totals> totalsByHour(Filter filter, Instant from, Instant to) {
        String sql = filter == null ? TOTALS_ALL
                : "SELECT " + HOUR + ", " + TOTALS + FACT + IN_RANGE + " AND " + grainIs(grain(filter, null)) + narrow(filter)
                        + " GROUP BY h";
        return byHour(sql, from, to, values(filter), (out, hour, rs) -> out.put(hour, totals(rs, 2)));
    }

    /** Sales per value of {@code dimension} per hour, narrowed to {@code filter} if given. */
    public Map<Instant, Map<String, Totals>> keysByHour(Dimension dimension, Filter filter, Instant from, Instant to) {
        String sql = filter == null ? KEYS_ALL.get(dimension)
                : "SELECT " + HOUR + ", " + dimension.column() + ", " + TOTALS + FACT + IN_RANGE + " AND "
                        + grainIs(grain(filter, dimension)) + narrow(filter) + " AND " + dimension.column() + " <> ''"
                        + " GROUP BY h, " + dimension.column();
        return byHour(sql, from, to, values(filter),
                (out, hour, rs) -> out.computeIfAbsent(hour, h -> new HashMap<>()).put(rs.getString(2), totals(rs, 3)));
    }

    /** Sales per product per hour, narrowed to {@code filter} if given. */
    public Map<Instant, Map<String, ProductTotals>> productsByHour(Filter filter, Instant from, Instant to) {
        String sql = filter == null ? PRODUCTS_ALL
                : "SELECT " + HOUR + ", " + PRODUCT_COLUMNS + ", " + TOTALS + FACT + IN_RANGE + " AND "
                        + grainIs(Grain.of(Catalogue.PRODUCT)) + narrow(filter) + " GROUP BY h, " + Catalogue.PRODUCT.key().name();
        return byHour(sql, from, to, values(filter), (out, hour, rs) -> out.computeIfAbsent(hour, h -> new HashMap<>())
                .put(rs.getString(2), new ProductTotals(rs.getString(3), rs.getString(4), totals(rs, 5))));
    }

    /** What the job committed per hour (by commit time) in [from, to). */
    public Map<Instant, PipelineCounts> pipelineByHour(Instant from, Instant to) {
        return byHour(PIPELINE, from, to, List.of(), (out, hour, rs) -> out.put(hour,
                new PipelineCounts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6))));
    }

    @FunctionalInterface
    private interface HourRow<T> {
        void add(Map<Instant, T> out, Instant hour, ResultSet rs) throws SQLException;
    }

    /**
     * Runs one of the per-hour statements (first column the hour offset from the hour-aligned origin; parameters
     * origin, from, to and the narrowing {@code values}) and collects its rows by hour.
     */
    private <T> Map<Instant, T> byHour(String sql, Instant from, Instant to, List<String> values, HourRow<T> row) {
        Instant origin = hour(from);
        return query(sql, ps -> {
            ps.setObject(1, utc(origin));
            ps.setObject(2, utc(from));
            ps.setObject(3, utc(to));
            for (int i = 0; i < values.size(); i++) {
                ps.setString(4 + i, values.get(i));
            }
        }, rs -> {
            Map<Instant, T> out = new HashMap<>();
            while (rs.next()) {
                row.add(out, origin.plus(rs.getLong(1), ChronoUnit.HOURS), rs);
            }
            return out;
        });
    }

    /** Each minute window's totals in [from, to), narrowed to {@code filter} if given. */
    public Map<Instant, Map<Instant, Totals>> minutesByHour(Filter filter, Instant from, Instant to) {
        String sql = filter == null ? MINUTES_ALL
                : "SELECT window_start, " + TOTALS + FACT + IN_RANGE + " AND " + grainIs(grain(filter, null))
                        + narrow(filter) + " GROUP BY window_start";
        List<String> values = values(filter);
        return query(sql, ps -> {
            ps.setObject(1, utc(from));
            ps.setObject(2, utc(to));
            for (int i = 0; i < values.size(); i++) {
                ps.setString(3 + i, values.get(i));
            }
        }, rs -> {
            Map<Instant, Map<Instant, Totals>> out = new HashMap<>();
            while (rs.next()) {
                Instant minute = instant(rs, 1);
                out.computeIfAbsent(hour(minute), h -> new HashMap<>()).put(minute, totals(rs, 2));
            }
            return out;
        });
    }

    public PulseRow pulse() {
        return query(PULSE, ps -> {
        }, rs -> {
            rs.next();
            Instant progress = instant(rs, 3);
            Instant batch = instant(rs, 4);
            Instant newest = progress == null ? batch : batch == null || progress.isAfter(batch) ? progress : batch;
            return new PulseRow(rs.getLong(1), instant(rs, 2), newest, rs.getLong(5), instant(rs, 6), instant(rs, 7));
        });
    }

    /** The streaming job's heartbeat row (empty if it never wrote one). */
    public Optional<JobHeartbeat.Beat> heartbeat() {
        try (Connection c = dataSource.getConnection()) {
            return JobHeartbeat.read(c, JobHeartbeat.QUERY_NAME);
        } catch (SQLException e) {
            throw new DataUnavailableException("the sales database did not answer: " + e.getMessage(), e);
        }
    }

    /** The minute windows updated at or after {@code since} (uses the index on sales_minute.updated_at). */
    public HourlyChanges changedSince(Instant since) {
        return query(CHANGED, ps -> ps.setObject(1, utc(since)), rs -> {
            Map<Instant, Instant> updated = new HashMap<>();
            while (rs.next()) {
                updated.put(instant(rs, 1), instant(rs, 2));
            }
            return new HourlyChanges(updated);
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

    public static Instant hour(Instant instant) {
        return instant.truncatedTo(ChronoUnit.HOURS);
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
