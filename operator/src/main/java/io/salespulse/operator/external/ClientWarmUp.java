package io.salespulse.operator.external;

import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.salespulse.crds.v1alpha1.KafkaSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and configures the three store clients' libraries while the operator starts, so that the first pipeline
 * applied to a new operator does not wait for it: in a fresh JVM, parsing the Cassandra driver's reference
 * configuration alone took 1.4–1.8 s, and Flyway loads its plugins per configuration. Nothing is contacted: each
 * client is configured, never connected (the placeholder endpoints are not dialled). /readyz waits for it.
 */
public final class ClientWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(ClientWarmUp.class);
    private static final AtomicInteger FAILURES = new AtomicInteger();

    private ClientWarmUp() {
    }

    /** Parts of the warm-up that failed so far in this JVM (each only costs the first reconcile some time). */
    static int failures() {
        return FAILURES.get();
    }

    /**
     * Starts the three as tasks of the common pool (one after another on a one-CPU pod, at once on more); the future
     * completes when all are done. A failure is only logged and counted.
     */
    public static CompletableFuture<Void> start(Duration timeout) {
        long start = System.nanoTime();
        List<CompletableFuture<Void>> parts = List.<Runnable>of(
                () -> {
                    try (DriverConfigLoader config = CassandraSessions.config(timeout)) {
                        config.getInitialConfig().getDefaultProfile();
                    }
                },
                () -> MysqlDatabases.flyway("jdbc:mysql://localhost/warm_up?", new Credentials("warm-up", "", ""),
                        timeout, false),
                () -> {
                    KafkaSpec kafka = new KafkaSpec();
                    kafka.bootstrapServers = "localhost:9092";
                    new AdminClientConfig(KafkaAdmins.properties(kafka, null, null, timeout));
                })
                .stream().map(part -> CompletableFuture.runAsync(() -> {
                    try {
                        part.run();
                    } catch (RuntimeException | LinkageError e) {
                        // Only lost time: the first reconcile loads what is missing.
                        FAILURES.incrementAndGet();
                        LOG.warn("client warm-up failed: {}", e.toString());
                    }
                })).toList();
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenRun(() ->
                LOG.info("store clients loaded in {} ms", (System.nanoTime() - start) / 1_000_000));
    }
}
