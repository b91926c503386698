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
 * kept until the session's absolute end, after which the cookie is refused anyway. Answers are cached briefly; a
 * revocation made here is known here at once. When the database cannot be asked, sessions are refused (fail closed).
 */
@ApplicationScoped
public class SessionRevocations {

    private static final Logger LOG = Logger.getLogger(SessionRevocations.class);

    private final Cache<String, Boolean> answers;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    public SessionRevocations(DashboardConfig config) {
        this.answers = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterWrite(config.session().revocationCheckInterval()).build();
    }

    /** The cached answer, if there is a fresh one (no database access). */
    Boolean cached(String sessionId) {
        return answers.getIfPresent(sessionId);
    }

    /** Blocking: may ask the database. */
    boolean isRevoked(String sessionId) {
        Boolean known = answers.getIfPresent(sessionId);
        if (known != null) {
            return known;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT 1 FROM dashboard_session_revocations WHERE session_id = ?")) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                boolean revoked = rs.next();
                answers.put(sessionId, revoked);
                return revoked;
            }
        } catch (SQLException e) {
            LOG.warnf("cannot check whether a session was signed out (%s): refusing it", e.getMessage());
            return true;
        }
    }

    /** Blocking. Records the sign-out and forgets revocations of sessions that have ended anyway. */
    void revoke(String sessionId, Instant sessionEnd, Instant now) {
        answers.put(sessionId, true);
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
