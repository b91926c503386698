package io.salespulse.operator.it;

import io.salespulse.local.CassandraNode;
import io.salespulse.local.KafkaNode;
import io.salespulse.local.MariaDbNode;
import io.salespulse.local.LocalServices;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Real Kafka (in this JVM), MariaDB and Cassandra (own processes) on free loopback ports under {@code dir}, started in
 * parallel. MariaDB can be stopped and started again on the same port and data, to test an unreachable database.
 */
public final class ExternalServices implements AutoCloseable {

    private final Path dir;
    private final LocalServices started;
    private volatile MariaDbNode mariadb;

    private ExternalServices(Path dir, LocalServices started) {
        this.dir = dir;
        this.started = started;
        this.mariadb = started.mariadb();
    }

    public static CompletableFuture<ExternalServices> startAsync(Path dir) {
        return LocalServices.startAsync(dir).thenApply(started -> new ExternalServices(dir, started));
    }

    public KafkaNode kafka() {
        return started.kafka();
    }

    public MariaDbNode mariadb() {
        return mariadb;
    }

    public CassandraNode cassandra() {
        return started.cassandra();
    }

    public void stopMariadb() {
        mariadb.close();
    }

    public void restartMariadb() {
        mariadb = MariaDbNode.start(dir.resolve("mariadb"), started.mariadb().port());
    }

    @Override
    public void close() {
        // The MariaDB of a restart replaces the one started first; stop the current one, then the rest.
        try (KafkaNode k = started.kafka(); MariaDbNode m = mariadb; CassandraNode c = started.cassandra()) {
            // closed in reverse order
        }
    }
}
