package io.salespulse.job;

import io.salespulse.schema.cassandra.CassandraReplication;
import io.salespulse.schema.cassandra.CassandraSchema;
import io.salespulse.schema.kafka.KafkaSecurity;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The job's settings: built-in defaults, then a properties file, then environment variables
 * ({@code SALESPULSE_} + the key upper-cased with '.' and '-' as '_', e.g. {@code SALESPULSE_MYSQL_PASSWORD}).
 * Secrets should come from the environment (a Kubernetes Secret); {@link #describe()} never prints them.
 */
public record JobConfig(
        String kafkaBootstrapServers,
        String topic,
        String startingOffsets,
        long maxOffsetsPerTrigger,
        String deadLetterTopic,
        String mysqlUrl,
        String mysqlUser,
        String mysqlPassword,
        CassandraSettings cassandra,
        String checkpointLocation,
        Duration triggerInterval,
        Duration window,
        Duration allowedLateness,
        LatePolicy latePolicy,
        Duration dedupRetention,
        Duration maxFutureSkew,
        int deadLetterPayloadMax,
        Duration mysqlConnectTimeout,
        Duration mysqlSocketTimeout,
        boolean acceptGaps,
        Duration retryTransientFor,
        KafkaSecurity kafkaSecurity,
        Map<String, String> sparkConf) implements Serializable {

    /** What happens to events later than the allowed lateness. Either way they are kept in late_events and counted. */
    public enum LatePolicy {
        /** Added to their own (older) window as well: totals stay exact. */
        APPLY,
        /** Not added to any window. */
        RECORD_ONLY
    }

    static final String ENV_PREFIX = "SALESPULSE_";
    /** A dead letter's payload column is MEDIUMTEXT; a MiB of excerpt is more than anyone reads. */
    static final int MAX_DEAD_LETTER_PAYLOAD = 1 << 20;
    private static final String[] SECRET_MARKERS = {"password", "secret", "token"};

    public static JobConfig load(Path file, Map<String, String> env) {
        Properties props = new Properties();
        try (InputStream defaults = JobConfig.class.getResourceAsStream("/salespulse-job-defaults.properties")) {
            props.load(defaults);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (file != null) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read job configuration " + file, e);
            }
        }
        for (String key : props.stringPropertyNames()) {
            String value = env.get(envName(key));
            if (value != null) {
                props.setProperty(key, value);
            }
        }
        return from(props);
    }

    static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    static JobConfig from(Properties p) {
        Map<String, String> spark = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("spark.")) {
                spark.put(key, p.getProperty(key));
            }
        }
        String keyspace = required(p, "cassandra.keyspace");
        CassandraSchema.requireValidKeyspace(keyspace);
        CassandraSettings cassandra = new CassandraSettings(required(p, "cassandra.contact-points"),
                required(p, "cassandra.local-datacenter"), keyspace,
                CassandraReplication.parse(required(p, "cassandra.replication")),
                p.getProperty("cassandra.user", ""), p.getProperty("cassandra.password", ""),
                (int) positive(p, "cassandra.max-concurrent-writes"),
                p.getProperty("cassandra.ssl-ca", "").strip(),
                WriteConsistency.parse(p.getProperty("cassandra.write-consistency", "AUTO")));
        return new JobConfig(
                required(p, "kafka.bootstrap-servers"),
                required(p, "kafka.topic"),
                required(p, "kafka.starting-offsets"),
                positive(p, "kafka.max-offsets-per-trigger"),
                p.getProperty("kafka.dead-letter-topic", "").strip(),
                required(p, "mysql.url"),
                required(p, "mysql.user"),
                p.getProperty("mysql.password", ""),
                cassandra,
                required(p, "job.checkpoint-location"),
                duration(p, "job.trigger-interval"),
                duration(p, "job.window"),
                duration(p, "job.allowed-lateness"),
                latePolicy(p),
                duration(p, "job.dedup-retention"),
                duration(p, "job.max-future-skew"),
                (int) between(p, "job.dead-letter-payload-max", 64, MAX_DEAD_LETTER_PAYLOAD),
                positiveDuration(p, "mysql.connect-timeout"),
                positiveDuration(p, "mysql.socket-timeout"),
                bool(p, "job.accept-gaps"),
                duration(p, "job.retry-transient-for"),
                new KafkaSecurity(p.getProperty("kafka.security-protocol"), p.getProperty("kafka.sasl-mechanism"),
                        p.getProperty("kafka.sasl-username"), p.getProperty("kafka.sasl-password"),
                        p.getProperty("kafka.ssl-ca")),
                Map.copyOf(spark));
    }

    private static LatePolicy latePolicy(Properties p) {
        String value = required(p, "job.late-events");
        try {
            return LatePolicy.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("job.late-events '" + value + "' must be APPLY or RECORD_ONLY");
        }
    }

    private static boolean bool(Properties p, String key) {
        String value = required(p, key).toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("configuration '" + key + "' must be true or false, was '" + p.getProperty(key) + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("configuration '" + key + "' is required (or set " + envName(key) + ")");
        }
        return value.strip();
    }

    private static long positive(Properties p, String key) {
        String value = required(p, key);
        try {
            long n = Long.parseLong(value);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration '" + key + "' must be a whole number > 0, was '" + value + "'");
        }
    }

    private static long between(Properties p, String key, long min, long max) {
        String value = required(p, key);
        try {
            long n = Long.parseLong(value);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration '" + key + "' must be a whole number from " + min + " to "
                    + max + ", was '" + value + "'");
        }
    }

    private static Duration positiveDuration(Properties p, String key) {
        Duration d = duration(p, key);
        if (d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("configuration '" + key + "' must be a duration from 1 ms to 24 days, was '"
                    + p.getProperty(key) + "'");
        }
        return d;
    }

    /**
     * The most driver memory the dead letters of one batch can take: every record of a full batch rejected, each with
     * the largest excerpt, reason and key (two bytes per character, plus the record's own fields).
     */
    public long deadLetterDriverBytes() {
        return maxOffsetsPerTrigger * (2L * deadLetterPayloadMax + 2L * (1024 + 256) + 512);
    }

    private static Duration duration(Properties p, String key) {
        String value = required(p, key);
        try {
            Duration d = Duration.parse(value);
            if (d.isNegative()) {
                throw new IllegalArgumentException("configuration '" + key + "' must not be negative, was '" + value + "'");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("configuration '" + key + "' must be an ISO-8601 duration like PT1M, was '" + value + "'");
        }
    }

    /** Kafka client security as Spark Kafka source/sink options ({@code kafka.} + client property). */
    public Map<String, String> kafkaClientOptions() {
        Map<String, String> options = new TreeMap<>();
        kafkaSecurity.clientProperties().forEach((k, v) -> options.put("kafka." + k, v));
        return options;
    }

    /** Every setting, one per line, secrets masked: safe to log. */
    public String describe() {
        Map<String, Object> shown = new TreeMap<>();
        shown.put("kafka.bootstrap-servers", kafkaBootstrapServers);
        shown.put("kafka.topic", topic);
        shown.put("kafka.starting-offsets", startingOffsets);
        shown.put("kafka.max-offsets-per-trigger", maxOffsetsPerTrigger);
        shown.put("kafka.dead-letter-topic", deadLetterTopic.isEmpty() ? "(off)" : deadLetterTopic);
        shown.put("kafka.security", kafkaSecurity);
        shown.put("mysql.url", mysqlUrl);
        shown.put("mysql.user", mysqlUser);
        shown.put("mysql.password", mask(mysqlPassword));
        shown.put("cassandra.contact-points", cassandra.contactPoints());
        shown.put("cassandra.local-datacenter", cassandra.localDatacenter());
        shown.put("cassandra.keyspace", cassandra.keyspace());
        shown.put("cassandra.replication", cassandra.replication().toCql());
        shown.put("cassandra.user", cassandra.user());
        shown.put("cassandra.password", mask(cassandra.password()));
        shown.put("cassandra.tls", cassandra.sslCa().isEmpty() ? "off" : "verified (CA given)");
        shown.put("cassandra.write-consistency", cassandra.writeConsistency().level() + " -> "
                + cassandra.writeConsistencyLevel());
        shown.put("job.checkpoint-location", checkpointLocation);
        shown.put("job.trigger-interval", triggerInterval);
        shown.put("job.window", window);
        shown.put("job.allowed-lateness", allowedLateness);
        shown.put("job.late-events", latePolicy);
        shown.put("job.dedup-retention", dedupRetention);
        shown.put("job.max-future-skew", maxFutureSkew);
        shown.put("job.dead-letter-payload-max", deadLetterPayloadMax + " bytes (one batch's dead letters take at most "
                + (deadLetterDriverBytes() >> 20) + " MiB on the driver)");
        shown.put("mysql.connect-timeout", mysqlConnectTimeout);
        shown.put("mysql.socket-timeout", mysqlSocketTimeout);
        shown.put("job.accept-gaps", acceptGaps);
        shown.put("job.retry-transient-for", retryTransientFor);
        sparkConf.forEach((k, v) -> shown.put(k, isSecret(k) ? mask(v) : v));
        // spark-submit's --master (the k8s:// one on Kubernetes) wins over this default; the effective one is logged apart.
        shown.computeIfPresent("spark.master", (k, v) -> v + " (default: used only when spark-submit sets none)");
        StringBuilder out = new StringBuilder();
        shown.forEach((k, v) -> out.append("  ").append(k).append(" = ").append(v).append('\n'));
        return out.toString();
    }

    static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (String marker : SECRET_MARKERS) {
            if (lower.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    private static String mask(String secret) {
        return secret == null || secret.isEmpty() ? "(not set)" : "****";
    }

    /** Everything an executor needs to reach Cassandra; travels with the tasks. */
    public record CassandraSettings(String contactPoints, String localDatacenter, String keyspace,
                                    CassandraReplication replication, String user, String password,
                                    int maxConcurrentWrites, String sslCa, WriteConsistency writeConsistency)
            implements Serializable {

        /** The level raw-order writes use, resolved against the keyspace's replication in the local datacenter. */
        public String writeConsistencyLevel() {
            return writeConsistency.resolve(replication, localDatacenter);
        }

        @Override
        public String toString() {
            return "CassandraSettings[" + contactPoints + ", dc=" + localDatacenter + ", keyspace=" + keyspace + "]";
        }
    }

    @Override
    public String toString() {
        return "JobConfig[topic=" + topic + ", kafka=" + kafkaBootstrapServers + ", mysql=" + mysqlUrl + "]";
    }
}
