package io.salespulse.local;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the local pipeline keeps its data and which loopback ports it uses (non-standard, to avoid clashes). */
public final class LocalSettings {

    @Option(names = "--data-dir", defaultValue = "${env:SALESPULSE_HOME:-.salespulse}",
            description = "Directory for all local data; a second run reuses it (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--kafka-port", defaultValue = "19092", description = "Kafka port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--mysql-port", defaultValue = "13306", description = "MariaDB port (default: ${DEFAULT-VALUE}).")
    int mysqlPort;

    @Option(names = "--cassandra-port", defaultValue = "19042", description = "Cassandra CQL port (default: ${DEFAULT-VALUE}).")
    int cassandraPort;

    @Option(names = "--dashboard-port", defaultValue = "18080", description = "Dashboard HTTP port (default: ${DEFAULT-VALUE}).")
    int dashboardPort;

    @Option(names = "--topic", defaultValue = "orders", description = "Orders topic (default: ${DEFAULT-VALUE}).")
    String topic;

    static final String DATABASE = "salespulse";
    static final String KEYSPACE = "salespulse";

    /** The checkout the launcher runs from (the entry script passes it), where the dashboard's build output is. */
    Path projectHome() {
        return Path.of(System.getProperty("salespulse.home", ".")).toAbsolutePath();
    }

    Path dir(String part) {
        return dataDir.toAbsolutePath().resolve(part);
    }

    String kafkaBootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }
}
