package io.salespulse.dashboard.query;

/** A request parameter that cannot be used; becomes a 400 naming {@link #parameter()}. */
public class BadParameterException extends RuntimeException {

    private final String parameter;

    public BadParameterException(String parameter, String message) {
        super(parameter + ": " + message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
