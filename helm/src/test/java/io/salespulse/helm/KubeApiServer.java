package io.salespulse.helm;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * A real etcd + kube-apiserver 1.20.2, started offline by fabric8 kube-api-test from the binaries
 * scripts/build-kube-control-plane.sh caches. The chart tests need no controller manager: no garbage collection, no
 * namespace deletion, and the test itself writes the status of the pipelines' Deployments (see
 * {@link DeploymentStatusStandIn}). With {@code -Dsalespulse.kube.download=true} and no cache, kube-api-test
 * downloads current binaries (needs internet).
 */
final class KubeApiServer implements AutoCloseable {

    static final String VERSION = "1.20.2";

    private final Path testDir;
    private final KubeAPIServer server;
    private String kubeConfigYaml;

    KubeApiServer() {
        Path cache = Path.of(System.getenv().getOrDefault("SALESPULSE_K8S_CACHE",
                System.getProperty("user.home") + "/.cache/salespulse/k8s"));
        boolean cached = Files.isExecutable(cache.resolve(VERSION + "-linux-amd64").resolve("kube-apiserver"));
        if (!cached && !Boolean.getBoolean("salespulse.kube.download")) {
            throw new IllegalStateException("No Kubernetes " + VERSION + " binaries in " + cache + ". Build them once "
                    + "(about 7 minutes, offline from Debian packages): " + System.getProperty("salespulse.kube.script",
                    "scripts/build-kube-control-plane.sh") + " (or run with -Dsalespulse.kube.download=true online)");
        }
        try {
            // kube-api-test looks for binaries in <testDir>/k8s/<version>-linux-amd64 and writes certificates into
            // <testDir>: a private directory whose 'k8s' links to the shared cache keeps the cache read-only.
            testDir = Files.createTempDirectory("salespulse-helm-kube-");
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
        server = new KubeAPIServer(config.build());
    }

    KubeApiServer start() {
        server.start();
        kubeConfigYaml = server.getKubeConfigYaml();
        return this;
    }

    /** The cluster-admin kubeconfig (what `helm install` uses). */
    String adminKubeConfig() {
        return kubeConfigYaml;
    }

    KubernetesClient admin() {
        return client(kubeConfigYaml);
    }

    static KubernetesClient client(String kubeConfig) {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeConfig)).build();
    }

    /**
     * A kubeconfig that authenticates as a ServiceAccount with a token from the TokenRequest API, exactly the
     * identity (and so the RBAC) a pod running as that ServiceAccount has.
     */
    String serviceAccountKubeConfig(String namespace, String serviceAccount) {
        try (KubernetesClient admin = admin()) {
            TokenRequest request = new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec()
                    .build();
            String token = admin.serviceAccounts().inNamespace(namespace).withName(serviceAccount)
                    .tokenRequest(request).getStatus().getToken();
            Config config = admin.getConfiguration();
            String ca = config.getCaCertData() != null ? config.getCaCertData()
                    : Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(config.getCaCertFile())));
            return """
                    apiVersion: v1
                    kind: Config
                    clusters:
                      - name: test
                        cluster:
                          server: %s
                          certificate-authority-data: %s
                    users:
                      - name: %s
                        user:
                          token: %s
                    contexts:
                      - name: %s
                        context:
                          cluster: test
                          user: %s
                          namespace: %s
                    current-context: %s
                    """.formatted(config.getMasterUrl(), ca, serviceAccount, token, serviceAccount, serviceAccount,
                    namespace, serviceAccount);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
        ChartUnderTest.deleteRecursively(testDir);
    }
}
