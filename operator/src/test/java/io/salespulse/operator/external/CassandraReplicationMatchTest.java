package io.salespulse.operator.external;

import static org.assertj.core.api.Assertions.assertThat;

import io.salespulse.schema.cassandra.CassandraReplication;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CassandraReplicationMatchTest {

    @Test
    void comparesTheDriversViewWithTheSpec() {
        Map<String, String> simple1 = Map.of("class", "org.apache.cassandra.locator.SimpleStrategy",
                "replication_factor", "1");
        assertThat(CassandraKeyspaceStep.sameReplication(simple1, CassandraReplication.parse("SimpleStrategy:1")))
                .isTrue();
        assertThat(CassandraKeyspaceStep.sameReplication(simple1, CassandraReplication.parse("SimpleStrategy:3")))
                .isFalse();
        assertThat(CassandraKeyspaceStep.sameReplication(Map.of("class",
                "org.apache.cassandra.locator.NetworkTopologyStrategy", "dc1", "3"),
                CassandraReplication.parse("NetworkTopologyStrategy:dc1=3"))).isTrue();
    }

    @Test
    void kafkaClientsGetSaslOnlyWithSasl() {
        var kafka = new io.salespulse.crds.v1alpha1.KafkaSpec();
        kafka.bootstrapServers = "k:9092";
        var plain = KafkaAdmins.properties(kafka, null, null, java.time.Duration.ofSeconds(5));
        assertThat(plain).doesNotContainKey("sasl.jaas.config");
        kafka.securityProtocol = io.salespulse.crds.v1alpha1.KafkaSpec.SecurityProtocol.SASL_SSL;
        var sasl = KafkaAdmins.properties(kafka, new Credentials("u", "p\"w", "1"), null, java.time.Duration.ofSeconds(5));
        assertThat(sasl.getProperty("sasl.jaas.config")).contains("ScramLoginModule", "username=\"u\"",
                "password=\"p\\\"w\"");
        assertThat(new Credentials("u", "secret", "1").toString()).doesNotContain("secret");
    }
}
