package io.salespulse.helm;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Objects;

/**
 * Stands in for the deployment controller and the kubelet, which this test API server does not run: every
 * Deployment the operator creates (label app.kubernetes.io/managed-by=salespulse-operator) is reported rolled out,
 * all its replicas available, as they would be once their pods run. The operator's readiness gates read exactly
 * this status, so the later steps (dashboard, simulator) run too.
 */
final class DeploymentStatusStandIn implements AutoCloseable {

    private final KubernetesClient client;
    private final SharedIndexInformer<Deployment> informer;

    DeploymentStatusStandIn(KubernetesClient client) {
        this.client = client;
        this.informer = client.apps().deployments().inAnyNamespace()
                .withLabel("app.kubernetes.io/managed-by", "salespulse-operator")
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Deployment deployment) {
                        rolledOut(deployment);
                    }

                    @Override
                    public void onUpdate(Deployment before, Deployment deployment) {
                        rolledOut(deployment);
                    }

                    @Override
                    public void onDelete(Deployment deployment, boolean unknown) {
                        // nothing runs
                    }
                });
    }

    private void rolledOut(Deployment deployment) {
        int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        DeploymentStatus current = deployment.getStatus();
        if (current != null && Objects.equals(current.getObservedGeneration(), deployment.getMetadata().getGeneration())
                && Objects.equals(current.getAvailableReplicas(), replicas)) {
            return;
        }
        deployment.setStatus(new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(replicas)
                .withAvailableReplicas(replicas)
                .withConditions(new DeploymentConditionBuilder().withType("Available").withStatus("True")
                        .withReason("MinimumReplicasAvailable").build())
                .build());
        try {
            client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace()).resource(deployment)
                    .updateStatus();
        } catch (KubernetesClientException e) {
            // A conflict (changed meanwhile) or a deleted Deployment: the informer brings the next version.
        }
    }

    @Override
    public void close() {
        informer.close();
    }
}
