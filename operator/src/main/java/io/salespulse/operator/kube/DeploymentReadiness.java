package io.salespulse.operator.kube;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.Objects;
import java.util.Optional;

/** How far a Deployment's rollout is, judged the way `kubectl rollout status` does. */
public final class DeploymentReadiness {

    public enum State { AVAILABLE, ROLLING_OUT, STUCK }

    public record Verdict(State state, String detail) {
    }

    private DeploymentReadiness() {
    }

    public static Verdict of(Deployment d) {
        DeploymentStatus s = d.getStatus();
        int wanted = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
        if (s == null || s.getObservedGeneration() == null
                || s.getObservedGeneration() < d.getMetadata().getGeneration()) {
            return new Verdict(State.ROLLING_OUT, "waiting for the deployment controller to see the new spec");
        }
        Optional<DeploymentCondition> stuck = condition(s, "Progressing")
                .filter(c -> "False".equals(c.getStatus()) && "ProgressDeadlineExceeded".equals(c.getReason()))
                .or(() -> condition(s, "ReplicaFailure").filter(c -> "True".equals(c.getStatus())));
        if (stuck.isPresent()) {
            return new Verdict(State.STUCK, stuck.get().getReason() + ": " + stuck.get().getMessage());
        }
        int updated = Objects.requireNonNullElse(s.getUpdatedReplicas(), 0);
        int total = Objects.requireNonNullElse(s.getReplicas(), 0);
        int available = Objects.requireNonNullElse(s.getAvailableReplicas(), 0);
        if (updated < wanted || total > updated || available < wanted) {
            return new Verdict(State.ROLLING_OUT, available + " of " + wanted + " pods available, " + updated
                    + " updated");
        }
        return new Verdict(State.AVAILABLE, available + " of " + wanted + " pods available");
    }

    private static Optional<DeploymentCondition> condition(DeploymentStatus s, String type) {
        return s.getConditions() == null ? Optional.empty()
                : s.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
