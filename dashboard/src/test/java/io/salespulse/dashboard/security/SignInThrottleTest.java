package io.salespulse.dashboard.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.salespulse.dashboard.Browser;
import io.salespulse.dashboard.LimitsProfile;
import io.salespulse.dashboard.MariaDbTestResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sign-in guessing limits with the {@link LimitsProfile}: 3 failures per user name, 6 per client address, a 10-minute
 * window, 127.0.0.1 and 10.0.0.0/8 as trusted proxies, one bcrypt check at a time. Time is moved on with a test clock.
 */
@QuarkusTest
@TestProfile(LimitsProfile.class)
@WithTestResource(value = MariaDbTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SignInThrottleTest {

    @Inject
    LoginThrottle throttle;

    @Inject
    PasswordCheckSlots slots;

    private final TestClock clock = new TestClock();

    @BeforeEach
    void testClock() {
        throttle.useClock(clock);
    }

    @AfterEach
    void realClock() {
        throttle.useClock(Clock.systemUTC());
    }

    @Test
    void aUserIsLockedOutAfterThreeFailuresThenTheRightPasswordWorksAfterTheWindow() {
        String from = "198.51.100.1";
        for (int i = 0; i < 3; i++) {
            assertFailed(signIn("alice", "guess-" + i, from));
        }
        // locked: not even the right password is checked, from here or from elsewhere
        Response locked = signIn("alice", MariaDbTestResource.PASSWORD, from);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 600L);
        assertThat(locked.body().asString()).contains("Too many failed sign-ins");
        assertThat(locked.cookie(Browser.SESSION)).isNull();
        assertThat(signIn("alice", MariaDbTestResource.PASSWORD, "198.51.100.2").statusCode()).isEqualTo(429);
        // another user is not affected
        assertSignedIn(signIn("bob", MariaDbTestResource.PASSWORD, from));

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertSignedIn(signIn("alice", MariaDbTestResource.PASSWORD, from));
    }

    @Test
    void theLockoutGrowsWithEachFailureAfterIt() {
        String from = "198.51.100.3";
        for (int i = 0; i < 3; i++) {
            assertFailed(signIn("carol", "guess-" + i, from));
        }
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertFailed(signIn("carol", "guess-3", from));
        // the fourth failure locks for twice the window
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(signIn("carol", MariaDbTestResource.PASSWORD, from).statusCode()).isEqualTo(429);
        clock.advance(Duration.ofMinutes(10));
        assertSignedIn(signIn("carol", MariaDbTestResource.PASSWORD, from));
    }

    @Test
    void behindTheTrustedProxyEachForwardedClientAddressIsLimited() {
        String attacker = "203.0.113.7";
        for (int i = 0; i < 6; i++) {
            assertFailed(signIn("nobody-" + i, "guess", attacker));
        }
        assertThat(signIn("nobody-6", "guess", attacker).statusCode()).isEqualTo(429);
        // a forged entry put in front by the client changes nothing: the proxy's own entry (the last) counts
        assertThat(signIn("nobody-7", "guess", "192.0.2.99, " + attacker).statusCode()).isEqualTo(429);
        // a trusted proxy hop after the client is skipped
        assertThat(signIn("nobody-8", "guess", attacker + ", 10.1.2.3").statusCode()).isEqualTo(429);
        // another client behind the same proxy is not affected
        assertFailed(signIn("nobody-9", "guess", "203.0.113.8"));
        assertSignedIn(signIn("dave", MariaDbTestResource.PASSWORD, "203.0.113.8"));
    }

    @Test
    void forwardedForFromAPeerThatIsNotATrustedProxyIsIgnored() throws IOException {
        // 127.0.0.5 is not a trusted proxy: a new X-Forwarded-For each time must not give it new addresses
        for (int i = 0; i < 6; i++) {
            assertThat(rawSignIn("127.0.0.5", "stranger-" + i, "guess", "192.0.2." + i)).as("attempt " + i).isEqualTo(303);
        }
        assertThat(rawSignIn("127.0.0.5", "stranger-6", "guess", "192.0.2.77")).isEqualTo(429);
        assertThat(rawSignIn("127.0.0.5", "erin", MariaDbTestResource.PASSWORD, "192.0.2.78")).isEqualTo(429);
    }

    @Test
    void passwordChecksBeyondTheSlotsAreRefusedNotQueuedForever() {
        assertThat(slots.acquire()).isTrue();
        try {
            Response busy = signIn("bob", MariaDbTestResource.PASSWORD, "198.51.100.9");
            assertThat(busy.statusCode()).isEqualTo(429);
            assertThat(busy.header("Retry-After")).isNotBlank();
        } finally {
            slots.release();
        }
        assertSignedIn(signIn("bob", MariaDbTestResource.PASSWORD, "198.51.100.9"));
    }

    private static Response signIn(String user, String password, String forwardedFor) {
        String[] csrf = Browser.csrf("/login", null);
        RequestSpecification request = given().redirects().follow(false).cookie(Browser.CSRF, csrf[0])
                .formParam("csrf-token", csrf[1]).formParam("username", user).formParam("password", password)
                .formParam("next", "/");
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request.post("/login");
    }

    /** The same form POST over a socket bound to {@code localAddress}, so the server sees another peer. */
    private static int rawSignIn(String localAddress, String user, String password, String forwardedFor) throws IOException {
        String[] csrf = Browser.csrf("/login", null);
        String body = "csrf-token=" + enc(csrf[1]) + "&username=" + enc(user) + "&password=" + enc(password) + "&next=%2F";
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), RestAssured.port,
                InetAddress.getByName(localAddress), 0)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /login HTTP/1.1\r\nHost: localhost:" + RestAssured.port + "\r\n"
                    + "Cookie: " + Browser.CSRF + "=" + csrf[0] + "\r\n"
                    + "X-Forwarded-For: " + forwardedFor + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                    + "Connection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            String[] parts = line.toString().split(" ");
            assertThat(parts.length).as("status line '" + line + "'").isGreaterThanOrEqualTo(2);
            return Integer.parseInt(parts[1]);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void assertFailed(Response r) {
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.header("Location")).contains("/login?error");
    }

    private static void assertSignedIn(Response r) {
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.header("Location")).doesNotContain("error");
        assertThat(r.cookie(Browser.SESSION)).isNotBlank();
    }
}
