package io.salespulse.operator.reconcile;

/**
 * What one reconcile step found. {@link Outcome#FAILED} needs the user (or a recovering dependency) and is retried
 * with backoff; {@link Outcome#PROGRESSING} waits for Kubernetes (a watch event brings the next reconcile).
 */
public record StepResult(Outcome outcome, String reason, String message) {

    public enum Outcome {
        READY, PROGRESSING, FAILED, SUSPENDED, DISABLED,
        /** Works, but not as the spec asks and the operator will not force it (e.g. fewer partitions). */
        REFUSED
    }

    public static StepResult ready(String reason, String message) {
        return new StepResult(Outcome.READY, reason, message);
    }

    public static StepResult progressing(String reason, String message) {
        return new StepResult(Outcome.PROGRESSING, reason, message);
    }

    public static StepResult failed(String reason, String message) {
        return new StepResult(Outcome.FAILED, reason, message);
    }

    public static StepResult suspended(String message) {
        return new StepResult(Outcome.SUSPENDED, "Suspended", message);
    }

    public static StepResult disabled(String message) {
        return new StepResult(Outcome.DISABLED, "Disabled", message);
    }

    public static StepResult refused(String reason, String message) {
        return new StepResult(Outcome.REFUSED, reason, message);
    }

    /** The condition status this result is reported as. */
    public String conditionStatus() {
        return switch (outcome) {
            case READY, DISABLED -> "True";
            case PROGRESSING, FAILED, SUSPENDED, REFUSED -> "False";
        };
    }

    /** Whether the next steps may run: they need this one usable, not necessarily exactly as specified. */
    public boolean opensGate() {
        return outcome != Outcome.PROGRESSING && outcome != Outcome.FAILED;
    }
}
