package io.salespulse.schema.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class CassandraSchemaTest {

    @Test
    void replicationSettingsBecomeCql() {
        assertThat(CassandraReplication.parse("SimpleStrategy:1").toCql())
                .isEqualTo("{'class': 'SimpleStrategy', 'replication_factor': 1}");
        assertThat(CassandraReplication.parse("NetworkTopologyStrategy:dc2=3,dc1=2").toCql())
                .isEqualTo("{'class': 'NetworkTopologyStrategy', 'dc1': 2, 'dc2': 3}");
    }

    @Test
    void badReplicationSettingsSayWhatIsWrong() {
        assertThatThrownBy(() -> CassandraReplication.parse("SimpleStrategy")).hasMessageContaining("must look like");
        assertThatThrownBy(() -> CassandraReplication.parse("SimpleStrategy:0")).hasMessageContaining("factor '0'");
        assertThatThrownBy(() -> CassandraReplication.parse("LocalStrategy:1")).hasMessageContaining("'LocalStrategy'");
        assertThatThrownBy(() -> CassandraReplication.parse("NetworkTopologyStrategy:dc1")).hasMessageContaining("'dc1'");
    }

    @Test
    void keyspaceNamesAreValidatedBeforeTheyReachCql() {
        CassandraSchema.requireValidKeyspace("salespulse_prod");
        assertThatThrownBy(() -> CassandraSchema.requireValidKeyspace("x; DROP KEYSPACE y")).hasMessageContaining("must start with a letter");
    }

    @Test
    void theScriptHasEveryStatementWithTheKeyspaceFilledIn() {
        assertThat(CassandraSchema.statements("ks")).hasSize(5)
                .allSatisfy(s -> assertThat(s).contains("ks.").doesNotContain("${keyspace}").doesNotContain("--"));
    }

    @Test
    void shardsSpreadEventsAndStayInRange() {
        long distinct = java.util.stream.IntStream.range(0, 1000).map(i -> CassandraSchema.shardOf(UUID.randomUUID())).distinct().count();
        assertThat(distinct).isEqualTo(CassandraSchema.SHARDS);
    }
}
