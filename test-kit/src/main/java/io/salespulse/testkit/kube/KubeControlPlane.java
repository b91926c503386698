package io.salespulse.testkit.kube;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Kubernetes control plane for the integration tests: etcd + kube-apiserver 1.20.2 started by fabric8
 * kube-api-test from the binaries scripts/build-kube-control-plane.sh caches (offline), and kube-controller-manager
 * beside it (namespace, garbage collector, deployment, replicaset and pvc-protection controllers) so owner-reference garbage
 * collection and Deployment -> ReplicaSet -> Pod really happen. There is no scheduler and no kubelet: pods stay
 * Pending unless a test's stand-in marks them ready (the operator tests' {@code FakeKubelet}, for fast API-level
 * tests). Pods that really run need {@link RealNodeCluster}.
 *
 * <p>With {@code -Dsalespulse.kube.download=true} and no cache, kube-api-test downloads current binaries itself
 * (needs internet); there is no kube-controller-manager then, so the garbage collection checks cannot pass.
 */
public final class KubeControlPlane implements AutoCloseable {

    public static final String VERSION = "1.20.2";

    private final Path testDir;
    private final Path binDir;
    private final KubeAPIServer apiServer;
    private Process controllerManager;
    private String kubeConfigYaml;

    public KubeControlPlane() {
        Path cache = Path.of(System.getenv().getOrDefault("SALESPULSE_K8S_CACHE",
                System.getProperty("user.home") + "/.cache/salespulse/k8s"));
        binDir = cache.resolve(VERSION + "-linux-amd64");
        boolean download = Boolean.getBoolean("salespulse.kube.download");
        boolean cached = Files.isExecutable(binDir.resolve("kube-apiserver"))
                && Files.isExecutable(binDir.resolve("kube-controller-manager"));
        if (!cached && !download) {
            throw new IllegalStateException("No Kubernetes " + VERSION + " control plane binaries in " + binDir
                    + ". Build them once (about 12 minutes, offline from Debian packages): "
                    + System.getProperty("salespulse.kube.script", "scripts/build-kube-control-plane.sh")
                    + " (or run with -Dsalespulse.kube.download=true on a machine with internet)");
        }
        try {
            // kube-api-test finds binaries in <testDir>/k8s/<version>-linux-amd64 and writes certificates into
            // <testDir>: a private directory whose 'k8s' links to the shared cache keeps the cache read-only.
            testDir = Files.createTempDirectory("salespulse-kube-");
            if (cached) {
                Files.createSymbolicLink(testDir.resolve("k8s"), cache.toAbsolutePath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KubeAPIServerConfigBuilder config = KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(testDir.toString())
                .withStartupTimeout(120_000)
                .withApiServerFlag("--advertise-address", "127.0.0.1")
                .withApiServerFlag("--bind-address", "127.0.0.1");
        if (cached) {
            config.withApiServerVersion(VERSION).withOfflineMode(true);
        }
        apiServer = new KubeAPIServer(config.build());
    }

    /** Starts etcd + kube-apiserver, installs {@code crds}, then starts kube-controller-manager. */
    public KubeControlPlane start(List<Path> crds) {
        startApiServerOnly();
        try {
            try (KubernetesClient client = client()) {
                for (Path crd : crds) {
                    installCrd(client, crd);
                }
            }
            // After the CRDs: the garbage collector discovers resource types at start (then only every 30 s), so
            // owner references to a CRD created later would be collected late.
            startControllerManager();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Starts etcd + kube-apiserver only (no controllers): for tests that play the controllers themselves. */
    public KubeControlPlane startApiServerOnly() {
        try {
            apiServer.start();
        } catch (io.fabric8.kubeapitest.KubeAPITestException e) {
            // kube-api-test picks etcd's and the API server's ports by binding port 0: an outgoing connection (the
            // stores starting beside it make many) can take one before the process binds it. Once more, on new ports.
            apiServer.stop();
            try {
                apiServer.start();
            } catch (io.fabric8.kubeapitest.KubeAPITestException again) {
                again.addSuppressed(e);
                throw again;
            }
        }
        kubeConfigYaml = apiServer.getKubeConfigYaml();
        try {
            Files.writeString(kubeconfig(), kubeConfigYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The cluster-admin kubeconfig. */
    public String kubeConfigYaml() {
        return kubeConfigYaml;
    }

    private static void installCrd(KubernetesClient client, Path file) throws IOException {
        CustomResourceDefinition crd;
        try (InputStream in = Files.newInputStream(file)) {
            crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
        }
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                // A loaded API server may publish a status before its first condition: wait on, do not fail.
                .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                        && c.getStatus().getConditions().stream()
                        .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
                        30, TimeUnit.SECONDS);
    }

    private void startControllerManager() throws IOException {
        Path binary = binDir.resolve("kube-controller-manager");
        if (!Files.isExecutable(binary)) {
            return;
        }
        List<String> command = new java.util.ArrayList<>(List.of(binary.toString(),
                "--kubeconfig=" + kubeconfig(),
                "--controllers=namespace,garbagecollector,deployment,replicaset,pvc-protection",
                "--leader-elect=false",
                "--port=0",
                "--secure-port=0",
                "--concurrent-gc-syncs=5",
                "-v=1"));
        // Appended, so they win: e.g. the operator benchmark's --kube-api-qps (see docs/benchmarks.md).
        String extra = System.getProperty("salespulse.kube.controllerManagerFlags", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        controllerManager = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(testDir.resolve("kube-controller-manager.log").toFile())
                .start();
    }

    public Path kubeconfig() {
        return testDir.resolve("admin.kubeconfig");
    }

    public KubernetesClient client() {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeConfigYaml)).build();
    }

    public Path testDir() {
        return testDir;
    }

    @Override
    public void close() {
        if (controllerManager != null) {
            controllerManager.destroy();
            try {
                if (!controllerManager.waitFor(10, TimeUnit.SECONDS)) {
                    controllerManager.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        apiServer.stop();
        if (!Boolean.getBoolean("keepTestDir")) {
            try (var files = Files.walk(testDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // best effort: a temp directory
            }
        }
    }
}
