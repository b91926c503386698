package io.salespulse.dashboard.api;

/** The body of every 4xx/5xx answer from /api: a short code, the parameter at fault (if any) and a message. */
public record ApiError(String error, String parameter, String message) {
}
