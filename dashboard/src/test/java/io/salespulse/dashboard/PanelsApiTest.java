package io.salespulse.dashboard;

import static io.salespulse.dashboard.Browser.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each endpoint's numbers for the known aggregates in {@link Fixture}, with and without filters. */
@QuarkusTest
@WithTestResource(value = MariaDbTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PanelsApiTest {

    @BeforeEach
    void data() throws Exception {
        Fixture.load();
    }

    private static JsonPath get(String path) {
        return signedIn().get(path).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void kpisCompareWithThePreviousPeriodOfEqualLength() {
        signedIn().get("/api/v1/kpis?" + Fixture.RANGE).then().statusCode(200)
                .body("query.range", equalTo("custom"))
                .body("query.from", equalTo("2024-03-01T10:00:00Z"))
                .body("query.to", equalTo("2024-03-01T10:10:00Z"))
                .body("query.previousFrom", equalTo("2024-03-01T09:50:00Z"))
                .body("query.filter", nullValue())
                .body("data.revenue.value", equalTo(1045.00f))
                .body("data.revenue.previous", equalTo(500.00f))
                .body("data.revenue.changePercent", equalTo(109.0f))
                .body("data.orders.value", equalTo(30))
                .body("data.orders.previous", equalTo(10))
                .body("data.orders.changePercent", equalTo(200.0f))
                .body("data.averageOrderValue.value", equalTo(34.83f))
                .body("data.averageOrderValue.previous", equalTo(50.00f))
                .body("data.averageOrderValue.changePercent", equalTo(-30.3f))
                .body("data.items.value", equalTo(60))
                .body("data.items.changePercent", equalTo(200.0f));
    }

    @Test
    void aCountryFilterNarrowsKpisAndSeries() {
        signedIn().get("/api/v1/kpis?" + Fixture.RANGE + "&country=us").then().statusCode(200)
                .body("query.filter.dimension", equalTo("country"))
                .body("query.filter.value", equalTo("US"))
                .body("data.revenue.value", equalTo(645.00f))
                .body("data.revenue.changePercent", equalTo(29.0f))
                .body("data.orders.value", equalTo(10))
                .body("data.orders.changePercent", equalTo(0.0f))
                .body("data.averageOrderValue.value", equalTo(64.50f));
        signedIn().get("/api/v1/kpis?" + Fixture.RANGE + "&country=DE").then().statusCode(200)
                .body("data.revenue.value", equalTo(400.00f))
                .body("data.revenue.previous", equalTo(0.0f))
                .body("data.revenue.changePercent", nullValue());
        JsonPath series = get("/api/v1/timeseries?" + Fixture.RANGE + "&country=DE");
        assertThat(series.getList("data.points.revenue", Float.class)).containsOnly(40.00f);
        assertThat(series.getList("data.points.orders", Integer.class)).containsOnly(2);
    }

    @Test
    void categoryAndCardTypeFilters() {
        signedIn().get("/api/v1/kpis?" + Fixture.RANGE + "&category=Books").then().statusCode(200)
                .body("data.revenue.value", equalTo(250.00f))
                .body("data.revenue.previous", equalTo(500.00f))
                .body("data.revenue.changePercent", equalTo(-50.0f));
        signedIn().get("/api/v1/kpis?" + Fixture.RANGE + "&cardType=amex").then().statusCode(200)
                .body("query.filter.value", equalTo("AMEX"))
                .body("data.revenue.value", equalTo(150.00f))
                .body("data.items.value", equalTo(30));
    }

    @Test
    void timeSeriesHasEveryMinute() {
        JsonPath series = get("/api/v1/timeseries?" + Fixture.RANGE);
        assertThat(series.getInt("data.stepMinutes")).isEqualTo(1);
        assertThat(series.getList("data.points.t", String.class)).hasSize(10)
                .startsWith("2024-03-01T10:00:00Z").endsWith("2024-03-01T10:09:00Z");
        assertThat(series.getList("data.points.revenue", Float.class))
                .containsExactly(100f, 101f, 102f, 103f, 104f, 105f, 106f, 107f, 108f, 109f);
        assertThat(series.getList("data.points.orders", Integer.class)).containsOnly(3);
    }

    @Test
    void longRangesAreBucketed() {
        JsonPath day = get("/api/v1/timeseries?range=custom&from=2024-03-01T00:00:00Z&to=2024-03-02T00:00:00Z");
        assertThat(day.getInt("data.stepMinutes")).isEqualTo(2);
        assertThat(day.getList("data.points")).hasSize(720);
        assertThat(day.getString("data.points[300].t")).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(day.getFloat("data.points[300].revenue")).isEqualTo(201f);
        assertThat(day.getFloat("data.points[295].revenue")).isEqualTo(100f);
        assertThat(day.getFloat("data.points[0].revenue")).isZero();
    }

    @Test
    void breakdownsAreRankedByRevenue() {
        signedIn().get("/api/v1/by-country?" + Fixture.RANGE).then().statusCode(200)
                .body("data.dimension", equalTo("country"))
                .body("data.filtered", equalTo(true))
                .body("data.rows.key", contains("US", "DE"))
                .body("data.rows.revenue", contains(645.00f, 400.00f))
                .body("data.rows.orders", contains(10, 20));
        assertThat(get("/api/v1/by-country?" + Fixture.RANGE).getDouble("data.rows[0].share"))
                .isCloseTo(645.0 / 1045.0, org.assertj.core.data.Offset.offset(1e-6));
        signedIn().get("/api/v1/by-card-type?" + Fixture.RANGE).then().statusCode(200)
                .body("data.rows.key", contains("VISA", "AMEX"))
                .body("data.rows.revenue", contains(895.00f, 150.00f));
        signedIn().get("/api/v1/by-category?" + Fixture.RANGE).then().statusCode(200)
                .body("data.rows.key", contains("Electronics", "Books"))
                .body("data.rows.revenue", contains(795.00f, 250.00f))
                .body("data.rows.items", contains(50, 10));
    }

    @Test
    void aFilterOnAnotherDimensionIsFlaggedNotApplied() {
        signedIn().get("/api/v1/by-card-type?" + Fixture.RANGE + "&country=US").then().statusCode(200)
                .body("data.filtered", equalTo(false))
                .body("data.note", org.hamcrest.Matchers.containsString("Not filtered by country"))
                .body("data.rows.revenue", contains(895.00f, 150.00f));
        signedIn().get("/api/v1/by-country?" + Fixture.RANGE + "&country=US").then().statusCode(200)
                .body("data.filtered", equalTo(true))
                .body("data.rows.key", contains("US"));
        signedIn().get("/api/v1/top-products?" + Fixture.RANGE + "&category=Books").then().statusCode(200)
                .body("data.filtered", equalTo(true))
                .body("data.rows.productId", contains("P-2001"));
        signedIn().get("/api/v1/top-products?" + Fixture.RANGE + "&cardType=VISA").then().statusCode(200)
                .body("data.filtered", equalTo(false));
    }

    @Test
    void topProducts() {
        signedIn().get("/api/v1/top-products?" + Fixture.RANGE).then().statusCode(200)
                .body("data.rows", hasSize(3))
                .body("data.rows.rank", contains(1, 2, 3))
                .body("data.rows.productId", contains("P-1001", "P-2001", "P-1003"))
                .body("data.rows[1].name", equalTo(Fixture.PRODUCT_B))
                .body("data.rows[1].category", equalTo("Books"))
                .body("data.rows.revenue", contains(645.00f, 250.00f, 150.00f));
    }

    @Test
    void pipelineCountsWhatWasCommittedInTheRange() {
        signedIn().get("/api/v1/pipeline?" + Fixture.RANGE).then().statusCode(200)
                .body("data.inRange.batches", equalTo(2))
                .body("data.inRange.validOrders", equalTo(30))
                .body("data.inRange.deadLetters", equalTo(3))
                .body("data.inRange.lateEvents", equalTo(1))
                .body("data.inRange.inputRecords", equalTo(33))
                .body("data.now.status", org.hamcrest.Matchers.oneOf("ok", "stalled", "lagging"))
                .body("data.now.stallAfterSeconds", equalTo(30));
    }

    @Test
    void snapshotHoldsEveryPanel() {
        JsonPath s = get("/api/v1/snapshot?" + Fixture.RANGE);
        assertThat(s.getFloat("kpis.revenue.value")).isEqualTo(1045f);
        assertThat(s.getList("timeSeries.points")).hasSize(10);
        assertThat(s.getList("byCountry.rows.key")).containsExactly("US", "DE");
        assertThat(s.getList("byCardType.rows.key")).containsExactly("VISA", "AMEX");
        assertThat(s.getList("byCategory.rows.key")).containsExactly("Electronics", "Books");
        assertThat(s.getList("topProducts.rows")).hasSize(3);
        assertThat(s.getInt("pipeline.deadLetters")).isEqualTo(3);
        assertThat(s.getLong("dataVersion")).isPositive();
    }

    @Test
    void filterOptionsComeFromTheData() {
        JsonPath f = get("/api/v1/filters");
        assertThat(f.getList("cardTypes.value", String.class)).contains("VISA", "AMEX", "DINERS");
        // 2024 is outside the five weeks the lists look back; the lists are shaped right either way.
        assertThat(f.getList("countries")).isNotNull();
        assertThat(f.getList("categories")).isNotNull();
    }

    @Test
    void csvExportOfEveryPanel() {
        String kpis = signedIn().get("/api/v1/kpis.csv?" + Fixture.RANGE).then().statusCode(200)
                .header("Content-Type", org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Content-Disposition", equalTo(
                        "attachment; filename=\"salespulse-kpis-20240301T1000Z-20240301T1010Z.csv\""))
                .extract().asString();
        assertThat(kpis.split("\r\n")).containsExactly(
                "kpi,value,previous_period,change_percent",
                "revenue_usd,1045.00,500.00,109.0",
                "orders,30,10,200.0",
                "average_order_value_usd,34.83,50.00,-30.3",
                "items,60,20,200.0");
        String products = signedIn().get("/api/v1/top-products.csv?" + Fixture.RANGE).then().statusCode(200)
                .extract().asString();
        assertThat(products.split("\r\n")).containsExactly(
                "rank,product_id,product_name,category,revenue_usd,orders,items",
                "1,P-1001,Wireless Earbuds,Electronics,645.00,10,20",
                "2,P-2001,\"Atlas, \"\"Deluxe\"\" edition\",Books,250.00,10,10",
                "3,P-1003,'=cmd|' /C calc'!A0,Electronics,150.00,10,30");
        String country = signedIn().get("/api/v1/by-country.csv?" + Fixture.RANGE + "&country=DE").then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("-country-DE.csv"))
                .extract().asString();
        assertThat(country.split("\r\n")).containsExactly("country,revenue_usd,orders,items,revenue_share",
                "DE,400.00,20,40,1.0");
        for (String panel : List.of("timeseries", "by-card-type", "by-category", "pipeline")) {
            String csv = signedIn().get("/api/v1/" + panel + ".csv?" + Fixture.RANGE).then().statusCode(200).extract().asString();
            assertThat(csv.split("\r\n").length).as(panel).isGreaterThan(1);
        }
        signedIn().get("/api/v1/nothing.csv?" + Fixture.RANGE).then().statusCode(404);
    }

    @Test
    void openApiDocumentsTheApi() {
        String spec = signedIn().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertThat(spec).contains("/api/v1/kpis", "/api/v1/timeseries", "/api/v1/by-country", "/api/v1/by-card-type",
                "/api/v1/by-category", "/api/v1/top-products", "/api/v1/pipeline", "/api/v1/live", "/api/v1/{panel}.csv",
                "\"cardType\"", "\"range\"", "\"from\"");
    }
}
