package io.salespulse.job;

import io.salespulse.schema.cassandra.CassandraReplication;
import java.io.Serializable;
import java.util.Locale;
import java.util.Set;

/**
 * The consistency level of the raw-order writes (cassandra.write-consistency). AUTO writes at LOCAL_QUORUM once the
 * local datacenter keeps 3 or more replicas (one node down loses no acknowledged write) and at LOCAL_ONE below that,
 * where a quorum would need every replica; an explicit level is used as given.
 */
public record WriteConsistency(String level) implements Serializable {

    public static final String AUTO = "AUTO";
    private static final Set<String> LEVELS = Set.of(AUTO, "ANY", "ONE", "TWO", "THREE", "QUORUM", "ALL",
            "LOCAL_ONE", "LOCAL_QUORUM", "EACH_QUORUM");

    public static WriteConsistency parse(String text) {
        String level = text == null || text.isBlank() ? AUTO : text.strip().toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException("cassandra.write-consistency '" + text + "' must be AUTO or one of "
                    + new java.util.TreeSet<>(LEVELS));
        }
        return new WriteConsistency(level);
    }

    /** The driver level name for the keyspace's replication as seen from {@code localDatacenter}. */
    public String resolve(CassandraReplication replication, String localDatacenter) {
        if (!level.equals(AUTO)) {
            return level;
        }
        return localReplicas(replication, localDatacenter) >= 3 ? "LOCAL_QUORUM" : "LOCAL_ONE";
    }

    static int localReplicas(CassandraReplication replication, String localDatacenter) {
        if (replication.strategy().equals("SimpleStrategy")) {
            return replication.factors().getOrDefault("replication_factor", 1);
        }
        return replication.factors().getOrDefault(localDatacenter, 0);
    }
}
