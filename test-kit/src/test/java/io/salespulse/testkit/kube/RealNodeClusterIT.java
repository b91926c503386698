package io.salespulse.testkit.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real single-node cluster end to end, on this machine: a busybox pod (local image, imagePullPolicy Never) runs
 * and logs; a Deployment behind a Service answers through kube-proxy, from another pod and from itself (hairpin);
 * a pod reaches the API server through the {@code kubernetes} Service; a hostPath volume owned by a non-root uid is
 * written by a pod running as that uid. No image was pulled and no socket of the node left this machine. After close,
 * the host is as it was: sysctls, iptables (no KUBE-* chains, DOCKER-USER unchanged), no mounts, no kubelet
 * containers, no directories the kubelet made.
 */
class RealNodeClusterIT {

    private static final Logger LOG = LoggerFactory.getLogger(RealNodeClusterIT.class);
    private static final String NS = "node-it";
    private static final int POD_UID = 1000;

    @Test
    void runsPodsOnThisMachineAndLeavesTheHostAsFound() throws Exception {
        Map<String, String> sysctlsBefore = HostState.currentSysctls();
        String dockerUserBefore = dockerUserRules();
        Map<Path, Boolean> hostPathsBefore = hostPathsPresent();
        Path workDir;

        try (RealNodeCluster cluster = RealNodeCluster.start()) {
            workDir = cluster.workDir();
            KubernetesClient client = cluster.client();
            assertThat(IptablesRules.podEgressRejectPresent(cluster.podSubnet()))
                    .as("DOCKER-USER rejects pod traffic leaving the pod subnet").isTrue();
            String image = cluster.busyboxImage();
            cluster.createNamespace(NS);

            // A plain pod: runs, becomes Ready, its log is served through the kubelet.
            Instant created = Instant.now();
            client.pods().inNamespace(NS).resource(pod("hello", image,
                    "echo hello from $(hostname); exec sleep 3600")).create();
            client.pods().inNamespace(NS).withName("hello").waitUntilReady(120, TimeUnit.SECONDS);
            Duration podReady = Duration.between(created, Instant.now());
            assertThat(cluster.kubectl("-n", NS, "logs", "hello")).contains("hello from hello");

            // A Deployment behind a Service, reached through kube-proxy's iptables rules.
            Instant deploymentCreated = Instant.now();
            client.apps().deployments().inNamespace(NS).resource(echoDeployment(image)).create();
            Service service = client.services().inNamespace(NS).resource(echoService()).create();
            client.apps().deployments().inNamespace(NS).withName("echo").waitUntilReady(120, TimeUnit.SECONDS);
            Duration deploymentReady = Duration.between(deploymentCreated, Instant.now());
            String clusterIp = service.getSpec().getClusterIP();
            awaitEndpoints(client);
            assertThat(exec(cluster, "hello", "nc -w 5 " + clusterIp + " 80 </dev/null"))
                    .as("pod -> Service ClusterIP -> other pod").contains("pong");
            String echoPod = client.pods().inNamespace(NS).withLabel("app", "echo").list().getItems().get(0)
                    .getMetadata().getName();
            assertThat(exec(cluster, echoPod, "nc -w 5 " + clusterIp + " 80 </dev/null"))
                    .as("pod -> its own Service (hairpin)").contains("pong");

            // The API server through the kubernetes Service, as in-cluster clients reach it.
            assertThat(exec(cluster, "hello", "echo $KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT").strip())
                    .isEqualTo(RealNodeCluster.KUBERNETES_SERVICE_IP + ":443");
            assertThat(exec(cluster, "hello", "nc -z -w 5 $KUBERNETES_SERVICE_HOST $KUBERNETES_SERVICE_PORT && echo open"))
                    .contains("open");

            // A hostPath volume owned by the pod's non-root uid, bound through a claim.
            cluster.createHostPathVolume("it-data", "1Gi", POD_UID);
            client.persistentVolumeClaims().inNamespace(NS).resource(claim("data")).create();
            client.pods().inNamespace(NS).resource(writerPod(image)).create();
            client.pods().inNamespace(NS).withName("writer").waitUntilReady(120, TimeUnit.SECONDS);
            Path written = cluster.workDir().resolve("volumes/it-data/written");
            assertThat(written).exists().hasContent("as uid " + POD_UID);
            assertThat(Files.getAttribute(written, "unix:uid")).isEqualTo(POD_UID);

            cluster.assertNoPulls();
            cluster.assertNoOutsideConnections();
            LOG.info("node start {} ; first pod Ready {} ms, Deployment Ready {} ms ; memory KiB {}",
                    cluster.startTimings(), podReady.toMillis(), deploymentReady.toMillis(), cluster.memoryKiB());
        }

        assertThat(HostState.currentSysctls()).as("sysctls after close").isEqualTo(sysctlsBefore);
        assertThat(IptablesRules.kubeChains()).as("KUBE-* chains after close").isEmpty();
        assertThat(dockerUserRules()).as("DOCKER-USER after close").doesNotContain(IptablesRules.RULE_COMMENT);
        if (!dockerUserBefore.isBlank()) { // (dockerd, when this test started it, made the chain)
            assertThat(dockerUserRules()).as("DOCKER-USER after close").isEqualTo(dockerUserBefore);
        }
        assertThat(Mounts.under(workDir)).as("mounts under the work dir after close").isEmpty();
        assertThat(workDir).doesNotExist();
        assertThat(HostCommand.run("docker", "ps", "-a", "--format", "{{.Names}}").check().output().lines()
                .filter(n -> n.startsWith("k8s_")).toList()).as("kubelet containers after close").isEmpty();
        assertThat(hostPathsPresent()).as("paths the kubelet makes outside its root dir").isEqualTo(hostPathsBefore);
    }

