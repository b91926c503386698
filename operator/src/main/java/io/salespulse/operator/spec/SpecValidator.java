package io.salespulse.operator.spec;

import io.salespulse.crds.v1alpha1.CheckpointSpec;
import io.salespulse.crds.v1alpha1.KafkaSpec;
import io.salespulse.crds.v1alpha1.SalesPipeline;
import io.salespulse.crds.v1alpha1.SalesPipelineSpec;
import io.salespulse.crds.v1alpha1.StreamingJobSpec;
import io.salespulse.schema.cassandra.CassandraReplication;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The checks the API server's OpenAPI schema cannot make (Kubernetes 1.20 has no CEL rules): combinations of
 * fields, values that need parsing, the name length the children's names need. Each problem names its field.
 */
public final class SpecValidator {

    /** Children are named {@code <name>-<suffix>} and Services must fit a 63-character DNS label. */
    public static final int MAX_NAME_LENGTH = 40;

    private static final Set<String> OPERATOR_OWNED_SPARK_KEYS = Set.of("spark.master", "spark.submit.deployMode",
            "spark.executor.instances", "spark.executor.cores", "spark.executor.memory", "spark.app.name");
    private static final List<String> OPERATOR_OWNED_SPARK_PREFIXES = List.of("spark.kubernetes.", "spark.driver.");

    /** CQL's reserved keywords: not usable as an unquoted keyspace name (the project's CQL does not quote). */
    private static final Set<String> CQL_RESERVED = Set.of("ADD", "ALLOW", "ALTER", "AND", "APPLY", "ASC",
            "AUTHORIZE", "BATCH", "BEGIN", "BY", "COLUMNFAMILY", "CREATE", "DELETE", "DESC", "DESCRIBE", "DROP",
            "ENTRIES", "EXECUTE", "FROM", "FULL", "GRANT", "IF", "IN", "INDEX", "INFINITY", "INSERT", "INTO",
            "KEYSPACE", "LIMIT", "MODIFY", "NAN", "NORECURSIVE", "NOT", "NULL", "OF", "ON", "OR", "ORDER", "PRIMARY",
            "RENAME", "REPLACE", "REVOKE", "SCHEMA", "SELECT", "SET", "TABLE", "TO", "TOKEN", "TRUNCATE", "UNLOGGED",
            "UPDATE", "USE", "USING", "VIEW", "WHERE", "WITH");

    /** Service names and Spark's executor pod-name prefix: a DNS-1035 label (no dots, starts with a letter). */
    private static final java.util.regex.Pattern DNS_1035 = java.util.regex.Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final java.util.regex.Pattern DNS_SUBDOMAIN =
            java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private SpecValidator() {
    }

