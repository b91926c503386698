package io.salespulse.operator.kube.spark;

import java.util.Locale;

/** Spark's memory notation (512m, 2g) in MiB. */
final class SparkMemory {

    private SparkMemory() {
    }

    static long toMebibytes(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 'k' -> Math.max(1, n / 1024);
            case 'm' -> n;
            case 'g' -> n * 1024;
            case 't' -> n * 1024 * 1024;
            default -> throw new IllegalArgumentException("memory '" + value + "' must end in k, m, g or t");
        };
    }
}
