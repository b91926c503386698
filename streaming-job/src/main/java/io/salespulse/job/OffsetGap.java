package io.salespulse.job;

/**
 * Offsets of one partition that MySQL never counted and the job can no longer read: the store expected
 * {@code expectedOffset} next and the log offers {@code foundOffset} instead.
 *
 * @param kind   why: the log start moved past the records, the batch skipped readable records (a Spark checkpoint
 *               ahead of MySQL), or the store is ahead of the topic's end (topic recreated or truncated)
 * @param offsets how many offsets lie between the two (an upper bound of the records: transaction markers and
 *               compacted-away records take offsets too); for {@link Kind#STORE_AHEAD_OF_TOPIC}, how far ahead
 */
public record OffsetGap(String topic, int partition, long expectedOffset, long foundOffset, Kind kind, long offsets) {

    public enum Kind {
        LOG_START_PASSED,
        SKIPPED_BY_CHECKPOINT,
        STORE_AHEAD_OF_TOPIC
    }

    /** One line naming topic, partition, both offsets and the cause. */
    public String describe() {
        return switch (kind) {
            case LOG_START_PASSED -> "topic '" + topic + "' partition " + partition + ": MySQL expects offset "
                    + expectedOffset + " next, but the log now starts at " + foundOffset + " (retention or deleteRecords"
                    + " removed " + offsets + " offsets the job never counted)";
            case SKIPPED_BY_CHECKPOINT -> "topic '" + topic + "' partition " + partition + ": MySQL expects offset "
                    + expectedOffset + " next, but the batch starts at " + foundOffset + " and records in between were "
                    + "never counted (the Spark checkpoint is ahead of MySQL: was MySQL restored from a backup?)";
            case STORE_AHEAD_OF_TOPIC -> "topic '" + topic + "' partition " + partition + ": MySQL expects offset "
                    + expectedOffset + " next, but the topic ends at " + foundOffset + " (was the topic deleted and "
                    + "recreated, or is the job pointed at another cluster?)";
        };
    }
}
