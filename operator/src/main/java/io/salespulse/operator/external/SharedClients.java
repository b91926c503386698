package io.salespulse.operator.external;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client per endpoint and user, shared by every pipeline and reconcile thread that reaches it: opening a Kafka
 * Admin or a Cassandra session costs far more than the metadata calls a step makes with it.
 *
 * <p>{@code endpoint} names where and as whom (e.g. bootstrap servers and user name); {@code secret} is a hash of
 * everything else the client was opened with (password, CA). A lease with the same endpoint but another secret
 * (the Secret was rotated) evicts the old client; a client nobody leased for {@code idleAfter} is closed. Evicted
 * clients close when their last lease is returned, so a call in flight is not cut off. Keys are hashes only, and
 * nothing here logs them.
 */
public final class SharedClients<C> {

    private static final Logger LOG = LoggerFactory.getLogger(SharedClients.class);

    private final String kind;
    private final Consumer<C> closer;
    private final Duration idleAfter;
    private final Clock clock;
    private final Map<String, Entry<C>> entries = new HashMap<>();

    public SharedClients(String kind, Consumer<C> closer, Duration idleAfter, Clock clock) {
        this.kind = kind;
        this.closer = closer;
        this.idleAfter = idleAfter;
        this.clock = clock;
    }

    /** A lease on the client for {@code endpoint} opened with {@code secret}; opens one when there is none. */
    public Lease<C> lease(String endpoint, String secret, Supplier<C> opener) {
        List<Entry<C>> retired = new ArrayList<>();
        Entry<C> entry;
        synchronized (this) {
            retireIdle(retired);
            entry = entries.get(endpoint);
            if (entry != null && !entry.secret.equals(secret)) {
                entries.remove(endpoint);
                entry.retired = true;
                retired.add(entry);
                entry = null;
            }
            if (entry == null) {
                entry = new Entry<>(secret);
                entries.put(endpoint, entry);
            }
            entry.leases++;
            entry.lastUsed = clock.instant();
        }
        retired.forEach(this::closeIfUnused);
        try {
            return new Lease<>(this, entry, entry.client(opener));
        } catch (RuntimeException e) {
            // Failed to open (unreachable, refused): nothing to share, the next lease tries again.
            synchronized (this) {
                if (entries.remove(endpoint, entry)) {
                    entry.retired = true;
                }
                entry.leases--;
            }
            closeIfUnused(entry);
            throw e;
        }
    }

    /** Drops the client of {@code endpoint} (e.g. after it proved unusable); it closes when its leases return. */
    public void evict(String endpoint) {
        Entry<C> entry;
        synchronized (this) {
            entry = entries.remove(endpoint);
            if (entry != null) {
                entry.retired = true;
            }
        }
        if (entry != null) {
            closeIfUnused(entry);
        }
    }

    /** Closes every client (operator stop). */
    public void closeAll() {
        List<Entry<C>> all;
        synchronized (this) {
            all = new ArrayList<>(entries.values());
            entries.clear();
            all.forEach(e -> e.retired = true);
        }
        all.forEach(this::closeIfUnused);
    }

    /** Clients held now (for tests and metrics). */
    public synchronized int size() {
        return entries.size();
    }

    private void retireIdle(List<Entry<C>> retired) {
        Instant cutoff = clock.instant().minus(idleAfter);
        entries.values().removeIf(e -> {
            if (e.leases == 0 && e.lastUsed.isBefore(cutoff)) {
                e.retired = true;
                retired.add(e);
                return true;
            }
            return false;
        });
    }

    private void release(Entry<C> entry) {
        synchronized (this) {
            entry.leases--;
            entry.lastUsed = clock.instant();
        }
        if (entry.retired) {
            closeIfUnused(entry);
        }
    }

    private void closeIfUnused(Entry<C> entry) {
        C client;
        synchronized (this) {
            if (!entry.retired || entry.leases > 0 || entry.closed || entry.client == null) {
                return;
            }
            entry.closed = true;
            client = entry.client;
        }
        try {
            closer.accept(client);
        } catch (RuntimeException e) {
            LOG.debug("closing a {} client failed", kind, e);
        }
    }

    private static final class Entry<C> {
        final String secret;
        int leases;
        boolean retired;
        boolean closed;
        Instant lastUsed;
        volatile C client;

        Entry(String secret) {
            this.secret = secret;
        }

        /** Opens once; concurrent first leases of one endpoint wait for the same client. */
        C client(Supplier<C> opener) {
            C c = client;
            if (c == null) {
                synchronized (this) {
                    c = client;
                    if (c == null) {
                        c = opener.get();
                        client = c;
                    }
                }
            }
            return c;
        }
    }

    /** A client in use; return it with {@link #close()} (it stays open for others). */
    public static final class Lease<C> implements AutoCloseable {
        private final SharedClients<C> owner;
        private final Entry<C> entry;
        private final C client;
        private boolean returned;

        private Lease(SharedClients<C> owner, Entry<C> entry, C client) {
            this.owner = owner;
            this.entry = entry;
            this.client = client;
        }

        public C client() {
            return client;
        }

        @Override
        public void close() {
            if (!returned) {
                returned = true;
                owner.release(entry);
            }
        }
    }
}
