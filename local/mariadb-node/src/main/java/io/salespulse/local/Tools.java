package io.salespulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs MariaDB's command-line programs to completion, their output appended to a log file. */
final class Tools {

    private Tools() {
    }

    /** Runs a program that must succeed. */
    static void runOrFail(List<String> command, String stdin, Path log, Duration timeout) {
        int exit = run(command, stdin, log, timeout);
        if (exit != 0) {
            throw new IllegalStateException(Path.of(command.get(0)).getFileName() + " failed with " + exit + "; see " + log);
        }
    }

    /** Runs a program, feeding it {@code stdin} when given (passwords go this way, never as arguments). */
    static int run(List<String> command, String stdin, Path log, Duration timeout) {
        return run(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())), stdin, timeout);
    }

    /** Runs a program that must succeed and returns what it printed on stdout (stderr goes to {@code log}). */
    static String output(List<String> command, String stdin, Path log, Duration timeout) {
        try {
            Path out = Files.createTempFile(log.getParent(), "tool", ".out");
            try {
                int exit = run(new ProcessBuilder(command).redirectOutput(out.toFile())
                        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())), stdin, timeout);
                if (exit != 0) {
                    throw new IllegalStateException(Path.of(command.get(0)).getFileName() + " failed with " + exit + "; see " + log);
                }
                return Files.readString(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int run(ProcessBuilder builder, String stdin, Duration timeout) {
        try {
            Process p = builder.start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", builder.command()) + " timed out after " + timeout.toSeconds() + " s");
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + builder.command().get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
