package io.salespulse.schema.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The streaming job's heartbeat row (table {@code job_heartbeat}, migration V5): written by the job on every query
 * progress event, read by the operator (StreamingJobReady), the dashboard and the local status line. The one place
 * that knows its SQL.
 */
public final class JobHeartbeat {

    /** The streaming job's one query, the key of its heartbeat row. */
    public static final String QUERY_NAME = "salespulse-orders";

    /** The query's state as the job last reported it. */
    public enum State { RUNNING, STOPPED, FAILED }

    /**
     * One heartbeat as read back.
     *
     * @param age                how long ago the job wrote it, by the database's clock
     * @param checkpointSettings the settings the query's checkpoint pins (see {@link #settings}); empty before the
     *                           job read them (no batch in the checkpoint yet, or a job older than V12)
     */
    public record Beat(String queryName, String queryId, String runId, State state, String driver, Instant startedAt,
                       Duration age, Long lastBatchId, Instant lastBatchAt, String latestOffsets,
                       String committedOffsets, String message, Map<String, String> checkpointSettings) {

        /** Fresh: the job is running and wrote within {@code maxAge}. */
        public boolean freshWithin(Duration maxAge) {
            return state == State.RUNNING && age.compareTo(maxAge) <= 0;
        }
    }

    /**
     * What the job writes on each progress event.
     *
     * @param checkpointSettings the settings the checkpoint pins; null keeps the stored ones (they only change
     *                           with a new run of the query)
     */
    public record Progress(String queryId, String runId, State state, String driver, Instant startedAt,
                           Long batchId, boolean hadInput, String latestOffsets, String committedOffsets,
                           String message, Map<String, String> checkpointSettings) {

        /** Without checkpoint settings (the stored ones are kept). */
        public Progress(String queryId, String runId, State state, String driver, Instant startedAt, Long batchId,
                        boolean hadInput, String latestOffsets, String committedOffsets, String message) {
            this(queryId, runId, state, driver, startedAt, batchId, hadInput, latestOffsets, committedOffsets,
                    message, null);
        }
    }

    /** Checkpoint settings as stored: sorted {@code key=value} lines (Spark conf keys and values hold no newline). */
    public static String settings(Map<String, String> settings) {
        if (settings == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        new TreeMap<>(settings).forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return out.toString();
    }

    /** The stored text read back (empty for none). */
    public static Map<String, String> settings(String stored) {
        Map<String, String> out = new TreeMap<>();
        if (stored != null) {
            stored.lines().filter(l -> l.indexOf('=') > 0)
                    .forEach(l -> out.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        }
        return out;
    }

    // checkpoint_settings is assigned first, while run_id is still the stored one: a new run's settings replace the
    // old run's (even with none yet); within a run, a write without them keeps them.
    private static final String UPSERT = """
            INSERT INTO job_heartbeat (query_name, query_id, run_id, state, driver, started_at, heartbeat_at,
                                       last_batch_id, last_batch_at, latest_offsets, committed_offsets, message,
                                       checkpoint_settings)
            VALUES (?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP(3), ?, IF(?, CURRENT_TIMESTAMP(3), NULL), ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE
              checkpoint_settings = IF(run_id = VALUES(run_id),
                                       COALESCE(VALUES(checkpoint_settings), checkpoint_settings),
                                       VALUES(checkpoint_settings)),
              query_id = VALUES(query_id), run_id = VALUES(run_id), state = VALUES(state),
              driver = VALUES(driver), started_at = VALUES(started_at), heartbeat_at = VALUES(heartbeat_at),
              last_batch_id = COALESCE(VALUES(last_batch_id), last_batch_id),
              last_batch_at = COALESCE(VALUES(last_batch_at), last_batch_at),
              latest_offsets = COALESCE(VALUES(latest_offsets), latest_offsets),
              committed_offsets = COALESCE(VALUES(committed_offsets), committed_offsets),
              message = VALUES(message)
            """;

    private static final String SELECT = """
            SELECT *, TIMESTAMPDIFF(MICROSECOND, heartbeat_at, CURRENT_TIMESTAMP(3)) AS age_us
              FROM job_heartbeat WHERE query_name = ?
            """;

    private JobHeartbeat() {
    }

    public static void write(Connection connection, String queryName, Progress p) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(UPSERT)) {
            st.setString(1, queryName);
            st.setString(2, p.queryId());
            st.setString(3, p.runId());
            st.setString(4, p.state().name());
            st.setString(5, truncate(p.driver(), 255));
            st.setTimestamp(6, Timestamp.from(p.startedAt()));
            st.setObject(7, p.batchId());
            st.setBoolean(8, p.hadInput());
            st.setString(9, p.latestOffsets());
            st.setString(10, p.committedOffsets());
            st.setString(11, truncate(p.message(), 1024));
            st.setString(12, settings(p.checkpointSettings()));
            st.executeUpdate();
        }
    }

    /** The heartbeat of {@code queryName}; empty when the job never wrote one (or the table does not exist yet). */
    public static Optional<Beat> read(Connection connection, String queryName) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(SELECT)) {
            st.setString(1, queryName);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long batch = rs.getLong("last_batch_id");
                Long lastBatchId = rs.wasNull() ? null : batch;
                Timestamp lastBatchAt = rs.getTimestamp("last_batch_at");
                return Optional.of(new Beat(rs.getString("query_name"), rs.getString("query_id"),
                        rs.getString("run_id"), State.valueOf(rs.getString("state")), rs.getString("driver"),
                        rs.getTimestamp("started_at").toInstant(),
                        Duration.ofNanos(Math.max(0, rs.getLong("age_us")) * 1000),
                        lastBatchId, lastBatchAt == null ? null : lastBatchAt.toInstant(),
                        rs.getString("latest_offsets"), rs.getString("committed_offsets"), rs.getString("message"),
                        settings(checkpointSettings(rs))));
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == 1146) { // table doesn't exist: schema older than V5
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Null for a database migrated before V12 (hence {@code SELECT *}: a reader may be newer than the schema). */
    private static String checkpointSettings(ResultSet rs) throws SQLException {
        try {
            return rs.getString("checkpoint_settings");
        } catch (SQLException e) {
            return null;
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
