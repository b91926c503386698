package io.salespulse.operator.dataplane;

import io.salespulse.crds.v1alpha1.DataPlaneStatus;
import io.salespulse.crds.v1alpha1.PipelineCondition;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Turns a reading of the data plane into {@code status.dataPlane} and the DataFlowing condition:
 * <ul>
 *   <li>True, {@code Flowing}: a batch committed within the freshness SLO (records may wait for the next one);</li>
 *   <li>True, {@code Idle}: nothing waits and no batch was needed — not an error;</li>
 *   <li>False, {@code Stalled}: records have waited longer than the SLO and no batch committed within it;</li>
 *   <li>False, {@code Suspended}: records wait but spec.suspend stops the job;</li>
 *   <li>Unknown: the progress store or Kafka cannot be read (SchemaReady / KafkaTopicsReady say why).</li>
 * </ul>
 * "Waiting since" is remembered in the status (the previous reading), so it survives operator restarts.
 */
public final class DataFlowingVerdict {

    public static final String FLOWING = "Flowing";
    public static final String IDLE = "Idle";
    public static final String STALLED = "Stalled";
    public static final String SUSPENDED = "Suspended";

    /** The condition to report: status, reason, message. */
    public record Verdict(String status, String reason, String message) {
    }

    /** The new status.dataPlane and the condition. */
    public record Outcome(DataPlaneStatus dataPlane, Verdict verdict) {
    }

    private final Duration slo;

    public DataFlowingVerdict(Duration slo) {
        this.slo = slo;
    }

    public Outcome judge(DataPlaneSample s, DataPlaneStatus previous, boolean suspended, Instant now) {
        DataPlaneStatus next = new DataPlaneStatus();
        next.lastBatchTime = s.lastBatchTime();
        next.newestEventTime = s.newestEventTime();
        next.recordsWaiting = s.recordsWaiting();
        next.ordersPerSecond = Math.round(s.ordersPerSecond() * 100) / 100.0;
        next.deadLettersLastHour = s.deadLettersLastHour();
        next.lateEventsLastHour = s.lateEventsLastHour();
        next.driverRestarts = s.driverRestarts();
        if (s.recordsWaiting() == null) {
            next.waitingSince = previous == null ? null : previous.waitingSince;
            return new Outcome(next, new Verdict(PipelineCondition.UNKNOWN, "LagUnknown", "cannot read the end "
                    + "offsets of the orders topic: " + s.kafkaProblem()));
        }
        boolean recentBatch = s.lastBatchAge() != null && s.lastBatchAge().compareTo(slo) <= 0;
        if (s.recordsWaiting() == 0) {
            return new Outcome(next, recentBatch
                    ? new Verdict(PipelineCondition.TRUE, FLOWING, "caught up: nothing waits; last batch at "
                    + s.lastBatchTime())
                    : new Verdict(PipelineCondition.TRUE, IDLE, "no input: nothing waits in the orders topic"
                    + (s.lastBatchTime() == null ? "" : "; last batch at " + s.lastBatchTime())));
        }
        // Records wait: since when (the first reading that saw them, kept while they keep waiting).
        Instant since = previous != null && previous.waitingSince != null && previous.recordsWaiting != null
                && previous.recordsWaiting > 0 ? Instant.parse(previous.waitingSince)
                : now.truncatedTo(ChronoUnit.SECONDS);
        next.waitingSince = since.toString();
        String waiting = s.recordsWaiting() + (s.recordsWaiting() == 1 ? " record waits" : " records wait");
        if (suspended) {
            return new Outcome(next, new Verdict(PipelineCondition.FALSE, SUSPENDED, waiting
                    + "; spec.suspend is true, so nothing is processed until it is set to false"));
        }
        if (recentBatch) {
            return new Outcome(next, new Verdict(PipelineCondition.TRUE, FLOWING, "last batch at "
                    + s.lastBatchTime() + "; " + waiting + " for the next"));
        }
        Duration waited = Duration.between(since, now);
        if (waited.compareTo(slo) <= 0) {
            return new Outcome(next, new Verdict(PipelineCondition.TRUE, FLOWING, waiting + " since " + since
                    + " (within spec.streamingJob.freshnessSlo " + slo + ")" + (s.lastBatchTime() == null
                    ? "; no batch yet" : "; last batch at " + s.lastBatchTime())));
        }
        return new Outcome(next, new Verdict(PipelineCondition.FALSE, STALLED, waiting + " since " + since
                + " and " + (s.lastBatchTime() == null ? "no batch has committed yet"
                : "no batch committed since " + s.lastBatchTime()) + ", longer than spec.streamingJob.freshnessSlo "
                + slo + ": see StreamingJobReady and `kubectl logs` of the driver"));
    }
}
