package io.salespulse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.salespulse.local.Deadline;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;

/**
 * The packaged dashboard (java -jar quarkus-run.jar) in headless Chromium: sign in, every panel renders the known
 * data, a newly committed batch shows up without a reload within a second, filters combine, narrow every panel, live
 * in the URL and survive a reload, the phone layout holds, and the strict CSP is never violated.
 */
@QuarkusIntegrationTest
@WithTestResource(value = MariaDbTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DashboardBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final NumberFormat USD = NumberFormat.getCurrencyInstance(Locale.US);
    private static final List<String[]> PRODUCTS = List.of(
            new String[] {"P-1001", "Wireless Earbuds", "Electronics", "79.99"},
            new String[] {"P-1002", "4K Monitor 27\"", "Electronics", "329.00"},
            new String[] {"P-2002", "Designing Data-Intensive Applications", "Books", "49.99"},
            new String[] {"P-3001", "Espresso Machine", "Home & Kitchen", "189.00"},
            new String[] {"P-4001", "Running Shoes", "Fashion", "109.95"},
            new String[] {"P-5001", "Yoga Mat", "Sports", "29.99"},
            new String[] {"P-6002", "Electric Toothbrush", "Beauty", "59.99"},
            new String[] {"P-7001", "Building Blocks Set", "Toys", "49.99"},
            new String[] {"P-8001", "Organic Coffee Beans 1kg", "Grocery", "21.90"},
            new String[] {"P-3003", "Cast Iron Skillet", "Home & Kitchen", "34.99"},
            new String[] {"P-1003", "USB-C Charger 65W", "Electronics", "39.90"});
    private static final String[] COUNTRIES = {"US", "US", "US", "US", "GB", "GB", "DE", "DE", "FR", "IN", "CA", "BR", "AU", "ES",
            "IT", "NL", "SE", "CH"};
    private static final String[] CARDS = {"VISA", "VISA", "VISA", "MASTERCARD", "MASTERCARD", "AMEX", "DISCOVER", "UNIONPAY"};

    @io.quarkus.test.common.http.TestHTTPResource("/")
    URL base;

    private static WebDriver driver;
    private static Path profile;

    /** Totals of what {@link #seed} wrote into the current hour: overall, for the US and for US VISA. */
    private static BigDecimal revenue = BigDecimal.ZERO;
    private static BigDecimal usRevenue = BigDecimal.ZERO;
    private static BigDecimal usVisaRevenue = BigDecimal.ZERO;
    private static long orders;
    private static final Map<String, BigDecimal> byProduct = new TreeMap<>();

    @BeforeAll
    static void browser() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1440,1400", "--lang=en-US");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** An hour of varied sales before now, a lighter hour before that, committed as one batch just now. */
    private static void seed() throws Exception {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        java.util.Random random = new java.util.Random(42);
        try (TestDb.Batch batch = new TestDb.Batch(1)) {
            for (int ago = 1; ago <= 115; ago++) {
                if (ago > 52 && ago < 66) {
                    continue;
                }
                boolean current = ago <= 52;
                for (int sale = 0; sale < (current ? 4 : 3); sale++) {
                    String[] p = PRODUCTS.get(random.nextInt(PRODUCTS.size()));
                    String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
                    long quantity = 1 + random.nextInt(3);
                    BigDecimal amount = new BigDecimal(p[3]).multiply(BigDecimal.valueOf(quantity));
                    String card = CARDS[random.nextInt(CARDS.length)];
                    batch.sale(minute.minus(ago, ChronoUnit.MINUTES), country, card, p[2],
                            p[0], p[1], amount.toPlainString(), 1, quantity);
                    if (current) {
                        revenue = revenue.add(amount);
                        orders++;
                        byProduct.merge(p[1], amount, BigDecimal::add);
                        if (country.equals("US")) {
                            usRevenue = usRevenue.add(amount);
                            if (card.equals("VISA")) {
                                usVisaRevenue = usVisaRevenue.add(amount);
                            }
                        }
                    }
                }
            }
            batch.rejects(3, 2).commit();
        }
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    private static void awaitText(String css, String expected) {
        Deadline.await(css + " to read " + expected, Duration.ofSeconds(15), Duration.ofMillis(50),
                () -> expected.equals(text(css)));
    }

    private static void screenshot(String name) throws IOException {
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), file,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** The whole page at desktop width: the viewport is stretched to the page's height (DevTools) for the shot. */
    private static void fullPageScreenshot(String name) throws IOException {
        int height = ((Number) js("return document.documentElement.scrollHeight;")).intValue();
        ChromeDriver chrome = (ChromeDriver) driver;
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1440, "height", height, "deviceScaleFactor", 1, "mobile", false));
        try {
            Deadline.await("the viewport to take the whole page", Duration.ofSeconds(10), Duration.ofMillis(50),
                    () -> ((Number) js("return window.innerHeight;")).intValue() >= height);
            js("Object.keys(window.salespulse.charts).forEach(function (k) { window.salespulse.charts[k].resize(); });");
            screenshot(name);
        } finally {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @SuppressWarnings("unchecked")
    private static double chartSum(String id, int series) {
        List<Object> data = (List<Object>) js("var o = echarts.getInstanceByDom(document.getElementById(arguments[0]))"
                + ".getOption(); return o.series[arguments[1]].data.map(function (d) {"
                + " return Array.isArray(d) ? d[1] : (typeof d === 'object' ? d.value : d); });", id, series);
        return data.stream().mapToDouble(d -> ((Number) d).doubleValue()).sum();
    }

    @SuppressWarnings("unchecked")
    private static List<String> chartLabels(String id) {
        return (List<String>) js("var o = echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption();"
                + " return o.yAxis && o.yAxis[0].data ? o.yAxis[0].data : o.series[0].data.map(function (d) { return d.name; });", id);
    }

    @Test
    void signInWatchTheDataArriveAndShareTheView() throws Exception {
        seed();
        String root = base.toString().replaceAll("/$", "");

        // Signing in: the dashboard sends us to the form and back.
        driver.get(root + "/?range=1h");
        Deadline.await("the sign-in form", Duration.ofSeconds(15), Duration.ofMillis(50),
                () -> driver.getCurrentUrl().contains("/login"));
        driver.findElement(By.id("username")).sendKeys(MariaDbTestResource.USER);
        driver.findElement(By.id("password")).sendKeys(MariaDbTestResource.PASSWORD);
        driver.findElement(By.id("sign-in")).click();
        Deadline.await("the dashboard", Duration.ofSeconds(15), Duration.ofMillis(50),
                () -> driver.getCurrentUrl().endsWith("/?range=1h"));
        awaitText("#live-indicator", "live");

        // Every panel shows the known data.
        awaitText("#kpi-revenue .value", USD.format(revenue));
        assertThat(text("#kpi-orders .value")).isEqualTo(String.valueOf(orders));
        assertThat(text("#kpi-revenue .change")).endsWith("% vs previous period");
        assertThat(text("#kpi-aov .value")).isEqualTo(USD.format(revenue.divide(BigDecimal.valueOf(orders), 2,
                java.math.RoundingMode.HALF_UP)));
        assertThat(chartSum("chart-timeseries", 0)).isCloseTo(revenue.doubleValue(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(chartSum("chart-timeseries", 1)).isEqualTo(orders);
        assertThat(chartSum("chart-country", 0)).isCloseTo(revenue.doubleValue(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(chartLabels("chart-country")).anyMatch(l -> l.startsWith("US")).noneMatch(l -> l.startsWith("JP"));
        assertThat(chartLabels("chart-cardType")).contains("VISA", "MASTERCARD");
        assertThat(chartSum("chart-cardType", 0)).isCloseTo(revenue.doubleValue(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(chartLabels("chart-category")).contains("Electronics", "Books");
        List<WebElement> rows = driver.findElements(By.cssSelector("#top-products tbody tr"));
        assertThat(rows).hasSize(10);
        String best = byProduct.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(rows.get(0).getText()).startsWith("1 " + best);
        assertThat(driver.findElement(By.id("health")).getAttribute("data-status")).isEqualTo("ok");
        assertThat(text("#health-dead")).isEqualTo("3 in range");
        assertThat(text("#health-late")).isEqualTo("2 in range");
        assertThat(text("#health-freshness")).endsWith("behind");
        screenshot("dashboard-initial");

        // A new committed batch appears without a reload, within a second of the commit.
        js("window.__sameDocument = 'yes';");
        long snapshotsBefore = ((Number) js("return window.salespulse.snapshots;")).longValue();
        BigDecimal added = new BigDecimal("1234.50");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        long committedAt;
        try (TestDb.Batch batch = new TestDb.Batch(2)) {
            batch.sale(now, "JP", "JCB", "Electronics", "P-1005", "Smartwatch", added.toPlainString(), 5, 5);
            batch.commit();
            committedAt = System.currentTimeMillis();
        }
        awaitText("#kpi-revenue .value", USD.format(revenue.add(added)));
        long renderedAt = ((Number) js("return window.salespulse.lastSnapshotAt;")).longValue();
        long receivedAt = ((Number) js("return window.salespulse.lastReceivedAt;")).longValue();
        System.out.printf("commit -> received %d ms, -> rendered %d ms%n", receivedAt - committedAt, renderedAt - committedAt);
        assertThat(renderedAt - committedAt).as("ms from commit to the new numbers on screen").isLessThan(1000);
        assertThat(js("return window.__sameDocument;")).isEqualTo("yes");
        assertThat(((Number) js("return window.salespulse.snapshots;")).longValue()).isGreaterThan(snapshotsBefore);
        assertThat(text("#kpi-orders .value")).isEqualTo(String.valueOf(orders + 5));
        assertThat(chartSum("chart-timeseries", 0)).isCloseTo(revenue.add(added).doubleValue(),
                org.assertj.core.data.Offset.offset(0.01));
        assertThat(chartLabels("chart-country")).anyMatch(l -> l.startsWith("JP"));
        fullPageScreenshot("dashboard");

        // Filters live in the URL, apply to every panel, combine, and survive a reload.
        new Select(driver.findElement(By.id("f-country"))).selectByValue("US");
        Deadline.await("the URL to carry the filter", Duration.ofSeconds(10), Duration.ofMillis(50),
                () -> driver.getCurrentUrl().endsWith("/?range=1h&country=US"));
        awaitText("#kpi-revenue .value", USD.format(usRevenue));
        assertThat(driver.findElement(By.cssSelector("[data-csv=by-country]")).getAttribute("href"))
                .endsWith("/api/v1/by-country.csv?range=1h&country=US");
        assertThat(chartSum("chart-cardType", 0)).isCloseTo(usRevenue.doubleValue(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(driver.findElements(By.cssSelector(".badge"))).isEmpty();
        new Select(driver.findElement(By.id("f-cardType"))).selectByValue("VISA");
        Deadline.await("the URL to carry both filters", Duration.ofSeconds(10), Duration.ofMillis(50),
                () -> driver.getCurrentUrl().endsWith("/?range=1h&country=US&cardType=VISA"));
        awaitText("#kpi-revenue .value", USD.format(usVisaRevenue));
        assertThat(new Select(driver.findElement(By.id("f-country"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("US");
        // A combined filter narrows the breakdown panels too.
        assertThat(chartLabels("chart-cardType")).containsExactly("VISA");
        assertThat(chartLabels("chart-country")).hasSize(1).allMatch(l -> l.startsWith("US"));
        assertThat(chartSum("chart-category", 0)).isCloseTo(usVisaRevenue.doubleValue(),
                org.assertj.core.data.Offset.offset(0.01));
        driver.navigate().refresh();
        awaitText("#live-indicator", "live");
        assertThat(new Select(driver.findElement(By.id("f-country"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("US");
        assertThat(new Select(driver.findElement(By.id("f-cardType"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("VISA");
        awaitText("#kpi-revenue .value", USD.format(usVisaRevenue));
        driver.navigate().back();
        Deadline.await("back to one filter", Duration.ofSeconds(10), Duration.ofMillis(50),
                () -> driver.getCurrentUrl().endsWith("/?range=1h&country=US"));
        awaitText("#kpi-revenue .value", USD.format(usRevenue));

        // A phone: one column, nothing wider than the screen.
        driver.get(root + "/?range=1h");
        awaitText("#live-indicator", "live");
        driver.manage().window().setSize(new Dimension(390, 1600));
        try {
            Deadline.await("the phone layout", Duration.ofSeconds(10), Duration.ofMillis(50),
                    () -> ((Number) js("return document.documentElement.scrollWidth;")).intValue()
                            <= ((Number) js("return window.innerWidth;")).intValue());
        } catch (IllegalStateException e) {
            screenshot("dashboard-phone-overflow");
            throw new AssertionError("wider than the phone: " + js("var w = window.innerWidth, out = [];"
                    + " document.querySelectorAll('body *').forEach(function (el) {"
                    + " var r = el.getBoundingClientRect(); if (r.right > w + 1) { out.push(el.tagName + '#' + el.id + '.'"
                    + " + el.className + ' ' + Math.round(r.right)); } }); return out.slice(0, 15).join('; ');"), e);
        }
        screenshot("dashboard-phone");
        driver.manage().window().setSize(new Dimension(1440, 1400));

        // The strict Content-Security-Policy held throughout.
        List<String> violations = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getMessage().contains("Content Security Policy") || entry.getMessage().contains("Refused to")) {
                violations.add(entry.getMessage());
            }
        }
        assertThat(violations).isEmpty();
    }
}
