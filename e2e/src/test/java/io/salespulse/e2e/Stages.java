package io.salespulse.e2e;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Logs how long each stage of the end-to-end run took, and keeps them for the summary at the end. */
final class Stages {

    private final Map<String, Duration> done = new LinkedHashMap<>();
    private long started = System.nanoTime();

    /** Ends the current stage under {@code name} and starts the next. */
    Duration lap(String name) {
        long now = System.nanoTime();
        Duration took = Duration.ofNanos(now - started);
        started = now;
        done.put(name, took);
        System.out.printf("[e2e] %-58s %6.1f s%n", name, took.toMillis() / 1000.0);
        return took;
    }

    String summary() {
        StringBuilder out = new StringBuilder("[e2e] stage durations:\n");
        done.forEach((name, d) -> out.append(String.format("  %-58s %6.1f s%n", name, d.toMillis() / 1000.0)));
        return out.toString();
    }
}
