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
    // The external steps run concurrently and share these.
    private final Map<String, Credentials> credentials = new ConcurrentHashMap<>();
    private final Map<String, io.salespulse.operator.external.TrustMaterial> trust = new ConcurrentHashMap<>();
    private final CreatedRecord created;
    private volatile Integer topicPartitions;
    private volatile String dashboardUrl;
    private java.time.Duration recheck;

    public PipelineRun(SalesPipeline pipeline, Context<SalesPipeline> context, OperatorSettings settings,
                       SecretReader secrets, RecentSuccess recentSuccess) {
        this.pipeline = pipeline;
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
