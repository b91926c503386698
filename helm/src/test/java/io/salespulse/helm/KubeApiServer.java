package io.salespulse.helm;

import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.salespulse.testkit.kube.KubeControlPlane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * A real etcd + kube-apiserver 1.20.2 (the test kit's {@link KubeControlPlane}, started offline by fabric8
 * kube-api-test from the binaries scripts/build-kube-control-plane.sh caches). The chart tests need no controller manager: no garbage collection, no
 * namespace deletion, and the test itself writes the status of the pipelines' Deployments (see
 * {@link DeploymentStatusStandIn}). With {@code -Dsalespulse.kube.download=true} and no cache, kube-api-test
 * downloads current binaries (needs internet).
 */
final class KubeApiServer implements AutoCloseable {


    private final KubeControlPlane plane = new KubeControlPlane();
    private String kubeConfigYaml;

    /** A real etcd + kube-apiserver (the test kit's control plane, without controllers: this test plays them). */
    KubeApiServer start() {
        kubeConfigYaml = plane.startApiServerOnly().kubeConfigYaml();
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
        plane.close();
    }
}
