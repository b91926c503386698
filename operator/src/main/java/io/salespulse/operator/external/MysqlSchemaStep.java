package io.salespulse.operator.external;

import io.salespulse.crds.v1alpha1.MysqlSpec;
import io.salespulse.operator.reconcile.PipelineRun;
import io.salespulse.operator.reconcile.StepResult;
import io.salespulse.operator.status.ConditionTypes;
import io.salespulse.operator.reconcile.Hashes;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Step 2: the MySQL schema, by the project's own Flyway migrations (salespulse-schema), run from the operator. It
 * is idempotent and quick when nothing is pending, and running it here puts the real error (unreachable server,
 * wrong password, failed migration) straight into the SchemaReady condition; see docs/operator.md for why not a Job.
 */
public final class MysqlSchemaStep extends ExternalStep {

    public static final String FIELD = "spec.mysql.credentialsSecretRef";
    /**
     * Configured Flyway per database and user (configuring one loads Flyway's plugins and parses the project's
     * setup); a rotated password or CA configures a new one. Flyway opens its connections per call.
     */
    private static final SharedClients<Flyway> FLYWAYS = new SharedClients<>("Flyway", flyway -> { },
            Duration.ofMinutes(10), java.time.Clock.systemUTC());

    @Override
    public String conditionType() {
        return ConditionTypes.SCHEMA;
    }

    @Override
    protected String inputs(PipelineRun run) {
        MysqlSpec mysql = run.spec().mysql;
        Credentials c = run.credentials(mysql.credentialsSecretRef, FIELD);
        var ca = run.trust(mysql.tls, MysqlDatabases.TLS_FIELD);
        return MysqlDatabases.url(mysql, null) + "|" + c.username() + "|" + c.secretVersion() + "|"
                + (ca == null ? "" : ca.fingerprint());
    }

    @Override
    protected StepResult apply(PipelineRun run) {
        MysqlSpec mysql = run.spec().mysql;
        Credentials credentials = run.credentials(mysql.credentialsSecretRef, FIELD);
        String url = MysqlDatabases.operatorUrl(run);
        Duration timeout = run.settings().externalTimeout();
        try (var lease = FLYWAYS.lease(Hashes.sha256(url + "|" + credentials.username()),
                Hashes.sha256(credentials.password() + "|" + timeout),
                () -> MysqlDatabases.flyway(url, credentials, timeout, false))) {
            Flyway flyway = lease.client();
            // One migration of a database at a time from this operator: Flyway's lock in the database would
            // serialise them anyway, and the tables seen before and after must be this run's alone.
            synchronized (flyway) {
                Set<String> before = MysqlDatabases.tables(run, credentials);
                MigrateResult result;
                try {
                    result = flyway.migrate();
                } finally {
                    // Tables that appeared with these migrations are the pipeline's own (deletionPolicy Delete).
                    Set<String> after = new TreeSet<>(MysqlDatabases.tables(run, credentials));
                    after.removeAll(before);
                    run.created().tables(MysqlDatabases.location(mysql), after);
                }
                // From the migrate result: a second Flyway.info() would scan and parse every migration again.
                String version = Objects.requireNonNullElse(Objects.requireNonNullElse(result.targetSchemaVersion,
                        result.initialSchemaVersion), "none");
                return StepResult.ready("Migrated", "schema at version " + version + " (" + result.migrationsExecuted
                        + " migrations applied by this run)");
            }
        } catch (FlywayException e) {
            throw MysqlDatabases.failure(e, mysql.jdbcUrl, credentials.username());
        }
    }
}
