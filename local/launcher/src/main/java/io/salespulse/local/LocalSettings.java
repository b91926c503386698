package io.salespulse.local;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the local pipeline keeps its data, which loopback ports its own services use (non-standard, to avoid
 * clashes), and which of the user's existing services it uses instead of starting its own.
 */
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

    @Option(names = "--mysql-url", paramLabel = "JDBC-URL",
            description = "Use this MySQL instead of the embedded MariaDB, e.g. jdbc:mysql://db:3306/salespulse (the database must"
                    + " exist); user and password from SALESPULSE_MYSQL_USER and SALESPULSE_MYSQL_PASSWORD.")
    String mysqlUrl;

    @Option(names = "--kafka", paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "Use this Kafka (PLAINTEXT listeners) instead of starting one.")
    String kafka;

    @Option(names = "--cassandra", paramLabel = "HOST:PORT",
            description = "Use this Cassandra instead of starting one; user and password from SALESPULSE_CASSANDRA_USER and"
                    + " SALESPULSE_CASSANDRA_PASSWORD, datacenter from SALESPULSE_CASSANDRA_LOCAL_DATACENTER (default datacenter1).")
    String cassandra;

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
        return kafka != null ? kafka : "127.0.0.1:" + kafkaPort;
    }

    String cassandraContactPoint() {
        return cassandra != null ? cassandra : "127.0.0.1:" + cassandraPort;
    }
}
