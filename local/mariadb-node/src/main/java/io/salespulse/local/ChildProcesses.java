package io.salespulse.local;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stops child processes the way a supervisor does. */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    /** SIGTERM, then SIGKILL when it has not exited within {@code grace}. */
    public static void stop(Process process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
