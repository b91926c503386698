package io.salespulse.dashboard.data;

import java.time.Instant;
import java.util.Set;

/** The UTC hours whose per-minute aggregates changed since a point in time, and the newest change seen. */
public record HourlyChanges(Set<Instant> hours, Instant newest) {
}
