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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real single-node cluster end to end, on this machine: a busybox pod (local image, imagePullPolicy Never) runs
 * and logs; a Deployment behind a Service answers through kube-proxy, from another pod and from itself (hairpin);
 * a pod reaches the API server through the {@code kubernetes} Service; a hostPath volume owned by a non-root uid is
 * written by a pod running as that uid. No image was pulled and no socket of the node left this machine. After close,
 * the host is as it was: sysctls, iptables (no KUBE-* chains, DOCKER-USER and the set of tables unchanged), no
 * mounts, no kubelet containers, no directories the kubelet made. And a cluster killed with SIGKILL is cleaned up by
 * the next start. Needs root and the binaries of scripts/build-kube-control-plane.sh; about 3 minutes.
 */
class RealNodeClusterIT {

    private static final Logger LOG = LoggerFactory.getLogger(RealNodeClusterIT.class);
    private static final String NS = "node-it";
    private static final int POD_UID = 1000;

    @Test
    void runsPodsOnThisMachineAndLeavesTheHostAsFound() throws Exception {
        HostSnapshot before = HostSnapshot.take();
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
            cluster.awaitServiceRouted(NS, "echo", Duration.ofSeconds(60));
            String get = "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 5 " + clusterIp + " 80";
            assertThat(exec(cluster, "hello", get)).as("pod -> Service ClusterIP -> other pod").contains("pong");
            String echoPod = client.pods().inNamespace(NS).withLabel("app", "echo").list().getItems().get(0)
                    .getMetadata().getName();
            assertThat(exec(cluster, echoPod, get)).as("pod -> its own Service (hairpin)").contains("pong");

            // The API server through the kubernetes Service, as in-cluster clients reach it.
            assertThat(exec(cluster, "hello", "echo $KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT").strip())
                    .isEqualTo(RealNodeCluster.KUBERNETES_SERVICE_IP + ":443");
            // (Debian's busybox nc has no -z: connect, send nothing, and succeed only if the connection opened)
            assertThat(exec(cluster, "hello",
                    "nc -w 5 $KUBERNETES_SERVICE_HOST $KUBERNETES_SERVICE_PORT </dev/null && echo open")).contains("open");

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

        before.assertRestored(workDir);
    }

    /**
     * A run killed with SIGKILL (no shutdown hook, nothing cleaned) leaves its processes, pod containers, iptables
     * chains and rules, mounts and sysctls behind: the next start removes all of it, runs, and after close the host is
     * as it was before the killed run.
     */
    @Test
    void theNextStartCleansUpAfterARunKilledWithSigkill() throws Exception {
        HostSnapshot before = HostSnapshot.take();
        Path log = Path.of(System.getProperty("salespulse.node.logDir", "target/real-node-logs"), "killed-run.log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path")));
        for (String property : List.of("salespulse.dockerd.script", "salespulse.kube.script", "salespulse.node.dir")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.add(ClusterToKill.class.getName());
        Process killed = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(6));
            while (!Files.readString(log).contains(ClusterToKill.READY)) {
                assertThat(killed.isAlive()).as("the cluster to kill is running; its output:\n%s",
                        Files.readString(log)).isTrue();
                assertThat(Instant.now()).as("the cluster to kill is up").isBefore(deadline);
                Thread.sleep(250);
            }
        } finally {
            killed.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        }
        assertThat(IptablesRules.kubeChains()).as("KUBE-* chains left by the killed run").isNotEmpty();
        assertThat(kubeletContainers()).as("pod containers left by the killed run").isNotEmpty();

        Path workDir;
        // (the shared cluster, closed here so the host can be checked; its shutdown hook then has nothing to do)
        try (RealNodeCluster cluster = RealNodeCluster.shared()) {
            assertThat(RealNodeCluster.shared()).as("one shared cluster per JVM").isSameAs(cluster);
            workDir = cluster.workDir();
            assertThat(cluster.client().pods().inNamespace("default").withName("left-behind").get())
                    .as("a fresh cluster").isNull();
            assertThat(kubeletContainers()).as("the killed run's pod containers are gone").isEmpty();
            cluster.assertNoOutsideConnections();
        }
        before.assertRestored(workDir);
    }

    /** What the host looks like where the cluster may change it. */
    private record HostSnapshot(Map<String, String> sysctls, String dockerUser, Map<Path, Boolean> hostPaths,
            Map<String, Set<String>> iptablesTables) {

        static HostSnapshot take() {
            assertThat(IptablesRules.kubeChains()).as("no KUBE-* chains before the test").isEmpty();
            return new HostSnapshot(HostState.currentSysctls(), dockerUserRules(), hostPathsPresent(),
                    IptablesRules.tables());
        }

        void assertRestored(Path workDir) {
            assertThat(HostState.currentSysctls()).as("sysctls after close").isEqualTo(sysctls);
            assertThat(IptablesRules.kubeChains()).as("KUBE-* chains after close").isEmpty();
            assertThat(dockerUserRules()).as("DOCKER-USER after close").doesNotContain(IptablesRules.RULE_COMMENT);
            if (!dockerUser.isBlank()) { // (when dockerd was not running before, starting it made the chain)
                assertThat(dockerUserRules()).as("DOCKER-USER after close").isEqualTo(dockerUser);
            }
            assertThat(Mounts.under(workDir)).as("mounts under the work dir after close").isEmpty();
            assertThat(workDir).doesNotExist();
            assertThat(kubeletContainers()).as("kubelet containers after close").isEmpty();
            assertThat(hostPathsPresent()).as("paths the kubelet makes outside its root dir").isEqualTo(hostPaths);
            assertThat(IptablesRules.tables()).as("iptables tables after close").isEqualTo(iptablesTables);
        }
    }

    private static List<String> kubeletContainers() {
        return HostCommand.run("docker", "ps", "-a", "--format", "{{.Names}}").check().output().lines()
                .filter(n -> n.startsWith("k8s_")).toList();
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
                        .withCommand("sh", "-c",
                                "mkdir -p /tmp/www && echo pong > /tmp/www/index.html && exec httpd -f -p 8080 -h /tmp/www")
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
