package io.salespulse.dashboard.live;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.salespulse.dashboard.config.DashboardConfig;
import io.salespulse.dashboard.data.DataUnavailableException;
import io.salespulse.dashboard.data.HourlyChanges;
import io.salespulse.dashboard.data.PulseRow;
import io.salespulse.dashboard.data.SalesRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    @Scheduled(identity = "pulse-poller", every = "${salespulse.dashboard.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        PipelinePulse previous = current;
        PipelinePulse next = poll(previous);
        if (previous != null && next.dataVersion() > previous.dataVersion()) {
            panels.forgetBefore(next.dataVersion());
        }
        hub.publish(next, !next.sameStateAs(previous));
    }

    private synchronized PipelinePulse poll(PipelinePulse previous) {
        PipelinePulse next;
        try {
            PulseRow row = repository.pulse();
            next = PipelinePulse.of(row, config.stallAfter(), config.lagAfter());
            forgetChangedHours(row, previous);
            if (previous != null && PipelinePulse.UNAVAILABLE.equals(previous.status())) {
                LOG.info("the sales database answers again");
            }
        } catch (DataUnavailableException e) {
            if (previous == null || !PipelinePulse.UNAVAILABLE.equals(previous.status())) {
                LOG.warnf("the sales database does not answer: %s", e.getMessage());
            }
            next = PipelinePulse.unavailable(previous, config.stallAfter(), config.lagAfter());
        }
        polls.incrementAndGet();
        current = next;
        return next;
    }

    /**
     * Drops the in-memory hours that the new batches touched: those of the minute windows updated since the last
     * look, and the hour of the last commit (for the pipeline counts).
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
        HourlyChanges changes = repository.changedSince(changesSeen.minus(CHANGE_OVERLAP));
        Set<Instant> hours = new HashSet<>(changes.hours());
        if (row.lastCommitAt() != null) {
            hours.add(SalesRepository.hour(row.lastCommitAt()));
        }
        blocks.invalidate(hours);
        if (changes.newest().isAfter(changesSeen)) {
            changesSeen = changes.newest();
        }
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
