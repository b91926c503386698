package io.salespulse.dashboard;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.salespulse.local.MariaDbNode;
import io.salespulse.local.Ports;
import io.salespulse.schema.mysql.DashboardGrants;
import io.salespulse.schema.mysql.MysqlSchema;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real MariaDB (the embedded one the local run uses, as a child process with its data under target/) with the SalesPulse schema
 * applied by the same Flyway migrations the pipeline uses. Each start gets a fresh database. The JDBC settings are
 * also left in system properties so tests that run outside the application (the browser test) can write rows.
 */
public class MariaDbTestResource implements QuarkusTestResourceLifecycleManager {

    /** tester / "correct horse", hashed by htpasswd -nbBC 10 (a $2y$ hash, as Apache tools make them). */
    public static final String USER = "tester";
    public static final String PASSWORD = "correct horse";
    static final String HASH = "$2y$10$LkLPhP1O3Ut8CCnI3qoZH.Lof50Nkpw3O4vOxpqBGoU5rMSsaS5e2";
    /** More users with the same password, so tests that lock a user out or fill their stream quota leave tester alone. */
    public static final java.util.List<String> OTHER_USERS = java.util.List.of("alice", "bob", "carol", "dave", "erin");
    static final String USERS = "tester:" + HASH + OTHER_USERS.stream().map(u -> "," + u + ":" + HASH)
            .collect(java.util.stream.Collectors.joining());

    public static final String URL_PROPERTY = "salespulse.test.jdbc-url";
    public static final String USER_PROPERTY = "salespulse.test.jdbc-user";
    public static final String PASSWORD_PROPERTY = "salespulse.test.jdbc-password";
    /** The dashboard user's password (the user is {@link DashboardGrants#DEFAULT_USER}). */
    public static final String DASHBOARD_PASSWORD_PROPERTY = "salespulse.test.dashboard-password";

    private static volatile MariaDbNode current;
    private MariaDbNode node;

    /** The running node, for tests that need a second database on it. */
    public static MariaDbNode node() {
        return current;
    }

    @Override
    public Map<String, String> start() {
        node = MariaDbNode.start(Path.of("target", "mariadb").toAbsolutePath(), Ports.free());
        current = node;
        String database = "dash_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        node.createDatabase(database);
        String url = node.jdbcUrl(database);
        MysqlSchema.migrate(MysqlSchema.withDriverDefaults(url), node.appUser(), node.appPassword());
        // the dashboard runs as its own user (read-only but for its sign-out table), as in production
        String dashboardPassword = node.userPassword(DashboardGrants.DEFAULT_USER);
        node.executeAsAdmin(DashboardGrants.sql(database, DashboardGrants.DEFAULT_USER, dashboardPassword));
        System.setProperty(DASHBOARD_PASSWORD_PROPERTY, dashboardPassword);
        System.setProperty(URL_PROPERTY, MysqlSchema.withDriverDefaults(url));
        System.setProperty(USER_PROPERTY, node.appUser());
        System.setProperty(PASSWORD_PROPERTY, node.appPassword());
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", DashboardGrants.DEFAULT_USER,
                "quarkus.datasource.password", dashboardPassword,
                "salespulse.dashboard.users", USERS);
    }

    @Override
    public void stop() {
        if (node != null) {
            node.close();
        }
    }
}
