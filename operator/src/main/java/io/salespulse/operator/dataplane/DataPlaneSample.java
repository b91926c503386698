package io.salespulse.operator.dataplane;

import java.time.Duration;

/**
 * One reading of a pipeline's data plane. Times are the database's (UTC, RFC 3339); ages are measured by the
 * database's clock too, so the operator's clock never has to agree with it.
 *
 * @param lastBatchTime    when the last batch with input committed; null before the first
 * @param lastBatchAge     how long ago that was; null before the first
 * @param newestEventTime  the newest event time counted; null before the first
 * @param recordsWaiting   Kafka end offsets minus the job's next offsets; null when Kafka could not be read
 * @param kafkaProblem     why Kafka could not be read; null when it could
 */
public record DataPlaneSample(String lastBatchTime, Duration lastBatchAge, String newestEventTime,
                              Long recordsWaiting, String kafkaProblem, double ordersPerSecond,
                              long deadLettersLastHour, long lateEventsLastHour, int driverRestarts) {
}
