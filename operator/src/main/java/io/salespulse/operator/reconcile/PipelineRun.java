package io.salespulse.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.salespulse.crds.v1alpha1.SalesPipeline;
import io.salespulse.crds.v1alpha1.SalesPipelineSpec;
import io.salespulse.operator.OperatorSettings;
import io.salespulse.crds.v1alpha1.SecretCredentialsRef;
import io.salespulse.operator.external.Credentials;
import io.salespulse.operator.external.SecretReader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.Optional;

/** Everything the steps of one reconcile of one pipeline share, and the status facts they find. */
public final class PipelineRun {

    private final SalesPipeline pipeline;
    private final Context<SalesPipeline> context;
    private final OperatorSettings settings;
    private final SecretReader secrets;
    private final RecentSuccess recentSuccess;
    private final CredentialRotations rotations;
    /** Secret → the Deployments this reconcile rolled because it changed (for one Event per Secret). */
    private final Map<String, java.util.Set<String>> rotated = java.util.Collections.synchronizedMap(new java.util.TreeMap<>());
    /** Per thread: the external steps run concurrently, each on its own thread. */
    private final ThreadLocal<String> currentStep = new ThreadLocal<>();
    // The external steps run concurrently and share these.
    private final Map<String, Credentials> credentials = new ConcurrentHashMap<>();
    private final Map<String, io.salespulse.operator.external.TrustMaterial> trust = new ConcurrentHashMap<>();
    private final CreatedRecord created;
    private volatile Integer topicPartitions;
    private volatile String dashboardUrl;
    private java.time.Duration recheck;

    public PipelineRun(SalesPipeline pipeline, Context<SalesPipeline> context, OperatorSettings settings,
                       SecretReader secrets, RecentSuccess recentSuccess, CredentialRotations rotations) {
        this.pipeline = pipeline;
        this.rotations = rotations;
        this.context = context;
        this.settings = settings;
        this.secrets = secrets;
        this.recentSuccess = recentSuccess;
        this.created = new CreatedRecord(pipeline.getStatus() == null ? null : pipeline.getStatus().created);
    }

    /** status.created as this reconcile leaves it: the previous record plus what the steps created now. */
    public CreatedRecord created() {
        return created;
    }

    public SalesPipeline pipeline() {
        return pipeline;
    }

    public SalesPipelineSpec spec() {
        return pipeline.getSpec();
    }

    public String name() {
        return pipeline.getMetadata().getName();
    }

    public String namespace() {
        return pipeline.getMetadata().getNamespace();
    }

    public String uid() {
        return pipeline.getMetadata().getUid();
    }

    public Context<SalesPipeline> context() {
        return context;
    }

    public KubernetesClient client() {
        return context.getClient();
    }

    public OperatorSettings settings() {
        return settings;
    }

    public SecretReader secrets() {
        return secrets;
    }

    /** The credentials {@code ref} points at (read once per reconcile); null when there is no reference. */
    public Credentials credentials(SecretCredentialsRef ref, String field) {
        if (ref == null) {
            return null;
        }
        return credentials.computeIfAbsent(ref.name + "/" + ref.usernameKey + "/" + ref.passwordKey,
                k -> secrets.credentials(namespace(), ref, field));
    }

    /** The CA of a {@code tls} block (read once per reconcile); null when there is none. */
    public io.salespulse.operator.external.TrustMaterial trust(io.salespulse.crds.v1alpha1.TlsSpec tls, String field) {
        if (tls == null || tls.caSecretRef == null) {
            return null;
        }
        return trust.computeIfAbsent(tls.caSecretRef.name + "/" + tls.caSecretRef.key,
                k -> io.salespulse.operator.external.TrustMaterial.of(
                        secrets.value(namespace(), tls.caSecretRef.name, tls.caSecretRef.key, field), field));
    }

    /**
     * A Deployment's pod template is about to read these Secret fingerprints (see SecretFingerprints); when a Secret
     * it read before changed, the rollout is recorded for the Event and the running step's condition message.
     */
    public void podsRead(String deployment, Map<String, String> desired, Map<String, String> live) {
        java.util.List<String> changed = rotations.observe(uid(), deployment, desired, live);
        if (!changed.isEmpty()) {
            changed.forEach(s -> rotated.computeIfAbsent(s, k -> new java.util.TreeSet<>()).add(deployment));
            if (currentStep.get() != null) {
                rotations.rotated(uid(), currentStep.get(), changed, deployment);
            }
        }
    }

    /** Secret → Deployments rolled by this reconcile because the Secret's content changed. */
    public Map<String, java.util.Set<String>> rotatedSecrets() {
        return rotated;
    }

    /** The condition type of the step now running (its rotation note goes into that condition's message). */
    public void stepRunning(String conditionType) {
        currentStep.set(conditionType);
    }

    public RecentSuccess recentSuccess() {
        return recentSuccess;
    }

    /** The child of this type and name as the watch cache last saw it (owned by this pipeline). */
    public <T extends HasMetadata> Optional<T> existing(Class<T> type, String name) {
        return context.getSecondaryResourcesAsStream(type)
                .filter(r -> name.equals(r.getMetadata().getName()))
                .findFirst();
    }

    public Integer topicPartitions() {
        return topicPartitions;
    }

    public void topicPartitions(int partitions) {
        this.topicPartitions = partitions;
    }

    /** Asks for another reconcile within {@code delay}: for what no watch event announces (the job's heartbeat). */
    public synchronized void recheckWithin(java.time.Duration delay) {
        if (recheck == null || delay.compareTo(recheck) < 0) {
            recheck = delay;
        }
    }

    /** The soonest recheck a step asked for; null when none did. */
    public synchronized java.time.Duration recheck() {
        return recheck;
    }

    public String dashboardUrl() {
        return dashboardUrl;
    }

    public void dashboardUrl(String url) {
        this.dashboardUrl = url;
    }
}
