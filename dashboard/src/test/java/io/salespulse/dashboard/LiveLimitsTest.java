package io.salespulse.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.salespulse.dashboard.live.LiveHub;
import io.salespulse.local.Deadline;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Live stream caps with the {@link LimitsProfile}: 2 streams per user, 3 in total; beyond them 429 with Retry-After. */
@QuarkusTest
@TestProfile(LimitsProfile.class)
@WithTestResource(value = MariaDbTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LiveLimitsTest {

    @TestHTTPResource("/api/v1/live")
    URL live;

    @Test
    void streamsBeyondTheCapsGet429WithRetryAfterAndSlotsComeBackWhenStreamsClose() throws Exception {
        String bob = session("bob");
        String carol = session("carol");
        String dave = session("dave");
        List<SseClient> open = new ArrayList<>();
        try {
            open.add(opened(bob));
            open.add(opened(bob));
            try (SseClient third = new SseClient(uri(), bob)) {
                assertThat(third.status()).isEqualTo(429);
                assertThat(Integer.parseInt(third.header("Retry-After"))).isPositive();
            }
            open.add(opened(carol));
            // three open on the server: dave has none, but the total cap applies
            try (SseClient fourth = new SseClient(uri(), dave)) {
                assertThat(fourth.status()).isEqualTo(429);
                assertThat(fourth.header("Retry-After")).isNotBlank();
            }
            open.remove(0).close();
            Deadline.await("a closed stream's slot to be free again", Duration.ofSeconds(15), Duration.ofMillis(100), () -> {
                try {
                    SseClient again = new SseClient(uri(), dave);
                    if (again.status() == 200) {
                        open.add(again);
                        return true;
                    }
                    again.close();
                    return false;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            for (SseClient client : open) {
                client.close();
            }
        }
    }

    private SseClient opened(String session) throws Exception {
        SseClient client = new SseClient(uri(), session);
        assertThat(client.status()).isEqualTo(200);
        client.await(LiveHub.PULSE_EVENT, d -> true, Duration.ofSeconds(10));
        return client;
    }

    private URI uri() {
        return URI.create(live + "?range=15m");
    }

    private static String session(String user) {
        String cookie = Browser.signIn(user, MariaDbTestResource.PASSWORD).cookie(Browser.SESSION);
        assertThat(cookie).as(user + " signed in").isNotBlank();
        return cookie;
    }
}
