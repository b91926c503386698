package io.salespulse.schema.mysql;

import io.salespulse.schema.order.OrderLimits;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.baseline.BaselineMigrationConfigurationExtension;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a MySQL (or MariaDB) database to the current SalesPulse schema with the versioned Flyway migrations under
 * {@code db/migration/salespulse}. The streaming job, the local launcher, the operator and the dashboard's tests all
 * call this one place.
 */
public final class MysqlSchema {

    public static final String LOCATION = "classpath:db/migration/salespulse";

    private MysqlSchema() {
    }

    /**
     * Adds the driver options every SalesPulse client wants unless the URL sets them: batched inserts become
     * multi-row statements, and DATETIME columns hold UTC with no conversion by the driver.
     */
    public static String withDriverDefaults(String url) {
        String separator = url.contains("?") ? "&" : "?";
        StringBuilder out = new StringBuilder(url);
        for (String option : List.of("rewriteBatchedStatements=true", "connectionTimeZone=UTC",
                "forceConnectionTimeZoneToSession=true", "sslMode=PREFERRED", "allowPublicKeyRetrieval=true")) {
            String name = option.substring(0, option.indexOf('='));
            if (!url.contains(name + "=")) {
                out.append(separator).append(option);
                separator = "&";
            }
        }
        return out.toString();
    }

    /** Migrates, then checks that the columns hold what the order contract allows ({@link StoreLimitsCheck}). */
    public static MigrateResult migrate(String jdbcUrl, String user, String password) {
        Flyway flyway = flyway(jdbcUrl, user, password);
        MigrateResult result = flyway.migrate();
        StoreLimitsCheck.verify(flyway.getConfiguration().getDataSource());
        return result;
    }

    /**
     * The column widths in the migrations ({@code ${id_length}} ...) come from {@link OrderLimits}. An empty database
     * gets the newest baseline script (B13__...: V1 ... V13 in one, see BaselineMigrationTest) and any newer
     * migration; one with history goes on version by version.
     */
    public static Flyway flyway(String jdbcUrl, String user, String password) {
        return configure(jdbcUrl, user, password).load();
    }

    /**
     * The versioned migrations one by one up to {@code target} ("latest" for all), never the baseline script, which
     * Flyway would otherwise run on an empty database whatever the target: for tests that put rows into an older
     * schema and migrate them, and for the test that the baseline equals the migrations.
     */
    public static Flyway versionByVersion(String jdbcUrl, String user, String password, String target) {
        FluentConfiguration configuration = configure(jdbcUrl, user, password).target(target);
        configuration.getConfigurationExtension(BaselineMigrationConfigurationExtension.class)
                .setBaselineMigrationPrefix("NO_BASELINE_");
        return configuration.load();
    }

    /**
     * The project's setup, for a caller that adds its own settings before loading (the operator's timeouts):
     * loading a configuration into a second one would configure Flyway, and load its plugins, twice.
     */
    public static FluentConfiguration configure(String jdbcUrl, String user, String password) {
        return Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .locations(LOCATION)
                .placeholders(OrderLimits.flywayPlaceholders())
                .connectRetries(3);
    }
}
