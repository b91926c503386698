package io.salespulse.operator.external;

import io.fabric8.kubernetes.api.model.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Secrets fetched by any reconcile in the last {@code reuseFor}: pipelines reconciled together (50 applied at once)
 * share their namespace's Secrets, and each GET is a quorum read of etcd. Only found Secrets are kept, so a Secret
 * created to fix SecretNotFound is seen at the next reconcile; a changed one within {@code reuseFor} of the change.
 */
public final class RecentSecrets {

    /** Reuses nothing: every reader fetches. */
    public static final RecentSecrets NONE = new RecentSecrets(Duration.ZERO, Clock.systemUTC());

    private final Duration reuseFor;
    private final Clock clock;
    private final Map<String, Fetched> recent = new ConcurrentHashMap<>();

    public RecentSecrets(Duration reuseFor, Clock clock) {
        this.reuseFor = reuseFor;
        this.clock = clock;
    }

    /** The Secret fetched within {@code reuseFor}, or {@code fetch}'s (null: it does not exist). */
    Secret get(String namespace, String name, Supplier<Secret> fetch) {
        if (reuseFor.isZero()) {
            return fetch.get();
        }
        Instant now = clock.instant();
        recent.values().removeIf(f -> !f.at.plus(reuseFor).isAfter(now));
        String key = namespace + "/" + name;
        Fetched kept = recent.get(key);
        if (kept != null) {
            return kept.secret;
        }
        Secret secret = fetch.get();
        if (secret != null) {
            recent.put(key, new Fetched(secret, now));
        }
        return secret;
    }

    private record Fetched(Secret secret, Instant at) {
    }
}
