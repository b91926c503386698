package io.salespulse.operator.external;

/** A step failure with a condition reason and a message meant for the user (what is wrong, what to fix). */
public class ExternalStepException extends RuntimeException {

    private final String reason;

    public ExternalStepException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ExternalStepException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
