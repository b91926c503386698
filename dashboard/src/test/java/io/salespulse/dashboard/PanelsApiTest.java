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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each endpoint's numbers for the known aggregates in {@link Fixture}: unfiltered, and for every kind of filter
 * combination on every panel.
 */
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
                .body("data.revenue.value", equalTo(1245.00f))
                .body("data.revenue.previous", equalTo(500.00f))
                .body("data.revenue.changePercent", equalTo(149.0f))
                .body("data.orders.value", equalTo(40))
                .body("data.orders.previous", equalTo(10))
                .body("data.orders.changePercent", equalTo(300.0f))
                .body("data.averageOrderValue.value", equalTo(31.13f))
                .body("data.averageOrderValue.previous", equalTo(50.00f))
                .body("data.averageOrderValue.changePercent", equalTo(-37.7f))
                .body("data.items.value", equalTo(80))
                .body("data.items.changePercent", equalTo(300.0f));
    }

    @Test
    void filtersAreEchoedAndPreviousPeriodsNarrowedToo() {
        signedIn().get("/api/v1/kpis?" + Fixture.RANGE + "&country=us&cardType=amex&category=Books").then().statusCode(200)
                .body("query.filter.country", equalTo("US"))
                .body("query.filter.cardType", equalTo("AMEX"))
                .body("query.filter.category", equalTo("Books"));
        signedIn().get("/api/v1/kpis?" + Fixture.RANGE + "&country=US").then().statusCode(200)
                .body("query.filter.country", equalTo("US"))
                .body("query.filter.cardType", nullValue())
                .body("data.revenue.previous", equalTo(500.00f))
                .body("data.revenue.changePercent", equalTo(69.0f))
                .body("data.orders.changePercent", equalTo(100.0f));
        // Books, line level: the previous period's Books orders; now B's lines and D's Books lines.
        signedIn().get("/api/v1/kpis?" + Fixture.RANGE + "&category=Books").then().statusCode(200)
                .body("data.revenue.previous", equalTo(500.00f))
                .body("data.revenue.changePercent", equalTo(-40.0f))
                .body("data.orders.changePercent", equalTo(100.0f));
        signedIn().get("/api/v1/kpis?" + Fixture.RANGE + "&country=US&cardType=MASTERCARD&category=Books").then()
                .statusCode(200)
                .body("data.revenue.value", equalTo(0.0f))
                .body("data.revenue.previous", equalTo(500.00f))
                .body("data.revenue.changePercent", equalTo(-100.0f))
                .body("data.orders.previous", equalTo(10));
    }

    /** What every panel of one view must show. */
    private record Expected(String filter, String revenue, long orders, long items, String aov, float minuteRevenue,
            int minuteOrders, List<String> byCountry, List<String> byCardType, List<String> byCategory,
            List<String> topProducts) {
    }

    /** "KEY revenue orders items" rows, as a breakdown or top-products answer gives them. */
    private static List<String> rows(JsonPath json, String path, String key) {
        List<Map<String, Object>> rows = json.getList(path);
        return rows.stream().map(r -> r.get(key) + " " + new java.math.BigDecimal(r.get("revenue").toString()).setScale(2)
                + " " + r.get("orders") + " " + r.get("items")).toList();
    }

    private static final List<Expected> VIEWS = List.of(
            new Expected("", "1245.00", 40, 80, "31.13", 120f, 4,
                    List.of("US 845.00 20 40", "DE 400.00 20 40"),
                    List.of("VISA 895.00 20 30", "AMEX 350.00 20 50"),
                    List.of("Electronics 945.00 30 60", "Books 300.00 20 20"),
                    List.of("P-1001 645.00 10 20", "P-1003 300.00 20 40", "P-2001 250.00 10 10", "P-2002 50.00 10 10")),
            // Country only: whole orders (A and D); by category and products are D's lines counted per category.
            new Expected("&country=US", "845.00", 20, 40, "42.25", 80f, 2,
                    List.of("US 845.00 20 40"),
                    List.of("VISA 645.00 10 20", "AMEX 200.00 10 20"),
                    List.of("Electronics 795.00 20 30", "Books 50.00 10 10"),
                    List.of("P-1001 645.00 10 20", "P-1003 150.00 10 10", "P-2002 50.00 10 10")),
            new Expected("&cardType=AMEX", "350.00", 20, 50, "17.50", 35f, 2,
                    List.of("US 200.00 10 20", "DE 150.00 10 30"),
                    List.of("AMEX 350.00 20 50"),
                    List.of("Electronics 300.00 20 40", "Books 50.00 10 10"),
                    List.of("P-1003 300.00 20 40", "P-2002 50.00 10 10")),
            // Category only: Books lines (B, and D's Books line); orders = orders with a Books line.
            new Expected("&category=Books", "300.00", 20, 20, "15.00", 30f, 2,
                    List.of("DE 250.00 10 10", "US 50.00 10 10"),
                    List.of("VISA 250.00 10 10", "AMEX 50.00 10 10"),
                    List.of("Books 300.00 20 20"),
                    List.of("P-2001 250.00 10 10", "P-2002 50.00 10 10")),
            new Expected("&country=US&cardType=AMEX", "200.00", 10, 20, "20.00", 20f, 1,
                    List.of("US 200.00 10 20"),
                    List.of("AMEX 200.00 10 20"),
                    List.of("Electronics 150.00 10 10", "Books 50.00 10 10"),
                    List.of("P-1003 150.00 10 10", "P-2002 50.00 10 10")),
            new Expected("&country=US&category=Electronics", "795.00", 20, 30, "39.75", 75f, 2,
                    List.of("US 795.00 20 30"),
                    List.of("VISA 645.00 10 20", "AMEX 150.00 10 10"),
                    List.of("Electronics 795.00 20 30"),
                    List.of("P-1001 645.00 10 20", "P-1003 150.00 10 10")),
            new Expected("&country=US&cardType=AMEX&category=Books", "50.00", 10, 10, "5.00", 5f, 1,
                    List.of("US 50.00 10 10"),
                    List.of("AMEX 50.00 10 10"),
                    List.of("Books 50.00 10 10"),
                    List.of("P-2002 50.00 10 10")),
            new Expected("&country=DE&cardType=AMEX&category=Books", "0.00", 0, 0, "0.00", 0f, 0,
                    List.of(), List.of(), List.of(), List.of()));

    @Test
    void everyFilterCombinationNarrowsEveryPanel() {
        for (Expected e : VIEWS) {
            String query = Fixture.RANGE + e.filter();
            JsonPath s = get("/api/v1/snapshot?" + query);
            assertThat(new java.math.BigDecimal(s.getString("kpis.revenue.value")).setScale(2).toPlainString())
                    .as(e.filter() + " revenue").isEqualTo(e.revenue());
            assertThat(s.getLong("kpis.orders.value")).as(e.filter() + " orders").isEqualTo(e.orders());
            assertThat(s.getLong("kpis.items.value")).as(e.filter() + " items").isEqualTo(e.items());
            assertThat(new java.math.BigDecimal(s.getString("kpis.averageOrderValue.value")).setScale(2).toPlainString())
                    .as(e.filter() + " aov").isEqualTo(e.aov());
            List<Float> revenue = s.getList("timeSeries.points.revenue", Float.class);
            assertThat(revenue).as(e.filter() + " series").hasSize(10);
            // The first minute, then each minute adds 1 USD where order A (US VISA Electronics, 60+m USD) is in view.
            assertThat(revenue.get(0)).as(e.filter() + " first minute").isEqualTo(e.minuteRevenue());
            assertThat(s.getList("timeSeries.points.orders", Integer.class)).as(e.filter()).containsOnly(e.minuteOrders());
            assertThat(revenue.stream().mapToDouble(Float::doubleValue).sum()).as(e.filter() + " series sum")
                    .isCloseTo(Double.parseDouble(e.revenue()), org.assertj.core.data.Offset.offset(0.001));
            assertThat(rows(s, "byCountry.rows", "key")).as(e.filter() + " by country").isEqualTo(e.byCountry());
            assertThat(rows(s, "byCardType.rows", "key")).as(e.filter() + " by card type").isEqualTo(e.byCardType());
            assertThat(rows(s, "byCategory.rows", "key")).as(e.filter() + " by category").isEqualTo(e.byCategory());
            assertThat(rows(s, "topProducts.rows", "productId")).as(e.filter() + " top products").isEqualTo(e.topProducts());
            assertThat(s.getMap("byCountry")).doesNotContainKeys("filtered", "note");
            assertThat(s.getMap("topProducts")).doesNotContainKeys("filtered", "note");

            // Each panel's own endpoint answers the same as the snapshot; by/{dimension} (from the catalogue) too.
            for (Map.Entry<String, String> panel : Map.of("kpis", "kpis", "timeseries", "timeSeries", "by-country",
                    "byCountry", "by-card-type", "byCardType", "by-category", "byCategory", "top-products", "topProducts",
                    "by/country", "byCountry", "by/card-type", "byCardType", "by/category", "byCategory").entrySet()) {
                assertThat(get("/api/v1/" + panel.getKey() + "?" + query).getMap("data"))
                        .as(e.filter() + " " + panel.getKey()).isEqualTo(s.getMap(panel.getValue()));
            }
        }
    }

    @Test
    void aBreakdownTheCatalogueDoesNotHaveIsNotFound() {
        signedIn().get("/api/v1/by/product?" + Fixture.RANGE).then().statusCode(404);
        signedIn().get("/api/v1/by-nothing.csv?" + Fixture.RANGE).then().statusCode(404);
        signedIn().get("/api/v1/by/cardType?" + Fixture.RANGE).then().statusCode(200);
    }

    @Test
    void combinedFiltersInCsv() {
        String csv = signedIn().get("/api/v1/by-category.csv?" + Fixture.RANGE + "&country=US&cardType=AMEX").then()
                .statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.endsWith("-country-US-cardType-AMEX.csv\""))
                .extract().asString();
        assertThat(csv.split("\r\n")).containsExactly("category,revenue_usd,orders,items,revenue_share",
                "Electronics,150.00,10,10,0.75", "Books,50.00,10,10,0.25");
        String kpis = signedIn().get("/api/v1/kpis.csv?" + Fixture.RANGE + "&country=US&cardType=AMEX&category=Books")
                .then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.endsWith(
                        "-country-US-cardType-AMEX-category-Books.csv\""))
                .extract().asString();
        assertThat(kpis.split("\r\n")).containsExactly(
                "kpi,value,previous_period,change_percent",
                "revenue_usd,50.00,0.00,",
                "orders,10,0,",
                "average_order_value_usd,5.00,0.00,",
                "items,10,0,");
    }

    @Test
    void timeSeriesHasEveryMinute() {
        JsonPath series = get("/api/v1/timeseries?" + Fixture.RANGE);
        assertThat(series.getInt("data.stepMinutes")).isEqualTo(1);
        assertThat(series.getList("data.points.t", String.class)).hasSize(10)
                .startsWith("2024-03-01T10:00:00Z").endsWith("2024-03-01T10:09:00Z");
        assertThat(series.getList("data.points.revenue", Float.class))
                .containsExactly(120f, 121f, 122f, 123f, 124f, 125f, 126f, 127f, 128f, 129f);
        assertThat(series.getList("data.points.orders", Integer.class)).containsOnly(4);
        assertThat(get("/api/v1/timeseries?" + Fixture.RANGE + "&country=US&category=Electronics")
                .getList("data.points.revenue", Float.class))
                .containsExactly(75f, 76f, 77f, 78f, 79f, 80f, 81f, 82f, 83f, 84f);
    }

    @Test
    void longRangesAreBucketed() {
        JsonPath day = get("/api/v1/timeseries?range=custom&from=2024-03-01T00:00:00Z&to=2024-03-02T00:00:00Z");
        assertThat(day.getInt("data.stepMinutes")).isEqualTo(2);
        assertThat(day.getList("data.points")).hasSize(720);
        assertThat(day.getString("data.points[300].t")).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(day.getFloat("data.points[300].revenue")).isEqualTo(241f);
        assertThat(day.getFloat("data.points[295].revenue")).isEqualTo(100f);
        assertThat(day.getFloat("data.points[0].revenue")).isZero();
        JsonPath books = get("/api/v1/timeseries?range=custom&from=2024-03-01T00:00:00Z&to=2024-03-02T00:00:00Z"
                + "&cardType=MASTERCARD&category=Books");
        assertThat(books.getFloat("data.points[295].revenue")).isEqualTo(100f);
        assertThat(books.getFloat("data.points[300].revenue")).isZero();
    }

    @Test
    void breakdownsAreRankedByRevenue() {
        signedIn().get("/api/v1/by-country?" + Fixture.RANGE).then().statusCode(200)
                .body("data.dimension", equalTo("country"))
                .body("data.rows.key", contains("US", "DE"))
                .body("data.rows.revenue", contains(845.00f, 400.00f))
                .body("data.rows.orders", contains(20, 20));
        assertThat(get("/api/v1/by-country?" + Fixture.RANGE).getDouble("data.rows[0].share"))
                .isCloseTo(845.0 / 1245.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(get("/api/v1/by-card-type?" + Fixture.RANGE + "&category=Books").getDouble("data.rows[1].share"))
                .isCloseTo(50.0 / 300.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void topProducts() {
        signedIn().get("/api/v1/top-products?" + Fixture.RANGE).then().statusCode(200)
                .body("data.rows", hasSize(4))
                .body("data.rows.rank", contains(1, 2, 3, 4))
                .body("data.rows.productId", contains("P-1001", "P-1003", "P-2001", "P-2002"))
                .body("data.rows[2].name", equalTo(Fixture.PRODUCT_B))
                .body("data.rows[2].category", equalTo("Books"))
                .body("data.rows.revenue", contains(645.00f, 300.00f, 250.00f, 50.00f));
        signedIn().get("/api/v1/top-products?" + Fixture.RANGE + "&country=DE&cardType=AMEX").then().statusCode(200)
                .body("data.rows.name", contains(Fixture.PRODUCT_C))
                .body("data.rows.category", contains("Electronics"));
    }

    @Test
    void pipelineCountsWhatWasCommittedInTheRange() {
        signedIn().get("/api/v1/pipeline?" + Fixture.RANGE).then().statusCode(200)
                .body("data.inRange.batches", equalTo(2))
                .body("data.inRange.validOrders", equalTo(40))
                .body("data.inRange.deadLetters", equalTo(3))
                .body("data.inRange.lateEvents", equalTo(1))
                .body("data.inRange.inputRecords", equalTo(43))
                .body("data.now.status", org.hamcrest.Matchers.oneOf("ok", "stalled", "idle", "lagging"))
                .body("data.now.stallAfterSeconds", equalTo(30));
    }

    @Test
    void snapshotHoldsEveryPanel() {
        JsonPath s = get("/api/v1/snapshot?" + Fixture.RANGE);
        assertThat(s.getFloat("kpis.revenue.value")).isEqualTo(1245f);
        assertThat(s.getList("timeSeries.points")).hasSize(10);
        assertThat(s.getList("byCountry.rows.key")).containsExactly("US", "DE");
        assertThat(s.getList("byCardType.rows.key")).containsExactly("VISA", "AMEX");
        assertThat(s.getList("byCategory.rows.key")).containsExactly("Electronics", "Books");
        assertThat(s.getList("topProducts.rows")).hasSize(4);
        assertThat(s.getInt("pipeline.deadLetters")).isEqualTo(3);
        assertThat(s.getLong("dataVersion")).isPositive();
    }

    /**
     * Channel is in the catalogue and nowhere in the dashboard's code: its panel, filter, CSV and filter list exist
     * all the same. One web and two mobile-app orders on a day of their own.
     */
    @Test
    void aDimensionOnlyTheCatalogueNamesHasItsPanelFilterAndCsv() throws Exception {
        java.time.Instant day = java.time.Instant.parse("2024-03-02T10:00:00Z");
        try (TestDb.Batch batch = new TestDb.Batch(-2001)) {
            batch.sale(day, "US", "VISA", "Books", "P-2001", Fixture.PRODUCT_B, "20.00", 1, 1)
                    .channel("mobile_app")
                    .sale(day, "DE", "VISA", "Books", "P-2001", Fixture.PRODUCT_B, "70.00", 2, 3)
                    .commit();
        }
        String range = "range=custom&from=2024-03-02T10:00:00Z&to=2024-03-02T10:05:00Z";
        signedIn().get("/api/v1/by/channel?" + range).then().statusCode(200)
                .body("data.rows.key", contains("mobile_app", "web"))
                .body("data.rows.revenue", contains(70.00f, 20.00f))
                .body("data.rows.orders", contains(2, 1));
        signedIn().get("/api/v1/kpis?" + range + "&channel=MOBILE_APP").then().statusCode(200)
                .body("query.filter.channel", equalTo("mobile_app"))
                .body("data.revenue.value", equalTo(70.00f))
                .body("data.items.value", equalTo(3));
        // Line level with a channel: the Books lines of web orders.
        signedIn().get("/api/v1/kpis?" + range + "&channel=web&category=Books").then().statusCode(200)
                .body("data.revenue.value", equalTo(20.00f));
        JsonPath s = get("/api/v1/snapshot?" + range + "&country=DE");
        assertThat(s.getList("byChannel.rows.key")).containsExactly("mobile_app");
        String csv = signedIn().get("/api/v1/by-channel.csv?" + range).then().statusCode(200).extract().asString();
        assertThat(csv.split("\r\n")).hasSize(3);
        assertThat(get("/api/v1/filters").getList("channels.value", String.class))
                .containsExactly("web", "mobile_app", "marketplace");
        signedIn().get("/api/v1/kpis?" + range + "&channel=fax").then().statusCode(400)
                .body(org.hamcrest.Matchers.containsString("channel"));
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
                "revenue_usd,1245.00,500.00,149.0",
                "orders,40,10,300.0",
                "average_order_value_usd,31.13,50.00,-37.7",
                "items,80,20,300.0");
        String products = signedIn().get("/api/v1/top-products.csv?" + Fixture.RANGE).then().statusCode(200)
                .extract().asString();
        assertThat(products.split("\r\n")).containsExactly(
                "rank,product_id,product_name,category,revenue_usd,orders,items",
                "1,P-1001,Wireless Earbuds,Electronics,645.00,10,20",
                "2,P-1003,'=cmd|' /C calc'!A0,Electronics,300.00,20,40",
                "3,P-2001,\"Atlas, \"\"Deluxe\"\" edition\",Books,250.00,10,10",
                "4,P-2002,Cookbook,Books,50.00,10,10");
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
                "\"cardType\"", "\"range\"", "\"from\"",
                "\"channel\"", "\"mobile_app\"",
                "orders are the orders with at least one line in the category", "combines with the other filters");
        assertThat(spec).doesNotContain("One filter at a time");
    }
}
