package io.salespulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor with real child processes (a shell standing in for the job's JVM, which takes a minute to start):
 * a killed child comes back and the status line says so; a child failing fast again and again, or asking for an
 * operator (exit 3), makes it stop with a clear message. Backoffs are milliseconds; waits have deadlines.
 */
class JobSupervisorTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    /** A real child: {@code sh -c script}, output appended to a log. */
    record ShellChild(Process process, Path log) implements JobSupervisor.Child {
        static ShellChild start(Path log, String script) {
            try {
                Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
                return new ShellChild(p, log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public int awaitExit() throws InterruptedException {
            return process.waitFor();
        }

        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private static RestartPolicy quick() {
        return new RestartPolicy(Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(30), 3);
    }

    @Test
    void aKilledJobIsStartedAgainAndTheStatusSaysWhy() throws Exception {
        Path log = dir.resolve("job.log");
        AtomicInteger starts = new AtomicInteger();
        try (JobSupervisor supervisor = new JobSupervisor(() -> {
            starts.incrementAndGet();
            return ShellChild.start(log, "exec sleep 300");
        }, quick(), out)) {
            long first = supervisor.current().pid();
            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            Deadline.await("the job restarted", Duration.ofSeconds(30), Duration.ofMillis(20),
                    () -> supervisor.restarts() == 1);
            assertThat(supervisor.current().pid()).isNotEqualTo(first);
            assertThat(ProcessHandle.of(supervisor.current().pid()).map(ProcessHandle::isAlive)).contains(true);
            assertThat(supervisor.status()).isEqualTo("restarts 1, last: killed (exit 137)");
            assertThat(supervisor.running()).isTrue();
        }
        assertThat(starts).hasValue(2);
    }

    @Test
    void repeatedFastFailuresStopTheSupervisorWithTheLastError() {
        Path log = dir.resolve("job.log");
        JobSupervisor supervisor = new JobSupervisor(() -> ShellChild.start(log,
                "echo '2026-11-30T10:00:00Z ERROR [main] StreamingJobMain - query salespulse-orders failed: boom'; exit 1"),
                quick(), out);
        try (supervisor) {
            Deadline.await("the supervisor to give up", Duration.ofSeconds(30), Duration.ofMillis(20), () -> !supervisor.running());
        }
        assertThat(supervisor.gaveUp()).isEqualTo("the streaming job failed 3 times in a row, each within 30 s of "
                + "starting; last: exit 1: StreamingJobMain - query salespulse-orders failed: boom");
        assertThat(supervisor.restarts()).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("restarting in 0 s").contains(supervisor.gaveUp());
    }

    @Test
    void aJobThatNeedsAnOperatorIsNotRestarted() throws Exception {
        Path log = dir.resolve("job.log");
        JobSupervisor supervisor = new JobSupervisor(() -> ShellChild.start(log,
                "echo '2026-11-30T10:00:00Z ERROR [main] StreamingJobMain - query salespulse-orders stopped: offset gap'; exit 3"),
                quick(), out);
        try (supervisor) {
            Deadline.await("the supervisor to stop", Duration.ofSeconds(30), Duration.ofMillis(20), () -> !supervisor.running());
        }
        assertThat(supervisor.restarts()).isZero();
        assertThat(supervisor.gaveUp()).isEqualTo("the streaming job stopped and a restart will not help: exit 3: "
                + "StreamingJobMain - query salespulse-orders stopped: offset gap");
        assertThat(Files.readAllLines(log)).hasSize(1);
    }

    @Test
    void theBackoffDoublesAndALongRunResetsIt() {
        RestartPolicy policy = new RestartPolicy(Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(90), 5);
        List<RestartPolicy.Decision> decisions = List.of(
                policy.afterExit(1, Duration.ofSeconds(10), "a"), policy.afterExit(1, Duration.ofSeconds(10), "b"),
                policy.afterExit(1, Duration.ofSeconds(10), "c"), policy.afterExit(1, Duration.ofHours(1), "d"));
        assertThat(decisions).containsExactly(new RestartPolicy.Restart(Duration.ofSeconds(2)),
                new RestartPolicy.Restart(Duration.ofSeconds(4)), new RestartPolicy.Restart(Duration.ofSeconds(8)),
                new RestartPolicy.Restart(Duration.ofSeconds(2)));
    }
}
