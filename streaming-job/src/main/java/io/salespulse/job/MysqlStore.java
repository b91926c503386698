package io.salespulse.job;

import io.salespulse.schema.catalogue.FactTable;
import io.salespulse.schema.mysql.MysqlSchema;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The job's MySQL side, used from the Spark driver only. {@link #commit} applies a whole micro-batch (aggregates,
 * dead letters, late events, seen event ids, offsets) in one transaction: either all of a batch is in MySQL and its
 * offsets say so, or none of it is. That, plus skipping offsets already applied, is what makes restarts exact.
 */
public final class MysqlStore {

    private static final int IN_CHUNK = 1000;

    private final String url;
    private final String user;
    private final String password;
    private final Duration window;
    private final Duration dedupRetention;

    /**
     * @param connectTimeout bound on opening a connection
     * @param socketTimeout  bound on waiting for any one answer: a hung server fails the batch instead of stalling
     *                       the job forever (the URL may set {@code connectTimeout}/{@code socketTimeout} itself)
     */
    public MysqlStore(String url, String user, String password, Duration window, Duration dedupRetention,
                      Duration connectTimeout, Duration socketTimeout) {
        this.url = withTimeouts(MysqlSchema.withDriverDefaults(url), connectTimeout, socketTimeout);
        this.user = user;
        this.password = password;
        this.window = window;
        this.dedupRetention = dedupRetention;
    }

