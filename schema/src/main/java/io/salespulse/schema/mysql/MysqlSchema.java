package io.salespulse.schema.mysql;

import io.salespulse.schema.order.OrderLimits;
import java.util.List;
import org.flywaydb.core.Flyway;
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

    /** The column widths in the migrations ({@code ${id_length}} ...) come from {@link OrderLimits}. */
    public static Flyway flyway(String jdbcUrl, String user, String password) {
        return Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .locations(LOCATION)
                .placeholders(OrderLimits.flywayPlaceholders())
                .connectRetries(3)
                .load();
    }
}
