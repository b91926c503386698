package io.salespulse.job;

import java.util.List;

/**
 * Everything one micro-batch changes in MySQL, applied in one transaction by {@link MysqlStore#commit}.
 *
 * @param readProgress the progress the batch was computed from; the commit fails if MySQL no longer says so
 * @param newProgress  progress after the batch
 * @param gaps         offset gaps accepted ({@code job.accept-gaps}) and recorded with this batch
 */
public record BatchOutcome(long batchId, String topic, List<PartitionProgress> readProgress,
                           List<PartitionProgress> newProgress, List<WindowAggregate> aggregates,
                           List<DeadLetter> deadLetters, List<FreshEvent> freshEvents, boolean lateApplied,
                           long inputRecords, long validRecords, long durationMs,
                           List<OffsetGap> gaps) {

    public long duplicates() {
        return validRecords - freshEvents.size();
    }

    public long lateEvents() {
        return freshEvents.stream().filter(FreshEvent::late).count();
    }
}
