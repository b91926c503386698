package io.salespulse.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import io.salespulse.schema.mysql.JobActivity;
import io.salespulse.schema.mysql.JobHeartbeat;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;

/** Reads how the pipeline is doing from Kafka (what came in) and MySQL (what was committed). */
public final class PipelineStatus {

    /** One reading. {@code lag} = records in Kafka not yet committed to MySQL. */
    public record Snapshot(Instant at, long published, long applied, long batches, long orders, long deadLetters,
                           long lateEvents, Instant newestEventTime, JobActivity.Verdict job) {

        public long lag() {
            return Math.max(0, published - applied);
        }

        /** One status line, with the inbound rate measured against the previous reading. */
        public String line(Snapshot previous) {
            String rate = previous == null ? "-" : String.format("%.0f", (published - previous.published)
                    / Math.max(0.001, Duration.between(previous.at, at).toMillis() / 1000.0));
            String freshness = newestEventTime == null ? "-" : Duration.between(newestEventTime, at).toSeconds() + " s";
            return String.format("%s | in %s rec/s | batches %d | orders %d | dead letters %d | late %d | lag %d | newest event %s ago",
                    jobWord(), rate, batches, orders, deadLetters, lateEvents, lag(), freshness);
        }

        /** The heartbeat's verdict in a word or two: idle is not stalled. */
        String jobWord() {
            return switch (job.kind()) {
                case RUNNING -> "running";
                case IDLE -> "idle";
                case STALLED -> "STALLED (" + job.detail() + ")";
                case NO_HEARTBEAT -> "starting";
                case NOT_RUNNING, NOT_REPORTING -> "job down (" + job.detail() + ")";
            };
        }
    }

    private final Admin admin;
    private final String topic;
    private final String jdbcUrl;
    private final String user;
    private final String password;

    private final Duration trigger;

    public PipelineStatus(Admin admin, String topic, String jdbcUrl, String user, String password, Duration trigger) {
        this.trigger = trigger;
        this.admin = admin;
        this.topic = topic;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** No commit for this long while input waits is a stall: three triggers, at least 30 s (the dashboard's default). */
    Duration stallAfter() {
        Duration three = trigger.multipliedBy(3);
        return three.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : three;
    }

    public Snapshot sample() throws SQLException {
        long published = TopicOffsets.sumOfEnds(admin, topic);
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            long applied = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(next_offset), 0) FROM stream_progress WHERE topic = ?")) {
                ps.setString(1, topic);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    applied = rs.getLong(1);
                }
            }
            Optional<JobHeartbeat.Beat> beat = JobHeartbeat.read(c, JobHeartbeat.QUERY_NAME);
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT batches, valid_orders, dead_letters, late_events, newest_event_time, "
                            + "TIMESTAMPDIFF(MICROSECOND, last_commit, NOW(3)) FROM v_pipeline_totals")) {
                rs.next();
                LocalDateTime newest = rs.getObject(5, LocalDateTime.class);
                long sinceCommitUs = rs.getLong(6);
                Duration sinceCommit = rs.wasNull() ? null : Duration.ofNanos(Math.max(0, sinceCommitUs) * 1000);
                JobActivity.Verdict job = JobActivity.judge(beat, JobActivity.maxAge(trigger), sinceCommit,
                        stallAfter());
                return new Snapshot(Instant.now(), published, applied, rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), newest == null ? null : newest.toInstant(ZoneOffset.UTC), job);
            }
        }
    }
}
