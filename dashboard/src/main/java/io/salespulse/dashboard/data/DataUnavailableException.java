package io.salespulse.dashboard.data;

/** The database could not answer; becomes a 503. */
public class DataUnavailableException extends RuntimeException {

    public DataUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
