package io.salespulse.dashboard.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.PersistentLoginManager;
import io.salespulse.dashboard.config.DashboardConfig;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * The signed-in session: an AES-GCM encrypted, HttpOnly, SameSite=Strict cookie (Quarkus's own persistent-login
 * format) holding the user name, a random session id and the sign-in time, renewed while the user is active. It
 * ends after the idle timeout, at the absolute timeout whatever the activity, or when signed out: the id is then
 * recorded in {@link SessionRevocations}, so a copy of the cookie stops working on every replica.
 */
@ApplicationScoped
public class Sessions {

    public static final String COOKIE = "salespulse-session";
    /** The {@link SessionInfo} of the current request's session, as an identity attribute. */
    static final String ATTRIBUTE = "salespulse.session";
    private static final Logger LOG = Logger.getLogger(Sessions.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the cookie holds. User names cannot contain '|' (see {@link UserDirectory}). */
    record SessionInfo(String user, String id, Instant started) {

        String encode() {
            return user + "|" + id + "|" + started.getEpochSecond();
        }

        static SessionInfo decode(String value) {
            String[] parts = value.split("\\|", -1);
            if (parts.length != 3 || parts[0].isEmpty() || parts[1].length() != 22) {
                return null;
            }
            try {
                return new SessionInfo(parts[0], parts[1], Instant.ofEpochSecond(Long.parseLong(parts[2])));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** A cookie that decrypted, is within both timeouts and has the current format (not yet checked for sign-out). */
    record Restored(SessionInfo session, PersistentLoginManager.RestoreResult cookie) {
    }

    private final PersistentLoginManager manager;
    private final boolean secureCookie;
    private final Duration absoluteTimeout;
    private volatile Clock clock = Clock.systemUTC();

    @Inject
    SessionRevocations revocations;

    @Inject
    public Sessions(DashboardConfig config) {
        DashboardConfig.Session session = config.session();
        String key = session.encryptionKey().filter(k -> !k.isBlank()).orElse(null);
        if (key == null) {
            LOG.warn("salespulse.dashboard.session.encryption-key (SALESPULSE_DASHBOARD_SESSION_ENCRYPTION_KEY) is not set: "
                    + "using a random key, so sessions end when this process stops and are not shared between replicas");
        } else if (key.length() < 16) {
            throw new IllegalArgumentException("salespulse.dashboard.session.encryption-key must be at least 16 characters");
        }
        this.manager = new PersistentLoginManager(key, COOKIE, session.timeout().toMillis(), session.renewAfter().toMillis(),
                true, "STRICT", "/", -1, null);
        this.secureCookie = session.secureCookie() || PublicUrl.isHttps(config);
        this.absoluteTimeout = session.absoluteTimeout();
    }

    /** Tests move time on instead of waiting. */
    void useClock(Clock clock) {
        this.clock = clock;
    }

    Restored restore(RoutingContext routing) {
        PersistentLoginManager.RestoreResult cookie = manager.restore(routing);
        if (cookie == null) {
            return null;
        }
        SessionInfo session = SessionInfo.decode(cookie.getPrincipal());
        if (session == null) {
            return null;
        }
        if (!clock.instant().isBefore(session.started().plus(absoluteTimeout))) {
            LOG.debugf("session of %s reached its absolute end", session.user());
            return null;
        }
        return new Restored(session, cookie);
    }

    void renew(SessionInfo session, RoutingContext routing, PersistentLoginManager.RestoreResult cookie) {
        manager.save(session.encode(), routing, COOKIE, cookie, secure(routing));
    }

    public void start(SecurityIdentity identity, RoutingContext routing) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        SessionInfo session = new SessionInfo(identity.getPrincipal().getName(),
                Base64.getUrlEncoder().withoutPadding().encodeToString(id), clock.instant());
        manager.save(session.encode(), routing, COOKIE, null, secure(routing));
    }

    /** Blocking: records the sign-out, then clears the cookie. */
    public void end(RoutingContext routing) {
        Restored restored = restore(routing);
        if (restored != null) {
            revocations.revoke(restored.session().id(), restored.session().started().plus(absoluteTimeout), clock.instant());
        }
        manager.clear(routing);
    }

    private boolean secure(RoutingContext routing) {
        return secureCookie || routing.request().isSSL();
    }
}
