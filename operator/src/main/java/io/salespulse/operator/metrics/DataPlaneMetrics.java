package io.salespulse.operator.metrics;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.salespulse.crds.v1alpha1.DataPlaneStatus;
import java.time.Instant;

/**
 * Per-pipeline gauges of the data plane (labels namespace, pipeline), set at each data-plane refresh from the same
 * reading as status.dataPlane. The last batch is a timestamp (alert on {@code time() - ...}), not an age that would
 * be stale between refreshes.
 */
public final class DataPlaneMetrics {

    private static final String[] LABELS = {"namespace", "pipeline"};
    private final Gauge waiting;
    private final Gauge lastBatch;
    private final Gauge ordersPerSecond;
    private final Gauge deadLetters;
    private final Gauge lateEvents;
    private final Gauge stalled;

    DataPlaneMetrics(PrometheusRegistry registry) {
        waiting = gauge(registry, "salespulse_pipeline_records_waiting",
                "Records in the orders topic not yet applied by the job (Kafka end offsets minus stream_progress)");
        lastBatch = gauge(registry, "salespulse_pipeline_last_batch_timestamp_seconds",
                "When the job last committed a batch with input (Unix time, the database's clock)");
        ordersPerSecond = gauge(registry, "salespulse_pipeline_orders_per_second",
                "Valid orders counted per second over the last minute");
        deadLetters = gauge(registry, "salespulse_pipeline_dead_letters_last_hour",
                "Records sent to the dead-letter table in the last hour");
        lateEvents = gauge(registry, "salespulse_pipeline_late_events_last_hour",
                "Late events recorded in the last hour");
        stalled = gauge(registry, "salespulse_pipeline_stalled",
                "1 when the DataFlowing condition is False with reason Stalled, else 0");
    }

    private static Gauge gauge(PrometheusRegistry registry, String name, String help) {
        return Gauge.builder().name(name).help(help).labelNames(LABELS).register(registry);
    }

    public void record(String namespace, String pipeline, DataPlaneStatus d, boolean isStalled) {
        if (d.recordsWaiting != null) {
            waiting.labelValues(namespace, pipeline).set(d.recordsWaiting);
        }
        if (d.lastBatchTime != null) {
            lastBatch.labelValues(namespace, pipeline).set(Instant.parse(d.lastBatchTime).toEpochMilli() / 1000.0);
        }
        ordersPerSecond.labelValues(namespace, pipeline).set(d.ordersPerSecond == null ? 0 : d.ordersPerSecond);
        deadLetters.labelValues(namespace, pipeline).set(d.deadLettersLastHour == null ? 0 : d.deadLettersLastHour);
        lateEvents.labelValues(namespace, pipeline).set(d.lateEventsLastHour == null ? 0 : d.lateEventsLastHour);
        stalled.labelValues(namespace, pipeline).set(isStalled ? 1 : 0);
    }

    /** A deleted pipeline leaves no series behind. */
    public void forget(String namespace, String pipeline) {
        for (Gauge g : new Gauge[] {waiting, lastBatch, ordersPerSecond, deadLetters, lateEvents, stalled}) {
            g.remove(namespace, pipeline);
        }
    }
}
