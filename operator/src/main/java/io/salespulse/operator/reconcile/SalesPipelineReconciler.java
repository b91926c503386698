package io.salespulse.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.salespulse.crds.v1alpha1.DeletionPolicy;
import io.salespulse.crds.v1alpha1.PipelineCondition;
import io.salespulse.crds.v1alpha1.SalesPipeline;
import io.salespulse.crds.v1alpha1.SalesPipelineStatus;
import io.salespulse.operator.OperatorSettings;
import io.salespulse.operator.dataplane.DataPlaneRefresh;
import io.salespulse.operator.external.CassandraKeyspaceStep;
import io.salespulse.crds.v1alpha1.CreatedData;
import io.salespulse.operator.external.ExternalDataCleanup;
import io.salespulse.operator.external.ExternalFailures;
import io.salespulse.operator.external.ExternalStepException;
import io.salespulse.operator.external.KafkaTopicsStep;
import io.salespulse.operator.external.MysqlSchemaStep;
import io.salespulse.operator.external.MysqlDatabases;
import io.salespulse.operator.external.RecentSecrets;
import io.salespulse.operator.external.SecretReader;
import io.salespulse.operator.kube.ChildLabels;
import io.salespulse.operator.kube.DeploymentEvents;
import io.salespulse.operator.kube.DashboardStep;
import io.salespulse.operator.kube.SimulatorStep;
import io.salespulse.operator.kube.spark.DriverPods;
import io.salespulse.operator.kube.spark.StreamingJobStep;
import io.salespulse.operator.metrics.ReconcileMetrics;
import io.salespulse.operator.spec.SpecDefaults;
import io.salespulse.operator.spec.SpecValidator;
import io.salespulse.operator.status.ConditionList;
import io.salespulse.operator.status.ConditionTypes;
import io.salespulse.operator.status.PipelineEvents;
import io.salespulse.operator.status.PipelineStatusComposer;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a SalesPipeline as six named steps (topics, schema, keyspace, streaming job, dashboard, simulator), each
 * reported as one condition, then Ready and the phase. The three external steps are independent of each other and run
 * at the same time; the Kubernetes steps then run in order, each gated on everything before it being usable.
 *
 * <p>Finalizers are managed here rather than by JOSDK (which would put one on every pipeline): only a pipeline with
 * deletionPolicy Delete carries {@link #FINALIZER}, so that its topics and data can be removed before it goes.
 * Kubernetes children need none: their owner references let the garbage collector remove them.
 */
// Generation-aware (explicit; the default): the operator's own status patches do not bring another reconcile.
@ControllerConfiguration(name = SalesPipelineReconciler.NAME, triggerReconcilerOnAllEvents = true,
        generationAwareEventProcessing = true,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
public class SalesPipelineReconciler implements Reconciler<SalesPipeline> {

    public static final String NAME = "salespipeline";
    public static final String FINALIZER = "salespulse.io/external-data";
    private static final Logger LOG = LoggerFactory.getLogger(SalesPipelineReconciler.class);
    /** Every kind of child, watched (by the managed-by label) so a change or deletion brings a reconcile. */
    static final List<Class<? extends HasMetadata>> CHILD_TYPES = List.of(Deployment.class, Service.class,
            ConfigMap.class, ServiceAccount.class, Role.class, RoleBinding.class, Ingress.class,
            PersistentVolumeClaim.class);

    private final OperatorSettings settings;
    /** Kafka, MySQL and Cassandra: independent systems, so their steps run concurrently. */
    private final List<PipelineStep> externalSteps = List.of(new KafkaTopicsStep(), new MysqlSchemaStep(),
            new CassandraKeyspaceStep());
    /** Run in this order; each waits only for the steps it {@link #NEEDS}. */
    private final List<PipelineStep> kubeSteps = List.of(new StreamingJobStep(), new DashboardStep(),
            new SimulatorStep());
    /**
     * What each Kubernetes step needs usable before it runs (a workflow's dependsOn). The job writes to all three
     * stores. The dashboard reads only MySQL, and it is where a user sees that the job is missing or stalled, so it
     * must not wait for the job. The simulator waits for the job too, so no order is produced before anything reads.
     */
    static final Map<String, List<String>> NEEDS = Map.of(
            ConditionTypes.STREAMING_JOB, List.of(ConditionTypes.KAFKA_TOPICS, ConditionTypes.SCHEMA,
                    ConditionTypes.KEYSPACE),
            ConditionTypes.DASHBOARD, List.of(ConditionTypes.SCHEMA),
            ConditionTypes.SIMULATOR, List.of(ConditionTypes.KAFKA_TOPICS, ConditionTypes.SCHEMA,
                    ConditionTypes.KEYSPACE, ConditionTypes.STREAMING_JOB));
    private final ExecutorService externalExecutor;
    private final ExternalDataCleanup cleanup = new ExternalDataCleanup();
    private final RecentSuccess recentSuccess;
    private final RetryBackoff backoff;
    private final ReconcileMetrics metrics;
    private final DataPlaneRefresh dataPlane;
    private final CredentialRotations rotations = new CredentialRotations(Clock.systemUTC());
    /** Long enough to serve a burst of reconciles in one namespace, short beside the data-plane refresh. */
    private final RecentSecrets secrets = new RecentSecrets(Duration.ofSeconds(2), Clock.systemUTC());

    public SalesPipelineReconciler(OperatorSettings settings, ReconcileMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.recentSuccess = new RecentSuccess(settings.externalRecheckInterval(), Clock.systemUTC());
        this.backoff = new RetryBackoff(settings.minRetryInterval(), settings.maxRetryInterval());
        this.dataPlane = new DataPlaneRefresh(settings.dataPlaneInterval(), Clock.systemUTC(), metrics.dataPlane());
        this.externalExecutor = externalExecutor(settings.reconcileThreads());
    }

    /**
     * Runs the second and third external step of each reconcile (the reconcile thread runs the first): two threads
     * per reconcile thread, so a step never queues behind another pipeline's; idle threads end after a minute.
     */
    private static ExecutorService externalExecutor(int reconcileThreads) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2 * reconcileThreads, 2 * reconcileThreads, 1,
                TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "external-step-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public List<EventSource<?, SalesPipeline>> prepareEventSources(EventSourceContext<SalesPipeline> context) {
        List<EventSource<?, SalesPipeline>> sources = new java.util.ArrayList<>(CHILD_TYPES.stream()
                .<EventSource<?, SalesPipeline>>map(type -> informer(type, context)).toList());
        sources.add(DriverPods.eventSource(context));
        return sources;
    }

    private static <R extends HasMetadata> InformerEventSource<R, SalesPipeline> informer(
            Class<R> type, EventSourceContext<SalesPipeline> context) {
        var configuration = InformerEventSourceConfiguration.from(type, SalesPipeline.class)
                .withLabelSelector(ChildLabels.SELECTOR);
        if (type == Deployment.class) {
            // Status writes that leave the rollout's verdict as it was bring no reconcile (DeploymentEvents).
            configuration.withOnUpdateFilter((after, before) -> DeploymentEvents.worthAReconcile((Deployment) before,
                    (Deployment) after));
        }
        return new InformerEventSource<>(configuration.build(), context);
    }

    @Override
    public UpdateControl<SalesPipeline> reconcile(SalesPipeline pipeline, Context<SalesPipeline> context) {
        String uid = pipeline.getMetadata().getUid();
        if (context.isPrimaryResourceDeleted()) {
            recentSuccess.forget(uid);
            backoff.succeeded(uid);
            dataPlane.forget(pipeline);
            rotations.forget(uid);
            return UpdateControl.noUpdate();
        }
        SpecDefaults.fill(pipeline.getSpec());
        PipelineEvents events = new PipelineEvents(context.getClient());
        PipelineRun run = new PipelineRun(pipeline, context, settings, new SecretReader(context.getClient(),
                // Deleting data acts on the Secrets as they are now, never on a copy another reconcile just read.
                pipeline.isMarkedForDeletion() ? RecentSecrets.NONE : secrets),
                recentSuccess, rotations);
        if (pipeline.isMarkedForDeletion()) {
            return delete(run, events);
        }
        SalesPipeline latest = alignFinalizer(pipeline, context);

        SalesPipelineStatus previous = Objects.requireNonNullElseGet(pipeline.getStatus(), SalesPipelineStatus::new);
        ConditionList conditions = new ConditionList(previous.conditions, pipeline.getMetadata().getGeneration(),
                java.time.Instant.now());
        SalesPipelineStatus next = new SalesPipelineStatus();
        next.observedGeneration = pipeline.getMetadata().getGeneration();
        Set<String> failures = new LinkedHashSet<>();

        List<String> problems = SpecValidator.problems(pipeline);
        if (!problems.isEmpty()) {
            conditions.set(ConditionTypes.SPEC_VALID, PipelineCondition.FALSE, "InvalidSpec",
                    String.join("; ", problems));
            ConditionTypes.STEPS.forEach(type -> conditions.keepOrUnknown(type, "SpecInvalid",
                    "not reconciled until the spec is valid (see SpecValid)"));
            failures.add(ConditionTypes.SPEC_VALID);
        } else {
            conditions.set(ConditionTypes.SPEC_VALID, PipelineCondition.TRUE, "Valid", "spec accepted");
            failures.addAll(runSteps(run, conditions));
            announceRotations(run, events);
        }
        dataPlane.update(run, previous, next, conditions, events);
        // Omitted while empty: Kubernetes 1.20's server-side apply turns an empty object into null, which the
        // schema refuses (an empty record and none mean the same: nothing to delete).
        next.created = CreatedRecord.isEmpty(run.created().data()) ? null : run.created().data();
        next.topicPartitions = run.topicPartitions() != null ? run.topicPartitions() : previous.topicPartitions;
        next.dashboardUrl = run.dashboardUrl() != null ? run.dashboardUrl() : previous.dashboardUrl;
        PipelineStatusComposer.finish(conditions, next, !failures.isEmpty(),
                Boolean.TRUE.equals(pipeline.getSpec().suspend));
        announce(pipeline, conditions, failures, events);

        if (!sameStatus(context, previous, next)) {
            patchStatus(latest, next, context);
        }
        UpdateControl<SalesPipeline> control = UpdateControl.noUpdate();
        if (!failures.isEmpty() && problems.isEmpty()) {
            // Invalid specs wait for the user's edit (a new generation); failing dependencies are retried.
            Duration delay = backoff.nextDelay(uid);
            if (failures.stream().map(type -> conditions.get(type).map(c -> c.reason).orElse(""))
                    .anyMatch(CREDENTIAL_FAILURES::contains)
                    && delay.compareTo(settings.dataPlaneInterval()) > 0) {
                // Secrets have no watch (least privilege): while credentials are refused, look at the Secrets again
                // every refresh interval, so a rotation finished in the Secret is picked up as soon as elsewhere.
                delay = settings.dataPlaneInterval();
            }
            return control.rescheduleAfter(delay);
        }
        backoff.succeeded(uid);
        return run.recheck() == null ? control : control.rescheduleAfter(run.recheck());
    }

    /**
     * Runs the external steps at once, then the Kubernetes steps in order; a Kubernetes step waits while a step it
     * {@link #NEEDS} is not usable (named in its condition: the first such in step order). Returns the failed
     * conditions.
     */
    private Set<String> runSteps(PipelineRun run, ConditionList conditions) {
        List<CompletableFuture<StepResult>> others = externalSteps.subList(1, externalSteps.size()).stream()
                .map(step -> CompletableFuture.supplyAsync(() -> runStep(step, run), externalExecutor))
                .toList();
        List<StepResult> external = new java.util.ArrayList<>();
        external.add(runStep(externalSteps.get(0), run));
        others.forEach(f -> external.add(f.join()));

        // Step order, and whether each step let the ones that need it run.
        Map<String, Boolean> usable = new LinkedHashMap<>();
        Set<String> failed = new LinkedHashSet<>();
        for (int i = 0; i < externalSteps.size(); i++) {
            usable.put(externalSteps.get(i).conditionType(), record(externalSteps.get(i), external.get(i), conditions,
                    failed));
        }
        for (PipelineStep step : kubeSteps) {
            List<String> needs = NEEDS.get(step.conditionType());
            String blockedBy = usable.entrySet().stream()
                    .filter(e -> needs.contains(e.getKey()) && !e.getValue())
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (blockedBy != null) {
                conditions.keepOrUnknown(step.conditionType(), "WaitingFor" + blockedBy,
                        "waits until " + blockedBy + " is True");
                usable.put(step.conditionType(), false);
                continue;
            }
            usable.put(step.conditionType(), record(step, runStep(step, run), conditions, failed));
        }
        return failed;
    }

    /** Sets the step's condition; returns whether the steps that need this one may run. */
    private boolean record(PipelineStep step, StepResult result, ConditionList conditions, Set<String> failed) {
        conditions.set(step.conditionType(), result.conditionStatus(), result.reason(), result.message());
        if (result.outcome() == StepResult.Outcome.FAILED) {
            failed.add(step.conditionType());
            metrics.stepFailed(step.conditionType(), result.reason());
        }
        return result.opensGate();
    }

    private StepResult runStep(PipelineStep step, PipelineRun run) {
        run.stepRunning(step.conditionType());
        long start = System.nanoTime();
        StepResult result = runStepOnly(step, run);
        metrics.stepTook(step.conditionType(), System.nanoTime() - start);
        // The last credentials rotation that rolled this step's pods stays in its message (stable text: no churn).
        return rotations.note(run.uid(), step.conditionType())
                .map(note -> new StepResult(result.outcome(), result.reason(), result.message() + "; " + note))
                .orElse(result);
    }

    /**
     * One Event per rotated Secret and reconcile, naming it and the Deployments rolled for it (never its content); a
     * Deployment of a step still waiting for one it needs (the simulator behind the driver) rolls, and is named, in a
     * later reconcile. The condition messages of the steps that own those Deployments say it too.
     */
    private static void announceRotations(PipelineRun run, PipelineEvents events) {
        run.rotatedSecrets().forEach((secret, deployments) -> {
            LOG.info("Secret {}/{} changed: rolling Deployments {} of pipeline {}", run.namespace(), secret,
                    deployments, run.name());
            events.normal(run.pipeline(), "CredentialsRotated", "Secret '" + secret + "' changed: rolling "
                    + (deployments.size() == 1 ? "Deployment " + deployments.iterator().next() + " so its pods use"
                    : "Deployments " + String.join(", ", deployments) + " so their pods use")
                    + " the new credentials; the operator's own connections use them from now on");
        });
    }

    private StepResult runStepOnly(PipelineStep step, PipelineRun run) {
        try {
            return step.reconcile(run);
        } catch (ExternalStepException e) {
            return StepResult.failed(e.reason(), e.getMessage());
        } catch (RuntimeException e) {
            // Kubernetes API errors (RBAC, admission, validation) and the unexpected: report, retry, do not crash.
            LOG.warn("step {} of {}/{} failed", step.conditionType(), run.namespace(), run.name(), e);
            return StepResult.failed("Error", ExternalFailures.describe(e));
        }
    }

    /** Returns the pipeline as the API server now has it when the finalizer changed, else {@code pipeline}. */
    private SalesPipeline alignFinalizer(SalesPipeline pipeline, Context<SalesPipeline> context) {
        boolean wanted = pipeline.getSpec().deletionPolicy == DeletionPolicy.Delete;
        if (wanted && !pipeline.hasFinalizer(FINALIZER)) {
            return PrimaryUpdateAndCacheUtils.addFinalizer(context.getClient(), pipeline, FINALIZER);
        } else if (!wanted && pipeline.hasFinalizer(FINALIZER)) {
            return PrimaryUpdateAndCacheUtils.removeFinalizer(context.getClient(), pipeline, FINALIZER);
        }
        return pipeline;
    }

    /**
     * Writes the status with server-side apply under optimistic locking and hands the result to JOSDK's primary
     * cache ({@link PrimaryUpdateAndCacheUtils}), so the next reconcile reads this status, never an older one from
     * the informer: status.created must never be written back with less than it holds (deletionPolicy Delete would
     * then keep data it should remove, or forget it was ours). On a conflict JOSDK retries on the newer version;
     * what that version records as created is kept (the record only ever grows while the pipeline lives).
     */
    private static void patchStatus(SalesPipeline latest, SalesPipelineStatus status,
                                    Context<SalesPipeline> context) {
        PrimaryUpdateAndCacheUtils.updateAndCacheResource(latest, context, current -> {
            CreatedData known = current.getStatus() == null ? null : current.getStatus().created;
            if (!CreatedRecord.isEmpty(known)) {
                status.created = CreatedRecord.union(known, status.created);
            }
            return statusPatch(current, status);
        }, patch -> context.getClient().resource(patch).subresource("status").patch(new PatchContext.Builder()
                .withForce(true)
                .withFieldManager(context.getControllerConfiguration().fieldManager())
                .withPatchType(PatchType.SERVER_SIDE_APPLY)
                .build()));
    }

    /** Failures a Secret's next version may fix: retried at least once per refresh interval. */
    private static final Set<String> CREDENTIAL_FAILURES = Set.of("SecretNotFound", "SecretKeyMissing",
            MysqlDatabases.AUTHENTICATION_FAILED, "KafkaAuthenticationFailed", "CassandraAuthenticationFailed");

    /** Why giving up leaves data rather than retrying: the credentials to reach it are gone for good. */
    private static final Set<String> CREDENTIALS_GONE = Set.of("SecretNotFound", "SecretKeyMissing");

    /**
     * deletionPolicy Delete: remove what status.created records (only what this pipeline created), then let the
     * pipeline go. Nothing recorded (a pipeline from before the record): kept, as under Retain, and an Event says so.
     * Credentials gone (e.g. the namespace is being deleted and its Secrets went first): the data is left, an Event
     * says what, and the finalizer is removed so the namespace does not hang.
     */
    private UpdateControl<SalesPipeline> delete(PipelineRun run, PipelineEvents events) {
        SalesPipeline pipeline = run.pipeline();
        if (!pipeline.hasFinalizer(FINALIZER)) {
            return UpdateControl.noUpdate();
        }
        CreatedData created = pipeline.getStatus() == null ? null : pipeline.getStatus().created;
        if (CreatedRecord.isEmpty(created)) {
            events.normal(pipeline, "DataRetained", "deletionPolicy is Delete, but status.created records nothing "
                    + "this pipeline created (it found its topics, tables and keyspace already there, or it predates "
                    + "the record): everything is kept, as under Retain");
            return release(run, pipeline);
        }
        try {
            List<String> done = cleanup.deleteCreated(run, created);
            events.normal(pipeline, "DataDeleted", "deletionPolicy Delete removed what this pipeline created: "
                    + String.join("; ", done));
            return release(run, pipeline);
        } catch (ExternalStepException e) {
            if (CREDENTIALS_GONE.contains(e.reason())) {
                events.warning(pipeline, "DataLeft", "deletionPolicy is Delete but the credentials are gone ("
                        + e.getMessage() + "): the data this pipeline created is left in place: "
                        + describe(created));
                return release(run, pipeline);
            }
            events.warning(pipeline, "DataDeletionFailed", e.getMessage());
            SalesPipelineStatus status = Objects.requireNonNullElseGet(pipeline.getStatus(), SalesPipelineStatus::new);
            ConditionList conditions = new ConditionList(status.conditions, pipeline.getMetadata().getGeneration(),
                    java.time.Instant.now());
            conditions.carryOver();
            conditions.set(ConditionTypes.READY, PipelineCondition.FALSE, "DataDeletionFailed",
                    "deletionPolicy is Delete but removing topics and data failed (will retry): " + e.getMessage());
            status.conditions = conditions.toList();
            status.phase = SalesPipelineStatus.Phase.Deleting;
            patchStatus(pipeline, status, run.context());
            return UpdateControl.<SalesPipeline>noUpdate().rescheduleAfter(backoff.nextDelay(run.uid()));
        }
    }

    private UpdateControl<SalesPipeline> release(PipelineRun run, SalesPipeline pipeline) {
        try {
            PrimaryUpdateAndCacheUtils.removeFinalizer(run.client(), pipeline, FINALIZER);
        } catch (KubernetesClientException e) {
            // Gone already: an earlier reconcile released it and the cache had not seen that yet.
            if (e.getCode() != 404) {
                throw e;
            }
        }
        recentSuccess.forget(run.uid());
        backoff.succeeded(run.uid());
        return UpdateControl.noUpdate();
    }

    private static String describe(CreatedData c) {
        List<String> parts = new java.util.ArrayList<>();
        if (c.kafka != null && !c.kafka.topics.isEmpty()) {
            parts.add("topics " + c.kafka.topics + " on " + c.kafka.bootstrapServers);
        }
        if (c.mysql != null && !c.mysql.tables.isEmpty()) {
            parts.add("tables " + c.mysql.tables + " in " + c.mysql.database);
        }
        if (c.cassandra != null) {
            parts.add("keyspace " + c.cassandra.keyspace + " on " + c.cassandra.contactPoints);
        }
        return String.join("; ", parts);
    }

    /** Events on transitions only: a condition newly failing (or failing for a new reason), becoming Ready. */
    private static void announce(SalesPipeline pipeline, ConditionList conditions, Set<String> failures,
                                 PipelineEvents events) {
        for (String type : failures) {
            PipelineCondition c = conditions.get(type).orElseThrow();
            boolean isNew = conditions.previous(type)
                    .map(p -> !c.status.equals(p.status) || !Objects.equals(c.reason, p.reason)).orElse(true);
            if (isNew) {
                events.warning(pipeline, c.reason, type + ": " + c.message);
            }
        }
        boolean readyNow = conditions.get(ConditionTypes.READY).map(PipelineCondition::isTrue).orElse(false);
        boolean readyBefore = conditions.previous(ConditionTypes.READY).map(PipelineCondition::isTrue).orElse(false);
        if (readyNow && !readyBefore) {
            events.normal(pipeline, "PipelineReady", "every step is ready");
        }
    }

    private static boolean sameStatus(Context<SalesPipeline> context, SalesPipelineStatus a, SalesPipelineStatus b) {
        var json = context.getClient().getKubernetesSerialization();
        return json.asJson(a).equals(json.asJson(b));
    }

    /** A fresh object carrying only the status: what server-side apply of the status subresource should send. */
    private static SalesPipeline statusPatch(SalesPipeline pipeline, SalesPipelineStatus status) {
        SalesPipeline patch = new SalesPipeline();
        patch.setMetadata(new ObjectMetaBuilder().withName(pipeline.getMetadata().getName())
                .withNamespace(pipeline.getMetadata().getNamespace()).build());
        patch.setStatus(status);
        return patch;
    }
}
