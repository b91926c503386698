package io.salespulse.schema.mysql;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the job's heartbeat says it is doing — the one verdict the operator, the dashboard and the local status line
 * share. A heartbeat is fresh while the job writes it (on every query event and every 10 s while the query runs, so
 * idle too); input waits when the newest Kafka offsets it reports are past the offsets its batches committed. So a
 * job with nothing to read is {@link Kind#IDLE}, however long ago its last batch, and only one with input waiting and
 * no batch committed for the stall time is {@link Kind#STALLED}.
 */
public final class JobActivity {

    public enum Kind {
        /** The job never wrote a heartbeat (not started yet, or a schema older than V5). */
        NO_HEARTBEAT,
        /** The query failed or stopped; the message says why. */
        NOT_RUNNING,
        /** The heartbeat is older than allowed: the job is down, hangs, or cannot reach MySQL. */
        NOT_REPORTING,
        /** Batches commit (or did so within the stall time). */
        RUNNING,
        /** Alive with nothing to read: no input waits. */
        IDLE,
        /** Alive, input waits, and no batch committed for the stall time. */
        STALLED
    }

    public record Verdict(Kind kind, long waitingOffsets, String detail) {
    }

    private static final Duration IDLE_EVENT_INTERVAL = Duration.ofSeconds(10);
    private static final Pattern PARTITION_OFFSET = Pattern.compile("\"(\\d+)\"\\s*:\\s*(-?\\d+)");

    private JobActivity() {
    }

    /** How old a heartbeat may be: three missed events (a batch can take a few triggers), at least a minute. */
    public static Duration maxAge(Duration trigger) {
        Duration threeEvents = trigger.compareTo(IDLE_EVENT_INTERVAL) > 0 ? trigger.multipliedBy(3)
                : IDLE_EVENT_INTERVAL.multipliedBy(3);
        return threeEvents.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : threeEvents;
    }

    /**
     * @param sinceLastCommit how long ago the last batch committed (null: never)
     * @param stallAfter      no commit for this long while input waits is a stall
     */
    public static Verdict judge(Optional<JobHeartbeat.Beat> heartbeat, Duration maxAge, Duration sinceLastCommit,
                                Duration stallAfter) {
        if (heartbeat.isEmpty()) {
            return new Verdict(Kind.NO_HEARTBEAT, 0, "no heartbeat from the streaming job");
        }
        JobHeartbeat.Beat beat = heartbeat.get();
        if (beat.state() != JobHeartbeat.State.RUNNING) {
            return new Verdict(Kind.NOT_RUNNING, 0, "the streaming query " + beat.state().name().toLowerCase()
                    + (beat.message() == null ? "" : ": " + beat.message()));
        }
        if (!beat.freshWithin(maxAge)) {
            return new Verdict(Kind.NOT_REPORTING, 0, "the streaming job last reported " + beat.age().toSeconds()
                    + " s ago");
        }
        long waiting = waitingOffsets(beat.latestOffsets(), beat.committedOffsets());
        boolean recent = sinceLastCommit != null && sinceLastCommit.compareTo(stallAfter) <= 0;
        if (waiting == 0) {
            return new Verdict(recent ? Kind.RUNNING : Kind.IDLE, 0, recent ? "batches commit" : "nothing to read");
        }
        if (recent) {
            return new Verdict(Kind.RUNNING, waiting, waiting + " offsets waiting, batches commit");
        }
        return new Verdict(Kind.STALLED, waiting, waiting + " offsets wait in Kafka and no batch committed for "
                + (sinceLastCommit == null ? "ever" : sinceLastCommit.toSeconds() + " s"));
    }

    /**
     * Offsets between what the job saw in Kafka and what its batches committed, summed over partitions; both as the
     * Kafka source writes them ({"topic":{"0":120,"1":98}}). Unknown (either missing) counts as none waiting.
     */
    public static long waitingOffsets(String latestJson, String committedJson) {
        if (latestJson == null || committedJson == null) {
            return 0;
        }
        Map<String, Long> committed = offsets(committedJson);
        long waiting = 0;
        for (Map.Entry<String, Long> latest : offsets(latestJson).entrySet()) {
            Long done = committed.get(latest.getKey());
            waiting += Math.max(0, latest.getValue() - (done == null ? 0 : done));
        }
        return waiting;
    }

    private static Map<String, Long> offsets(String json) {
        Map<String, Long> out = new HashMap<>();
        Matcher m = PARTITION_OFFSET.matcher(json);
        while (m.find()) {
            out.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return out;
    }
}
