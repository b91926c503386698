package io.salespulse.operator.kube;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Why a pod's containers do not run, in the kubelet's own words: a waiting reason that needs someone
 * (CrashLoopBackOff, ErrImageNeverPull, ...), with the last termination (OOMKilled, exit code) and restart count.
 */
public final class PodTrouble {

    /** Waiting reasons that do not go away by waiting. */
    private static final Set<String> STUCK = Set.of("CrashLoopBackOff", "ErrImageNeverPull", "ErrImagePull",
            "ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError", "CreateContainerError",
            "RunContainerError");

    /** @param reason the kubelet's reason, usable as a condition reason */
    public record Trouble(String reason, String message) {
    }

    private PodTrouble() {
    }

    public static Optional<Trouble> of(List<Pod> pods) {
        for (Pod pod : pods) {
            if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                    || pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
                var waiting = c.getState() == null ? null : c.getState().getWaiting();
                if (waiting != null && STUCK.contains(waiting.getReason())) {
                    return Optional.of(new Trouble(waiting.getReason(), "pod " + pod.getMetadata().getName()
                            + ", container " + c.getName() + " (image " + c.getImage() + "): " + waiting.getReason()
                            + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage()) + lastExit(c)));
                }
            }
        }
        return Optional.empty();
    }

    /** Restarts and the last termination of the pods' containers, for a message ("" when none restarted). */
    public static String restarts(List<Pod> pods) {
        StringBuilder out = new StringBuilder();
        for (Pod pod : pods) {
            if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
                continue;
            }
            for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
                int restarts = Objects.requireNonNullElse(c.getRestartCount(), 0);
                if (restarts > 0) {
                    out.append("; pod ").append(pod.getMetadata().getName()).append(" restarted ").append(restarts)
                            .append(restarts == 1 ? " time" : " times").append(lastExit(c));
                }
            }
        }
        return out.toString();
    }

    private static String lastExit(ContainerStatus c) {
        var last = c.getLastState() == null ? null : c.getLastState().getTerminated();
        return last == null ? "" : " (last exit: " + last.getReason() + ", code " + last.getExitCode() + ")";
    }
}
