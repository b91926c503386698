package io.salespulse.dashboard.live;

import io.salespulse.dashboard.data.PulseRow;
import io.salespulse.schema.mysql.JobActivity;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The pipeline's heartbeat as every viewer sees it: the data version, the newest event time and how far behind the
 * database clock it is, the last commit, orders per second over the last minute, and a status:
 * {@code ok}, {@code lagging} (events older than lag-after), {@code idle} (no batch for stall-after, and the job's
 * heartbeat says it is alive with nothing to read), {@code stalled} (no batch for stall-after while input waits, or
 * no live heartbeat to say otherwise), {@code no-data} (no batch ever) or {@code unavailable} (database not
 * reachable). Idle versus stalled is {@link JobActivity}'s verdict, the one the operator and the status line use.
 */
public record PipelinePulse(long dataVersion, Instant newestEventTime, Instant lastCommitAt, Long freshnessSeconds,
        Long lastCommitAgeSeconds, double ordersPerSecond, String status, long stallAfterSeconds, long lagAfterSeconds,
        Instant serverTime) {

    public static final String OK = "ok";
    public static final String LAGGING = "lagging";
    public static final String STALLED = "stalled";
    public static final String IDLE = "idle";
    public static final String NO_DATA = "no-data";
    public static final String UNAVAILABLE = "unavailable";

    /** Without a heartbeat verdict: no batch for stall-after is a stall. */
    public static PipelinePulse of(PulseRow row, Duration stallAfter, Duration lagAfter) {
        return of(row, null, stallAfter, lagAfter);
    }

    /** @param job the heartbeat's verdict (null: none available) */
    public static PipelinePulse of(PulseRow row, JobActivity.Verdict job, Duration stallAfter, Duration lagAfter) {
        Instant now = row.dbNow();
        Long freshness = row.newestEventTime() == null ? null
                : Math.max(0, Duration.between(row.newestEventTime(), now).toSeconds());
        Long commitAge = row.lastCommitAt() == null ? null : Math.max(0, Duration.between(row.lastCommitAt(), now).toSeconds());
        String status;
        if (row.lastCommitAt() == null) {
            status = NO_DATA;
        } else if (commitAge > stallAfter.toSeconds()) {
            status = job != null && job.kind() == JobActivity.Kind.IDLE ? IDLE : STALLED;
        } else if (freshness != null && freshness > lagAfter.toSeconds()) {
            status = LAGGING;
        } else {
            status = OK;
        }
        return new PipelinePulse(row.version(), row.newestEventTime(), row.lastCommitAt(), freshness, commitAge,
                Math.round(row.ordersLastMinute() / 60.0 * 100) / 100.0, status, stallAfter.toSeconds(),
                lagAfter.toSeconds(), now);
    }

    public static PipelinePulse unavailable(PipelinePulse last, Duration stallAfter, Duration lagAfter) {
        return new PipelinePulse(last == null ? -1 : last.dataVersion(), last == null ? null : last.newestEventTime(),
                last == null ? null : last.lastCommitAt(), null, null, 0, UNAVAILABLE, stallAfter.toSeconds(),
                lagAfter.toSeconds(), Instant.now());
    }

    /**
     * Whether a viewer would see a difference, ignoring the clock: freshness and commit age grow every second and
     * the page counts them up itself, so they alone are no reason to push.
     */
    public boolean sameStateAs(PipelinePulse other) {
        return other != null && dataVersion == other.dataVersion && Objects.equals(newestEventTime, other.newestEventTime)
                && Objects.equals(lastCommitAt, other.lastCommitAt) && ordersPerSecond == other.ordersPerSecond
                && status.equals(other.status);
    }
}
