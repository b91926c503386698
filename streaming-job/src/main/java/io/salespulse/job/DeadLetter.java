package io.salespulse.job;

import java.time.Instant;

/**
 * A rejected record: where it came from, why, the start of its payload ({@code job.dead-letter-payload-max} bytes at
 * most) and the size and SHA-256 of the whole payload (null for a tombstone).
 */
public record DeadLetter(String topic, int partition, long offset, Instant kafkaTimestamp, String key,
                         String reasonCode, String reason, String payload, Long payloadBytes, String payloadSha256) {
}
