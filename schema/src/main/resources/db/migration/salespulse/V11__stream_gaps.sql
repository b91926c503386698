-- Offset gaps the streaming job accepted (job.accept-gaps=true): records it never counted and could no longer read
-- (log start moved past them, skipped by a checkpoint ahead of MySQL, or a topic recreated behind MySQL's offsets).
-- Without the setting a gap stops the job instead; with it, every loss is on record here with its size.
CREATE TABLE stream_gaps (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    topic           VARCHAR(249)  NOT NULL,
    kafka_partition INT           NOT NULL,
    expected_offset BIGINT        NOT NULL COMMENT 'stream_progress.next_offset when the gap was found',
    found_offset    BIGINT        NOT NULL COMMENT 'first offset of the batch, or the topic end when MySQL was ahead',
    kind            VARCHAR(32)   NOT NULL COMMENT 'LOG_START_PASSED, SKIPPED_BY_CHECKPOINT or STORE_AHEAD_OF_TOPIC',
    offsets         BIGINT        NOT NULL COMMENT 'offsets in between: an upper bound of the records lost',
    batch_id        BIGINT        NOT NULL,
    message         VARCHAR(1024) NOT NULL,
    recorded_at     TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    KEY idx_gaps_topic (topic, kafka_partition)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
