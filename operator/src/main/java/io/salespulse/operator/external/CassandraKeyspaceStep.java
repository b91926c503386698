package io.salespulse.operator.external;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.salespulse.crds.v1alpha1.CassandraSpec;
import io.salespulse.operator.reconcile.PipelineRun;
import io.salespulse.operator.reconcile.StepResult;
import io.salespulse.operator.status.ConditionTypes;
import io.salespulse.schema.cassandra.CassandraReplication;
import io.salespulse.schema.cassandra.CassandraSchema;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Step 3: the Cassandra keyspace and the raw-order tables ({@link CassandraSchema}, the project's own CQL) with the
 * spec's replication. An existing keyspace whose replication differs is altered (data stays; a repair is needed
 * afterwards, which the condition message says).
 */
public final class CassandraKeyspaceStep extends ExternalStep {

    static final String FIELD = "spec.cassandra.credentialsSecretRef";

    @Override
    public String conditionType() {
        return ConditionTypes.KEYSPACE;
    }

    @Override
    protected String inputs(PipelineRun run) {
        CassandraSpec c = run.spec().cassandra;
        Credentials credentials = run.credentials(c.credentialsSecretRef, FIELD);
        TrustMaterial ca = run.trust(c.tls, CassandraSessions.TLS_FIELD);
        return String.join("|", c.contactPoints, c.localDatacenter, c.keyspace, c.replication,
                credentials == null ? "" : credentials.secretVersion(), ca == null ? "" : ca.fingerprint());
    }

    @Override
    protected StepResult apply(PipelineRun run) {
        CassandraSpec spec = run.spec().cassandra;
        CassandraReplication replication = CassandraReplication.parse(spec.replication);
        try (var lease = CassandraSessions.lease(run)) {
            CqlSession session = lease.client();
            Optional<Map<String, String>> before = replication(session, spec.keyspace);
            CassandraSchema.apply(session, spec.keyspace, replication);
            if (before.isEmpty()) {
                run.created().keyspace(spec.contactPoints, spec.keyspace);
            }
            if (before.isPresent() && !sameReplication(before.get(), replication)) {
                session.execute(SimpleStatement.newInstance("ALTER KEYSPACE " + spec.keyspace
                        + " WITH replication = " + replication.toCql()).setTimeout(Duration.ofSeconds(30)));
                return StepResult.ready("ReplicationChanged", "keyspace " + spec.keyspace + " now has replication "
                        + replication.toCql() + ": run `nodetool repair " + spec.keyspace + "` on every node");
            }
            return StepResult.ready("KeyspaceReady", "keyspace " + spec.keyspace + " (replication "
                    + replication.toCql() + ") with tables orders_by_hour and orders_by_id");
        } catch (DriverException e) {
            throw CassandraSessions.failure(e, spec);
        }
    }

    /**
     * The keyspace's replication as the cluster has it now. Read from system_schema, not the driver's metadata: a
     * long-lived shared session learns of keyspaces others created only after a debounce, and a keyspace taken for
     * missing would be recorded as this pipeline's own (and dropped under deletionPolicy Delete).
     */
    private static Optional<Map<String, String>> replication(CqlSession session, String keyspace) {
        var row = session.execute(SimpleStatement.newInstance(
                "SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?",
                keyspace.toLowerCase(java.util.Locale.ROOT)).setTimeout(Duration.ofSeconds(30))).one();
        return row == null ? Optional.empty() : Optional.of(row.getMap("replication", String.class, String.class));
    }

    /** Compares the driver's view ({class: org.apache...SimpleStrategy, replication_factor: "1"}) to the spec's. */
    static boolean sameReplication(Map<String, String> actual, CassandraReplication wanted) {
        Map<String, String> factors = new TreeMap<>(actual);
        String strategy = factors.remove("class");
        Map<String, String> wantedFactors = new TreeMap<>();
        wanted.factors().forEach((k, v) -> wantedFactors.put(k, String.valueOf(v)));
        return strategy != null && strategy.endsWith(wanted.strategy()) && factors.equals(wantedFactors);
    }
}
