package io.salespulse.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import org.junit.jupiter.api.Test;

class DeploymentEventsTest {

    /** A one-replica Deployment whose controller has seen generation 1, with {@code available} pods available. */
    private static Deployment rollout(int available, String progressingReason) {
        return new DeploymentBuilder()
                .withNewMetadata().withName("shop-dashboard").withGeneration(1L)
                .addToLabels(ChildLabels.MANAGED_BY, ChildLabels.OPERATOR).endMetadata()
                .withNewSpec().withReplicas(1).endSpec()
                .withNewStatus().withObservedGeneration(1L).withReplicas(1).withUpdatedReplicas(1)
                .withAvailableReplicas(available).withUnavailableReplicas(1 - available)
                .withConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("True")
                        .withReason(progressingReason).build())
                .endStatus().build();
    }

    @Test
    void aStatusWriteThatLeavesTheVerdictBringsNoReconcile() {
        assertThat(DeploymentEvents.worthAReconcile(rollout(0, "NewReplicaSetCreated"),
                rollout(0, "ReplicaSetUpdated"))).isFalse();
        assertThat(DeploymentEvents.worthAReconcile(rollout(1, "ReplicaSetUpdated"),
                rollout(1, "NewReplicaSetAvailable"))).isFalse();
    }

    @Test
    void aChangedVerdictDoes() {
        assertThat(DeploymentEvents.worthAReconcile(rollout(0, "ReplicaSetUpdated"), rollout(1, "ReplicaSetUpdated")))
                .isTrue();
        Deployment stuck = rollout(0, "ReplicaSetUpdated");
        stuck.getStatus().getConditions().get(0).setStatus("False");
        stuck.getStatus().getConditions().get(0).setReason("ProgressDeadlineExceeded");
        assertThat(DeploymentEvents.worthAReconcile(rollout(0, "ReplicaSetUpdated"), stuck)).isTrue();
    }

    @Test
    void driftOutsideTheStatusAlwaysDoes() {
        Deployment scaled = rollout(1, "NewReplicaSetAvailable");
        scaled.getSpec().setReplicas(0);
        scaled.getMetadata().setGeneration(2L);
        assertThat(DeploymentEvents.worthAReconcile(rollout(1, "NewReplicaSetAvailable"), scaled)).isTrue();

        Deployment unlabelled = rollout(1, "NewReplicaSetAvailable");
        unlabelled.getMetadata().getLabels().clear();
        assertThat(DeploymentEvents.worthAReconcile(rollout(1, "NewReplicaSetAvailable"), unlabelled)).isTrue();

        Deployment annotated = rollout(1, "NewReplicaSetAvailable");
        annotated.getMetadata().getAnnotations().put("salespulse.io/desired-hash", "edited");
        assertThat(DeploymentEvents.worthAReconcile(rollout(1, "NewReplicaSetAvailable"), annotated)).isTrue();

        Deployment deleting = rollout(1, "NewReplicaSetAvailable");
        deleting.getMetadata().setDeletionTimestamp("2026-11-30T20:00:00Z");
        assertThat(DeploymentEvents.worthAReconcile(rollout(1, "NewReplicaSetAvailable"), deleting)).isTrue();
    }
}
