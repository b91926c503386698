package io.salespulse.schema.order;

/** Thrown inside {@link OrderParser} to stop at the first broken rule; never escapes the parser. */
final class InvalidOrderException extends Exception {

    private final RejectReason reason;

    InvalidOrderException(RejectReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    RejectReason reason() {
        return reason;
    }
}
