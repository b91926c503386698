package io.salespulse.operator.it;

import io.salespulse.local.CassandraNode;
import io.salespulse.local.KafkaNode;
import io.salespulse.local.MariaDbNode;
import io.salespulse.local.Ports;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Real Kafka (in this JVM), MariaDB and Cassandra (own processes) on free loopback ports under {@code dir}, started in
 * parallel. MariaDB can be stopped and started again on the same port and data, to test an unreachable database.
 */
public final class ExternalServices implements AutoCloseable {

    private final Path dir;
    private final KafkaNode kafka;
    private final CassandraNode cassandra;
    private final int mariadbPort;
    private volatile MariaDbNode mariadb;

    private ExternalServices(Path dir, KafkaNode kafka, MariaDbNode mariadb, int mariadbPort, CassandraNode cassandra) {
        this.dir = dir;
        this.kafka = kafka;
        this.mariadb = mariadb;
        this.mariadbPort = mariadbPort;
        this.cassandra = cassandra;
    }

    public static CompletableFuture<ExternalServices> startAsync(Path dir) {
        CompletableFuture<CassandraNode> cassandra = CompletableFuture.supplyAsync(
                () -> CassandraNode.start(dir.resolve("cassandra"), Ports.free(), Ports.free(), "512m"));
        int mariadbPort = Ports.free();
        CompletableFuture<MariaDbNode> mariadb = CompletableFuture.supplyAsync(
                () -> MariaDbNode.start(dir.resolve("mariadb"), mariadbPort));
        CompletableFuture<KafkaNode> kafka = CompletableFuture.supplyAsync(
                () -> KafkaNode.start(dir.resolve("kafka"), Ports.free(), Ports.free()));
        return CompletableFuture.allOf(cassandra, mariadb, kafka)
                .thenApply(v -> new ExternalServices(dir, kafka.join(), mariadb.join(), mariadbPort, cassandra.join()))
                .whenComplete((services, failure) -> {
                    if (failure != null) {
                        // Stop whatever did come up, or it outlives the test run.
                        kafka.thenAccept(KafkaNode::close);
                        mariadb.thenAccept(MariaDbNode::close);
                        cassandra.thenAccept(CassandraNode::close);
                    }
                });
    }

    public KafkaNode kafka() {
        return kafka;
    }

    public MariaDbNode mariadb() {
        return mariadb;
    }

    public CassandraNode cassandra() {
        return cassandra;
    }

    public void stopMariadb() {
        mariadb.close();
    }

    public void restartMariadb() {
        mariadb = MariaDbNode.start(dir.resolve("mariadb"), mariadbPort);
    }

    @Override
    public void close() {
        try (KafkaNode k = kafka; MariaDbNode m = mariadb; CassandraNode c = cassandra) {
            // closed in reverse order
        }
    }
}
