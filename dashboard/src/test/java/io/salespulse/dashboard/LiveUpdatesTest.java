package io.salespulse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.salespulse.dashboard.live.LiveHub;
import io.salespulse.dashboard.live.Panels;
import io.salespulse.dashboard.live.PulsePoller;
import io.salespulse.local.Deadline;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The live path end to end: a committed batch reaches every open stream within a second, through one shared poller
 * and one computation per view, and a view the batch does not touch gets no snapshot at all.
 */
@QuarkusTest
@WithTestResource(value = MariaDbTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LiveUpdatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PANELS_PER_VIEW = 9;

    @TestHTTPResource("/api/v1/live")
    URL live;

    @Inject
    PulsePoller poller;

    @Inject
    Panels panels;

    @Inject
    LiveHub hub;

    private static BigDecimal revenue(String snapshot) {
        try {
            return new BigDecimal(JSON.readTree(snapshot).at("/kpis/revenue/value").asText());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long version(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node.path("dataVersion").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCommittedBatchReachesEveryViewerOnceWithoutPerViewerQueries() throws Exception {
        Fixture.load();
        String session = Browser.session();
        List<SseClient> recent = new ArrayList<>();
        List<BigDecimal> before = new ArrayList<>();
        try (SseClient untouched = new SseClient(URI.create(live + "?" + Fixture.RANGE), session)) {
            for (int i = 0; i < 3; i++) {
                SseClient client = new SseClient(URI.create(live + "?range=15m"), session);
                assertThat(client.status()).isEqualTo(200);
                recent.add(client);
                client.await(LiveHub.PULSE_EVENT, d -> true, Duration.ofSeconds(10));
                before.add(revenue(client.await(LiveHub.SNAPSHOT_EVENT, d -> true, Duration.ofSeconds(10)).data()));
            }
            untouched.await(LiveHub.SNAPSHOT_EVENT, d -> revenue(d).compareTo(new BigDecimal("1245.00")) == 0,
                    Duration.ofSeconds(10));
            assertThat(hub.clients()).isGreaterThanOrEqualTo(4);
            untouched.drain();

            long computationsBefore = panels.computations();
            long pollsBefore = poller.polls();
            long versionBefore = poller.dataVersion();
            long started = System.nanoTime();

            Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            long committed;
            try (TestDb.Batch batch = new TestDb.Batch(1)) {
                batch.sale(minute, "FR", "MASTERCARD", "Toys", "P-7002", "Board Game", "123.45", 2, 3);
                batch.commit();
                committed = System.nanoTime();
            }

            for (int i = 0; i < recent.size(); i++) {
                BigDecimal expected = before.get(i).add(new BigDecimal("123.45"));
                SseClient.Event update = recent.get(i).await(LiveHub.SNAPSHOT_EVENT,
                        d -> revenue(d).compareTo(expected) == 0, Duration.ofSeconds(5));
                long millis = Duration.ofNanos(update.receivedNanos() - committed).toMillis();
                assertThat(millis).as("commit to browser, client " + i).isLessThan(1000);
                assertThat(version(update.data())).isGreaterThan(versionBefore);
            }

            // The untouched (2024) view hears the pulse move but gets no snapshot: its panels did not change.
            untouched.await(LiveHub.PULSE_EVENT, d -> version(d) > versionBefore, Duration.ofSeconds(5));
            long settle = System.nanoTime() + Duration.ofMillis(1000).toNanos();
            Deadline.await("a few more poller ticks", Duration.ofSeconds(5), Duration.ofMillis(50),
                    () -> System.nanoTime() > settle);
            assertThat(untouched.drain()).extracting(SseClient.Event::name).doesNotContain(LiveHub.SNAPSHOT_EVENT);

            double seconds = (System.nanoTime() - started) / 1e9;
            long polls = poller.polls() - pollsBefore;
            // One statement per 0.2 s tick for all four viewers, not one loop each.
            assertThat(polls).isBetween(1L, (long) (seconds / 0.2) + 3);
            // Two distinct views: each panel computed once per view for the new version (a minute boundary may add
            // one more round for the rolling view), never once per viewer.
            assertThat(panels.computations() - computationsBefore).isBetween((long) PANELS_PER_VIEW, 3L * PANELS_PER_VIEW);
        } finally {
            for (SseClient client : recent) {
                client.close();
            }
        }
        Deadline.await("the server to notice closed streams", Duration.ofSeconds(10), Duration.ofMillis(50),
                () -> hub.clients() == 0);
    }

    @Test
    void combinedFiltersNarrowEveryPanelOfTheLiveStream() throws Exception {
        String session = Browser.session();
        String view = live + "?range=15m&country=NO&cardType=JCB";
        try (SseClient toys = new SseClient(URI.create(view + "&category=Toys"), session);
                SseClient books = new SseClient(URI.create(view + "&category=Books"), session);
                SseClient orders = new SseClient(URI.create(view), session)) {
            BigDecimal toysBefore = revenue(toys.await(LiveHub.SNAPSHOT_EVENT, d -> true, Duration.ofSeconds(10)).data());
            BigDecimal booksBefore = revenue(books.await(LiveHub.SNAPSHOT_EVENT, d -> true, Duration.ofSeconds(10)).data());
            BigDecimal ordersBefore = revenue(orders.await(LiveHub.SNAPSHOT_EVENT, d -> true, Duration.ofSeconds(10)).data());
            try (TestDb.Batch batch = new TestDb.Batch(3)) {
                batch.order(Instant.now().truncatedTo(ChronoUnit.MINUTES), "NO", "JCB",
                        TestDb.Line.of("Toys", "P-7003", "Kite", "7.00", 1), TestDb.Line.of("Books", "P-2003", "Atlas", "3.00", 2));
                batch.commit();
            }
            JsonNode toy = JSON.readTree(toys.await(LiveHub.SNAPSHOT_EVENT,
                    d -> revenue(d).compareTo(toysBefore.add(new BigDecimal("7.00"))) == 0, Duration.ofSeconds(5)).data());
            assertThat(toy.at("/byCategory/rows/0/key").asText()).isEqualTo("Toys");
            assertThat(toy.at("/byCategory/rows").size()).isEqualTo(1);
            assertThat(toy.at("/byCountry/rows/0/key").asText()).isEqualTo("NO");
            assertThat(toy.at("/byCardType/rows/0/key").asText()).isEqualTo("JCB");
            assertThat(toy.at("/topProducts/rows/0/productId").asText()).isEqualTo("P-7003");
            books.await(LiveHub.SNAPSHOT_EVENT, d -> revenue(d).compareTo(booksBefore.add(new BigDecimal("3.00"))) == 0,
                    Duration.ofSeconds(5));
            JsonNode order = JSON.readTree(orders.await(LiveHub.SNAPSHOT_EVENT,
                    d -> revenue(d).compareTo(ordersBefore.add(new BigDecimal("10.00"))) == 0, Duration.ofSeconds(5)).data());
            assertThat(order.at("/byCategory/rows").size()).isEqualTo(2);
        }
    }

    @Test
    void theStreamStartsWithTheCurrentStateAndRefusesBadParameters() throws Exception {
        String session = Browser.session();
        try (SseClient client = new SseClient(URI.create(live + "?range=7d&category=Toys&country=FR&cardType=MASTERCARD"), session)) {
            assertThat(client.status()).isEqualTo(200);
            String pulse = client.await(LiveHub.PULSE_EVENT, d -> true, Duration.ofSeconds(10)).data();
            assertThat(JSON.readTree(pulse).path("status").asText()).isIn("ok", "lagging", "stalled", "idle", "no-data");
            JsonNode snapshot = JSON.readTree(client.await(LiveHub.SNAPSHOT_EVENT, d -> true, Duration.ofSeconds(10)).data());
            assertThat(snapshot.at("/query/range").asText()).isEqualTo("7d");
            assertThat(snapshot.at("/query/stepMinutes").asInt()).isEqualTo(15);
            assertThat(snapshot.at("/query/filter/category").asText()).isEqualTo("Toys");
            assertThat(snapshot.at("/query/filter/country").asText()).isEqualTo("FR");
            assertThat(snapshot.at("/query/filter/cardType").asText()).isEqualTo("MASTERCARD");
        }
        try (SseClient refused = new SseClient(URI.create(live + "?range=forever"), session)) {
            assertThat(refused.status()).isEqualTo(400);
        }
    }
}
