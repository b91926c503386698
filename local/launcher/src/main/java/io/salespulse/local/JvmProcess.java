package io.salespulse.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM started from a classpath that a module recorded at build time
 * ({@code META-INF/salespulse/<artifact>.classpath}), with its output in a log file.
 */
public final class JvmProcess implements JobSupervisor.Child {

    /** How the build records a jar of the Maven repository (pom.xml, runtime-classpath). */
    static final String REPOSITORY_TOKEN = "@REPO@";

    private final String name;
    private final Process process;
    private final Path log;

    private JvmProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static JvmProcess start(String name, String artifact, String mainClass, List<String> jvmArgs,
                                   List<String> args, Map<String, String> env, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpathOf(artifact));
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            return new JvmProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** The recorded runtime classpath of {@code artifact}, with the artifact's own classes or jar first. */
    static String classpathOf(String artifact) {
        String resource = "META-INF/salespulse/" + artifact + ".classpath";
        URL url = JvmProcess.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is not on the classpath: build the project first (./mvnw install -DskipTests)");
        }
        String own;
        try {
            if (url.getProtocol().equals("jar")) {
                String path = url.getPath();
                own = Path.of(new URL(path.substring(0, path.indexOf("!/"))).toURI()).toString();
            } else {
                Path file = Path.of(url.toURI());
                own = file.getParent().getParent().getParent().toString();
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + resource + " at " + url, e);
        }
        try (InputStream in = url.openStream()) {
            String recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return own + File.pathSeparator + recorded.replace(REPOSITORY_TOKEN, repository().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where the recorded jars are: the copy the build ships ({@code -Dsalespulse.repository}, set by ./salespulse
     * and by the test harness), else this user's Maven repository.
     */
    static Path repository() {
        String shipped = System.getProperty("salespulse.repository");
        if (shipped != null && !shipped.isBlank()) {
            return Path.of(shipped).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hooks, no flush — a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    /** Waits for the process to end by itself; returns its exit code. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " did not exit within " + timeout.toSeconds() + " s");
        }
        return process.exitValue();
    }

    /** SIGTERM, then SIGKILL if it does not exit in time. */
    @Override
    public void close() {
        ChildProcesses.stop(process, Duration.ofSeconds(30));
    }
}
