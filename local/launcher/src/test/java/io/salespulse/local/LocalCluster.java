package io.salespulse.local;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The real Kafka, MariaDB and Cassandra the end-to-end tests run against, started once per test class in
 * parallel on free ports under {@code target/}, and stopped afterwards.
 */
final class LocalCluster implements AutoCloseable {

    final Path dir;
    final KafkaNode kafka;
    final MariaDbNode mariadb;
    final CassandraNode cassandra;

    private LocalCluster(Path dir, KafkaNode kafka, MariaDbNode mariadb, CassandraNode cassandra) {
        this.dir = dir;
        this.kafka = kafka;
        this.mariadb = mariadb;
        this.cassandra = cassandra;
    }

    static LocalCluster start(String name) {
        Path dir = Path.of("target", "it", name).toAbsolutePath();
        Directories.deleteRecursively(dir);
        CompletableFuture<CassandraNode> cassandra = CompletableFuture.supplyAsync(
                () -> CassandraNode.start(dir.resolve("cassandra"), Ports.free(), Ports.free(), "512m"));
        CompletableFuture<MariaDbNode> mariadb = CompletableFuture.supplyAsync(
                () -> MariaDbNode.start(dir.resolve("mariadb"), Ports.free()));
        KafkaNode kafka = null;
        try {
            kafka = KafkaNode.start(dir.resolve("kafka"), Ports.free(), Ports.free());
            return new LocalCluster(dir, kafka, mariadb.join(), cassandra.join());
        } catch (RuntimeException e) {
            // Stop whatever did come up, or it outlives the test run.
            if (kafka != null) {
                kafka.close();
            }
            mariadb.thenAccept(MariaDbNode::close);
            cassandra.thenAccept(CassandraNode::close);
            throw e;
        }
    }

    @Override
    public void close() {
        try (kafka; mariadb; cassandra) {
            // closed in reverse order
        }
    }
}
