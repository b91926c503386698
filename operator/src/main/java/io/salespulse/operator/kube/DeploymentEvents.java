package io.salespulse.operator.kube;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Objects;

/**
 * Which updates of a child Deployment are worth a reconcile. The deployment controller writes a rollout's status
 * three or four times (conditions, replica counts), and each write cost the pipeline a whole reconcile; only those
 * that change the rollout's verdict (what StreamingJobReady and DashboardReady report) matter. Everything a user or
 * another controller can change outside the status (the spec, which moves the generation; labels, annotations,
 * owners, deletion) still reconciles, so drift is undone as before.
 */
public final class DeploymentEvents {

    private DeploymentEvents() {
    }

    public static boolean worthAReconcile(Deployment before, Deployment after) {
        ObjectMeta b = before.getMetadata();
        ObjectMeta a = after.getMetadata();
        return !Objects.equals(b.getGeneration(), a.getGeneration())
                || !Objects.equals(b.getLabels(), a.getLabels())
                || !Objects.equals(b.getAnnotations(), a.getAnnotations())
                || !Objects.equals(b.getOwnerReferences(), a.getOwnerReferences())
                || !Objects.equals(b.getDeletionTimestamp(), a.getDeletionTimestamp())
                || !DeploymentReadiness.of(before).equals(DeploymentReadiness.of(after));
    }
}
