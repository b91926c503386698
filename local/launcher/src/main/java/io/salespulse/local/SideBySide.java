package io.salespulse.local;

import java.util.ArrayList;
import java.util.List;

/**
 * The side-by-side verdict of {@code ./salespulse bench} (issue 10): every contender in orders/s, measured from the
 * first batch's start to the last commit, and SalesPulse's ratios against the targets.
 *
 * @param plain           the plain Spark pipeline (three queries), backlog over earliest start → last drain
 * @param salesPulse      SalesPulse as shipped, backlog over query start → last MySQL commit
 * @param cassandraRows   the bare write rate of the raw store, rows/s
 * @param rowsPerOrder    rows the raw store takes per order (orders_by_hour + orders_by_id)
 * @param kafka           Kafka's consumer-perf rate on the order topic, records (= orders)/s
 */
record SideBySide(double plain, double salesPulse, double cassandraRows, double rowsPerOrder, double kafka) {

    static final double TARGET_VS_PLAIN = 2.5;
    static final double TARGET_VS_SINK = 0.7;

    /** The bare Cassandra rate in orders/s. */
    double cassandraOrders() {
        return cassandraRows / rowsPerOrder;
    }

    /** The slower of the two sinks' own rates, in orders/s. */
    double sinkLimit() {
        return Math.min(cassandraOrders(), kafka);
    }

    String sinkBound() {
        return cassandraOrders() <= kafka ? "Cassandra" : "Kafka";
    }

    /** False when the run left the plain pipeline out (--skip-plain). */
    boolean plainRan() {
        return !Double.isNaN(plain) && plain > 0;
    }

    double vsPlain() {
        return salesPulse / plain;
    }

    double vsSinkLimit() {
        return salesPulse / sinkLimit();
    }

    boolean meetsPlainTarget() {
        return vsPlain() >= TARGET_VS_PLAIN;
    }

    boolean meetsSinkTarget() {
        return vsSinkLimit() >= TARGET_VS_SINK;
    }

    /** Markdown table rows, header included. */
    List<String> table() {
        List<String> rows = new ArrayList<>();
        rows.add("| contender | orders/s |");
        rows.add("|---|---|");
        rows.add("| plain Spark pipeline (3 queries: 2 windowed aggregations → MySQL, raw inserts → Cassandra) | "
                + (plainRan() ? String.format("%.0f", plain) : "not run") + " |");
        rows.add(String.format("| SalesPulse as shipped | %.0f |", salesPulse));
        rows.add(String.format("| bare Cassandra writes, same rows and driver (%.0f rows/s ÷ %.0f rows per order) | %.0f |",
                cassandraRows, rowsPerOrder, cassandraOrders()));
        rows.add(String.format("| Kafka consumer-perf on the order topic | %.0f |", kafka));
        rows.add(String.format("| sink limit (the slower of the two: %s) | %.0f |", sinkBound(), sinkLimit()));
        rows.add(plainRan()
                ? String.format("| **SalesPulse / plain** (target ≥ %.1f) | **%.2f** %s |", TARGET_VS_PLAIN, vsPlain(),
                        meetsPlainTarget() ? "met" : "not met")
                : String.format("| **SalesPulse / plain** (target ≥ %.1f) | not measured |", TARGET_VS_PLAIN));
        rows.add(String.format("| **SalesPulse / sink limit** (target ≥ %.1f) | **%.2f** %s |", TARGET_VS_SINK, vsSinkLimit(),
                meetsSinkTarget() ? "met" : "not met"));
        return rows;
    }
}
