package io.salespulse.dashboard.data;

import java.time.Instant;

/**
 * The one thing the shared poller reads each tick: the newest committed batch (its id is the data version), the
 * newest event time, the orders committed in the last minute and the database's clock.
 */
public record PulseRow(long version, Instant lastCommitAt, Instant newestEventTime, long ordersLastMinute, Instant dbNow) {
}