    private static Pod pod(String name, String image, String script) {
        return new PodBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec()
                .withTerminationGracePeriodSeconds(1L)
                .addToContainers(new ContainerBuilder().withName("main").withImage(image)
                        .withImagePullPolicy("Never").withCommand("sh", "-c", script).build())
                .endSpec().build();
    }

    private static Deployment echoDeployment(String image) {
        return new DeploymentBuilder()
                .withNewMetadata().withName("echo").endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewSelector().addToMatchLabels("app", "echo").endSelector()
                .withNewTemplate()
                .withNewMetadata().addToLabels("app", "echo").endMetadata()
                .withNewSpec()
                .withTerminationGracePeriodSeconds(1L)
                .addToContainers(new ContainerBuilder().withName("echo").withImage(image).withImagePullPolicy("Never")
                        .withCommand("sh", "-c", "while true; do echo pong | nc -l -p 8080; done")
                        .addNewPort().withContainerPort(8080).endPort()
                        .withNewReadinessProbe().withNewTcpSocket().withPort(new IntOrString(8080)).endTcpSocket()
                        .withPeriodSeconds(1).endReadinessProbe()
                        .build())
                .endSpec()
                .endTemplate()
                .endSpec().build();
    }

    private static Service echoService() {
        return new ServiceBuilder()
                .withNewMetadata().withName("echo").endMetadata()
                .withNewSpec().addToSelector("app", "echo")
                .addNewPort().withPort(80).withTargetPort(new IntOrString(8080)).endPort()
                .endSpec().build();
    }

    private static PersistentVolumeClaim claim(String name) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName("")
                .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources()
                .endSpec().build();
    }

    private static Pod writerPod(String image) {
        return new PodBuilder()
                .withNewMetadata().withName("writer").endMetadata()
                .withNewSpec()
                .withTerminationGracePeriodSeconds(1L)
                .withNewSecurityContext().withRunAsUser((long) POD_UID).withRunAsGroup((long) POD_UID)
                .endSecurityContext()
                .addToContainers(new ContainerBuilder().withName("main").withImage(image).withImagePullPolicy("Never")
                        .withCommand("sh", "-c", "echo -n \"as uid $(id -u)\" > /data/written && exec sleep 3600")
                        .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
                        .build())
                .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName("data")
                .endPersistentVolumeClaim().endVolume()
                .endSpec().build();
    }

    /** kube-proxy programs a Service once its Endpoints list a ready address. */
    private static void awaitEndpoints(KubernetesClient client) {
        client.endpoints().inNamespace(NS).withName("echo").waitUntilCondition(e -> e != null
                && e.getSubsets() != null && e.getSubsets().stream().anyMatch(s -> s.getAddresses() != null
                        && !s.getAddresses().isEmpty()), 60, TimeUnit.SECONDS);
    }

    private static String exec(RealNodeCluster cluster, String pod, String script) {
        return cluster.kubectl("-n", NS, "exec", pod, "--", "sh", "-c", script);
    }

    private static String dockerUserRules() {
        return HostCommand.run("iptables", "-w", "-S", "DOCKER-USER").output();
    }

    private static Map<Path, Boolean> hostPathsPresent() {
        Map<Path, Boolean> present = new java.util.TreeMap<>();
        for (Path p : HostState.HOST_PATHS) {
            present.put(p, Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        }
        return present;
    }
}
