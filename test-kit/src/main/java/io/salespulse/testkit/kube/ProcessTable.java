package io.salespulse.testkit.kube;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What /proc says about processes: memory, executable, command line; and stopping leftovers of a killed run. */
final class ProcessTable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessTable.class);

    private ProcessTable() {
    }

    static Optional<Long> rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone
        }
        return Optional.empty();
    }

    static String cmdline(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException e) {
            return "";
        }
    }

    static Optional<Path> exe(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /**
     * Processes running a binary from {@code binDir} whose command line mentions {@code workDir}: the components of a
     * cluster rooted there (and nothing else: kube-api-test's API servers use the same binaries with other dirs).
     */
    static List<Long> clusterProcesses(Path binDir, Path workDir) {
        Path bins = binDir.toAbsolutePath().normalize();
        String root = workDir.toAbsolutePath().normalize().toString();
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path proc : procs) {
                long pid = Long.parseLong(proc.getFileName().toString());
                if (pid == ProcessHandle.current().pid()) {
                    continue;
                }
                Optional<Path> exe = exe(pid);
                if (exe.isPresent() && exe.get().startsWith(bins) && cmdline(pid).contains(root)) {
                    found.add(pid);
                }
            }
        } catch (IOException e) {
            LOG.warn("could not list /proc: {}", e.toString());
        }
        return found;
    }

    /** Node first, etcd last: each component stops cleanly only while what it talks to still answers. */
    private static final List<String> STOP_ORDER = List.of("kube-proxy", "kubelet", "kube-scheduler",
            "kube-controller-manager", "kube-apiserver", "etcd");

    /** Stops leftover cluster processes one component after the other, in {@link #STOP_ORDER}. */
    static void stopInOrder(List<Long> pids, Duration grace) {
        List<Long> ordered = new ArrayList<>(pids);
        ordered.sort(java.util.Comparator.comparingInt(pid -> {
            String name = exe(pid).map(p -> p.getFileName().toString()).orElse("");
            int at = STOP_ORDER.indexOf(name);
            return at < 0 ? STOP_ORDER.size() : at;
        }));
        for (Long pid : ordered) {
            Instant start = Instant.now();
            String name = exe(pid).map(p -> p.getFileName().toString()).orElse("?");
            stop(List.of(pid), grace);
            LOG.info("stopped leftover {} (pid {}) in {} ms", name, pid, Duration.between(start, Instant.now()).toMillis());
        }
    }

    /** SIGTERM to each, SIGKILL to what still runs after {@code grace}. */
    static void stop(List<Long> pids, Duration grace) {
        List<ProcessHandle> handles = pids.stream().map(ProcessHandle::of).flatMap(Optional::stream).toList();
        handles.forEach(h -> {
            LOG.warn("stopping leftover process {}: {}", h.pid(), cmdline(h.pid()));
            h.destroy();
        });
        Instant deadline = Instant.now().plus(grace);
        while (handles.stream().anyMatch(ProcessTable::running) && Instant.now().isBefore(deadline)) {
            sleep(50);
        }
        handles.stream().filter(ProcessTable::running).forEach(ProcessHandle::destroyForcibly);
        Instant killDeadline = Instant.now().plusSeconds(10);
        while (handles.stream().anyMatch(ProcessTable::running) && Instant.now().isBefore(killDeadline)) {
            sleep(50);
        }
    }

    /**
     * Alive and not a zombie: an orphan of a killed JVM that exited stays a zombie until init reaps it, which
     * {@link ProcessHandle#isAlive()} counts as alive.
     */
    private static boolean running(ProcessHandle handle) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | IndexOutOfBoundsException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
