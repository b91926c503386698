package io.salespulse.dashboard.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.salespulse.dashboard.config.DashboardConfig;
import io.salespulse.dashboard.data.DataUnavailableException;
import io.salespulse.dashboard.query.ViewQuery;
import io.salespulse.dashboard.query.Window;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The open live streams, grouped by view (range + filter). Nothing here queries on its own: the shared poller calls
 * {@link #publish} once per tick, and for each view that anybody watches the snapshot is recomputed (through the
 * {@link Panels} cache) only when the data version or the view's resolved window moved, and pushed only when the
 * panels actually differ. The pulse (data health) goes to everyone when it changes.
 */
@ApplicationScoped
public class LiveHub {

    public static final String PULSE_EVENT = "pulse";
    public static final String SNAPSHOT_EVENT = "snapshot";
    private static final Logger LOG = Logger.getLogger(LiveHub.class);
    private static final Duration IDLE_VIEW_GRACE = Duration.ofMinutes(1);

    private static final class Channel {
        final ViewQuery view;
        final Set<MultiEmitter<? super OutboundSseEvent>> emitters = ConcurrentHashMap.newKeySet();
        long version = Long.MIN_VALUE;
        Window window;
        Snapshot snapshot;
        String snapshotJson;
        Instant lastSubscribe = Instant.now();
        boolean closed;

        Channel(ViewQuery view) {
            this.view = view;
        }
    }

    private final ConcurrentHashMap<ViewQuery, Channel> channels = new ConcurrentHashMap<>();
    /** Open (or opening) streams per user, and in total: counted from the request, before anything is computed. */
    private final ConcurrentHashMap<String, Integer> streamsPerUser = new ConcurrentHashMap<>();
    private final AtomicInteger streams = new AtomicInteger();
    private final AtomicLong pushes = new AtomicLong();
    private volatile String pulseJson;
    private volatile Sse sse;

    @Inject
    Panels panels;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    DashboardConfig config;

    @Inject
    public LiveHub(MeterRegistry registry) {
        registry.gauge("salespulse.dashboard.live.clients", this, LiveHub::clients);
        registry.gauge("salespulse.dashboard.live.views", channels, ConcurrentHashMap::size);
        registry.more().counter("salespulse.dashboard.live.pushes", List.of(), pushes);
    }

    /**
     * Opens a stream for {@code view}: it starts with the current pulse and snapshot, then carries changes. Call on a
     * worker thread (the first snapshot of a view may need the database).
     */
    public Multi<OutboundSseEvent> subscribe(String user, ViewQuery view, Sse sse, PipelinePulse pulse) {
        reserve(user, view);
        try {
            return open(view, sse, pulse).onTermination().invoke(() -> release(user));
        } catch (RuntimeException e) {
            release(user);
            throw e;
        }
    }

    /**
     * Takes a stream slot for {@code user}, or refuses: too many streams of this user or in total, or a view nobody
     * watches yet while the number of live views is at its bound (each view is recomputed on every batch).
     */
    private void reserve(String user, ViewQuery view) {
        DashboardConfig.Live limits = config.live();
        if (!channels.containsKey(view) && channels.size() >= limits.maxViews()) {
            throw new TooManyStreamsException("too many different live views are open on this server (at most "
                    + limits.maxViews() + "); use a view someone else watches, or try again later", 30);
        }
        if (streams.incrementAndGet() > limits.maxStreams()) {
            streams.decrementAndGet();
            throw new TooManyStreamsException("this server has its maximum of " + limits.maxStreams()
                    + " live streams open; try again later", 30);
        }
        boolean[] refused = {false};
        streamsPerUser.compute(user, (k, n) -> {
            int open = n == null ? 0 : n;
            if (open >= limits.maxStreamsPerUser()) {
                refused[0] = true;
                return n;
            }
            return open + 1;
        });
        if (refused[0]) {
            streams.decrementAndGet();
            throw new TooManyStreamsException("you have " + limits.maxStreamsPerUser()
                    + " live streams open already (the most allowed); close a dashboard tab first", 10);
        }
    }

    private void release(String user) {
        streams.decrementAndGet();
        streamsPerUser.computeIfPresent(user, (k, n) -> n <= 1 ? null : n - 1);
    }

    private Multi<OutboundSseEvent> open(ViewQuery view, Sse sse, PipelinePulse pulse) {
        this.sse = sse;
        if (pulseJson == null) {
            pulseJson = toJson(pulse);
        }
        Channel channel = channels.computeIfAbsent(view, Channel::new);
        synchronized (channel) {
            channel.lastSubscribe = Instant.now();
        }
        refresh(channel, pulse.dataVersion());
        return Multi.createFrom().emitter(emitter -> {
            synchronized (channel) {
                if (channel.closed) {
                    emitter.complete();
                    return;
                }
                channel.emitters.add(emitter);
                emitter.emit(event(PULSE_EVENT, pulseJson));
                emitter.emit(event(SNAPSHOT_EVENT, channel.snapshotJson));
            }
            emitter.onTermination(() -> channel.emitters.remove(emitter));
        });
    }

    /** One tick of the shared poller. */
    void publish(PipelinePulse pulse, boolean pulseChanged) {
        if (pulseChanged || pulseJson == null) {
            pulseJson = toJson(pulse);
        }
        if (pulseChanged && sse != null) {
            OutboundSseEvent event = event(PULSE_EVENT, pulseJson);
            for (Channel channel : channels.values()) {
                synchronized (channel) {
                    send(channel, event);
                }
            }
        }
        for (Channel channel : channels.values()) {
            if (channel.emitters.isEmpty()) {
                closeIfIdle(channel);
                continue;
            }
            try {
                long started = System.nanoTime();
                refresh(channel, pulse.dataVersion());
                if (LOG.isTraceEnabled()) {
                    LOG.tracef("view %s refreshed in %d ms", channel.view.parameters(), (System.nanoTime() - started) / 1_000_000);
                }
            } catch (DataUnavailableException e) {
                LOG.debugf("view %s not refreshed: %s", channel.view.parameters(), e.getMessage());
            }
        }
    }

    private void refresh(Channel channel, long version) {
        Window window = channel.view.window(clock);
        synchronized (channel) {
            if (channel.version == version && window.equals(channel.window)) {
                return;
            }
        }
        Snapshot snapshot = panels.snapshot(channel.view, window, version);
        String snapshotJson = toJson(snapshot);
        synchronized (channel) {
            if (channel.version > version) {
                return;
            }
            channel.version = version;
            channel.window = window;
            boolean changed = !snapshot.sameDataAs(channel.snapshot);
            channel.snapshot = snapshot;
            channel.snapshotJson = snapshotJson;
            if (changed) {
                send(channel, event(SNAPSHOT_EVENT, snapshotJson));
            }
        }
    }

    private void send(Channel channel, OutboundSseEvent event) {
        for (MultiEmitter<? super OutboundSseEvent> emitter : channel.emitters) {
            emitter.emit(event);
            pushes.incrementAndGet();
        }
    }

    private void closeIfIdle(Channel channel) {
        synchronized (channel) {
            if (channel.emitters.isEmpty() && channel.lastSubscribe.plus(IDLE_VIEW_GRACE).isBefore(Instant.now())) {
                channel.closed = true;
                channels.remove(channel.view, channel);
            }
        }
    }

    public int clients() {
        return channels.values().stream().mapToInt(c -> c.emitters.size()).sum();
    }

    public long pushes() {
        return pushes.get();
    }

    private OutboundSseEvent event(String name, String data) {
        return sse.newEventBuilder().name(name).mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, data).build();
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
