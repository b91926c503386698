package io.salespulse.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.salespulse.local.Deadline;
import io.salespulse.local.JvmProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The operator as the chart's Deployment runs it, minus the container: {@code OperatorMain} in its own JVM on the
 * operator module's runtime classpath, with the container's environment exactly as the installed Deployment
 * declares it (fieldRefs resolved as the kubelet would), authenticated as the chart's ServiceAccount with a token
 * from the TokenRequest API. Whatever the chart's RBAC does not allow fails in the operator as it would in a cluster.
 *
 * <p>A separate JVM rather than the operator in the test's JVM: with leader election on (the chart's default) JOSDK
 * ends the process with System.exit(1) when an operator stops leading, which includes a graceful stop.
 */
final class OperatorProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final JvmProcess process;
    private final int port;
    private final String podName;

    private OperatorProcess(JvmProcess process, int port, String podName) {
        this.process = process;
        this.port = port;
        this.podName = podName;
    }

    /** Starts the operator of {@code deployment} and waits until its readiness endpoint (the probe's) answers 200. */
    static OperatorProcess start(Deployment deployment, String kubeConfig, Path dir) {
        String namespace = deployment.getMetadata().getNamespace();
        String podName = deployment.getMetadata().getName() + "-" + Long.toHexString(System.nanoTime());
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = containerEnv(container, namespace, podName);
        try {
            Files.createDirectories(dir);
            Path kubeConfigFile = Files.writeString(dir.resolve(podName + ".kubeconfig"), kubeConfig);
            env.put("KUBECONFIG", kubeConfigFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("HOSTNAME", podName);
        int port = container.getPorts().get(0).getContainerPort();
        // The heap stays small here; the chart's JAVA_TOOL_OPTIONS (a share of the container limit) still apply.
        JvmProcess process = JvmProcess.start("operator", "salespulse-operator",
                "io.salespulse.operator.OperatorMain", List.of("-Xmx256m", "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1"), List.of(), env, dir.resolve(podName + ".log"));
        OperatorProcess operator = new OperatorProcess(process, port, podName);
        String readiness = container.getReadinessProbe().getHttpGet().getPath();
        try {
            Deadline.await("the operator's " + readiness, Duration.ofSeconds(60), Duration.ofMillis(200), () -> {
                operator.requireAlive();
                return operator.status(readiness) == 200;
            });
        } catch (RuntimeException e) {
            operator.close();
            throw e;
        }
        return operator;
    }

    /** The container's environment as the process sees it: values, and the fieldRefs the chart uses. */
    static Map<String, String> containerEnv(Container container, String namespace, String podName) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : container.getEnv()) {
            if (var.getValueFrom() == null) {
                // The API server drops empty values; the container still gets the variable, empty.
                env.put(var.getName(), Objects.requireNonNullElse(var.getValue(), ""));
                continue;
            }
            String field = var.getValueFrom().getFieldRef().getFieldPath();
            env.put(var.getName(), switch (field) {
                case "metadata.namespace" -> namespace;
                case "metadata.name" -> podName;
                default -> throw new IllegalStateException("fieldRef " + field + " of " + var.getName());
            });
        }
        return env;
    }

    String podName() {
        return podName;
    }

    void requireAlive() {
        if (!process.isAlive()) {
            throw new AssertionError("the operator process ended; its log:\n" + logTail());
        }
    }

    /** The HTTP status of GET {@code path} on the operator's port; -1 when nothing answers. */
    int status(String path) {
        try {
            return get(path).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    String body(String path) {
        try {
            return get(path).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String log() {
        try {
            return Files.exists(process.log()) ? Files.readString(process.log()) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String logTail() {
        List<String> lines = log().lines().map(l -> l.length() > 600 ? l.substring(0, 600) + "..." : l).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /**
     * Stops the operator as the kubelet stops a pod: SIGTERM, then SIGKILL after a grace period (shorter than the
     * chart's 30 s, to keep the test fast). Returns whether it ended by itself within the grace period.
     */
    boolean stop(Duration grace) {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
        try {
            process.waitFor(grace);
            return true;
        } catch (IllegalStateException notYet) {
            kill();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            return false;
        }
    }

    private void kill() {
        try {
            process.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(5));
        }
    }

}
