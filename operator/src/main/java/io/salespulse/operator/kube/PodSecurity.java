package io.salespulse.operator.kube;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.salespulse.crds.v1alpha1.SalesPipelineSpec;
import java.util.List;

/**
 * The security settings of every pod the operator makes (driver, executors, dashboard, simulator): the
 * {@code restricted} Pod Security Standard (non-root, no privilege escalation, no capabilities, RuntimeDefault
 * seccomp) and a read-only root filesystem, with emptyDir volumes where the process writes scratch files.
 * Kubernetes 1.20 has no Pod Security Admission to enforce this, so the operator sets it itself.
 */
public final class PodSecurity {

    private PodSecurity() {
    }

    /** Pod level: non-root as {@code uid}, files group-owned by it, the runtime's default seccomp profile. */
    public static PodSecurityContext pod(long uid) {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(uid)
                .withRunAsGroup(uid)
                .withFsGroup(uid)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    /** Container level: no escalation, every capability dropped, the root filesystem read-only. */
    public static SecurityContext container() {
        return new SecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withAllowPrivilegeEscalation(false)
                .withPrivileged(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    /** A writable scratch directory on a read-only root: an emptyDir on the node's disk, as the image layer was. */
    public static Volume scratchVolume(String name) {
        return new VolumeBuilder().withName(name).withNewEmptyDir().endEmptyDir().build();
    }

    public static VolumeMount scratchMount(String name, String path) {
        return new VolumeMountBuilder().withName(name).withMountPath(path).build();
    }

    /** spec.imagePullSecrets, for every pod. */
    public static List<LocalObjectReference> pullSecrets(SalesPipelineSpec spec) {
        return spec.imagePullSecrets == null ? List.of() : spec.imagePullSecrets.stream()
                .map(r -> new LocalObjectReference(r.getName())).toList();
    }
}
