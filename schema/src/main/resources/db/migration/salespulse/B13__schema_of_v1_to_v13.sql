-- The schema V1 ... V13 leave on an empty database, in one script (a Flyway baseline migration). Flyway runs it
-- instead of V1 ... V13 only when the database has no schema history; a database with history goes on migrating
-- version by version, so nothing here ever touches existing data. Why it exists: each pipeline gets its own database,
-- and thirteen migrations (about 75 DDL statements, each its own commit and history row) are most of what the operator
-- spends on a new pipeline.
-- The versioned migrations stay the definition: BaselineMigrationTest builds a database both ways and requires
-- every table and view to come out identical. A new change is a new V14 ... as always; it runs after this script on a
-- new database. What each table and column means is said where it was introduced (the V file named beside it).
-- Widths come from io.salespulse.schema.order.OrderLimits, as in V6/V7.

-- V1, V3, V6, V10
CREATE TABLE sales_minute (
    window_start DATETIME       NOT NULL,
    window_end   DATETIME       NOT NULL,
    revenue      DECIMAL(${revenue_precision}, ${money_scale}) NOT NULL,
    orders       BIGINT         NOT NULL,
    items        BIGINT         NOT NULL,
    updated_at   TIMESTAMP(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (window_start),
    KEY idx_sales_minute_updated_at (updated_at)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- V7, V8, V10
CREATE TABLE sales_fact (
    window_start DATETIME     NOT NULL,
    grain        VARCHAR(32)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    country      CHAR(2)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
    card_type    VARCHAR(16)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
    channel      VARCHAR(16)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT 'web',
    category     VARCHAR(${category_length}) NOT NULL DEFAULT '',
    product_id   VARCHAR(${id_length}) NOT NULL DEFAULT '',
    product_name VARCHAR(${product_name_length}) NOT NULL DEFAULT '',
    revenue      DECIMAL(${revenue_precision}, ${money_scale}) NOT NULL,
    orders       BIGINT       NOT NULL,
    items        BIGINT       NOT NULL,
    PRIMARY KEY (window_start, grain, country, card_type, channel, category, product_id)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- V2, V10
CREATE TABLE stream_progress (
    topic           VARCHAR(249) NOT NULL,
    kafka_partition INT          NOT NULL,
    next_offset     BIGINT       NOT NULL,
    max_event_time  DATETIME(3)  NULL,
    updated_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (topic, kafka_partition)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- V2, V10
CREATE TABLE seen_events (
    event_id   BINARY(16)  NOT NULL,
    event_time DATETIME(3) NOT NULL,
    PRIMARY KEY (event_id),
    KEY idx_seen_event_time (event_time)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- V2, V6, V10, V13
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
    payload_bytes   BIGINT        NULL,
    payload_sha256  CHAR(64)      CHARACTER SET ascii COLLATE ascii_bin NULL,
    recorded_at     TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    UNIQUE KEY uq_dead_letter_source (topic, kafka_partition, kafka_offset),
    KEY idx_dead_letter_reason (reason_code, recorded_at)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- V2, V6, V10
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
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- V2, V10
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
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- V5, V10, V12
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
  checkpoint_settings TEXT          NULL     COMMENT 'key=value lines: the SQL confs the checkpoint offset log pins',
  PRIMARY KEY (query_name)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- V9
CREATE TABLE dashboard_session_revocations (
    session_id CHAR(22)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'base64url of 16 random bytes',
    revoked_at DATETIME(3) NOT NULL,
    expires_at DATETIME(3) NOT NULL,
    PRIMARY KEY (session_id),
    KEY idx_session_revocations_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- V11
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

-- V1
CREATE VIEW v_sales_per_minute AS
SELECT window_start, window_end, revenue, orders, items,
       ROUND(revenue / NULLIF(orders, 0), 2) AS avg_order_value
FROM sales_minute;

-- V2
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

-- V7: the old per-dimension names and README's views, read from the fact table.
CREATE VIEW sales_minute_by_country AS
SELECT window_start, country, SUM(revenue) AS revenue, SUM(orders) AS orders, SUM(items) AS items
FROM sales_fact WHERE grain IN ('order', 'order:country')
GROUP BY window_start, country;

CREATE VIEW sales_minute_by_card_type AS
SELECT window_start, card_type, SUM(revenue) AS revenue, SUM(orders) AS orders, SUM(items) AS items
FROM sales_fact WHERE grain IN ('order', 'order:card_type')
GROUP BY window_start, card_type;

CREATE VIEW sales_minute_by_category AS
SELECT window_start, category, SUM(revenue) AS revenue, SUM(orders) AS orders, SUM(items) AS items
FROM sales_fact WHERE grain = 'category'
GROUP BY window_start, category;

CREATE VIEW sales_minute_by_product AS
SELECT window_start, product_id, MAX(product_name) AS product_name, MAX(category) AS category,
       SUM(revenue) AS revenue, SUM(orders) AS orders, SUM(items) AS items
FROM sales_fact WHERE grain = 'product'
GROUP BY window_start, product_id;

CREATE VIEW sales_minute_by_country_card AS
SELECT window_start, country, card_type, SUM(revenue) AS revenue, SUM(orders) AS orders, SUM(items) AS items
FROM sales_fact WHERE grain = 'order'
GROUP BY window_start, country, card_type;

CREATE VIEW sales_minute_by_country_card_category AS
SELECT window_start, country, card_type, category, SUM(revenue) AS revenue, SUM(orders) AS orders, SUM(items) AS items
FROM sales_fact WHERE grain = 'category' AND country <> ''
GROUP BY window_start, country, card_type, category;

CREATE VIEW sales_minute_by_country_card_product AS
SELECT window_start, country, card_type, product_id, MAX(product_name) AS product_name, MAX(category) AS category,
       SUM(revenue) AS revenue, SUM(orders) AS orders, SUM(items) AS items
FROM sales_fact WHERE grain = 'product' AND country <> ''
GROUP BY window_start, country, card_type, product_id;

CREATE VIEW v_sales_by_country AS
SELECT country, SUM(revenue) AS revenue, SUM(orders) AS orders, SUM(items) AS items,
       ROUND(SUM(revenue) / NULLIF(SUM(orders), 0), 2) AS avg_order_value
FROM sales_fact WHERE grain IN ('order', 'order:country')
GROUP BY country;

CREATE VIEW v_sales_by_card_type AS
SELECT card_type, SUM(revenue) AS revenue, SUM(orders) AS orders, SUM(items) AS items,
       ROUND(SUM(revenue) / NULLIF(SUM(orders), 0), 2) AS avg_order_value
FROM sales_fact WHERE grain IN ('order', 'order:card_type')
GROUP BY card_type;
