package io.salespulse.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes the data-plane section of docs/benchmarks.md (between its markers, leaving other sections alone), with
 * the machine it ran on.
 */
final class BenchmarkReport {

    private static final String START = "<!-- data-plane:start -->";
    private static final String END = "<!-- data-plane:end -->";

    private final Path file;

    BenchmarkReport(Path file) {
        this.file = file;
    }

    void write(int backlog, double publishRate, double ceiling, double sustained, double freshnessRate, long p50, long p99,
               int samples, Duration trigger, long maxOffsetsPerTrigger, SideBySide verdict, BatchProfile profile, String load) throws IOException {
        String section = START + "\n## Data plane (`./salespulse bench`)\n\n"
                + "Measured " + LocalDate.now(ZoneOffset.UTC) + " on " + machine() + ", " + load + ".\n\n"
                + "Settings: 4 Kafka partitions, backlog of " + backlog + " orders (1 % duplicates, 1 % late, 0.5 % malformed), "
                + "Spark `local[2]` with a 1.5 GB heap, trigger " + trigger + ", maxOffsetsPerTrigger " + maxOffsetsPerTrigger
                + ", one Cassandra node (512 MB heap), MariaDB " + EmbeddedMariaDb.version().series() + " embedded (128 MB buffer pool), all on the same 2 cores.\n\n"
                + "### Side by side (same backlog, one after the other; method below)\n\n"
                + String.join("\n", verdict.table()) + "\n\n"
                + "### SalesPulse in detail\n\n"
                + "| measure | value |\n|---|---|\n"
                + String.format("| simulator publish rate (idempotent producer, acks=all) | %.0f orders/s |%n", publishRate)
                + String.format("| Kafka consumer-perf on the order topic (the ceiling) | %.0f records/s |%n", ceiling)
                + String.format("| pipeline, both sinks, backlog drain from the first batch's start to the last commit "
                        + "(warm-up included) | %.0f records/s |%n", sustained)
                + String.format("| ratio to the ceiling (target ≥ 0.5) | %.3f |%n", sustained / ceiling)
                + String.format("| freshness p50 at %.0f orders/s (half the sustained rate) | %d ms |%n", freshnessRate, p50)
                + String.format("| freshness p99 (target ≤ 2 × trigger = %d ms) | %d ms |%n", trigger.toMillis() * 2, p99)
                + String.format("| orders in the freshness sample | %d |%n", samples)
                + "\nFreshness = time from the producer's send (Kafka record timestamp) until MySQL's stream_progress shows "
                + "the record's offset committed (polled every 100 ms), i.e. until its aggregates are visible.\n\n"
                + "### Where SalesPulse's full batches spend their time (from its log, this run)\n\n"
                + String.join("\n", profile.table()) + "\n"
                + END + "\n";
        String existing = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\nFigures measured on this project's machines; each section says how to reproduce it.\n\n";
        int from = existing.indexOf(START);
        int to = existing.indexOf(END);
        String updated = from >= 0 && to > from
                ? existing.substring(0, from) + section + existing.substring(to + END.length() + 1)
                : existing + "\n" + section;
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, updated);
    }

    static String machine() {
        String cpu = "unknown CPU";
        String memory = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
            List<String> meminfo = Files.readAllLines(Path.of("/proc/meminfo"));
            memory = meminfo.stream().filter(l -> l.startsWith("MemTotal")).findFirst()
                    .map(l -> String.format(", %.0f GiB RAM", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)).orElse("");
        } catch (IOException | RuntimeException e) {
            // best effort: the figures still stand
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + ")" + memory + ", Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }
}
