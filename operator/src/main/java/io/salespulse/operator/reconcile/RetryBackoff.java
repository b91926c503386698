package io.salespulse.operator.reconcile;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exponential backoff per pipeline for failing steps: min, 2*min, 4*min ... up to max, and back to min after a
 * reconcile without failures. Never gives up (a database that comes back hours later is picked up), never spins.
 */
public final class RetryBackoff {

    private final Duration min;
    private final Duration max;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    public RetryBackoff(Duration min, Duration max) {
        this.min = min;
        this.max = max;
    }

    /** Counts one more failure of {@code pipelineUid} and returns how long to wait before the next attempt. */
    public Duration nextDelay(String pipelineUid) {
        int n = failures.merge(pipelineUid, 1, Integer::sum);
        long factor = 1L << Math.min(n - 1, 20);
        Duration delay = min.multipliedBy(factor);
        return delay.compareTo(max) > 0 ? max : delay;
    }

    public void succeeded(String pipelineUid) {
        failures.remove(pipelineUid);
    }
}
