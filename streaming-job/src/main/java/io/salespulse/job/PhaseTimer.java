package io.salespulse.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Wall-clock time per phase of a micro-batch, for the batch log line: where the time goes is the first question. */
final class PhaseTimer {

    private final Map<String, Long> phases = new LinkedHashMap<>();
    private long last = System.nanoTime();

    void mark(String phase) {
        long now = System.nanoTime();
        phases.merge(phase, (now - last) / 1_000_000, Long::sum);
        last = now;
    }

    @Override
    public String toString() {
        return phases.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ", "[", " ms]"));
    }
}
