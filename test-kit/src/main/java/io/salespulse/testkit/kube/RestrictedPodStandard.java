package io.salespulse.testkit.kube;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules of the Kubernetes Pod Security Standards' {@code restricted} profile (baseline included), checked on a
 * PodSpec, for clusters without Pod Security Admission (Kubernetes 1.20). Each violation names the pod part and the
 * rule. Container-level settings win over the pod's, as the kubelet applies them. Read-only root filesystems are
 * not part of the standard; {@link #writableRootFilesystems} reports them separately.
 */
public final class RestrictedPodStandard {

    /** Volume types the restricted profile allows. */
    private static final Set<String> ALLOWED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");
    private static final Set<String> ALLOWED_ADDED_CAPABILITIES = Set.of("NET_BIND_SERVICE");

    private RestrictedPodStandard() {
    }

    /** Every violation of the restricted profile; empty when the pod meets it. */
    public static List<String> violations(PodSpec pod) {
        List<String> out = new ArrayList<>();
        PodSecurityContext psc = pod.getSecurityContext();
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC())) {
            out.add("pod: host namespaces (hostNetwork/hostPID/hostIPC) must not be used");
        }
        for (Volume v : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
            String type = volumeType(v);
            if (!ALLOWED_VOLUMES.contains(type)) {
                out.add("volume " + v.getName() + ": type " + type + " is not allowed (only " + ALLOWED_VOLUMES + ")");
            }
        }
        if (psc != null && psc.getSysctls() != null && !psc.getSysctls().isEmpty()) {
            out.add("pod: sysctls must not be set");
        }
        if (psc != null && psc.getRunAsUser() != null && psc.getRunAsUser() == 0) {
            out.add("pod: runAsUser must not be 0");
        }
        if (psc != null && psc.getSeccompProfile() != null && !seccompOk(psc.getSeccompProfile())) {
            out.add("pod: seccompProfile.type must be RuntimeDefault or Localhost");
        }
        List<Container> containers = new ArrayList<>();
        if (pod.getInitContainers() != null) {
            containers.addAll(pod.getInitContainers());
        }
        containers.addAll(pod.getContainers());
        for (Container c : containers) {
            container(c, psc, out);
        }
        return out;
    }

    private static void container(Container c, PodSecurityContext psc, List<String> out) {
        String where = "container " + c.getName() + ": ";
        SecurityContext sc = c.getSecurityContext();
        if (sc == null) {
            sc = new SecurityContext();
        }
        if (Boolean.TRUE.equals(sc.getPrivileged())) {
            out.add(where + "privileged must not be true");
        }
        if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
            out.add(where + "allowPrivilegeEscalation must be false");
        }
        Boolean nonRoot = sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot()
                : psc == null ? null : psc.getRunAsNonRoot();
        if (!Boolean.TRUE.equals(nonRoot)) {
            out.add(where + "runAsNonRoot must be true (in the container or the pod securityContext)");
        }
        if (sc.getRunAsUser() != null && sc.getRunAsUser() == 0) {
            out.add(where + "runAsUser must not be 0");
        }
        SeccompProfile seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile()
                : psc == null ? null : psc.getSeccompProfile();
        if (seccomp == null || !seccompOk(seccomp)) {
            out.add(where + "seccompProfile.type must be RuntimeDefault or Localhost (container or pod)");
        }
        Capabilities caps = sc.getCapabilities();
        if (caps == null || caps.getDrop() == null || caps.getDrop().stream().noneMatch("ALL"::equals)) {
            out.add(where + "capabilities.drop must contain ALL");
        }
        if (caps != null && caps.getAdd() != null) {
            caps.getAdd().stream().filter(a -> !ALLOWED_ADDED_CAPABILITIES.contains(a.toUpperCase(Locale.ROOT)))
                    .forEach(a -> out.add(where + "capability " + a + " must not be added"));
        }
        if (c.getPorts() != null) {
            c.getPorts().stream().filter(p -> p.getHostPort() != null && p.getHostPort() != 0)
                    .forEach(p -> out.add(where + "hostPort " + p.getHostPort() + " must not be used"));
        }
        if (sc.getProcMount() != null && !"Default".equals(sc.getProcMount())) {
            out.add(where + "procMount must be Default");
        }
        if (sc.getSeLinuxOptions() != null && sc.getSeLinuxOptions().getType() != null && !Set.of("container_t",
                "container_init_t", "container_kvm_t").contains(sc.getSeLinuxOptions().getType())) {
            out.add(where + "seLinuxOptions.type " + sc.getSeLinuxOptions().getType() + " is not allowed");
        }
    }

    /** Containers whose root filesystem is writable (not a rule of the standard; the project asks for it). */
    public static List<String> writableRootFilesystems(PodSpec pod) {
        return pod.getContainers().stream()
                .filter(c -> c.getSecurityContext() == null
                        || !Boolean.TRUE.equals(c.getSecurityContext().getReadOnlyRootFilesystem()))
                .map(Container::getName).toList();
    }

    private static boolean seccompOk(SeccompProfile p) {
        return "RuntimeDefault".equals(p.getType()) || "Localhost".equals(p.getType());
    }

    private static String volumeType(Volume v) {
        Map<String, Object> fields = new io.fabric8.kubernetes.client.utils.KubernetesSerialization()
                .convertValue(v, Map.class);
        return fields.keySet().stream().filter(k -> !k.equals("name")).findFirst().orElse("unknown");
    }
}