    /** Every problem found, as {@code spec.field: what is wrong and what to do}; empty when the spec is usable. */
    public static List<String> problems(SalesPipeline pipeline) {
        List<String> problems = new ArrayList<>();
        String name = pipeline.getMetadata().getName();
        if (!DNS_1035.matcher(name).matches()) {
            problems.add("metadata.name: '" + name + "' must be a DNS-1035 label (lower-case letters, digits and "
                    + "'-', starting with a letter, no '.'): it names the pipeline's Services and Spark's executor "
                    + "pods; recreate the pipeline under such a name");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            problems.add("metadata.name: '" + name + "' is " + name.length() + " characters; use at most "
                    + MAX_NAME_LENGTH + " (children are named <name>-dashboard etc.)");
        }
        SalesPipelineSpec spec = pipeline.getSpec();
        if (spec == null) {
            problems.add("spec: missing");
            return problems;
        }
        kafka(spec.kafka, problems);
        if (spec.mysql != null) {
            try {
                MysqlJdbcUrl.parse(spec.mysql.jdbcUrl);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (spec.imagePullSecrets != null) {
            for (int i = 0; i < spec.imagePullSecrets.size(); i++) {
                String secret = spec.imagePullSecrets.get(i) == null ? null : spec.imagePullSecrets.get(i).getName();
                if (secret == null || !DNS_SUBDOMAIN.matcher(secret).matches()) {
                    problems.add("spec.imagePullSecrets[" + i + "].name: '" + secret + "' is not a Secret name");
                }
            }
        }
        if (spec.cassandra != null && spec.cassandra.keyspace != null
                && CQL_RESERVED.contains(spec.cassandra.keyspace.toUpperCase(java.util.Locale.ROOT))) {
            problems.add("spec.cassandra.keyspace: '" + spec.cassandra.keyspace + "' is a reserved CQL word; choose "
                    + "another name");
        }
        if (spec.cassandra != null && spec.cassandra.replication != null) {
            try {
                CassandraReplication.parse(spec.cassandra.replication);
            } catch (IllegalArgumentException e) {
                problems.add("spec.cassandra.replication: " + e.getMessage());
            }
        }
        streamingJob(spec.streamingJob, problems);
        return problems;
    }

    private static void kafka(KafkaSpec kafka, List<String> problems) {
        if (kafka == null) {
            return;
        }
        if (kafka.topic != null && kafka.topic.equals(kafka.deadLetterTopic)) {
            problems.add("spec.kafka.deadLetterTopic: must differ from spec.kafka.topic ('" + kafka.topic + "')");
        }
        boolean sasl = kafka.securityProtocol != null && kafka.securityProtocol.usesSasl();
        if (sasl && kafka.credentialsSecretRef == null) {
            problems.add("spec.kafka.credentialsSecretRef: required when spec.kafka.securityProtocol is "
                    + kafka.securityProtocol + " (a Secret with the SASL user name and password)");
        }
        if (!sasl && kafka.credentialsSecretRef != null) {
            problems.add("spec.kafka.credentialsSecretRef: only used with SASL; set spec.kafka.securityProtocol to "
                    + "SASL_SSL or SASL_PLAINTEXT, or remove the reference");
        }
        if (kafka.tls != null && !kafka.securityProtocol.usesTls()) {
            problems.add("spec.kafka.tls: only used with SSL or SASL_SSL; set spec.kafka.securityProtocol, or remove "
                    + "spec.kafka.tls (it is " + kafka.securityProtocol + ")");
        }
        positiveDuration("spec.kafka.retention", kafka.retention, problems);
        if (kafka.topicConfig != null && kafka.topicConfig.containsKey("retention.ms")) {
            problems.add("spec.kafka.topicConfig: set retention with spec.kafka.retention, not retention.ms");
        }
    }

    private static void streamingJob(StreamingJobSpec job, List<String> problems) {
        if (job == null) {
            return;
        }
        positiveDuration("spec.streamingJob.triggerInterval", job.triggerInterval, problems);
        positiveDuration("spec.streamingJob.freshnessSlo", job.freshnessSlo, problems);
        positiveDuration("spec.streamingJob.window", job.window, problems);
        Duration lateness = duration("spec.streamingJob.allowedLateness", job.allowedLateness, problems);
        if (lateness != null && lateness.isNegative()) {
            problems.add("spec.streamingJob.allowedLateness: must not be negative");
        }
        CheckpointSpec checkpoint = job.checkpoint;
        if (checkpoint != null && checkpoint.location != null
                && (checkpoint.storageSize != null || checkpoint.storageClassName != null)) {
            problems.add("spec.streamingJob.checkpoint: location (external storage) and storageSize/storageClassName "
                    + "(a volume) exclude each other; keep one");
        }
        if (job.sparkConf != null) {
            for (String key : job.sparkConf.keySet()) {
                if (!key.startsWith("spark.")) {
                    problems.add("spec.streamingJob.sparkConf." + key + ": Spark settings start with 'spark.'");
                } else if (OPERATOR_OWNED_SPARK_KEYS.contains(key)
                        || OPERATOR_OWNED_SPARK_PREFIXES.stream().anyMatch(key::startsWith)) {
                    problems.add("spec.streamingJob.sparkConf." + key + ": set by the operator from the spec; use "
                            + "the matching spec.streamingJob field instead");
                }
            }
        }
    }

    private static void positiveDuration(String field, String value, List<String> problems) {
        Duration d = duration(field, value, problems);
        if (d != null && (d.isZero() || d.isNegative())) {
            problems.add(field + ": must be longer than zero, was '" + value + "'");
        }
    }

    private static Duration duration(String field, String value, List<String> problems) {
        if (value == null) {
            return null;
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(field + ": '" + value + "' is not an ISO-8601 duration such as PT5S, PT1M or P7D");
            return null;
        }
    }
}
