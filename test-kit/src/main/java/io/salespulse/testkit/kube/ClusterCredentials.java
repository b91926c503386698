package io.salespulse.testkit.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is who in the cluster: the certificates ({@link ClusterPki}) and one bearer token per component in the API
 * server's token-auth-file, with a kubeconfig per component. Identities: the admin and the controller manager are in
 * system:masters (the controller manager runs its controllers with its own identity, not per-controller
 * ServiceAccounts); the scheduler and kube-proxy use the users the default RBAC roles are bound to; the kubelet is
 * {@code system:node:<name>} in system:nodes (Node authorizer + NodeRestriction).
 */
final class ClusterCredentials {

    private final Path dir;
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private String serverUrl;

    private ClusterCredentials(Path dir) {
        this.dir = dir;
    }

    /**
     * Writes the CA, the API server's serving certificate (with every name and address it is reached by: the first
     * Service IP, the bridge gateway, loopback, kubernetes.default.svc.*), its client certificate towards the kubelet,
     * the kubelet's serving certificate, the ServiceAccount key pair and tokens.csv into {@code dir}.
     */
    static ClusterCredentials create(Path dir, String nodeName, String nodeIp, String serviceIp, String clusterDomain) {
        ClusterPki ca = ClusterPki.create(dir);
        ca.issue("apiserver", "kube-apiserver", null, true,
                List.of("kubernetes", "kubernetes.default", "kubernetes.default.svc",
                        "kubernetes.default.svc." + clusterDomain, "localhost"),
                List.of(serviceIp, nodeIp, "127.0.0.1"));
        ca.issue("apiserver-kubelet-client", "kube-apiserver-kubelet-client", "system:masters", false, List.of(),
                List.of());
        ca.issue("kubelet", nodeName, null, true, List.of(nodeName), List.of(nodeIp));
        ca.serviceAccountKeys();
        ClusterCredentials credentials = new ClusterCredentials(dir);
        StringBuilder csv = new StringBuilder();
        credentials.addToken(csv, "admin", "salespulse-admin", "system:masters");
        credentials.addToken(csv, "controller-manager", "system:kube-controller-manager", "system:masters");
        credentials.addToken(csv, "scheduler", "system:kube-scheduler", "");
        credentials.addToken(csv, "kubelet", "system:node:" + nodeName, "system:nodes");
        credentials.addToken(csv, "kube-proxy", "system:kube-proxy", "");
        writePrivate(dir.resolve("tokens.csv"), csv.toString());
        return credentials;
    }

    /** token,user,uid,"group1,group2" */
    private void addToken(StringBuilder csv, String component, String user, String groups) {
        String token = ClusterPki.newToken();
        tokens.put(component, token);
        csv.append(token).append(',').append(user).append(',').append(user);
        if (!groups.isEmpty()) {
            csv.append(",\"").append(groups).append('"');
        }
        csv.append('\n');
    }

    void serverUrl(String url) {
        this.serverUrl = url;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    String token(String component) {
        return tokens.get(component);
    }

    /** A kubeconfig for {@code component} (admin, controller-manager, scheduler, kubelet, kube-proxy), CA inline. */
    String kubeconfig(String component) {
        try {
            String ca = Base64.getEncoder().encodeToString(Files.readAllBytes(file("ca.crt")));
            return """
                    apiVersion: v1
                    kind: Config
                    clusters:
                      - name: real-node
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
                          cluster: real-node
                          user: %s
                    current-context: %s
                    """.formatted(serverUrl, ca, component, token(component), component, component, component);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@link #kubeconfig(String)} to {@code file} (mode 0600). */
    Path writeKubeconfig(String component, Path file) {
        writePrivate(file, kubeconfig(component));
        return file;
    }

    private static void writePrivate(Path file, String content) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
