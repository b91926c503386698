package io.salespulse.operator.kube.spark;

import io.fabric8.kubernetes.api.model.Pod;
import io.salespulse.crds.v1alpha1.StreamingJobSpec;
import io.salespulse.operator.reconcile.StepResult;
import io.salespulse.schema.mysql.JobActivity;
import io.salespulse.schema.mysql.JobHeartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the job in the running driver pod is alive, judged by its heartbeat row: written by the job on every Spark
 * query event, idle ones included (every 10 s, spark.sql.streaming.noDataProgressEventInterval), so an idle pipeline
 * with no orders is fresh too. A heartbeat older than {@link #maxAge()} means the query hangs or the driver cannot
 * reach MySQL; a new driver gets {@link #STARTUP_GRACE} to write its first one (Spark session, migrations, keyspace).
 */
final class JobHeartbeatVerdict {

    /** How often an unfinished verdict is looked at again (there is no watch on a MySQL row). */
    static final Duration POLL = Duration.ofSeconds(5);
    static final Duration STARTUP_GRACE = Duration.ofMinutes(5);

    private final Duration trigger;

    JobHeartbeatVerdict(StreamingJobSpec job) {
        this.trigger = Duration.parse(job.triggerInterval);
    }

    /** The same bound the dashboard and the local status line use (JobActivity, in schema/). */
    Duration maxAge() {
        return JobActivity.maxAge(trigger);
    }

    /**
     * When a job still waiting for its first heartbeat is looked at again: a quarter of the time its driver has run,
     * between 1 s and {@link #POLL}. A young driver's first heartbeat may come within a second (the dashboard waits
     * for it); one that has taken 20 s will not come in the next one, and 50 starting pipelines must not each cost a
     * reconcile per second.
     */
    static Duration startingPoll(Pod driver) {
        Duration quarter = driver == null ? Duration.ZERO : runningFor(driver).dividedBy(4);
        return quarter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : quarter.compareTo(POLL) > 0 ? POLL : quarter;
    }

    /** When a Ready job is looked at again: soon enough to notice a stale heartbeat within about maxAge. */
    Duration recheck() {
        return maxAge().dividedBy(2);
    }

    StepResult judge(Pod driver, Optional<JobHeartbeat.Beat> beat, String restarts) {
        if (driver == null) {
            return StepResult.progressing("DriverStarting", "waiting for the Spark driver pod to run" + restarts);
        }
        String pod = driver.getMetadata().getName();
        boolean ownBeat = beat.isPresent() && pod.equals(beat.get().driver());
        if (ownBeat && beat.get().state() == JobHeartbeat.State.FAILED) {
            return StepResult.failed("QueryFailed", "the streaming query in pod " + pod + " failed: "
                    + beat.get().message() + restarts);
        }
        if (ownBeat && beat.get().freshWithin(maxAge())) {
            JobHeartbeat.Beat b = beat.get();
            // No age in the message: it would change the status at every check of a quiet pipeline.
            return StepResult.ready("Running", "query " + b.queryName() + " runs in pod " + pod + ", heartbeat "
                    + "within " + seconds(maxAge()) + (b.lastBatchId() == null ? ", no batch yet"
                    : ", last batch " + b.lastBatchId()) + restarts);
        }
        Duration running = runningFor(driver);
        if (ownBeat) {
            return StepResult.failed("HeartbeatStale", "the streaming job in pod " + pod + " last reported "
                    + seconds(beat.get().age()) + " ago (state " + beat.get().state() + ", allowed " + seconds(maxAge())
                    + "): the query hangs or cannot reach MySQL; see `kubectl logs " + pod + "`" + restarts);
        }
        if (running.compareTo(STARTUP_GRACE) > 0) {
            return StepResult.failed("NoHeartbeat", "pod " + pod + " has run for " + seconds(running) + " without "
                    + "a heartbeat from its streaming query (job_heartbeat in MySQL); see `kubectl logs " + pod + "`"
                    + restarts);
        }
        return StepResult.progressing("QueryStarting", "the Spark driver pod " + pod + " runs; waiting for its "
                + "streaming query's first heartbeat" + restarts);
    }

    private static Duration runningFor(Pod pod) {
        String start = pod.getStatus().getStartTime();
        return start == null ? Duration.ZERO : Duration.between(Instant.parse(start), Instant.now());
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }
}
