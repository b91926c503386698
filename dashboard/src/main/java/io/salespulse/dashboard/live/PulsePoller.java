package io.salespulse.dashboard.live;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.salespulse.dashboard.config.DashboardConfig;
import io.salespulse.dashboard.data.DataUnavailableException;
import io.salespulse.dashboard.data.SalesRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The one loop that asks MySQL anything on its own: once per tick, for all viewers together, one statement reads
 * the newest committed batch and the pipeline's heartbeat. Everything live hangs off this.
 */
@ApplicationScoped
public class PulsePoller {

    private static final Logger LOG = Logger.getLogger(PulsePoller.class);

    private final AtomicLong polls = new AtomicLong();
    private volatile PipelinePulse current;

    @Inject
    SalesRepository repository;

    @Inject
    DashboardConfig config;

    @Inject
    LiveHub hub;

    @Inject
    Panels panels;

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
            next = PipelinePulse.of(repository.pulse(), config.stallAfter(), config.lagAfter());
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
