package io.salespulse.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the job's full micro-batches spent their time, read from its log: the job logs one line per committed batch
 * with its phases ({@code [parse …, dedup …, cassandra+aggregate …, mysql … ms]}) and, summed over the batch's tasks,
 * the time they waited for Cassandra and spent folding aggregates, plus the driver's combine.
 */
record BatchProfile(List<Batch> batches) {

    private static final Pattern LINE = Pattern.compile("batch (\\d+) committed in (\\d+) ms: (\\d+) records.*?\\[(.*?) ms] "
            + "\\(in tasks: Cassandra waits (\\d+) ms, fold (\\d+) ms; driver combine (\\d+) ms\\)");

    /** One committed batch. */
    record Batch(long id, long records, long millis, Map<String, Long> phases, long cassandraWait, long fold, long combine) {

        /** The aggregation's cost (fold in the tasks plus the driver's combine) scaled to 50,000 records. */
        double aggregationPer50k() {
            return (fold + combine) * 50_000.0 / records;
        }
    }

    /** The batches of at least 90 % of {@code fullBatch} records: the backlog drain's steady batches. */
    static BatchProfile read(Path jobLog, long fullBatch) throws IOException {
        List<Batch> batches = new ArrayList<>();
        for (String line : Files.readAllLines(jobLog)) {
            Matcher m = LINE.matcher(line);
            if (!m.find() || Long.parseLong(m.group(3)) < fullBatch * 9 / 10) {
                continue;
            }
            Map<String, Long> phases = new LinkedHashMap<>();
            for (String phase : m.group(4).split(", ")) {
                int space = phase.lastIndexOf(' ');
                phases.put(phase.substring(0, space), Long.parseLong(phase.substring(space + 1)));
            }
            batches.add(new Batch(Long.parseLong(m.group(1)), Long.parseLong(m.group(3)), Long.parseLong(m.group(2)),
                    phases, Long.parseLong(m.group(5)), Long.parseLong(m.group(6)), Long.parseLong(m.group(7))));
        }
        return new BatchProfile(List.copyOf(batches));
    }

    /** A markdown table: each phase's range over the full batches, and the aggregation per 50,000 records. */
    List<String> table() {
        if (batches.isEmpty()) {
            return List.of("No full batch in the job's log (a backlog of several batches gives some).");
        }
        List<String> rows = new ArrayList<>(List.of("| per full batch (" + batches.size() + " batches of "
                + range(batches.stream().map(Batch::records).toList()) + " records) | time |", "|---|---|"));
        rows.add("| whole batch, trigger to MySQL commit | " + range(batches.stream().map(Batch::millis).toList()) + " ms |");
        for (String phase : batches.get(0).phases().keySet()) {
            rows.add("| phase `" + phase + "` | " + range(batches.stream().map(b -> b.phases().getOrDefault(phase, 0L)).toList()) + " ms |");
        }
        rows.add("| … of which tasks waited for Cassandra (sum over tasks) | " + range(batches.stream().map(Batch::cassandraWait).toList()) + " ms |");
        rows.add("| aggregation: fold in tasks (sum) + driver combine | " + range(batches.stream().map(b -> b.fold() + b.combine()).toList()) + " ms |");
        rows.add("| **aggregation per 50,000 records** (target ≤ 1000 ms) | " + range(batches.stream()
                .map(b -> Math.round(b.aggregationPer50k())).toList()) + " ms |");
        return rows;
    }

    private static String range(List<Long> values) {
        long min = values.stream().mapToLong(Long::longValue).min().orElse(0);
        long max = values.stream().mapToLong(Long::longValue).max().orElse(0);
        return min == max ? Long.toString(min) : min + "–" + max;
    }
}
