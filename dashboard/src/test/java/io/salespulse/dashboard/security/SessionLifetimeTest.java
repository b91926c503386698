package io.salespulse.dashboard.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.salespulse.dashboard.Browser;
import io.salespulse.dashboard.LimitsProfile;
import io.salespulse.dashboard.MariaDbTestResource;
import io.salespulse.dashboard.TestDb;
import io.salespulse.local.Deadline;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Server-side sign-out (a copied cookie stops working, also when another replica recorded the sign-out), the
 * absolute lifetime, and the Secure cookie plus HSTS that an https public URL brings ({@link LimitsProfile}).
 */
@QuarkusTest
@TestProfile(LimitsProfile.class)
@WithTestResource(value = MariaDbTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SessionLifetimeTest {

    @Inject
    Sessions sessions;

    @ConfigProperty(name = "salespulse.dashboard.session.encryption-key")
    String encryptionKey;

    @AfterEach
    void realClock() {
        sessions.useClock(Clock.systemUTC());
    }

    @Test
    void aSignedOutCookieIsRefusedEvenWhenSomeoneKeptACopy() {
        String session = freshSession();
        me(session).then().statusCode(200);
        String copy = session;
        String[] csrf = Browser.csrf("/", session);
        given().redirects().follow(false).cookie(Browser.SESSION, session).cookie(Browser.CSRF, csrf[0])
                .formParam("csrf-token", csrf[1]).post("/logout").then().statusCode(303);
        me(copy).then().statusCode(401);
        given().redirects().follow(false).cookie(Browser.SESSION, copy).get("/").then().statusCode(302);
    }

    @Test
    void aSignOutRecordedByAnotherReplicaIsHonoured() throws Exception {
        String session = freshSession();
        me(session).then().statusCode(200);
        // what another replica's sign-out does: a row in the shared table (this replica re-checks within 5 s)
        try (Connection c = TestDb.connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO dashboard_session_revocations (session_id, revoked_at, expires_at) VALUES (?, ?, ?)")) {
            ps.setString(1, sessionId(session));
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setTimestamp(3, Timestamp.from(Instant.now().plus(Duration.ofHours(2))));
            ps.executeUpdate();
        }
        Deadline.await("the revoked session to be refused", Duration.ofSeconds(15), Duration.ofMillis(200),
                () -> me(session).statusCode() == 401);
    }

    @Test
    void aSessionEndsAtItsAbsoluteLifetimeHoweverActive() {
        TestClock clock = new TestClock();
        sessions.useClock(clock);
        String session = freshSession();
        me(session).then().statusCode(200);
        clock.advance(Duration.ofHours(2).minusMinutes(1));
        me(session).then().statusCode(200);
        clock.advance(Duration.ofMinutes(1));
        me(session).then().statusCode(401);
    }

    @Test
    void anHttpsPublicUrlMakesTheCookieSecureAndSendsHsts() {
        Response r = Browser.signIn(MariaDbTestResource.USER, MariaDbTestResource.PASSWORD);
        assertThat(r.detailedCookie(Browser.SESSION).isSecured()).isTrue();
        assertThat(r.header("Strict-Transport-Security")).isEqualTo(PublicUrl.HSTS);
        given().get("/login").then().statusCode(200).header("Strict-Transport-Security", PublicUrl.HSTS);
    }

    private static String freshSession() {
        Response r = Browser.signIn(MariaDbTestResource.USER, MariaDbTestResource.PASSWORD);
        assertThat(r.statusCode()).isEqualTo(303);
        return r.cookie(Browser.SESSION);
    }

    private static Response me(String session) {
        return given().redirects().follow(false).cookie(Browser.SESSION, session).get("/api/v1/me");
    }

    /** Decrypts the cookie as the server does (Quarkus persistent-login format) to read the session id. */
    private String sessionId(String cookie) throws Exception {
        ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(cookie.getBytes(StandardCharsets.UTF_8)));
        byte[] iv = new byte[buffer.get()];
        buffer.get(iv);
        byte[] encrypted = new byte[buffer.remaining()];
        buffer.get(encrypted);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        byte[] key = MessageDigest.getInstance("SHA-256").digest(encryptionKey.getBytes(StandardCharsets.UTF_8));
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        String plain = new String(cipher.doFinal(encrypted), StandardCharsets.UTF_8);
        return Sessions.SessionInfo.decode(plain.substring(plain.indexOf(':') + 1)).id();
    }
}
