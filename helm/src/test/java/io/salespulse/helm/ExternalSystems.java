package io.salespulse.helm;

import io.salespulse.local.CassandraNode;
import io.salespulse.local.KafkaNode;
import io.salespulse.local.MariaDbNode;
import io.salespulse.local.Ports;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** Real Kafka (in this JVM), MariaDB and Cassandra (own processes) for the operator's external steps. */
record ExternalSystems(KafkaNode kafka, MariaDbNode mariadb, CassandraNode cassandra) implements AutoCloseable {

    /** Starts the three in parallel under {@code dir}; whatever came up is stopped again if one fails. */
    static CompletableFuture<ExternalSystems> startAsync(Path dir) {
        var cassandra = CompletableFuture.supplyAsync(
                () -> CassandraNode.start(dir.resolve("cassandra"), Ports.free(), Ports.free(), "512m"));
        var mariadb = CompletableFuture.supplyAsync(() -> MariaDbNode.start(dir.resolve("mariadb"), Ports.free()));
        var kafka = CompletableFuture.supplyAsync(
                () -> KafkaNode.start(dir.resolve("kafka"), Ports.free(), Ports.free()));
        return CompletableFuture.allOf(cassandra, mariadb, kafka)
                .thenApply(v -> new ExternalSystems(kafka.join(), mariadb.join(), cassandra.join()))
                .whenComplete((started, failure) -> {
                    if (failure != null) {
                        kafka.thenAccept(KafkaNode::close);
                        mariadb.thenAccept(MariaDbNode::close);
                        cassandra.thenAccept(CassandraNode::close);
                    }
                });
    }

    @Override
    public void close() {
        try (KafkaNode k = kafka; MariaDbNode m = mariadb; CassandraNode c = cassandra) {
            // closed in reverse order
        }
    }
}
