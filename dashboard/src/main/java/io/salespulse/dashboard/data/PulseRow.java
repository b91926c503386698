package io.salespulse.dashboard.data;

import java.time.Instant;

/**
 * The one thing the shared poller reads each tick: the newest committed batch (its id is the data version), the
 * newest event time, the orders committed in the last minute, the database's clock and the newest change to the
 * per-minute totals (sales_minute.updated_at).
 */
public record PulseRow(long version, Instant lastCommitAt, Instant newestEventTime, long ordersLastMinute, Instant dbNow,
        Instant lastAggregateUpdate) {
}
