package io.salespulse.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Starts the streaming job in its own JVM (Spark local mode), configured through SALESPULSE_* environment variables. */
public final class StreamingJobProcess {

    /** Spark's own module options for Java 17 (org.apache.spark.launcher.JavaModuleOptions). */
    static final List<String> SPARK_JVM_OPTIONS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false", "-Dio.netty.tryReflectionSetAccessible=true");

    /** What the local run and the tests vary; everything else takes the job's defaults. */
    public record Settings(String kafkaBootstrapServers, String topic, String mysqlUrl, String mysqlUser,
                           String mysqlPassword, String cassandraContactPoint, String keyspace, Path checkpoint,
                           Duration triggerInterval, long maxOffsetsPerTrigger, Duration allowedLateness, String heap) {
    }

    private StreamingJobProcess() {
    }

    public static JvmProcess start(Settings s, Path log, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("SALESPULSE_KAFKA_BOOTSTRAP_SERVERS", s.kafkaBootstrapServers());
        env.put("SALESPULSE_KAFKA_TOPIC", s.topic());
        env.put("SALESPULSE_KAFKA_MAX_OFFSETS_PER_TRIGGER", Long.toString(s.maxOffsetsPerTrigger()));
        env.put("SALESPULSE_MYSQL_URL", s.mysqlUrl());
        env.put("SALESPULSE_MYSQL_USER", s.mysqlUser());
        env.put("SALESPULSE_MYSQL_PASSWORD", s.mysqlPassword());
        env.put("SALESPULSE_CASSANDRA_CONTACT_POINTS", s.cassandraContactPoint());
        env.put("SALESPULSE_CASSANDRA_KEYSPACE", s.keyspace());
        env.put("SALESPULSE_JOB_CHECKPOINT_LOCATION", s.checkpoint().toAbsolutePath().toString());
        env.put("SALESPULSE_JOB_TRIGGER_INTERVAL", s.triggerInterval().toString());
        env.put("SALESPULSE_JOB_ALLOWED_LATENESS", s.allowedLateness().toString());
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.putAll(extraEnv);
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + s.heap(), "-XX:+UseG1GC"));
        jvm.addAll(SPARK_JVM_OPTIONS);
        return JvmProcess.start("streaming-job", "salespulse-streaming-job", "io.salespulse.job.StreamingJobMain",
                jvm, List.of(), env, log);
    }
}
