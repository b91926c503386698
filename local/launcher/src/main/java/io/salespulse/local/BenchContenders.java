package io.salespulse.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs the benchmark's other contenders (module bench-contenders, benchmark code only) each in its own JVM, as the
 * job runs, and reads what they measured from a result file.
 */
final class BenchContenders {

    private static final String ARTIFACT = "salespulse-bench-contenders";

    /** What both contenders need to know. */
    record Target(String kafka, String topic, String jdbcUrl, String jdbcUser, String jdbcPassword, String cassandra,
                  int maxConcurrentWrites) {
    }

    /** Drain rate of the plain pipeline: backlog ÷ (earliest query start → last query's commit of the backlog's end). */
    record PlainResult(long records, long startMillis, long endMillis) {
        double ordersPerSecond() {
            return records / ((endMillis - startMillis) / 1e3);
        }
    }

    /** Bare raw-store writes: orders and rows written and the time the writes took. */
    record SinkResult(long orders, long rows, long nanos) {
        double rowsPerSecond() {
            return rows / (nanos / 1e9);
        }

        double rowsPerOrder() {
            return (double) rows / orders;
        }
    }

    private BenchContenders() {
    }

    static PlainResult plain(Target t, long backlog, Duration trigger, long maxOffsetsPerTrigger, Duration watermark,
                             int shufflePartitions, String heap, Path dir) throws Exception {
        Files.createDirectories(dir);
        Map<String, String> env = env(t);
        env.put("BENCH_BACKLOG", Long.toString(backlog));
        env.put("BENCH_KEYSPACE", "bench_plain");
        env.put("BENCH_CHECKPOINTS", dir.resolve("checkpoints").toAbsolutePath().toString());
        env.put("BENCH_TRIGGER_MILLIS", Long.toString(trigger.toMillis()));
        env.put("BENCH_MAX_OFFSETS_PER_TRIGGER", Long.toString(maxOffsetsPerTrigger));
        env.put("BENCH_WATERMARK", watermark.toSeconds() + " seconds");
        env.put("BENCH_SHUFFLE_PARTITIONS", Integer.toString(shufflePartitions));
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+UseG1GC"));
        jvm.addAll(StreamingJobProcess.SPARK_JVM_OPTIONS);
        String[] fields = run("plain-spark-pipeline", "io.salespulse.bench.PlainSparkPipeline", jvm, env, dir, Duration.ofMinutes(30));
        return new PlainResult(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]));
    }

    static SinkResult sinkLimit(Target t, Map<Integer, Long> backlogEnds, String heap, Path dir) throws Exception {
        Files.createDirectories(dir);
        Map<String, String> env = env(t);
        env.put("BENCH_KEYSPACE", "bench_sink");
        env.put("BENCH_BACKLOG_ENDS", backlogEnds.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(",")));
        String[] fields = run("cassandra-sink-limit", "io.salespulse.bench.CassandraSinkLimit",
                List.of("-Xmx" + heap, "-XX:+UseG1GC", "-Dio.netty.tryReflectionSetAccessible=true"), env, dir, Duration.ofMinutes(20));
        return new SinkResult(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]));
    }

    private static Map<String, String> env(Target t) {
        Map<String, String> env = new HashMap<>();
        env.put("BENCH_KAFKA", t.kafka());
        env.put("BENCH_TOPIC", t.topic());
        env.put("BENCH_JDBC_URL", t.jdbcUrl());
        env.put("BENCH_JDBC_USER", t.jdbcUser());
        env.put("BENCH_JDBC_PASSWORD", t.jdbcPassword());
        env.put("BENCH_CASSANDRA", t.cassandra());
        env.put("BENCH_MAX_CONCURRENT_WRITES", Integer.toString(t.maxConcurrentWrites()));
        return env;
    }

    /** Starts the contender, waits for it to write its result file and end; the result's fields. */
    private static String[] run(String name, String mainClass, List<String> jvm, Map<String, String> env, Path dir,
                                Duration timeout) throws Exception {
        Path result = dir.resolve("result.txt").toAbsolutePath();
        Files.deleteIfExists(result);
        Path log = dir.resolve(name + ".log");
        try (JvmProcess process = JvmProcess.start(name, ARTIFACT, mainClass, jvm, List.of(result.toString()), env, log)) {
            int exit = process.waitFor(timeout);
            if (exit != 0 || !Files.exists(result)) {
                throw new IllegalStateException(name + " failed (exit " + exit + "); see " + log);
            }
        }
        return Files.readString(result).strip().split("\\s+");
    }
}
