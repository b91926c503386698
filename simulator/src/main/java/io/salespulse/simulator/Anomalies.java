package io.salespulse.simulator;

import java.time.Duration;

/**
 * Fractions of published records that are duplicates, late or malformed (each in [0, 1], summing to at most 1),
 * and how far in the past a late event lies.
 */
public record Anomalies(double duplicates, double late, double malformed, Duration lateMin, Duration lateMax) {

    public static final Anomalies NONE = new Anomalies(0, 0, 0, Duration.ofMinutes(5), Duration.ofMinutes(15));

    public Anomalies {
        check("duplicates", duplicates);
        check("late", late);
        check("malformed", malformed);
        if (duplicates + late + malformed > 1.0) {
            throw new IllegalArgumentException("duplicates + late + malformed fractions must not exceed 1, was "
                    + (duplicates + late + malformed));
        }
        if (lateMin.isNegative() || lateMax.compareTo(lateMin) < 0) {
            throw new IllegalArgumentException("late range must satisfy 0 <= min <= max, was " + lateMin + ".." + lateMax);
        }
    }

    private static void check(String name, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException(name + " fraction must be within [0, 1], was " + fraction);
        }
    }
}
