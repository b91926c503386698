package io.salespulse.simulator;

import io.salespulse.schema.order.RejectReason;

/** What the simulator meant a record to be, so tests can compute the truth without the job's parser. */
public enum RecordKind {
    VALID(null),
    /** Same event_id and payload as an earlier record: what a retrying producer sends. */
    DUPLICATE(null),
    /** A valid order whose event time lies minutes in the past. */
    LATE(null),
    MALFORMED_JSON(RejectReason.MALFORMED_JSON),
    MISSING_FIELD(RejectReason.MISSING_FIELD),
    NEGATIVE_QUANTITY(RejectReason.INVALID_QUANTITY),
    WRONG_TOTAL(RejectReason.TOTAL_MISMATCH),
    UNKNOWN_COUNTRY(RejectReason.UNKNOWN_COUNTRY);

    private final RejectReason expectedReason;

    RecordKind(RejectReason expectedReason) {
        this.expectedReason = expectedReason;
    }

    public boolean isMalformed() {
        return expectedReason != null;
    }

    /** The reason the pipeline must give when it rejects this record; null for records that are valid. */
    public RejectReason expectedReason() {
        return expectedReason;
    }
}
