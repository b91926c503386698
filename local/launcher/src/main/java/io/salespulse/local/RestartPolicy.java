package io.salespulse.local;

import java.time.Duration;

/**
 * When a supervised streaming job that exited is started again: after a backoff that doubles with each failure in a
 * row (1, 2, 4 … up to a cap), never when it asked for an operator (exit 3, an offset gap), and no more once it
 * failed {@code maxFastFailures} times in a row within {@code fastFailure} of starting — a job that cannot even
 * start is not helped by restarting it forever. A run that lasted longer resets the count.
 */
public final class RestartPolicy {

    /** The job's exit code for "a restart will not help" (StreamingJobMain.EXIT_NEEDS_OPERATOR). */
    public static final int EXIT_NEEDS_OPERATOR = 3;

    public sealed interface Decision permits Restart, GiveUp {
    }

    public record Restart(Duration delay) implements Decision {
    }

    public record GiveUp(String message) implements Decision {
    }

    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Duration fastFailure;
    private final int maxFastFailures;
    private int failuresInARow;

    public RestartPolicy(Duration firstDelay, Duration maxDelay, Duration fastFailure, int maxFastFailures) {
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.fastFailure = fastFailure;
        this.maxFastFailures = maxFastFailures;
    }

    /** For ./salespulse run: 2 s doubling to 60 s; stop after 5 failures in a row each within 90 s of starting. */
    public static RestartPolicy standard() {
        return new RestartPolicy(Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(90), 5);
    }

    public Decision afterExit(int exitCode, Duration ranFor, String reason) {
        if (exitCode == EXIT_NEEDS_OPERATOR) {
            return new GiveUp("the streaming job stopped and a restart will not help: " + reason);
        }
        failuresInARow = ranFor.compareTo(fastFailure) < 0 ? failuresInARow + 1 : 1;
        if (failuresInARow >= maxFastFailures) {
            return new GiveUp("the streaming job failed " + failuresInARow + " times in a row, each within "
                    + fastFailure.toSeconds() + " s of starting; last: " + reason);
        }
        Duration delay = firstDelay.multipliedBy(1L << Math.min(failuresInARow - 1, 20));
        return new Restart(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
    }
}
