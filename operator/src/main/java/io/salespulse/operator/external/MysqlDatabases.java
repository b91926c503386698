package io.salespulse.operator.external;

import io.salespulse.crds.v1alpha1.MysqlSpec;
import io.salespulse.operator.reconcile.PipelineRun;
import io.salespulse.operator.spec.MysqlJdbcUrl;
import io.salespulse.schema.mysql.MysqlSchema;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.sql.SQLException;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The project's Flyway setup ({@link MysqlSchema}) as the operator runs it: no connect retries (the reconcile's own
 * backoff retries instead of blocking a reconcile thread) and a connect timeout.
 */
public final class MysqlDatabases {

    private MysqlDatabases() {
    }

    static final String TLS_FIELD = "spec.mysql.tls.caSecretRef";
    private static final Path TRUST_DIR = Path.of(System.getProperty("java.io.tmpdir"), "salespulse-trust");

    /**
     * The URL the operator connects with: spec.mysql.jdbcUrl parsed and rebuilt ({@link MysqlJdbcUrl}: local infile
     * off, only allowed parameters), with verified TLS when spec.mysql.tls names a CA.
     */
    public static String operatorUrl(PipelineRun run) {
        MysqlSpec mysql = run.spec().mysql;
        TrustMaterial ca = run.trust(mysql.tls, TLS_FIELD);
        // The operator's connections change session state only through JDBC (Flyway, autocommit), so the driver may
        // answer autocommit and read-only from its own record: Flyway asked the server ~23 times per new database.
        return parsed(mysql, ca == null ? null : "file:" + ca.pkcs12File(TRUST_DIR))
                .with(Map.of("useLocalSessionState", "true")).toUrl();
    }

    /** {@code trustStoreUrl}: where the client finds the CA's PKCS12 trust store; null without spec.mysql.tls. */
    public static String url(MysqlSpec mysql, String trustStoreUrl) {
        return parsed(mysql, trustStoreUrl).toUrl();
    }

    private static MysqlJdbcUrl parsed(MysqlSpec mysql, String trustStoreUrl) {
        MysqlJdbcUrl url;
        try {
            url = MysqlJdbcUrl.parse(mysql.jdbcUrl);
        } catch (IllegalArgumentException e) {
            throw new ExternalStepException("InvalidJdbcUrl", e.getMessage());
        }
        return trustStoreUrl == null ? url : url.with(verifiedTls(trustStoreUrl));
    }

    /** Connector/J's verified TLS: the chain must lead to the CA and the certificate must name the host. */
    static Map<String, String> verifiedTls(String trustStoreUrl) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sslMode", "VERIFY_IDENTITY");
        p.put("trustCertificateKeyStoreUrl", trustStoreUrl);
        p.put("trustCertificateKeyStoreType", "PKCS12");
        p.put("trustCertificateKeyStorePassword", TrustMaterial.STORE_PASSWORD);
        p.put("fallbackToSystemTrustStore", "false");
        return p;
    }

    /** @param url from {@link #operatorUrl} */
    static Flyway flyway(String url, Credentials credentials, Duration timeout, boolean allowClean) {
        if (!url.contains("connectTimeout=")) {
            url = url + "&connectTimeout=" + timeout.toMillis();
        }
        return MysqlSchema.configure(url, credentials.username(), credentials.password())
                .connectRetries(0)
                .cleanDisabled(!allowClean)
                .load();
    }

    /** Where the tables live, for status.created: the URL's hosts and database, without parameters. */
    public static String location(MysqlSpec mysql) {
        try {
            MysqlJdbcUrl url = MysqlJdbcUrl.parse(mysql.jdbcUrl);
            return String.join(",", url.hosts()) + "/" + url.database();
        } catch (IllegalArgumentException e) {
            return "(invalid " + MysqlJdbcUrl.FIELD + ")";
        }
    }

    /** The tables of the pipeline's database now. */
    static Set<String> tables(PipelineRun run, Credentials credentials) {
        try {
            return MysqlConnections.read(run, credentials, c -> {
                try (var rs = c.createStatement().executeQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()")) {
                    Set<String> tables = new TreeSet<>();
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                    return tables;
                }
            });
        } catch (SQLException e) {
            throw new FlywayException("cannot list the tables of the database: " + e.getMessage(), e);
        }
    }

    /** MySQL refused the user name or password (e.g. rotated in the database before the Secret). */
    public static boolean credentialsRejected(SQLException e) {
        return e.getErrorCode() == 1045 || "28000".equals(e.getSQLState());
    }

    /** For a read the operator makes (heartbeat, progress): the credentials refused, said as such. */
    public static ExternalStepException rejected(SQLException e, String user, String what) {
        return new ExternalStepException(AUTHENTICATION_FAILED, "MySQL rejected user '" + user + "' reading " + what
                + ": check the user name and password in the Secret of spec.mysql.credentialsSecretRef (after a "
                + "password change in MySQL, update the Secret: it is read again within the refresh interval)", e);
    }

    public static final String AUTHENTICATION_FAILED = "MysqlAuthenticationFailed";

    /** A failure with a message that tells which setting or server to check. */
    static ExternalStepException failure(FlywayException e, String jdbcUrl, String user) {
        SQLException sql = sqlCause(e);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        int code = sql == null ? 0 : sql.getErrorCode();
        if (code == 1045 || state.equals("28000")) {
            return new ExternalStepException(AUTHENTICATION_FAILED, "MySQL rejected user '" + user + "': check "
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
