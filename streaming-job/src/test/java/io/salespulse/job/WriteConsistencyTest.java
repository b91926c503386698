package io.salespulse.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salespulse.schema.cassandra.CassandraReplication;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class WriteConsistencyTest {

    @Test
    void autoWritesAtLocalQuorumFromThreeLocalReplicas() {
        WriteConsistency auto = WriteConsistency.parse("AUTO");
        assertThat(auto.resolve(CassandraReplication.parse("SimpleStrategy:3"), "dc1")).isEqualTo("LOCAL_QUORUM");
        assertThat(auto.resolve(CassandraReplication.parse("SimpleStrategy:1"), "dc1")).isEqualTo("LOCAL_ONE");
        assertThat(auto.resolve(CassandraReplication.parse("NetworkTopologyStrategy:dc1=3,dc2=1"), "dc1"))
                .isEqualTo("LOCAL_QUORUM");
        assertThat(auto.resolve(CassandraReplication.parse("NetworkTopologyStrategy:dc1=3,dc2=1"), "dc2"))
                .isEqualTo("LOCAL_ONE");
    }

    @Test
    void anExplicitLevelIsUsedAndAnUnknownOneRefused() {
        assertThat(WriteConsistency.parse("each_quorum").resolve(CassandraReplication.parse("SimpleStrategy:1"), "x"))
                .isEqualTo("EACH_QUORUM");
        assertThatThrownBy(() -> WriteConsistency.parse("MOST")).hasMessageContaining("cassandra.write-consistency 'MOST'");
    }

    @Test
    void theJobConfigDefaultsToAutoAndResolvesAgainstItsReplication() throws Exception {
        Properties p = new Properties();
        try (var in = JobConfig.class.getResourceAsStream("/salespulse-job-defaults.properties")) {
            p.load(in);
        }
        p.setProperty("cassandra.replication", "SimpleStrategy:3");
        p.setProperty("mysql.user", "u");
        p.setProperty("job.checkpoint-location", "/tmp/cp");
        JobConfig config = JobConfig.from(p);
        assertThat(config.cassandra().writeConsistencyLevel()).isEqualTo("LOCAL_QUORUM");
        assertThat(config.cassandra().sslCa()).isEmpty();
    }
}
