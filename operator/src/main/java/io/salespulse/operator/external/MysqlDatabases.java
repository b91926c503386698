package io.salespulse.operator.external;

import io.salespulse.schema.mysql.MysqlSchema;
import java.sql.SQLException;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The project's Flyway setup ({@link MysqlSchema}) as the operator runs it: no connect retries (the reconcile's own
 * backoff retries instead of blocking a reconcile thread) and a connect timeout.
 */
final class MysqlDatabases {

    private MysqlDatabases() {
    }

    static Flyway flyway(String jdbcUrl, Credentials credentials, Duration timeout, boolean allowClean) {
        String url = MysqlSchema.withDriverDefaults(jdbcUrl);
        if (!url.contains("connectTimeout=")) {
            url = url + "&connectTimeout=" + timeout.toMillis();
        }
        Flyway project = MysqlSchema.flyway(url, credentials.username(), credentials.password());
        return Flyway.configure(MysqlDatabases.class.getClassLoader())
                .configuration(project.getConfiguration())
                .connectRetries(0)
                .cleanDisabled(!allowClean)
                .load();
    }

    /** A failure with a message that tells which setting or server to check. */
    static ExternalStepException failure(FlywayException e, String jdbcUrl, String user) {
        SQLException sql = sqlCause(e);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        int code = sql == null ? 0 : sql.getErrorCode();
        if (code == 1045 || state.equals("28000")) {
            return new ExternalStepException("MysqlAuthenticationFailed", "MySQL rejected user '" + user + "': check "
                    + "the user name and password in the Secret of spec.mysql.credentialsSecretRef", e);
        }
        if (code == 1049) {
            return new ExternalStepException("MysqlDatabaseMissing", "the database in spec.mysql.jdbcUrl (" + jdbcUrl
                    + ") does not exist: create it and grant the user DDL rights on it", e);
        }
        if (state.startsWith("08")) {
            return new ExternalStepException("MysqlUnreachable", "cannot connect to MySQL at " + jdbcUrl + ": check "
                    + "spec.mysql.jdbcUrl and that the server is up and reachable from the operator ("
                    + sql.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        if (code == 1142 || code == 1044) {
            return new ExternalStepException("MysqlNotAuthorized", "MySQL user '" + user + "' may not create the "
                    + "tables: grant it ALL on the database (" + sql.getMessage() + ")", e);
        }
        return new ExternalStepException("MigrationFailed", "the Flyway migration failed: "
                + ExternalFailures.describe(e), e);
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
