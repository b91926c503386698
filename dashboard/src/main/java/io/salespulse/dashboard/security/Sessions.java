package io.salespulse.dashboard.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.PersistentLoginManager;
import io.salespulse.dashboard.config.DashboardConfig;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The signed-in session: an AES-GCM encrypted, HttpOnly, SameSite=Strict cookie holding the user name and an expiry
 * (Quarkus's own persistent-login format), renewed while the user is active.
 */
@ApplicationScoped
public class Sessions {

    public static final String COOKIE = "salespulse-session";
    private static final Logger LOG = Logger.getLogger(Sessions.class);

    private final PersistentLoginManager manager;
    private final boolean forceSecure;

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
        this.forceSecure = session.secureCookie();
    }

    PersistentLoginManager.RestoreResult restore(RoutingContext routing) {
        return manager.restore(routing);
    }

    void renew(SecurityIdentity identity, RoutingContext routing, PersistentLoginManager.RestoreResult restored) {
        manager.save(identity, routing, restored, secure(routing));
    }

    public void start(SecurityIdentity identity, RoutingContext routing) {
        manager.save(identity, routing, null, secure(routing));
    }

    public void end(RoutingContext routing) {
        manager.clear(routing);
    }

    private boolean secure(RoutingContext routing) {
        return forceSecure || routing.request().isSSL();
    }
}
