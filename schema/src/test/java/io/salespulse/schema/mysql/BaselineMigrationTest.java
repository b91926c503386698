package io.salespulse.schema.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.salespulse.local.MariaDbNode;
import io.salespulse.local.Ports;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The baseline script (B13__... today) is the versioned migrations squashed, not a second definition of the schema: on a
 * real MariaDB, an empty database migrated through V1 ... V(latest) one by one and one migrated the default way
 * (baseline, then any newer V) end with the same tables, columns, keys, comments and views, and at the same version.
 * A database that already has history ignores the baseline and goes on version by version.
 */
class BaselineMigrationTest {

    private static MariaDbNode node;

    @BeforeAll
    static void start() {
        node = MariaDbNode.start(Path.of("target", "mariadb-baseline").toAbsolutePath(), Ports.free());
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void anEmptyDatabaseGetsTheSameSchemaFromTheBaselineAsFromEveryMigration() throws SQLException {
        String stepwise = database();
        String baselined = database();

        long t0 = System.nanoTime();
        MigrateResult oneByOne = MysqlSchema.versionByVersion(url(stepwise), node.appUser(), node.appPassword(),
                "latest").migrate();
        long t1 = System.nanoTime();
        MigrateResult viaBaseline = MysqlSchema.migrate(url(baselined), node.appUser(), node.appPassword());
        long t2 = System.nanoTime();
        System.out.printf("migrate an empty database: every migration %d ms, baseline %d ms%n",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);

        assertThat(appliedTypes(stepwise)).doesNotContain("SQL_BASELINE").hasSize(oneByOne.migrationsExecuted);
        assertThat(appliedTypes(baselined)).first().isEqualTo("SQL_BASELINE");
        assertThat(viaBaseline.targetSchemaVersion).isEqualTo(oneByOne.targetSchemaVersion);
        assertSameSchema(baselined, stepwise);
    }

    @Test
    void aDatabaseWithHistoryMigratesVersionByVersionPastTheBaseline() throws SQLException {
        String upgraded = database();
        String fresh = database();
        // A database from before the baseline existed, or one a release with V7 as its newest made.
        MysqlSchema.versionByVersion(url(upgraded), node.appUser(), node.appPassword(), "7").migrate();
        assertThat(appliedTypes(upgraded)).doesNotContain("SQL_BASELINE");

        MysqlSchema.migrate(url(upgraded), node.appUser(), node.appPassword());
        MysqlSchema.migrate(url(fresh), node.appUser(), node.appPassword());

        assertThat(appliedTypes(upgraded)).doesNotContain("SQL_BASELINE").contains("SQL");
        assertSameSchema(upgraded, fresh);
    }

    /** Names every table or view that differs, with both definitions, so a failure says what to change. */
    private static void assertSameSchema(String actual, String expected) throws SQLException {
        Map<String, String> got = schema(actual);
        Map<String, String> want = schema(expected);
        assertThat(got.keySet()).isEqualTo(want.keySet());
        List<String> differences = new ArrayList<>();
        want.forEach((name, definition) -> {
            if (!definition.equals(got.get(name))) {
                differences.add(name + "\n  " + expected + ":\n" + definition + "\n  " + actual + ":\n" + got.get(name));
            }
        });
        assertThat(differences).as("definitions that differ").isEmpty();
    }

    private static String database() {
        String name = "baseline_" + Long.toHexString(System.nanoTime());
        node.createDatabase(name);
        return name;
    }

    private static String url(String database) {
        return MysqlSchema.withDriverDefaults(node.jdbcUrl(database));
    }

    private static List<String> appliedTypes(String database) throws SQLException {
        List<String> types = new ArrayList<>();
        try (Connection c = connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT type FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
            while (rs.next()) {
                types.add(rs.getString(1));
            }
        }
        return types;
    }

    /**
     * Every table's and view's definition as the server prints it, minus what differs between two databases made
     * the same way: the next AUTO_INCREMENT value, a view's definer and the database's own name.
     */
    private static Map<String, String> schema(String database) throws SQLException {
        Map<String, String> definitions = new TreeMap<>();
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            List<String[]> objects = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SHOW FULL TABLES")) {
                while (rs.next()) {
                    objects.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] object : objects) {
                if (object[0].equals("flyway_schema_history")) {
                    continue;
                }
                boolean view = object[1].equals("VIEW");
                try (ResultSet rs = s.executeQuery((view ? "SHOW CREATE VIEW `" : "SHOW CREATE TABLE `") + object[0] + "`")) {
                    rs.next();
                    definitions.put(object[0], rs.getString(2)
                            .replaceAll(" AUTO_INCREMENT=\\d+", "")
                            .replaceAll("DEFINER=`[^`]*`@`[^`]*` ", "")
                            .replace("`" + database + "`.", ""));
                }
            }
        }
        assertThat(definitions).containsKeys("sales_fact", "job_heartbeat", "v_sales_by_country");
        return definitions;
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), node.appUser(), node.appPassword());
    }
}
