package io.salespulse.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.salespulse.crds.v1alpha1.SalesPipeline;
import io.salespulse.operator.reconcile.Hashes;
import io.salespulse.operator.reconcile.PipelineRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Makes a Kubernetes child match its desired state with server-side apply, owned by the pipeline (controller owner
 * reference, so the garbage collector removes it with the pipeline). The desired state's hash is kept in an
 * annotation: when the watch cache already holds a child with that hash nothing is sent, so reconciles triggered by
 * status changes cost no API writes and cannot feed back into themselves.
 */
public final class ChildApplier {

    public static final String FIELD_MANAGER = "salespulse-operator";
    public static final String DESIRED_HASH = "salespulse.io/desired-hash";

    private ChildApplier() {
    }

    public static <T extends HasMetadata> T apply(PipelineRun run, T desired, String component) {
        own(run.pipeline(), desired, component);
        String hash = hash(run, desired);
        desired.getMetadata().getAnnotations().put(DESIRED_HASH, hash);
        @SuppressWarnings("unchecked")
        Optional<T> current = run.existing((Class<T>) desired.getClass(), desired.getMetadata().getName());
        if (current.isPresent() && hash.equals(current.get().getMetadata().getAnnotations().get(DESIRED_HASH))) {
            return current.get();
        }
        return run.client().resource(desired).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
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

    private static String hash(PipelineRun run, HasMetadata desired) {
        return Hashes.sha256(run.client().getKubernetesSerialization().asJson(desired)).substring(0, 16);
    }
}
