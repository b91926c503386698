package io.salespulse.operator.status;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.salespulse.crds.v1alpha1.SalesPipeline;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kubernetes Events on a SalesPipeline (`kubectl describe salespipeline` shows them). */
public final class PipelineEvents {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineEvents.class);
    static final String COMPONENT = "salespulse-operator";

    private final KubernetesClient client;

    public PipelineEvents(KubernetesClient client) {
        this.client = client;
    }

    public void warning(SalesPipeline pipeline, String reason, String message) {
        emit(pipeline, "Warning", reason, message);
    }

    public void normal(SalesPipeline pipeline, String reason, String message) {
        emit(pipeline, "Normal", reason, message);
    }

    private void emit(SalesPipeline pipeline, String type, String reason, String message) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Event event = new EventBuilder()
                .withNewMetadata()
                .withName(pipeline.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
                .withNamespace(pipeline.getMetadata().getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(pipeline.getApiVersion()).withKind(pipeline.getKind())
                .withName(pipeline.getMetadata().getName()).withNamespace(pipeline.getMetadata().getNamespace())
                .withUid(pipeline.getMetadata().getUid())
                .endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .build();
        try {
            client.v1().events().inNamespace(pipeline.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            // An event is a courtesy; the condition already carries the information.
            LOG.warn("could not record event {} on {}: {}", reason, pipeline.getMetadata().getName(), e.getMessage());
        }
    }
}
