package io.salespulse.dashboard.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the dashboard reads from application.properties or the environment under {@code salespulse.dashboard}.
 * Environment variable names follow the usual rule: {@code salespulse.dashboard.session.encryption-key} is
 * {@code SALESPULSE_DASHBOARD_SESSION_ENCRYPTION_KEY}.
 */
@ConfigMapping(prefix = "salespulse.dashboard")
public interface DashboardConfig {

    /**
     * Who may sign in: a comma-separated list of {@code name:bcrypt-hash} entries
     * ({@code SALESPULSE_DASHBOARD_USERS}). Hashes may be {@code $2a$}, {@code $2b$} or {@code $2y$}.
     */
    Optional<List<String>> users();

    /** How often the one shared poller asks MySQL whether a new batch was committed. */
    @WithDefault("0.25s")
    Duration pollInterval();

    /** No committed batch for this long and the data-health panel says the pipeline is stalled. */
    @WithDefault("30s")
    Duration stallAfter();

    /** The newest event older than this and the data-health panel says the pipeline is lagging. */
    @WithDefault("120s")
    Duration lagAfter();

    /** The longest custom range the API accepts. */
    @WithDefault("31d")
    Duration maxRange();

    Session session();

    interface Session {

        /**
         * Key (16 characters or more) that encrypts the session cookie. All replicas must share it; without it each
         * process makes a random one and sessions do not survive a restart.
         */
        Optional<String> encryptionKey();

        /** A session ends after this much inactivity. */
        @WithDefault("30m")
        Duration timeout();

        /** An active session's cookie is renewed at most this often. */
        @WithDefault("1m")
        Duration renewAfter();

        /** Mark the session cookie Secure even when the request reached us over plain HTTP (TLS ends at a proxy). */
        @WithDefault("false")
        boolean secureCookie();
    }
}
