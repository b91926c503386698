package io.salespulse.simulator;

import java.time.Duration;

/**
 * How fast to publish: a steady rate, or a linear ramp from {@code startPerSecond} to {@code endPerSecond} over
 * {@code rampDuration}; optionally shaped by a daily rhythm (quiet nights, busy evenings).
 */
public record RatePlan(double startPerSecond, double endPerSecond, Duration rampDuration, boolean dailyRhythm) {

    public RatePlan {
        if (!(startPerSecond > 0) || !(endPerSecond > 0)) {
            throw new IllegalArgumentException("rate must be > 0 orders/s, was " + startPerSecond + " -> " + endPerSecond);
        }
    }

    public static RatePlan steady(double perSecond) {
        return new RatePlan(perSecond, perSecond, Duration.ZERO, false);
    }

    /** Orders per second at {@code elapsed} since the start, at UTC hour-of-day {@code hourOfDay} (0..24). */
    public double rateAt(Duration elapsed, double hourOfDay) {
        double rate;
        if (rampDuration.isZero() || elapsed.compareTo(rampDuration) >= 0) {
            rate = endPerSecond;
        } else {
            double progress = (double) elapsed.toMillis() / rampDuration.toMillis();
            rate = startPerSecond + (endPerSecond - startPerSecond) * progress;
        }
        return dailyRhythm ? rate * rhythm(hourOfDay) : rate;
    }

    /** 0.25 at 04:00, 1.0 at 20:00, smooth in between. */
    static double rhythm(double hourOfDay) {
        return 0.625 - 0.375 * Math.cos(2 * Math.PI * (hourOfDay - 20) / 24.0 + Math.PI);
    }
}
