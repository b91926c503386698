package io.salespulse.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * Read-only API tokens ({@link LimitsProfile} configures one): they work for GET /api/v1 and CSV without a browser
 * session, and for nothing else. {@link SecurityTest#anApiTokenNoLongerConfiguredIsRefused} checks the same token
 * against a configuration without it.
 */
@QuarkusTest
@TestProfile(LimitsProfile.class)
@WithTestResource(value = MariaDbTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ApiTokenTest {

    static final String BEARER = "Bearer " + LimitsProfile.API_TOKEN;

    @Test
    void aTokenReadsTheApiAndCsv() {
        given().header("Authorization", BEARER).get("/api/v1/me").then().statusCode(200)
                .body("user", equalTo("token:ci-reader"));
        given().header("Authorization", BEARER).get("/api/v1/kpis?" + Fixture.RANGE).then().statusCode(200)
                .body("query.range", equalTo("custom"));
        given().header("Authorization", BEARER).get("/api/v1/top-products.csv?" + Fixture.RANGE).then().statusCode(200)
                .header("Content-Type", startsWith("text/csv"));
    }

    @Test
    void aWrongTokenIsRefused() {
        given().header("Authorization", "Bearer " + LimitsProfile.API_TOKEN.replace('4', '5')).get("/api/v1/kpis")
                .then().statusCode(401);
        given().header("Authorization", "Bearer short").get("/api/v1/kpis").then().statusCode(401);
    }

    @Test
    void aTokenOpensNoPageAndChangesNothing() {
        // pages send the browser to sign in: the token is not a session
        given().redirects().follow(false).header("Authorization", BEARER).get("/").then().statusCode(302);
        given().redirects().follow(false).header("Authorization", BEARER).get("/q/openapi").then().statusCode(302);
        // no sign-out or any other POST with a token (the CSRF check answers first with 400; never 2xx/3xx)
        int status = given().redirects().follow(false).header("Authorization", BEARER).post("/logout").statusCode();
        assertThat(status).isIn(400, 401, 403);
    }
}
