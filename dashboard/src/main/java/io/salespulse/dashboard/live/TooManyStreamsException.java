package io.salespulse.dashboard.live;

/** A live stream was refused because a limit was reached; the API answers 429 with Retry-After. */
public class TooManyStreamsException extends RuntimeException {

    private final int retryAfterSeconds;

    public TooManyStreamsException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
