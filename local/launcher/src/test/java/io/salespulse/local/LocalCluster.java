package io.salespulse.local;

import java.nio.file.Path;

/**
 * The real Kafka, MariaDB and Cassandra the end-to-end tests run against, started once per test class under
 * {@code target/it/<name>}, and stopped afterwards.
 */
final class LocalCluster implements AutoCloseable {

    final Path dir;
    // Not final: the fault tests stop one and start it again on the same directory and ports.
    KafkaNode kafka;
    MariaDbNode mariadb;
    CassandraNode cassandra;

    private LocalCluster(Path dir, LocalServices services) {
        this.dir = dir;
        this.kafka = services.kafka();
        this.mariadb = services.mariadb();
        this.cassandra = services.cassandra();
    }

    static LocalCluster start(String name) {
        Path dir = Path.of("target", "it", name).toAbsolutePath();
        Directories.deleteRecursively(dir);
        return new LocalCluster(dir, LocalServices.start(dir));
    }

    @Override
    public void close() {
        new LocalServices(kafka, mariadb, cassandra).close();
    }
}
