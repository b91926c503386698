package io.salespulse.operator.dataplane;

import io.salespulse.crds.v1alpha1.PipelineCondition;
import io.salespulse.crds.v1alpha1.SalesPipeline;
import io.salespulse.crds.v1alpha1.SalesPipelineStatus;
import io.salespulse.operator.external.ExternalStepException;
import io.salespulse.operator.metrics.DataPlaneMetrics;
import io.salespulse.operator.reconcile.PipelineRun;
import io.salespulse.operator.status.ConditionList;
import io.salespulse.operator.status.ConditionTypes;
import io.salespulse.operator.status.PipelineEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps status.dataPlane and the DataFlowing condition current on a timer, not on events: the data plane is read at
 * most once per interval per pipeline (and on a new generation); reconciles in between (child events, heartbeat
 * rechecks) carry the last reading over unchanged, so they add no status patch. The reconcile asks to be scheduled
 * again when the next reading is due.
 */
public final class DataPlaneRefresh {

    private static final Duration DEFAULT_SLO = Duration.ofMinutes(2);
    /** A timer firing a little early still counts as due. */
    private static final Duration EARLY = Duration.ofSeconds(1);

    private final Duration interval;
    private final Clock clock;
    private final DataPlaneMetrics metrics;
    private final Map<String, Instant> lastRead = new ConcurrentHashMap<>();

    public DataPlaneRefresh(Duration interval, Clock clock, DataPlaneMetrics metrics) {
        this.interval = interval;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Sets {@code next.dataPlane} and DataFlowing: a new reading when one is due, else the previous ones. */
    public void update(PipelineRun run, SalesPipelineStatus previous, SalesPipelineStatus next,
                       ConditionList conditions, PipelineEvents events) {
        boolean schemaReady = conditions.get(ConditionTypes.SCHEMA).map(PipelineCondition::isTrue).orElse(false);
        next.dataPlane = previous.dataPlane;
        if (!schemaReady) {
            lastRead.remove(run.uid());
            conditions.set(ConditionTypes.DATA_FLOWING, PipelineCondition.UNKNOWN, "WaitingForSchemaReady",
                    "the job's progress store is read once SchemaReady is True");
            return;
        }
        Instant now = clock.instant();
        Instant last = lastRead.get(run.uid());
        Duration since = last == null ? null : Duration.between(last, now);
        boolean sameGeneration = Objects.equals(previous.observedGeneration, next.observedGeneration);
        var before = conditions.previous(ConditionTypes.DATA_FLOWING);
        if (since != null && sameGeneration && before.isPresent() && since.compareTo(interval.minus(EARLY)) < 0) {
            PipelineCondition c = before.get();
            conditions.set(c.type, c.status, c.reason, c.message);
            run.recheckWithin(interval.minus(since));
            return;
        }
        lastRead.put(run.uid(), now);
        run.recheckWithin(interval);
        DataPlaneSample sample;
        try {
            sample = DataPlaneReader.read(run);
        } catch (ExternalStepException e) {
            conditions.set(ConditionTypes.DATA_FLOWING, PipelineCondition.UNKNOWN, e.reason(), e.getMessage());
            return;
        }
        String slo = run.spec().streamingJob.freshnessSlo;
        DataFlowingVerdict.Outcome outcome = new DataFlowingVerdict(slo == null ? DEFAULT_SLO : Duration.parse(slo))
                .judge(sample, previous.dataPlane, Boolean.TRUE.equals(run.spec().suspend), now);
        next.dataPlane = outcome.dataPlane();
        DataFlowingVerdict.Verdict v = outcome.verdict();
        conditions.set(ConditionTypes.DATA_FLOWING, v.status(), v.reason(), v.message());
        boolean stalled = DataFlowingVerdict.STALLED.equals(v.reason());
        if (stalled && !before.map(c -> DataFlowingVerdict.STALLED.equals(c.reason)).orElse(false)) {
            events.warning(run.pipeline(), DataFlowingVerdict.STALLED, ConditionTypes.DATA_FLOWING + ": "
                    + v.message());
        }
        metrics.record(run.namespace(), run.name(), outcome.dataPlane(), stalled);
    }

    /** The pipeline is gone. */
    public void forget(SalesPipeline pipeline) {
        lastRead.remove(pipeline.getMetadata().getUid());
        metrics.forget(pipeline.getMetadata().getNamespace(), pipeline.getMetadata().getName());
    }
}
