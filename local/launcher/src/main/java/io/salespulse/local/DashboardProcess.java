package io.salespulse.local;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The Quarkus dashboard as a child JVM ({@code dashboard/target/quarkus-app/quarkus-run.jar}), configured like the
 * operator configures it in Kubernetes: datasource and users from the environment. The local demo user's password
 * is generated once per data directory and kept there (mode 600); only its bcrypt hash reaches the dashboard.
 */
final class DashboardProcess implements AutoCloseable {

    static final String DEMO_USER = "demo";

    private final Process process;
    private final int port;
    private final int managementPort;

    private DashboardProcess(Process process, int port, int managementPort) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
    }

    static Path runnableJar(Path projectHome) {
        return projectHome.resolve("dashboard/target/quarkus-app/quarkus-run.jar");
    }

    static DashboardProcess start(Path projectHome, Path dir, int port, String jdbcUrl, String user, String password) {
        Path jar = runnableJar(projectHome);
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the dashboard first (./mvnw install -pl dashboard -am -DskipTests)");
        }
        try {
            Files.createDirectories(dir);
            String demoPassword = demoPassword(dir);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("dashboard.log").toFile()));
            // health and metrics are on their own port, never on the one users open
            int managementPort = Ports.free();
            byte[] sessionKey = new byte[24];
            new SecureRandom().nextBytes(sessionKey);
            builder.environment().putAll(Map.of(
                    "SALESPULSE_DASHBOARD_SESSION_ENCRYPTION_KEY", HexFormat.of().formatHex(sessionKey),
                    "QUARKUS_HTTP_PORT", Integer.toString(port),
                    "QUARKUS_HTTP_HOST", "127.0.0.1",
                    "QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort),
                    "QUARKUS_MANAGEMENT_HOST", "127.0.0.1",
                    "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl,
                    "QUARKUS_DATASOURCE_USERNAME", user,
                    "QUARKUS_DATASOURCE_PASSWORD", password,
                    "SALESPULSE_DASHBOARD_USERS", DEMO_USER + ":" + BCrypt.withDefaults().hashToString(10, demoPassword.toCharArray())));
            DashboardProcess dashboard = new DashboardProcess(builder.start(), port, managementPort);
            Deadline.await("the dashboard on port " + port + " (see " + dir.resolve("dashboard.log") + ")", Duration.ofSeconds(90),
                    Duration.ofMillis(300), dashboard::isReady);
            return dashboard;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path demoPasswordFile(Path dir) {
        return dir.resolve("demo-password");
    }

    private static String demoPassword(Path dir) throws IOException {
        return LocalSecrets.readOrCreate(demoPasswordFile(dir), 9);
    }

    private boolean isReady() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the dashboard exited with " + process.exitValue());
        }
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, Duration.ofSeconds(20));
    }
}
