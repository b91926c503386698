package io.salespulse.dashboard;

import static io.salespulse.dashboard.Browser.signedIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.salespulse.local.Deadline;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Long ranges are served from whole hours kept in memory; a late batch that changes an old hour must still show.
 * (Own date, 1 April 2024, so the other tests' numbers stay put.)
 */
@QuarkusTest
@WithTestResource(value = MariaDbTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LateDataTest {

    private static final String DAY = "range=custom&from=2024-04-01T06:00:00Z&to=2024-04-01T18:00:00Z";
    private static final String PARTIAL = "range=custom&from=2024-04-01T10:15:00Z&to=2024-04-01T10:50:00Z";

    private static long version() {
        return signedIn().get("/api/v1/kpis?" + DAY).then().statusCode(200).extract().jsonPath().getLong("dataVersion");
    }

    private static float revenue(String query) {
        return signedIn().get("/api/v1/kpis?" + query).then().statusCode(200).extract().jsonPath()
                .getFloat("data.revenue.value");
    }

    @Test
    void aLateBatchForAnOldHourReplacesWhatWasKept() throws Exception {
        try (TestDb.Batch batch = new TestDb.Batch(401)) {
            batch.sale(Instant.parse("2024-04-01T10:30:00Z"), "SE", "DINERS", "Grocery", "P-8002", "Green Tea Selection",
                    "100.00", 1, 4);
            batch.sale(Instant.parse("2024-04-01T15:59:00Z"), "SE", "DINERS", "Grocery", "P-8003", "Dark Chocolate Box",
                    "10.00", 1, 1);
            batch.commit();
        }
        Fixture.awaitSeen();
        assertThat(revenue(DAY)).isEqualTo(110f);
        long before = version();
        assertThat(revenue(PARTIAL)).isEqualTo(100f);
        assertThat(revenue(DAY + "&country=SE&cardType=DINERS&category=Grocery")).isEqualTo(110f);
        assertThat(revenue(DAY + "&country=SE&cardType=DINERS")).isEqualTo(110f);
        String products = signedIn().get("/api/v1/top-products?" + DAY).then().statusCode(200).extract().asString();
        assertThat(products).contains("Green Tea Selection", "Dark Chocolate Box");

        try (TestDb.Batch late = new TestDb.Batch(402)) {
            late.sale(Instant.parse("2024-04-01T10:45:00Z"), "SE", "DINERS", "Grocery", "P-8002", "Green Tea Selection",
                    "5.55", 1, 1);
            late.rejects(0, 1).commit();
        }
        // Answers carry the version they were computed at; once the poller has seen the late batch, every panel has it.
        Deadline.await("the poller to see the late batch", Duration.ofSeconds(10), Duration.ofMillis(50),
                () -> version() > before);
        assertThat(revenue(DAY)).isEqualTo(115.55f);
        assertThat(revenue(PARTIAL)).isEqualTo(105.55f);
        assertThat(revenue(DAY + "&country=SE&cardType=DINERS&category=Grocery")).isEqualTo(115.55f);
        assertThat(revenue(DAY + "&country=SE&cardType=DINERS")).isEqualTo(115.55f);
        signedIn().get("/api/v1/top-products?" + DAY + "&country=SE&category=Grocery").then().statusCode(200)
                .body("data.rows[0].revenue", org.hamcrest.Matchers.equalTo(105.55f));
        signedIn().get("/api/v1/by-category?" + DAY).then().statusCode(200)
                .body("data.rows[0].key", org.hamcrest.Matchers.equalTo("Grocery"))
                .body("data.rows[0].revenue", org.hamcrest.Matchers.equalTo(115.55f));
        signedIn().get("/api/v1/top-products?" + DAY).then().statusCode(200)
                .body("data.rows[0].name", org.hamcrest.Matchers.equalTo("Green Tea Selection"))
                .body("data.rows[0].revenue", org.hamcrest.Matchers.equalTo(105.55f))
                .body("data.rows[0].orders", org.hamcrest.Matchers.equalTo(2));
    }
}
