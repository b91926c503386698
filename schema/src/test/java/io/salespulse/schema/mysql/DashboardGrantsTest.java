package io.salespulse.schema.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DashboardGrantsTest {

    @Test
    void readsEverythingWritesOnlyItsOwnTable() {
        String sql = DashboardGrants.sql("salespulse", "salespulse_dashboard", "pw");
        assertThat(sql).contains("GRANT SELECT ON `salespulse`.* TO 'salespulse_dashboard'@'%';",
                "GRANT INSERT, DELETE ON `salespulse`.`dashboard_session_revocations` TO 'salespulse_dashboard'@'%';");
        assertThat(sql).doesNotContain("ALL", "UPDATE", "CREATE,", "ALTER,", "DROP");
    }

    @Test
    void thePasswordIsQuotedAndNamesAreChecked() {
        assertThat(DashboardGrants.sql("db", "dash", "it's\\x")).contains("IDENTIFIED BY 'it''s\\\\x';");
        assertThatThrownBy(() -> DashboardGrants.sql("db`; DROP", "dash", "p")).hasMessageContaining("database name");
        assertThatThrownBy(() -> DashboardGrants.sql("db", "dash'@'%", "p")).hasMessageContaining("dashboard user name");
    }
}
