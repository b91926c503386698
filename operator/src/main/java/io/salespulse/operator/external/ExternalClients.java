package io.salespulse.operator.external;

/** The operator's shared clients of Kafka, Cassandra and MySQL, closed together when it stops. */
public final class ExternalClients {

    private ExternalClients() {
    }

    public static void closeAll() {
        KafkaAdmins.closeAll();
        CassandraSessions.closeAll();
        MysqlConnections.closeAll();
    }
}
