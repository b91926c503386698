package io.salespulse.operator.external;

import io.salespulse.crds.v1alpha1.MysqlSpec;
import io.salespulse.operator.reconcile.PipelineRun;
import io.salespulse.schema.mysql.JobHeartbeat;
import java.sql.SQLException;
import java.util.Optional;

/** Reads the streaming job's heartbeat row from the pipeline's MySQL database, with the operator's timeouts. */
public final class JobHeartbeats {

    private JobHeartbeats() {
    }

    /** The job's heartbeat; empty when it never wrote one. Fails with a reason when MySQL cannot be read. */
    public static Optional<JobHeartbeat.Beat> read(PipelineRun run) {
        MysqlSpec mysql = run.spec().mysql;
        Credentials credentials = run.credentials(mysql.credentialsSecretRef, MysqlSchemaStep.FIELD);
        try {
            return MysqlConnections.read(run, credentials, c -> JobHeartbeat.read(c, JobHeartbeat.QUERY_NAME));
        } catch (SQLException e) {
            if (MysqlDatabases.credentialsRejected(e)) {
                throw MysqlDatabases.rejected(e, credentials.username(), "the job's heartbeat");
            }
            throw new ExternalStepException("HeartbeatUnreadable", "cannot read the job's heartbeat (table "
                    + "job_heartbeat) from MySQL at " + mysql.jdbcUrl + ": " + e.getMessage(), e);
        }
    }
}
