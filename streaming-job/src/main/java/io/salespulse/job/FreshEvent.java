package io.salespulse.job;

import java.time.Instant;
import java.util.UUID;

/** A valid order counted for the first time in this batch; {@code late} ones are also recorded in late_events. */
public record FreshEvent(UUID eventId, String orderId, Instant eventTime, boolean late, Instant watermark,
                         int partition, long offset) {
}
