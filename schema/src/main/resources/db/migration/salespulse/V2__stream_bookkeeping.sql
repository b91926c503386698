-- What the streaming job needs to be exactly-once and to account for every record.

-- Per Kafka partition: the next offset not yet applied and the highest event time seen so far. Written in the same
-- transaction as the aggregates, so "applied" and "counted" can never disagree. Records below next_offset are
-- skipped on replay, whatever the Spark checkpoint says.
CREATE TABLE stream_progress (
    topic           VARCHAR(249) NOT NULL,
    kafka_partition INT          NOT NULL,
    next_offset     BIGINT       NOT NULL,
    max_event_time  DATETIME(3)  NULL,
    updated_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (topic, kafka_partition)
) ENGINE = InnoDB;

-- event_ids already counted, for de-duplication across micro-batches. Pruned after the configured retention.
CREATE TABLE seen_events (
    event_id   BINARY(16)  NOT NULL,
    event_time DATETIME(3) NOT NULL,
    PRIMARY KEY (event_id),
    KEY idx_seen_event_time (event_time)
) ENGINE = InnoDB;

-- Every record that failed parsing or a rule, with where it came from and why. Never silently dropped.
CREATE TABLE dead_letters (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    topic           VARCHAR(249)  NOT NULL,
    kafka_partition INT           NOT NULL,
    kafka_offset    BIGINT        NOT NULL,
    kafka_timestamp DATETIME(3)   NULL,
    record_key      VARCHAR(256)  NULL,
    reason_code     VARCHAR(32)   NOT NULL,
    reason          VARCHAR(1024) NOT NULL,
    payload         MEDIUMTEXT    NULL,
    recorded_at     TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uq_dead_letter_source (topic, kafka_partition, kafka_offset),
    KEY idx_dead_letter_reason (reason_code, recorded_at)
) ENGINE = InnoDB;

-- Valid orders that arrived more than the allowed lateness behind the newest event time already seen on their
-- partition. They are kept here and (by default) still added to their own window.
CREATE TABLE late_events (
    event_id          CHAR(36)     NOT NULL,
    order_id          VARCHAR(256) NOT NULL,
    event_time        DATETIME(3)  NOT NULL,
    watermark         DATETIME(3)  NOT NULL,
    lateness_ms       BIGINT       NOT NULL,
    applied           BOOLEAN      NOT NULL,
    topic             VARCHAR(249) NOT NULL,
    kafka_partition   INT          NOT NULL,
    kafka_offset      BIGINT       NOT NULL,
    recorded_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (event_id),
    KEY idx_late_recorded (recorded_at)
) ENGINE = InnoDB;

-- One row per committed micro-batch: the pipeline's heartbeat and its accounting.
CREATE TABLE stream_batches (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    batch_id       BIGINT       NOT NULL,
    committed_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    input_records  BIGINT       NOT NULL,
    valid_orders   BIGINT       NOT NULL,
    duplicates     BIGINT       NOT NULL,
    dead_letters   BIGINT       NOT NULL,
    late_events    BIGINT       NOT NULL,
    max_event_time DATETIME(3)  NULL,
    duration_ms    BIGINT       NOT NULL,
    PRIMARY KEY (id),
    KEY idx_batches_committed (committed_at)
) ENGINE = InnoDB;

CREATE VIEW v_pipeline_totals AS
SELECT COUNT(*)                 AS batches,
       COALESCE(SUM(input_records), 0) AS input_records,
       COALESCE(SUM(valid_orders), 0)  AS valid_orders,
       COALESCE(SUM(duplicates), 0)    AS duplicates,
       COALESCE(SUM(dead_letters), 0)  AS dead_letters,
       COALESCE(SUM(late_events), 0)   AS late_events,
       MAX(max_event_time)             AS newest_event_time,
       MAX(committed_at)               AS last_commit
FROM stream_batches;
