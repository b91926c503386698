package io.salespulse.operator;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's own configuration, from environment variables (see docs/operator.md).
 *
 * @param namespaces             watched namespaces; empty = all
 * @param leaderElection         run leader election so only one replica reconciles (HA)
 * @param leaseNamespace         namespace of the leader election Lease (the operator's own)
 * @param leaseName              name of that Lease: one per operator release, so two releases never share it
 * @param httpPort               port of /metrics, /healthz and /readyz; 0 = none
 * @param externalTimeout        how long one call to Kafka, MySQL or Cassandra may take
 * @param minRetryInterval       first retry after a failed step; doubles up to maxRetryInterval
 * @param maxRetryInterval       longest wait between retries of a failing pipeline
 * @param externalRecheckInterval how long a successful external step is trusted before it is checked again
 * @param reconcileThreads       pipelines reconciled at the same time
 * @param dataPlaneInterval      how often status.dataPlane and DataFlowing are read again (MySQL, Kafka)
 */
public record OperatorSettings(Set<String> namespaces, boolean leaderElection, String leaseNamespace, String leaseName,
                               int httpPort,
                               Duration externalTimeout, Duration minRetryInterval, Duration maxRetryInterval,
                               Duration externalRecheckInterval, int reconcileThreads,
                               Duration dataPlaneInterval) {

    public static final String PREFIX = "SALESPULSE_OPERATOR_";

    public static OperatorSettings defaults() {
        return fromEnv(Map.of());
    }

    public static OperatorSettings fromEnv(Map<String, String> env) {
        return new OperatorSettings(
                namespaces(env.getOrDefault(PREFIX + "NAMESPACES", "")),
                Boolean.parseBoolean(env.getOrDefault(PREFIX + "LEADER_ELECTION", "false")),
                env.getOrDefault(PREFIX + "LEASE_NAMESPACE", env.getOrDefault("POD_NAMESPACE", "default")),
                env.getOrDefault(PREFIX + "LEASE_NAME", "salespulse-operator-leader"),
                Integer.parseInt(env.getOrDefault(PREFIX + "HTTP_PORT", "8080")),
                Duration.parse(env.getOrDefault(PREFIX + "EXTERNAL_TIMEOUT", "PT10S")),
                Duration.parse(env.getOrDefault(PREFIX + "MIN_RETRY_INTERVAL", "PT2S")),
                Duration.parse(env.getOrDefault(PREFIX + "MAX_RETRY_INTERVAL", "PT2M")),
                Duration.parse(env.getOrDefault(PREFIX + "EXTERNAL_RECHECK_INTERVAL", "PT5M")),
                Integer.parseInt(env.getOrDefault(PREFIX + "RECONCILE_THREADS", "10")),
                Duration.parse(env.getOrDefault(PREFIX + "DATA_PLANE_INTERVAL", "PT15S")));
    }

    /** "" or "*" = all namespaces, else a comma-separated list. */
    static Set<String> namespaces(String value) {
        if (value.isBlank() || value.strip().equals("*")) {
            return Set.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    public OperatorSettings withRetryIntervals(Duration min, Duration max) {
        return new OperatorSettings(namespaces, leaderElection, leaseNamespace, leaseName, httpPort, externalTimeout, min, max,
                externalRecheckInterval, reconcileThreads, dataPlaneInterval);
    }

    public OperatorSettings withDataPlaneInterval(Duration interval) {
        return new OperatorSettings(namespaces, leaderElection, leaseNamespace, leaseName, httpPort, externalTimeout,
                minRetryInterval, maxRetryInterval, externalRecheckInterval, reconcileThreads, interval);
    }

    public OperatorSettings withHttpPort(int port) {
        return new OperatorSettings(namespaces, leaderElection, leaseNamespace, leaseName, port, externalTimeout, minRetryInterval,
                maxRetryInterval, externalRecheckInterval, reconcileThreads, dataPlaneInterval);
    }
}
