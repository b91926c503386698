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

    /**
     * Where users open the dashboard, e.g. {@code https://sales.example.com/} ({@code SALESPULSE_DASHBOARD_PUBLIC_URL};
     * the operator sets it from the Ingress). When it is https the session cookie is Secure and every response carries
     * Strict-Transport-Security.
     */
    Optional<String> publicUrl();

    /**
     * Read-only API tokens for scripts and BI tools, sent as {@code Authorization: Bearer <token>} to GET /api/v1/...
     * (CSV included): a comma-separated list of {@code name:sha256-hex-of-the-token} ({@code SALESPULSE_DASHBOARD_API_TOKENS}).
     * Only the hash is configured; the token itself (32+ characters) stays with its user.
     */
    Optional<List<String>> apiTokens();

    Session session();

    SignIn signIn();

    Live live();

    Cache cache();

    /** Guessing limits for the sign-in form. */
    interface SignIn {

        /** Failed sign-ins for one user name before it is locked out for a while. */
        @WithDefault("5")
        int maxFailuresPerUser();

        /** Failed sign-ins from one client address (any user names) before it is locked out. */
        @WithDefault("20")
        int maxFailuresPerAddress();

        /** Failures older than this are forgotten; also the first lockout, which doubles with each further failure. */
        @WithDefault("15m")
        Duration window();

        /** The longest lockout. */
        @WithDefault("24h")
        Duration maxLockout();

        /** Password (bcrypt) checks that may run at once; more sign-ins wait for a slot, then get 429. */
        @WithDefault("2")
        int concurrentChecks();

        /** How long a sign-in waits for a bcrypt slot. */
        @WithDefault("3s")
        Duration checkQueueTimeout();

        /**
         * Addresses or CIDR blocks of the reverse proxies (the ingress controller) whose X-Forwarded-For header is
         * believed. From any other peer the header is ignored and the peer's own address counts.
         */
        Optional<List<String>> trustedProxies();
    }

    /** Bounds on the live streams (server-sent events). */
    interface Live {

        /** Open streams per signed-in user (or API token). */
        @WithDefault("8")
        int maxStreamsPerUser();

        /** Open streams in total on this replica. */
        @WithDefault("500")
        int maxStreams();

        /** Distinct live views (range + filter combinations) watched at once on this replica. */
        @WithDefault("200")
        int maxViews();
    }

    /** Memory bounds on the in-process caches (estimated sizes). */
    interface Cache {

        /** Hour segments of aggregates kept in memory. */
        @WithDefault("96M")
        io.quarkus.runtime.configuration.MemorySize hourSegments();

        /** Computed panels (per view and data version). */
        @WithDefault("32M")
        io.quarkus.runtime.configuration.MemorySize panels();
    }

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

        /**
         * A session ends this long after sign-in however active it is (the page renews the cookie while open, so the
         * idle timeout alone would keep a tab signed in forever).
         */
        @WithDefault("12h")
        Duration absoluteTimeout();

        /**
         * How long a replica may trust that a session was not signed out elsewhere before asking the database again
         * (sign-out on this replica takes effect at once).
         */
        @WithDefault("5s")
        Duration revocationCheckInterval();

        /**
         * Mark the session cookie Secure even when the request reached us over plain HTTP (TLS ends at a proxy);
         * implied by an https public-url.
         */
        @WithDefault("false")
        boolean secureCookie();
    }
}
