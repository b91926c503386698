package io.salespulse.testkit.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cluster component (etcd, kube-apiserver, kubelet, ...) running as a child process with its output in
 * {@code <logs>/<name>.log}, a clean environment (no proxy variables, nothing inherited by accident) and its pid
 * recorded so a later run can stop it if this JVM dies first.
 */
final class ComponentProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ComponentProcess.class);

    private final String name;
    private final Process process;
    private final Path log;

    private ComponentProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ComponentProcess start(String name, List<String> command, Map<String, String> env, Path logDir,
            Path pidFile) {
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        builder.environment().put("HOME", System.getProperty("user.home", "/root"));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(logDir);
            Process process = builder.start();
            Files.writeString(pidFile, name + " " + process.pid() + " " + command.get(0) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            LOG.info("started {} (pid {}, log {})", name, process.pid(), log);
            return new ComponentProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** Throws, quoting the log's tail, when the process has exited. */
    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; last lines of " + log
                    + ":\n" + tail(40));
        }
    }

    /** The resident memory of the process (VmRSS), if it still runs. */
    Optional<Long> rssKiB() {
        return ProcessTable.rssKiB(process.pid());
    }

    /** SIGTERM, then SIGKILL after {@code grace}. */
    void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} did not stop within {}: killing it", name, grace);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }
}
