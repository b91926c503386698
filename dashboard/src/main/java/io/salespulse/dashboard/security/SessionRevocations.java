package io.salespulse.dashboard.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.agroal.api.AgroalDataSource;
import io.salespulse.dashboard.config.DashboardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Signed-out sessions, in MySQL (dashboard_session_revocations) so every replica refuses a copied cookie. A row is
 * kept until the session's absolute end, after which the cookie is refused anyway. "Not signed out" answers are
 * cached briefly; "signed out" ones until the session's end could come (they never change back), and a sign-out made
 * here is known here at once. When the database cannot be asked, a session not known to be signed out is let through:
 * the dashboard has nothing to show without its database anyway, and refusing would sign everybody out (and loop
 * them through the sign-in page) for the length of the outage.
 */
@ApplicationScoped
public class SessionRevocations {

    private static final Logger LOG = Logger.getLogger(SessionRevocations.class);

    private final Cache<String, Boolean> notRevoked;
    private final Cache<String, Boolean> revoked;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    public SessionRevocations(DashboardConfig config) {
        this.notRevoked = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterWrite(config.session().revocationCheckInterval()).build();
        this.revoked = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterWrite(config.session().absoluteTimeout()).build();
    }

    /** The cached answer, if there is a fresh one (no database access). */
    Boolean cached(String sessionId) {
        if (revoked.getIfPresent(sessionId) != null) {
            return true;
        }
        return notRevoked.getIfPresent(sessionId) != null ? false : null;
    }

    /** Blocking: may ask the database. */
    boolean isRevoked(String sessionId) {
        Boolean known = cached(sessionId);
        if (known != null) {
            return known;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT 1 FROM dashboard_session_revocations WHERE session_id = ?")) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    revoked.put(sessionId, true);
                    return true;
                }
                notRevoked.put(sessionId, true);
                return false;
            }
        } catch (SQLException e) {
            LOG.debugf("cannot check whether a session was signed out (%s): letting it through", e.getMessage());
            return false;
        }
    }

    /** Blocking. Records the sign-out and forgets revocations of sessions that have ended anyway. */
    void revoke(String sessionId, Instant sessionEnd, Instant now) {
        revoked.put(sessionId, true);
        notRevoked.invalidate(sessionId);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO dashboard_session_revocations "
                    + "(session_id, revoked_at, expires_at) VALUES (?, ?, ?)")) {
                ps.setString(1, sessionId);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setTimestamp(3, Timestamp.from(sessionEnd));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM dashboard_session_revocations WHERE expires_at < ? LIMIT 1000")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            LOG.errorf("could not record a sign-out in the database (other replicas still accept that cookie until it "
                    + "expires): %s", e.getMessage());
        }
    }
}
