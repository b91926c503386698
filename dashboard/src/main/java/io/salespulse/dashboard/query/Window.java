package io.salespulse.dashboard.query;

import java.time.Duration;
import java.time.Instant;

/**
 * A resolved range: minute windows whose start lies in [from, to), shown in buckets of {@code stepMinutes}, and
 * compared against the period of equal length just before it.
 */
public record Window(Instant from, Instant to, int stepMinutes) {

    /** At most this many points in a time series, whatever the range. */
    public static final int MAX_POINTS = 720;
    private static final int[] STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440};

    public static Window of(Instant from, Instant to) {
        long minutes = Duration.between(from, to).toMinutes();
        int step = STEPS[STEPS.length - 1];
        for (int candidate : STEPS) {
            if ((minutes + candidate - 1) / candidate <= MAX_POINTS) {
                step = candidate;
                break;
            }
        }
        return new Window(from, to, step);
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    public Instant previousFrom() {
        return from.minus(length());
    }

    public int buckets() {
        long minutes = length().toMinutes();
        return (int) ((minutes + stepMinutes - 1) / stepMinutes);
    }
}