    static String withTimeouts(String url, Duration connectTimeout, Duration socketTimeout) {
        StringBuilder out = new StringBuilder(url);
        if (!url.contains("connectTimeout=")) {
            out.append(url.contains("?") ? "&" : "?").append("connectTimeout=").append(connectTimeout.toMillis());
        }
        if (!url.contains("socketTimeout=")) {
            out.append(out.indexOf("?") >= 0 ? "&" : "?").append("socketTimeout=").append(socketTimeout.toMillis());
        }
        return out.toString();
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    public List<PartitionProgress> readProgress(String topic) throws SQLException {
        try (Connection c = connect()) {
            return readProgress(c, topic, false);
        }
    }

    private static List<PartitionProgress> readProgress(Connection c, String topic, boolean lock) throws SQLException {
        List<PartitionProgress> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT kafka_partition, next_offset, max_event_time "
                + "FROM stream_progress WHERE topic = ? ORDER BY kafka_partition" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LocalDateTime max = rs.getObject("max_event_time", LocalDateTime.class);
                    result.add(new PartitionProgress(rs.getInt("kafka_partition"), rs.getLong("next_offset"),
                            max == null ? null : max.toInstant(ZoneOffset.UTC)));
                }
            }
        }
        return result;
    }

    /** Which of these event ids were counted by an earlier batch. */
    public Set<String> alreadySeen(List<String> eventIds) throws SQLException {
        Set<String> seen = new HashSet<>();
        try (Connection c = connect()) {
            for (int from = 0; from < eventIds.size(); from += IN_CHUNK) {
                List<String> chunk = eventIds.subList(from, Math.min(eventIds.size(), from + IN_CHUNK));
                String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement("SELECT event_id FROM seen_events WHERE event_id IN (" + marks + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setBytes(i + 1, bytes(UUID.fromString(chunk.get(i))));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            seen.add(uuid(rs.getBytes(1)).toString());
                        }
                    }
                }
            }
        }
        return seen;
    }

    public void commit(BatchOutcome batch) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try {
                List<PartitionProgress> current = readProgress(c, batch.topic(), true);
                if (!sameProgress(current, batch.readProgress())) {
                    throw new ConcurrentWriterException("stream_progress of topic '" + batch.topic()
                            + "' changed while batch " + batch.batchId() + " was computed (is a second job instance"
                            + " running against the same database?): read " + batch.readProgress() + ", now " + current);
                }
                insertSeen(c, batch.freshEvents());
                upsertAggregates(c, batch.aggregates());
                insertDeadLetters(c, batch.deadLetters());
                insertLateEvents(c, batch);
                upsertProgress(c, batch.topic(), batch.newProgress());
                insertGaps(c, batch);
                insertBatchLog(c, batch);
                pruneSeen(c, batch.newProgress());
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static boolean sameProgress(List<PartitionProgress> a, List<PartitionProgress> b) {
        Map<Integer, Long> left = new HashMap<>();
        a.forEach(p -> left.put(p.partition(), p.nextOffset()));
        Map<Integer, Long> right = new HashMap<>();
        b.forEach(p -> right.put(p.partition(), p.nextOffset()));
        return left.equals(right);
    }

    private static void insertSeen(Connection c, List<FreshEvent> events) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO seen_events (event_id, event_time) VALUES (?, ?)")) {
            for (FreshEvent e : events) {
                ps.setBytes(1, bytes(e.eventId()));
                ps.setObject(2, utc(e.eventTime()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Window totals into sales_minute, every grain's rows into the fact table; both additive. */
    private void upsertAggregates(Connection c, List<WindowAggregate> aggregates) throws SQLException {
        try (PreparedStatement totals = c.prepareStatement(TOTAL_UPSERT);
             PreparedStatement facts = c.prepareStatement(FactTable.upsertSql())) {
            for (WindowAggregate a : aggregates) {
                if (a.isTotal()) {
                    totals.setObject(1, utc(a.windowStart()));
                    totals.setObject(2, utc(a.windowStart().plus(window)));
                    totals.setBigDecimal(3, a.revenue());
                    totals.setLong(4, a.orders());
                    totals.setLong(5, a.items());
                    totals.addBatch();
                    continue;
                }
                int i = 1;
                facts.setObject(i++, utc(a.windowStart()));
                facts.setString(i++, a.grain());
                for (String value : a.values()) {
                    facts.setString(i++, value);
                }
                facts.setBigDecimal(i++, a.revenue());
                facts.setLong(i++, a.orders());
                facts.setLong(i, a.items());
                facts.addBatch();
            }
            totals.executeBatch();
            facts.executeBatch();
        }
    }

    static final String TOTAL_UPSERT = "INSERT INTO sales_minute (window_start, window_end, revenue, orders, items) "
            + "VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE revenue = revenue + VALUES(revenue), "
            + "orders = orders + VALUES(orders), items = items + VALUES(items)";

    private static void insertDeadLetters(Connection c, List<DeadLetter> deadLetters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO dead_letters (topic, kafka_partition, "
                + "kafka_offset, kafka_timestamp, record_key, reason_code, reason, payload, payload_bytes, payload_sha256) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (DeadLetter d : deadLetters) {
                ps.setString(1, d.topic());
                ps.setInt(2, d.partition());
                ps.setLong(3, d.offset());
                ps.setObject(4, d.kafkaTimestamp() == null ? null : utc(d.kafkaTimestamp()));
                ps.setString(5, DeadLetterPayload.truncate(d.key(), ParsedRecords.MAX_KEY));
                ps.setString(6, d.reasonCode());
                ps.setString(7, DeadLetterPayload.truncate(d.reason(), ParsedRecords.MAX_REASON));
                ps.setString(8, d.payload());
                ps.setObject(9, d.payloadBytes());
                ps.setString(10, d.payloadSha256());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertLateEvents(Connection c, BatchOutcome batch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO late_events (event_id, order_id, event_time, "
                + "watermark, lateness_ms, applied, topic, kafka_partition, kafka_offset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (FreshEvent e : batch.freshEvents()) {
                if (!e.late()) {
                    continue;
                }
                ps.setString(1, e.eventId().toString());
                ps.setString(2, e.orderId());
                ps.setObject(3, utc(e.eventTime()));
                ps.setObject(4, utc(e.watermark()));
                ps.setLong(5, Duration.between(e.eventTime(), e.watermark()).toMillis());
                ps.setBoolean(6, batch.lateApplied());
                ps.setString(7, batch.topic());
                ps.setInt(8, e.partition());
                ps.setLong(9, e.offset());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void upsertProgress(Connection c, String topic, List<PartitionProgress> progress) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO stream_progress (topic, kafka_partition, next_offset, "
                + "max_event_time) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE next_offset = VALUES(next_offset), "
                + "max_event_time = VALUES(max_event_time)")) {
            for (PartitionProgress p : progress) {
                ps.setString(1, topic);
                ps.setInt(2, p.partition());
                ps.setLong(3, p.nextOffset());
                ps.setObject(4, p.maxEventTime() == null ? null : utc(p.maxEventTime()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertGaps(Connection c, BatchOutcome batch) throws SQLException {
        if (batch.gaps().isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO stream_gaps (topic, kafka_partition, expected_offset, "
                + "found_offset, kind, offsets, batch_id, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (OffsetGap g : batch.gaps()) {
                ps.setString(1, g.topic());
                ps.setInt(2, g.partition());
                ps.setLong(3, g.expectedOffset());
                ps.setLong(4, g.foundOffset());
                ps.setString(5, g.kind().name());
                ps.setLong(6, g.offsets());
                ps.setLong(7, batch.batchId());
                ps.setString(8, DeadLetterPayload.truncate(g.describe(), 1024));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertBatchLog(Connection c, BatchOutcome batch) throws SQLException {
        Instant maxEventTime = batch.newProgress().stream().map(PartitionProgress::maxEventTime)
                .filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO stream_batches (batch_id, input_records, valid_orders, "
                + "duplicates, dead_letters, late_events, max_event_time, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, batch.batchId());
            ps.setLong(2, batch.inputRecords());
            ps.setLong(3, batch.freshEvents().size());
            ps.setLong(4, batch.duplicates());
            ps.setLong(5, batch.deadLetters().size());
            ps.setLong(6, batch.lateEvents());
            ps.setObject(7, maxEventTime == null ? null : utc(maxEventTime));
            ps.setLong(8, batch.durationMs());
            ps.executeUpdate();
        }
    }

    /** Forget event ids older than the retention behind the newest event time; bounded work per batch. */
    private void pruneSeen(Connection c, Collection<PartitionProgress> progress) throws SQLException {
        Instant newest = progress.stream().map(PartitionProgress::maxEventTime).filter(Objects::nonNull)
                .max(Instant::compareTo).orElse(null);
        if (newest == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM seen_events WHERE event_time < ? LIMIT 10000")) {
            ps.setObject(1, utc(newest.minus(dedupRetention)));
            ps.executeUpdate();
        }
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    static UUID uuid(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    /** Another writer moved the offsets: this batch must not be applied on top. */
    public static final class ConcurrentWriterException extends IllegalStateException {
        ConcurrentWriterException(String message) {
            super(message);
        }
    }
}
