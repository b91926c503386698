package io.salespulse.dashboard.data;

import java.time.Instant;
import java.util.Map;

/** The minute windows updated at or after a point in time, each with its updated_at. */
public record HourlyChanges(Map<Instant, Instant> updatedWindows) {
}
