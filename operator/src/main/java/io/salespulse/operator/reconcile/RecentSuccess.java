package io.salespulse.operator.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per pipeline and step, the last successful run of an external step and the inputs it ran with, so the
 * reconciles that Kubernetes events bring (pod status changes) do not hit Kafka, MySQL and Cassandra every time.
 * A change of inputs, a failure, or {@code recheckAfter} passing makes the step run again.
 */
public final class RecentSuccess {

    private record Entry(String fingerprint, StepResult result, Instant at) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration recheckAfter;
    private final Clock clock;

    public RecentSuccess(Duration recheckAfter, Clock clock) {
        this.recheckAfter = recheckAfter;
        this.clock = clock;
    }

    public Optional<StepResult> lookup(String pipelineUid, String step, String fingerprint) {
        Entry e = entries.get(pipelineUid + "/" + step);
        if (e == null || !e.fingerprint.equals(fingerprint) || e.at.plus(recheckAfter).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(e.result);
    }

    public void remember(String pipelineUid, String step, String fingerprint, StepResult result) {
        String key = pipelineUid + "/" + step;
        if (result.outcome() == StepResult.Outcome.READY) {
            entries.put(key, new Entry(fingerprint, result, clock.instant()));
        } else {
            entries.remove(key);
        }
    }

    public void forget(String pipelineUid) {
        entries.keySet().removeIf(k -> k.startsWith(pipelineUid + "/"));
    }
}
