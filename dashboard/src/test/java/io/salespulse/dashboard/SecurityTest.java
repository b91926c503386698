package io.salespulse.dashboard;

import static io.restassured.RestAssured.given;
import static io.salespulse.dashboard.Browser.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URL;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sign-in, CSRF on every form, what is open without a session, and the security headers. */
@QuarkusTest
@WithTestResource(value = MariaDbTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SecurityTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/kpis", "/api/v1/snapshot", "/api/v1/live", "/api/v1/kpis.csv", "/api/v1/filters",
            "/api/v1/me"})
    void apiNeedsASession(String path) {
        given().redirects().follow(false).get(path).then().statusCode(401);
        given().redirects().follow(false).cookie(Browser.SESSION, "forged-or-expired").get(path).then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/q/openapi", "/_static/echarts/dist/echarts.min.js"})
    void pagesSendBrowsersToSignIn(String path) {
        given().redirects().follow(false).get(path + "?range=15m").then().statusCode(302)
                .header("Location", equalTo("/login?next=" + java.net.URLEncoder.encode(path + "?range=15m",
                        java.nio.charset.StandardCharsets.UTF_8)));
    }

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void healthAndMetricsAreOpenOnTheManagementPortOnly() {
        // the management root (quarkus.management.root-path, /q) is part of this URL already
        String base = management.toString().replaceAll("/+$", "");
        assertThat(management.getPort()).isNotEqualTo(RestAssured.port);
        given().get(base + "/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get(base + "/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("Database connections health check"));
        given().get("/static/dashboard.css").then().statusCode(200);
        given().get(base + "/metrics").then().statusCode(200)
                .body(containsString("salespulse_dashboard_polls_total"))
                .body(containsString("salespulse_dashboard_live_clients"))
                .body(containsString("http_server_requests_seconds"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/metrics", "/q/health", "/q/health/ready"})
    void metricsAndHealthAreNotServedOnThePublicPort(String path) {
        // what the Ingress routes to: without a session, only the sign-in page; with one, nothing there
        Response anonymous = given().redirects().follow(false).get(path);
        assertThat(anonymous.statusCode()).isIn(302, 401);
        assertThat(anonymous.body().asString()).doesNotContain("salespulse_dashboard").doesNotContain("UP");
        signedIn().get(path).then().statusCode(404);
    }

    @Test
    void anApiTokenNoLongerConfiguredIsRefused() {
        // LimitsProfile configures this token (ApiTokenTest); here the configuration no longer lists it
        given().header("Authorization", "Bearer " + LimitsProfile.API_TOKEN).get("/api/v1/kpis").then().statusCode(401);
    }

    @Test
    void signInStartsASessionAndGoesWhereTheUserWasHeaded() {
        String[] csrf = Browser.csrf("/login", null);
        Response r = given().redirects().follow(false).cookie(Browser.CSRF, csrf[0])
                .formParam("csrf-token", csrf[1]).formParam("username", MariaDbTestResource.USER)
                .formParam("password", MariaDbTestResource.PASSWORD).formParam("next", "/?range=24h&country=US")
                .post("/login");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.header("Location")).endsWith("/?range=24h&country=US");
        assertThat(r.detailedCookie(Browser.SESSION).isHttpOnly()).isTrue();
        assertThat(r.detailedCookie(Browser.SESSION).getSameSite()).isEqualToIgnoringCase("Strict");
        given().cookie(Browser.SESSION, r.cookie(Browser.SESSION)).get("/api/v1/me").then().statusCode(200)
                .body("user", equalTo(MariaDbTestResource.USER));
    }

    @Test
    void wrongPasswordOrUnknownUserIsRefused() {
        for (String[] attempt : new String[][] {{MariaDbTestResource.USER, "wrong"}, {"nobody", "correct horse"},
                {MariaDbTestResource.USER, ""}}) {
            Response r = Browser.signIn(attempt[0], attempt[1]);
            assertThat(r.statusCode()).isEqualTo(303);
            assertThat(r.header("Location")).contains("/login?error");
            assertThat(r.cookie(Browser.SESSION)).isNull();
        }
        given().get("/login?error=1").then().statusCode(200).body(containsString("Wrong user name or password"));
    }

    @Test
    void signInWithoutTheCsrfTokenIsRejected() {
        String[] csrf = Browser.csrf("/login", null);
        // no cookie, no field
        given().redirects().follow(false).formParam("username", MariaDbTestResource.USER)
                .formParam("password", MariaDbTestResource.PASSWORD).post("/login").then().statusCode(400);
        // field without the matching cookie (a cross-site form cannot read or set it)
        given().redirects().follow(false).formParam("csrf-token", csrf[1]).formParam("username", MariaDbTestResource.USER)
                .formParam("password", MariaDbTestResource.PASSWORD).post("/login").then().statusCode(400);
        // cookie with a different field value
        given().redirects().follow(false).cookie(Browser.CSRF, csrf[0]).formParam("csrf-token", "AAAAAAAAAAAAAAAAAAAAAA")
                .formParam("username", MariaDbTestResource.USER).formParam("password", MariaDbTestResource.PASSWORD)
                .post("/login").then().statusCode(400);
    }

    @Test
    void signOutNeedsTheCsrfTokenAndEndsTheSession() {
        String session = Browser.signIn(MariaDbTestResource.USER, MariaDbTestResource.PASSWORD).cookie(Browser.SESSION);
        given().redirects().follow(false).cookie(Browser.SESSION, session).post("/logout").then().statusCode(400);
        String[] csrf = Browser.csrf("/", session);
        Response out = given().redirects().follow(false).cookie(Browser.SESSION, session).cookie(Browser.CSRF, csrf[0])
                .formParam("csrf-token", csrf[1]).post("/logout");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.header("Location")).endsWith("/login?signed-out=1");
        assertThat(out.detailedCookie(Browser.SESSION).getMaxAge()).isZero();
    }

    @Test
    void nextCannotPointAwayFromTheDashboard() {
        for (String next : new String[] {"https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"}) {
            String[] csrf = Browser.csrf("/login", null);
            Response r = given().redirects().follow(false).cookie(Browser.CSRF, csrf[0]).formParam("csrf-token", csrf[1])
                    .formParam("username", MariaDbTestResource.USER).formParam("password", MariaDbTestResource.PASSWORD)
                    .formParam("next", next).post("/login");
            assertThat(r.header("Location")).as(next).endsWith("/").doesNotContain("evil");
        }
    }

    @Test
    void securityHeadersOnPagesApiAndRedirects() {
        for (Response r : new Response[] {signedIn().get("/"), signedIn().get("/api/v1/kpis"), given().get("/login"),
                given().redirects().follow(false).get("/")}) {
            assertThat(r.header("Content-Security-Policy")).contains("default-src 'none'", "script-src 'self'",
                    "frame-ancestors 'none'").doesNotContain("unsafe");
            assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        signedIn().get("/api/v1/kpis").then().header("Cache-Control", "no-store");
    }

    @Test
    void quteEscapesWhatTheUserControls() {
        String page = signedIn().get("/?category=%3Cscript%3Ealert(1)%3C/script%3E").then().statusCode(200).extract().asString();
        assertThat(page).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        given().urlEncodingEnabled(false).get("/login?next=%22%3E%3Cscript%3E").then().statusCode(200).body(not(containsString("\"><script>")));
    }
}
