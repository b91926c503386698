-- The streaming job's heartbeat: one row per query, rewritten on every Spark query progress event (Spark emits
-- them while idle too, every spark.sql.streaming.noDataProgressEventInterval). The operator's StreamingJobReady,
-- the dashboard's idle/stalled verdict and the local status line read it; heartbeat_at is the database's clock,
-- so readers compare it with CURRENT_TIMESTAMP and no two machines' clocks need to agree.
CREATE TABLE job_heartbeat (
  query_name          VARCHAR(64)   NOT NULL,
  query_id            CHAR(36)      NOT NULL,
  run_id              CHAR(36)      NOT NULL,
  state               VARCHAR(16)   NOT NULL COMMENT 'RUNNING, STOPPED or FAILED',
  driver              VARCHAR(255)  NOT NULL COMMENT 'host (or pod) name of the driver',
  started_at          DATETIME(3)   NOT NULL COMMENT 'when this run of the query started',
  heartbeat_at        DATETIME(3)   NOT NULL,
  last_batch_id       BIGINT        NULL     COMMENT 'the newest micro-batch the query completed',
  last_batch_at       DATETIME(3)   NULL     COMMENT 'when the newest batch that had input completed',
  latest_offsets      TEXT          NULL     COMMENT 'JSON: per topic and partition, the newest offsets the source saw in Kafka',
  committed_offsets   TEXT          NULL     COMMENT 'JSON: the offsets up to which batches completed',
  message             VARCHAR(1024) NULL     COMMENT 'why the query stopped, when it did',
  PRIMARY KEY (query_name)
) ENGINE=InnoDB;
