package io.salespulse.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Keeps the streaming job running, as Kubernetes does for the driver pod: when the job process exits it is started
 * again (from its checkpoint) after the {@link RestartPolicy}'s backoff, and the restarts are counted with the last
 * reason for the status line. It stops on {@link #close()} (Ctrl-C) or when the policy gives up, with the message.
 */
public final class JobSupervisor implements AutoCloseable {

    /** What is supervised: a child process with a log. {@link JvmProcess} is one. */
    public interface Child extends AutoCloseable {
        int awaitExit() throws InterruptedException;

        Path log();

        long pid();

        @Override
        void close();
    }

    private final Supplier<? extends Child> starter;
    private final RestartPolicy policy;
    private final PrintStream out;
    private final Thread monitor;
    private volatile Child current;
    private volatile int restarts;
    private volatile String lastReason;
    private volatile String gaveUp;
    private volatile boolean closing;

    public JobSupervisor(Supplier<? extends Child> starter, RestartPolicy policy, PrintStream out) {
        this.starter = starter;
        this.policy = policy;
        this.out = out;
        this.current = starter.get();
        this.monitor = new Thread(this::supervise, "job-supervisor");
        monitor.setDaemon(true);
        monitor.start();
    }

    private void supervise() {
        try {
            while (!closing) {
                Child child = current;
                long started = System.nanoTime();
                int exit = child.awaitExit();
                if (closing) {
                    return;
                }
                String reason = reason(exit, child.log());
                RestartPolicy.Decision decision = policy.afterExit(exit, Duration.ofNanos(System.nanoTime() - started), reason);
                if (decision instanceof RestartPolicy.GiveUp giveUp) {
                    gaveUp = giveUp.message();
                    out.println(giveUp.message() + " (log: " + child.log() + ")");
                    return;
                }
                Duration delay = ((RestartPolicy.Restart) decision).delay();
                lastReason = reason;
                out.printf("streaming job exited (%s); restarting in %d s%n", reason, delay.toSeconds());
                Thread.sleep(delay.toMillis());
                synchronized (this) {
                    if (closing) {
                        return;
                    }
                    current = starter.get();
                    restarts++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            gaveUp = "could not restart the streaming job: " + e.getMessage();
            out.println(gaveUp);
        }
    }

    /** Why a run ended, in a few words: the exit code, and the job's last ERROR line if it logged one. */
    static String reason(int exit, Path log) {
        String how = switch (exit) {
            case 137 -> "killed (exit 137)";
            case 143 -> "terminated (exit 143)";
            default -> "exit " + exit;
        };
        String error = lastErrorLine(log);
        return error == null ? how : how + ": " + error;
    }

    private static String lastErrorLine(Path log) {
        if (log == null) {
            return null;
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, file.length() - 64 * 1024);
            byte[] tail = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(tail);
            String last = null;
            for (String line : new String(tail, StandardCharsets.UTF_8).split("\n")) {
                if (line.contains(" ERROR ")) {
                    last = line;
                }
            }
            if (last == null) {
                return null;
            }
            // Drop the timestamp, level and thread: keep "Class - message".
            int dash = last.indexOf("] ");
            String text = (dash >= 0 ? last.substring(dash + 2) : last).strip();
            return text.length() > 160 ? text.substring(0, 160) + "…" : text;
        } catch (IOException e) {
            return null;
        }
    }

    public int restarts() {
        return restarts;
    }

    public String lastReason() {
        return lastReason;
    }

    /** Why the supervisor stopped restarting; null while it supervises. */
    public String gaveUp() {
        return gaveUp;
    }

    public boolean running() {
        return gaveUp == null && !closing;
    }

    public Child current() {
        return current;
    }

    /** For the status line: empty before the first restart. */
    public String status() {
        return restarts == 0 ? "" : "restarts " + restarts + ", last: " + lastReason;
    }

    @Override
    public void close() {
        synchronized (this) {
            closing = true;
        }
        monitor.interrupt();
        current.close();
    }
}
