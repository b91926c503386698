package io.salespulse.operator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.salespulse.crds.v1alpha1.SalesPipeline;
import io.salespulse.operator.reconcile.Hashes;
import io.salespulse.operator.reconcile.PipelineRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a Kubernetes child match its desired state with server-side apply, owned by the pipeline (controller owner
 * reference, so the garbage collector removes it with the pipeline). Level-based: the child in the watch cache is
 * compared with the desired state, and nothing is sent when it still holds every desired field ({@link LiveState}),
 * so reconciles triggered by status changes cost no API writes and cannot feed back into themselves, while an
 * in-place edit (a Deployment scaled, a label removed, an env value changed) is applied back on the next reconcile —
 * which the edit itself triggers through the child's watch. The desired state's hash stays in an annotation (a cheap
 * first test, and it shows which spec a child was made from).
 */
public final class ChildApplier {

    private static final Logger LOG = LoggerFactory.getLogger(ChildApplier.class);
    public static final String FIELD_MANAGER = "salespulse-operator";
    public static final String DESIRED_HASH = "salespulse.io/desired-hash";

    private ChildApplier() {
    }

    public static <T extends HasMetadata> T apply(PipelineRun run, T desired, String component) {
        own(run.pipeline(), desired, component);
        @SuppressWarnings("unchecked")
        Optional<T> current = run.existing((Class<T>) desired.getClass(), desired.getMetadata().getName());
        if (desired instanceof Deployment deployment) {
            fingerprintSecrets(run, deployment, current.map(Deployment.class::cast));
        }
        String hash = hash(run, desired);
        desired.getMetadata().getAnnotations().put(DESIRED_HASH, hash);
        if (current.isPresent() && hash.equals(current.get().getMetadata().getAnnotations().get(DESIRED_HASH))) {
            if (matches(run, current.get(), desired)) {
                return current.get();
            }
            LOG.info("{} {}/{} was changed in place (drift from its desired state): applying it again",
                    desired.getKind(), run.namespace(), desired.getMetadata().getName());
        }
        return run.client().resource(desired).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    /**
     * Puts the fingerprints of the Secrets the pods read into the pod template, so a rotated password rolls exactly
     * the pods that read it (the Secrets are fetched by name on every reconcile; the refresh timer brings one).
     */
    private static void fingerprintSecrets(PipelineRun run, Deployment desired, Optional<Deployment> current) {
        var template = desired.getSpec().getTemplate();
        Map<String, String> fingerprints = SecretFingerprints.of(template,
                name -> run.secrets().secret(run.namespace(), name));
        if (fingerprints.isEmpty()) {
            return;
        }
        if (template.getMetadata() == null) {
            template.setMetadata(new ObjectMeta());
        }
        if (template.getMetadata().getAnnotations() == null) {
            template.getMetadata().setAnnotations(new LinkedHashMap<>());
        }
        template.getMetadata().getAnnotations().put(SecretFingerprints.ANNOTATION,
                SecretFingerprints.format(fingerprints));
        Map<String, String> live = SecretFingerprints.parse(current.map(d -> d.getSpec().getTemplate().getMetadata())
                .map(m -> m.getAnnotations() == null ? null : m.getAnnotations().get(SecretFingerprints.ANNOTATION))
                .orElse(null));
        run.podsRead(desired.getMetadata().getName(), fingerprints, live);
    }

    /** For children Kubernetes will not let us change later (a PVC's class and size): create once, then leave. */
    public static <T extends HasMetadata> T createIfMissing(PipelineRun run, T desired, String component) {
        @SuppressWarnings("unchecked")
        Optional<T> current = run.existing((Class<T>) desired.getClass(), desired.getMetadata().getName());
        if (current.isPresent()) {
            return current.get();
        }
        own(run.pipeline(), desired, component);
        return run.client().resource(desired).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    /** Deletes a child the spec no longer asks for (an Ingress removed from the spec, a disabled simulator). */
    public static <T extends HasMetadata> void deleteIfPresent(PipelineRun run, Class<T> type, String name) {
        if (run.existing(type, name).isPresent()) {
            run.client().resources(type).inNamespace(run.namespace()).withName(name).delete();
        }
    }

    private static void own(SalesPipeline pipeline, HasMetadata child, String component) {
        ObjectMeta meta = child.getMetadata();
        meta.setNamespace(pipeline.getMetadata().getNamespace());
        LinkedHashMap<String, String> labels = new LinkedHashMap<>(ChildLabels.all(pipeline.getMetadata().getName(),
                component));
        if (meta.getLabels() != null) {
            labels.putAll(meta.getLabels());
        }
        meta.setLabels(labels);
        meta.setAnnotations(meta.getAnnotations() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(meta.getAnnotations()));
        meta.setOwnerReferences(List.of(ownerReference(pipeline)));
    }

    static OwnerReference ownerReference(SalesPipeline pipeline) {
        return new OwnerReferenceBuilder()
                .withApiVersion(pipeline.getApiVersion())
                .withKind(pipeline.getKind())
                .withName(pipeline.getMetadata().getName())
                .withUid(pipeline.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    private static boolean matches(PipelineRun run, HasMetadata live, HasMetadata desired) {
        var json = run.client().getKubernetesSerialization();
        return LiveState.covers(json.convertValue(live, JsonNode.class), json.convertValue(desired, JsonNode.class));
    }

    private static String hash(PipelineRun run, HasMetadata desired) {
        return Hashes.sha256(run.client().getKubernetesSerialization().asJson(desired)).substring(0, 16);
    }
}
