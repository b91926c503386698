package io.salespulse.dashboard;

import static io.salespulse.dashboard.Browser.signedIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every endpoint answers bad parameters with a 400 that names the parameter, never a 500. */
@QuarkusTest
@WithTestResource(value = MariaDbTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BadParametersTest {

    private static final List<String> ENDPOINTS = List.of("/api/v1/snapshot", "/api/v1/kpis", "/api/v1/timeseries",
            "/api/v1/by-country", "/api/v1/by-card-type", "/api/v1/by-category", "/api/v1/top-products",
            "/api/v1/pipeline", "/api/v1/kpis.csv", "/api/v1/live");

    @ParameterizedTest(name = "{0} -> 400 on {1}")
    @CsvSource(delimiter = '|', value = {
        "country=XX                                                   | country   | not an ISO 3166-1",
        "country=USA                                                  | country   | not an ISO 3166-1",
        "country=%27%20OR%201%3D1%20--                                | country   | not an ISO 3166-1",
        "cardType=PAYPAL                                              | cardType  | not one of VISA",
        "category=%01bad                                              | category  | printable",
        "range=2w                                                     | range     | not one of 15m, 1h, 24h, 7d, custom",
        "range=custom&from=2024-03-01T10:00:00Z                       | to        | required with range=custom",
        "range=custom&to=2024-03-01T10:00:00Z                         | from      | required with range=custom",
        "from=yesterday&to=2024-03-01T10:00:00Z                       | from      | not an ISO-8601 time",
        "from=2024-03-01T10:00:00Z&to=2024-13-01T10:00:00Z            | to        | not an ISO-8601 time",
        "from=2024-03-01T11:00:00Z&to=2024-03-01T10:00:00Z            | from      | must be before to",
        "from=2024-03-01T10:00:00Z&to=2024-03-01T10:00:00Z            | from      | must be before to",
        "from=2024-01-01T00:00:00Z&to=2024-03-01T00:00:00Z            | to        | at most 31 days",
        "from=0001-01-01T00:00:00Z&to=2024-03-01T00:00:00Z            | from      | outside the years",
        "range=1h&from=2024-03-01T10:00:00Z                           | from      | only allowed with range=custom",
        "country=US&cardType=VISA&category=Books&cardType=AMEX        | cardType  | give one value",
        "country=US&cardType=BITCOIN&category=Books                   | cardType  | not one of VISA",
        "country=ZZ&cardType=VISA&category=Books                      | country   | not an ISO 3166-1",
        "country=US&country=DE                                        | country   | give one value",
        "contry=US                                                    | contry    | unknown parameter",
    })
    void badParameterIsNamed(String query, String parameter, String message) {
        for (String endpoint : ENDPOINTS) {
            JsonPath body = signedIn().accept("application/json, text/csv, text/event-stream")
                    .get(endpoint + "?" + query.strip())
                    .then().statusCode(400).extract().jsonPath();
            assertThat(body.getString("error")).isEqualTo("bad_parameter");
            assertThat(body.getString("parameter")).as(endpoint).isEqualTo(parameter);
            assertThat(body.getString("message")).as(endpoint).startsWith(parameter + ": ").contains(message);
        }
    }

    @ParameterizedTest
    @CsvSource({"country=", "range=1h&country=&cardType=&category=", "from=2024-03-01T10:00&to=2024-03-01T10:10",
            "from=2024-03-01T11:00:00%2B01:00&to=2024-03-01T10:10:00Z", "category=Home%20%26%20Kitchen", "range=7d",
            "country=US&cardType=VISA", "country=de&category=Books", "cardType=amex&category=Books",
            "range=24h&country=US&cardType=VISA&category=Home%20%26%20Kitchen"})
    void lenientOnWhatAFormSends(String query) {
        signedIn().get("/api/v1/kpis?" + query).then().statusCode(200);
    }

    @org.junit.jupiter.api.Test
    void theDashboardPageFallsBackToTheDefaultViewAndSaysWhy() {
        String page = signedIn().get("/?country=XX").then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"page-error\"").contains("country: &#39;XX&#39; is not an ISO 3166-1");
    }
}
