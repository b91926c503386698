package io.salespulse.local;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Real Kafka (in this JVM), MariaDB and Cassandra (own processes) on free loopback ports under one directory,
 * started in parallel — what the end-to-end tests, the operator and Helm tests and the benchmark all run against.
 * Whatever came up is stopped again if one of them fails to start; {@link #close()} stops all three.
 */
public record LocalServices(KafkaNode kafka, MariaDbNode mariadb, CassandraNode cassandra) implements AutoCloseable {

    public static CompletableFuture<LocalServices> startAsync(Path dir) {
        return startAsync(dir, Ports.LOOPBACK);
    }

    /**
     * @param host the one address all three listen on: loopback, or the container bridge's gateway when pods on this
     *             machine must reach them (never every interface)
     */
    public static CompletableFuture<LocalServices> startAsync(Path dir, String host) {
        CompletableFuture<CassandraNode> cassandra = CompletableFuture.supplyAsync(
                () -> CassandraNode.start(dir.resolve("cassandra"), host, Ports.free(), Ports.free(), "512m"));
        CompletableFuture<MariaDbNode> mariadb = CompletableFuture.supplyAsync(
                () -> MariaDbNode.start(dir.resolve("mariadb"), host, Ports.free()));
        CompletableFuture<KafkaNode> kafka = CompletableFuture.supplyAsync(
                () -> KafkaNode.start(dir.resolve("kafka"), host, Ports.free(), Ports.free()));
        return CompletableFuture.allOf(cassandra, mariadb, kafka)
                .thenApply(v -> new LocalServices(kafka.join(), mariadb.join(), cassandra.join()))
                .whenComplete((services, failure) -> {
                    if (failure != null) {
                        // Stop whatever did come up, or it outlives the run.
                        kafka.thenAccept(KafkaNode::close);
                        mariadb.thenAccept(MariaDbNode::close);
                        cassandra.thenAccept(CassandraNode::close);
                    }
                });
    }

    /** Starts the three and waits for them. */
    public static LocalServices start(Path dir) {
        return startAsync(dir).join();
    }

    @Override
    public void close() {
        try (KafkaNode k = kafka; MariaDbNode m = mariadb; CassandraNode c = cassandra) {
            // closed in reverse order
        }
    }
}
