package io.salespulse.operator.metrics;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.Unit;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;

/**
 * Prometheus metrics of the reconciles, fed by JOSDK's {@link Metrics} callbacks plus the step failures the
 * reconciler reports. Served on /metrics by {@link io.salespulse.operator.http.OperatorHttpServer}.
 */
public final class ReconcileMetrics implements Metrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter events = Counter.builder().name("salespulse_operator_events_received_total")
            .help("Events (resource and child changes, timers) received by the controller").register(registry);
    private final Counter reconciles = Counter.builder().name("salespulse_operator_reconciliations_total")
            .help("Reconciliations started, by namespace").labelNames("namespace").register(registry);
    private final Counter errors = Counter.builder().name("salespulse_operator_reconciliation_errors_total")
            .help("Reconciliations that ended in an exception (retried by JOSDK)").labelNames("namespace")
            .register(registry);
    private final Counter stepFailures = Counter.builder().name("salespulse_operator_step_failures_total")
            .help("Reconcile steps that reported a failure, by step condition and reason")
            .labelNames("step", "reason").register(registry);
    private final Histogram duration = Histogram.builder().name("salespulse_operator_reconciliation_duration_seconds")
            .help("Time one reconciliation took").classicUpperBounds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
            .register(registry);
    /** Where a reconcile's time goes (which store or rollout is slow): one series per step condition. */
    private final Histogram stepDuration = Histogram.builder().name("salespulse_operator_step_duration_seconds")
            .help("Time one reconcile step took, by step condition")
            .classicUpperBounds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30).labelNames("step").register(registry);
    private final DataPlaneMetrics dataPlane = new DataPlaneMetrics(registry);

    {
        // The operator's own memory (the chart limits it; the benchmark reads it): names as the Prometheus JVM
        // instrumentation has them, from the JVM's MemoryMXBean.
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        GaugeWithCallback.builder().name("jvm_memory_used_bytes").help("Used bytes of a JVM memory area")
                .unit(Unit.BYTES).labelNames("area").callback(cb -> {
                    cb.call(memory.getHeapMemoryUsage().getUsed(), "heap");
                    cb.call(memory.getNonHeapMemoryUsage().getUsed(), "nonheap");
                }).register(registry);
        GaugeWithCallback.builder().name("jvm_memory_max_bytes").help("Max bytes of a JVM memory area")
                .unit(Unit.BYTES).labelNames("area")
                .callback(cb -> cb.call(memory.getHeapMemoryUsage().getMax(), "heap")).register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public void receivedEvent(Event event, Map<String, Object> metadata) {
        events.inc();
    }

    @Override
    public void reconcileCustomResource(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
        reconciles.labelValues(namespace(resource)).inc();
    }

    @Override
    public void failedReconciliation(HasMetadata resource, Exception exception, Map<String, Object> metadata) {
        errors.labelValues(namespace(resource)).inc();
    }

    @Override
    public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
        long start = System.nanoTime();
        try {
            return execution.execute();
        } finally {
            duration.observe((System.nanoTime() - start) / 1e9);
        }
    }

    /** The per-pipeline data-plane gauges, on the same endpoint. */
    public DataPlaneMetrics dataPlane() {
        return dataPlane;
    }

    public void stepTook(String step, long nanos) {
        stepDuration.labelValues(step).observe(nanos / 1e9);
    }

    public void stepFailed(String step, String reason) {
        stepFailures.labelValues(step, reason).inc();
    }

    private static String namespace(HasMetadata resource) {
        String ns = resource.getMetadata().getNamespace();
        return ns == null ? "" : ns;
    }
}
