package io.salespulse.job;

import java.time.Instant;

/** A rejected record: where it came from, why, and its raw payload. */
public record DeadLetter(String topic, int partition, long offset, Instant kafkaTimestamp, String key,
                         String reasonCode, String reason, String payload) {
}
