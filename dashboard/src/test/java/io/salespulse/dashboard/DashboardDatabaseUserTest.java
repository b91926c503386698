package io.salespulse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.salespulse.schema.mysql.DashboardGrants;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The dashboard runs as its own database user (every test here does, see {@link MariaDbTestResource}): it reads the
 * aggregates and writes its sign-out table, and nothing else.
 */
@QuarkusTest
@WithTestResource(value = MariaDbTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DashboardDatabaseUserTest {

    private static Connection asDashboard() throws SQLException {
        return DriverManager.getConnection(System.getProperty(MariaDbTestResource.URL_PROPERTY), DashboardGrants.DEFAULT_USER,
                System.getProperty(MariaDbTestResource.DASHBOARD_PASSWORD_PROPERTY));
    }

    @Test
    void readsTheAggregatesAndWritesOnlyItsOwnTable() throws Exception {
        try (Connection c = asDashboard(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT COUNT(*) FROM sales_minute").close();
            s.executeQuery("SELECT COUNT(*) FROM job_heartbeat").close();
            s.executeUpdate("INSERT INTO dashboard_session_revocations (session_id, revoked_at, expires_at) "
                    + "VALUES ('AAAAAAAAAAAAAAAAAAAAAA', NOW(3), NOW(3))");
            assertThat(s.executeUpdate("DELETE FROM dashboard_session_revocations WHERE session_id = 'AAAAAAAAAAAAAAAAAAAAAA'"))
                    .isEqualTo(1);
            for (String forbidden : new String[] {
                    "INSERT INTO sales_minute (window_start, window_end, revenue, orders, items) VALUES (NOW(), NOW(), 1, 1, 1)",
                    "UPDATE sales_minute SET revenue = 0",
                    "DELETE FROM stream_batches",
                    "DROP TABLE sales_minute",
                    "ALTER TABLE sales_minute ADD COLUMN x INT",
                    "CREATE TABLE mine (x INT)",
                    "UPDATE dashboard_session_revocations SET expires_at = NOW()"}) {
                assertThatThrownBy(() -> s.executeUpdate(forbidden)).as(forbidden).isInstanceOf(SQLException.class)
                        .hasMessageContaining("denied");
            }
        }
    }
}
