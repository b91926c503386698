package io.salespulse.dashboard.live;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.salespulse.dashboard.config.DashboardConfig;
import io.salespulse.dashboard.data.DataUnavailableException;
import io.salespulse.dashboard.data.PulseRow;
import io.salespulse.dashboard.data.SalesRepository;
import io.salespulse.schema.mysql.JobActivity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The one loop that asks MySQL anything on its own: once per tick, for all viewers together, one statement reads
 * the newest committed batch and the pipeline's heartbeat. Everything live hangs off this.
 */
@ApplicationScoped
public class PulsePoller {

    private static final Logger LOG = Logger.getLogger(PulsePoller.class);

    /** Re-read changes this far behind the newest one seen: a batch's rows carry its statement time, not its commit time. */
    private static final Duration CHANGE_OVERLAP = Duration.ofMinutes(2);

    private final AtomicLong polls = new AtomicLong();
    private volatile PipelinePulse current;
    /** The newest sales_minute.updated_at whose hour has been invalidated. */
    private Instant changesSeen;
    /** The windows (and their updated_at) read by the last look, so the overlap does not count them again. */
    private Map<Instant, Instant> recentlySeen = Map.of();

    @Inject
    SalesRepository repository;

    @Inject
    DashboardConfig config;

    @Inject
    LiveHub hub;

    @Inject
    Panels panels;

    @Inject
    HourBlocks blocks;

    @Inject
    public PulsePoller(MeterRegistry registry) {
        registry.more().counter("salespulse.dashboard.polls", List.of(), polls);
        registry.gauge("salespulse.pipeline.freshness.seconds", this,
                p -> p.current == null || p.current.freshnessSeconds() == null ? Double.NaN : p.current.freshnessSeconds());
        registry.gauge("salespulse.pipeline.data.version", this, p -> p.current == null ? Double.NaN : p.current.dataVersion());
        registry.gauge("salespulse.pipeline.stalled", this,
                p -> p.current != null && PipelinePulse.STALLED.equals(p.current.status()) ? 1 : 0);
    }

    private ScheduledExecutorService executor;

    /**
     * Starts the loop on its own thread (quarkus-scheduler checks its triggers once a second, too coarse for a
     * sub-second tick). Fixed delay: a slow tick is never overlapped by the next.
     */
    void start(@Observes StartupEvent event) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pulse-poller");
            t.setDaemon(true);
            return t;
        });
        long interval = config.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::safeTick, 0, interval, TimeUnit.MILLISECONDS);
        LOG.infof("polling the sales database every %d ms for all viewers", interval);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("poller tick failed", e);
        }
    }

    void tick() {
        long started = System.nanoTime();
        PipelinePulse previous = current;
        PipelinePulse next = poll(previous);
        long polled = System.nanoTime();
        if (previous != null && next.dataVersion() > previous.dataVersion()) {
            panels.forgetBefore(next.dataVersion());
        }
        hub.publish(next, !next.sameStateAs(previous));
        if (LOG.isDebugEnabled()) {
            LOG.debugf("tick: poll %d ms, publish %d ms (version %d, %d live clients)", (polled - started) / 1_000_000,
                    (System.nanoTime() - polled) / 1_000_000, next.dataVersion(), hub.clients());
        }
    }

    private synchronized PipelinePulse poll(PipelinePulse previous) {
        PipelinePulse next;
        try {
            PulseRow row = repository.pulse();
            next = PipelinePulse.of(row, activity(row), config.stallAfter(), config.lagAfter());
            forgetChangedHours(row, previous);
            if (previous != null && PipelinePulse.UNAVAILABLE.equals(previous.status())) {
                LOG.info("the sales database answers again");
            }
        } catch (DataUnavailableException e) {
            if (previous == null || !PipelinePulse.UNAVAILABLE.equals(previous.status())) {
                LOG.warn(e.getMessage());
            }
            next = PipelinePulse.unavailable(previous, config.stallAfter(), config.lagAfter());
        }
        polls.incrementAndGet();
        current = next;
        return next;
    }

    /** The heartbeat's verdict, read only when it matters: when no batch committed for stall-after. */
    private JobActivity.Verdict activity(PulseRow row) {
        if (row.lastCommitAt() == null || !row.lastCommitAt().plus(config.stallAfter()).isBefore(row.dbNow())) {
            return null;
        }
        return JobActivity.judge(repository.heartbeat(), HEARTBEAT_MAX_AGE,
                Duration.between(row.lastCommitAt(), row.dbNow()), config.stallAfter());
    }

    /** The job writes a heartbeat at least every 10 s while it runs; this is the operator's bound at the default trigger. */
    static final Duration HEARTBEAT_MAX_AGE = JobActivity.maxAge(Duration.ofSeconds(5));

    /**
     * Drops the in-memory hours that the new batches touched: those of the minute windows updated since the last
     * look, and the hour of the last commit (for the pipeline counts). updated_at is the writing statement's time, not
     * its commit time, so each look reaches {@link #CHANGE_OVERLAP} further back and skips the rows it already saw.
     */
    private void forgetChangedHours(PulseRow row, PipelinePulse previous) {
        Instant newest = row.lastAggregateUpdate();
        if (changesSeen == null) {
            changesSeen = newest == null ? row.dbNow() : newest;
            return;
        }
        boolean moved = previous == null || row.version() != previous.dataVersion()
                || newest != null && newest.isAfter(changesSeen);
        if (!moved) {
            return;
        }
        Map<Instant, Instant> updated = repository.changedSince(changesSeen.minus(CHANGE_OVERLAP)).updatedWindows();
        Set<Instant> hours = new HashSet<>();
        updated.forEach((window, at) -> {
            if (!at.equals(recentlySeen.get(window))) {
                hours.add(SalesRepository.hour(window));
            }
            if (at.isAfter(changesSeen)) {
                changesSeen = at;
            }
        });
        if (row.lastCommitAt() != null) {
            hours.add(SalesRepository.hour(row.lastCommitAt()));
        }
        blocks.invalidate(hours);
        recentlySeen = updated;
    }

    /** The latest pulse; before the first tick, polls once (on the caller's worker thread). */
    public PipelinePulse current() {
        PipelinePulse pulse = current;
        return pulse != null ? pulse : poll(null);
    }

    public long dataVersion() {
        return current().dataVersion();
    }

    /** How many times the database was polled since start; tests use it to prove there is one loop. */
    public long polls() {
        return polls.get();
    }
}
