package io.salespulse.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The data plane as the operator last read it: the job's progress store (stream_progress, stream_batches,
 * in MySQL) and the topic's end offsets in Kafka, re-read about every 15 s. Times, not ages, so the status changes
 * only when the data does (a quiet pipeline's status is not rewritten).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataPlaneStatus {

    @JsonPropertyDescription("When the job last committed a micro-batch with input (stream_batches), RFC 3339.")
    public String lastBatchTime;

    @JsonPropertyDescription("The newest event time counted so far (stream_progress), RFC 3339.")
    public String newestEventTime;

    @JsonPropertyDescription("Records in the orders topic not yet applied: Kafka end offsets minus the job's next "
            + "offsets (stream_progress), over all partitions.")
    public Long recordsWaiting;

    @JsonPropertyDescription("Since when input has been waiting without a batch committing it (set while records "
            + "wait, cleared when nothing waits); DataFlowing turns Stalled when this and the last batch are older "
            + "than spec.streamingJob.freshnessSlo.")
    public String waitingSince;

    @JsonPropertyDescription("Valid orders counted per second over the last minute.")
    public Double ordersPerSecond;

    @JsonPropertyDescription("Records sent to the dead-letter table in the last hour.")
    public Long deadLettersLastHour;

    @JsonPropertyDescription("Late events recorded in the last hour.")
    public Long lateEventsLastHour;

    @JsonPropertyDescription("Container restarts of the current Spark driver pod.")
    public Integer driverRestarts;
}
