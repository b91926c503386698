package io.salespulse.dashboard;

import static io.salespulse.dashboard.Browser.signedIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.salespulse.local.MariaDbNode;
import io.salespulse.schema.mysql.MysqlSchema;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Text in any script survives the store: product names written the way the job writes them come back unchanged
 * through the API and CSV, and on a database whose default character set is latin1 the migrations still leave every
 * text column utf8mb4.
 */
@QuarkusTest
@WithTestResource(value = MariaDbTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class Utf8mb4Test {

    static final Map<String, String> NAMES = Map.of(
            "U-1", "Écouteurs sans fil — édition «spéciale»",
            "U-2", "Наушники беспроводные",
            "U-3", "无线耳机 ワイヤレスイヤホン 무선 이어폰",
            "U-4", "سماعات لاسلكية",
            "U-5", "Party pack 🎉🥳 (family 👨‍👩‍👧‍👦)",
            "U-6", "𝔐𝔞𝔱𝔥 𝔟𝔬𝔬𝔨 and हिन्दी पुस्तक");

    @Test
    void productNamesInManyScriptsComeBackUnchanged() throws Exception {
        Instant minute = Instant.parse("2024-05-01T12:00:00Z");
        try (TestDb.Batch batch = new TestDb.Batch(-5001)) {
            int cents = 100;
            for (var e : NAMES.entrySet()) {
                batch.sale(minute, "FR", "VISA", "Unicode", e.getKey(), e.getValue(), (cents++) + ".00", 1, 1);
            }
            batch.committedAt(minute.plusSeconds(30)).commit();
        }
        Fixture.awaitSeen();
        String range = "range=custom&from=2024-05-01T12:00:00Z&to=2024-05-01T12:01:00Z&category=Unicode";
        List<Map<String, Object>> rows = signedIn().get("/api/v1/top-products?" + range).then().statusCode(200)
                .extract().jsonPath().getList("data.rows");
        Map<String, String> back = new java.util.HashMap<>();
        for (Map<String, Object> row : rows) {
            back.put((String) row.get("productId"), (String) row.get("name"));
        }
        assertThat(back).isEqualTo(NAMES);
        String csv = new String(signedIn().get("/api/v1/top-products.csv?" + range).then().statusCode(200).extract()
                .asByteArray(), StandardCharsets.UTF_8);
        assertThat(csv).contains(NAMES.values());
    }

    @Test
    void onALatin1DatabaseEveryTextColumnIsStillUtf8mb4() throws Exception {
        MariaDbNode node = MariaDbTestResource.node();
        String database = "latin1_" + Long.toHexString(System.nanoTime() & 0xffffffL);
        node.executeAsAdmin("CREATE DATABASE `" + database + "` CHARACTER SET latin1 COLLATE latin1_swedish_ci;"
                + "GRANT ALL PRIVILEGES ON `" + database + "`.* TO '" + node.appUser() + "'@'%';");
        String url = MysqlSchema.withDriverDefaults(node.jdbcUrl(database));
        MysqlSchema.migrate(url, node.appUser(), node.appPassword());
        try (Connection c = DriverManager.getConnection(url, node.appUser(), node.appPassword())) {
            List<String> notUtf8 = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT c.TABLE_NAME, c.COLUMN_NAME, c.CHARACTER_SET_NAME FROM "
                    + "information_schema.COLUMNS c JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA "
                    + "AND t.TABLE_NAME = c.TABLE_NAME WHERE c.TABLE_SCHEMA = ? AND t.TABLE_TYPE = 'BASE TABLE' "
                    + "AND c.CHARACTER_SET_NAME IS NOT NULL AND c.TABLE_NAME <> 'flyway_schema_history' "
                    + "AND c.CHARACTER_SET_NAME NOT IN ('utf8mb4', 'ascii')")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        notUtf8.add(rs.getString(1) + "." + rs.getString(2) + " " + rs.getString(3));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES "
                    + "WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME <> 'flyway_schema_history' "
                    + "AND TABLE_COLLATION NOT LIKE 'utf8mb4%'")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        notUtf8.add(rs.getString(1) + " default " + rs.getString(2));
                    }
                }
            }
            assertThat(notUtf8).as("columns and tables not declared utf8mb4").isEmpty();
            // a text column no earlier migration declared: the heartbeat's message
            String message = "Задание остановлено: 作业失败 🚨";
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO job_heartbeat (query_name, query_id, run_id, state, "
                    + "driver, started_at, heartbeat_at, message) VALUES ('q', ?, ?, 'FAILED', 'driver-ü', NOW(3), NOW(3), ?)")) {
                ps.setString(1, "00000000-0000-0000-0000-000000000001");
                ps.setString(2, "00000000-0000-0000-0000-000000000002");
                ps.setString(3, message);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT message FROM job_heartbeat WHERE query_name = 'q'");
                    ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(message);
            }
        } finally {
            node.executeAsAdmin("DROP DATABASE `" + database + "`;");
        }
    }
}
