package io.salespulse.operator.kube.spark;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.salespulse.crds.v1alpha1.SalesPipeline;
import io.salespulse.operator.kube.ChildLabels;
import io.salespulse.operator.reconcile.PipelineRun;
import java.util.List;
import java.util.Map;

/**
 * The Spark driver pods of every pipeline, from a watch cache. A LIST per reconcile made the API server read every
 * pod of the namespace from etcd to filter by label (fifty pipelines in one namespace: 150 pods a reconcile). The
 * cache triggers no reconcile: the driver Deployment's status changes bring those, as before, and the periodic
 * refresh notices restarts inside a pod.
 */
public final class DriverPods {

    private static final String NAME = "spark-driver-pods";
    private static final String BY_PIPELINE = "namespace/instance";

    private DriverPods() {
    }

    /** The cache, registered with the controller's event sources (same namespaces as the pipelines). */
    public static InformerEventSource<Pod, SalesPipeline> eventSource(EventSourceContext<SalesPipeline> context) {
        InformerEventSource<Pod, SalesPipeline> source = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Pod.class, SalesPipeline.class)
                        .withName(NAME)
                        .withLabelSelector(ChildLabels.COMPONENT + "=" + SparkDriver.COMPONENT
                                + ",app.kubernetes.io/name=salespulse")
                        .withGenericFilter(pod -> false)
                        .build(), context);
        source.addIndexers(Map.of(BY_PIPELINE, pod -> List.of(key(pod.getMetadata().getNamespace(),
                pod.getMetadata().getLabels().get(ChildLabels.INSTANCE)))));
        return source;
    }

    /** The pipeline's driver pods that are not being deleted. */
    public static List<Pod> of(PipelineRun run) {
        @SuppressWarnings("unchecked")
        var source = (InformerEventSource<Pod, SalesPipeline>) run.context().eventSourceRetriever()
                .getEventSourceFor(Pod.class, NAME);
        return source.byIndex(BY_PIPELINE, key(run.namespace(), run.name())).stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .toList();
    }

    private static String key(String namespace, String pipeline) {
        return namespace + "/" + pipeline;
    }
}
