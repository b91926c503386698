-- The stores hold what the order contract accepts. Widths come from io.salespulse.schema.order.OrderLimits through
-- Flyway placeholders (${id_length} ...); MysqlSchema refuses to start on columns narrower than those limits.
-- Existing rows survive: every change widens a column or makes its comparison exact.
--  * Text that ends up in a key is utf8mb4 (any Unicode text, whatever the database's default character set) with a
--    binary collation: 'P-1' and 'p-1', or 'Café' and 'Cafe', are different products and categories, not one row.
--    (utf8mb4_bin still ignores trailing spaces; the contract refuses them.)
--  * Revenue is wide enough that one window's sum cannot overflow at the contract's largest amounts.
--  * Dead letters keep a bounded start of the payload and, for all of it, its size and SHA-256 (the job truncates).

ALTER TABLE sales_minute
    MODIFY revenue DECIMAL(${revenue_precision}, ${money_scale}) NOT NULL;

ALTER TABLE sales_minute_by_country
    MODIFY revenue DECIMAL(${revenue_precision}, ${money_scale}) NOT NULL;

ALTER TABLE sales_minute_by_card_type
    MODIFY revenue DECIMAL(${revenue_precision}, ${money_scale}) NOT NULL;

ALTER TABLE sales_minute_by_category
    MODIFY category VARCHAR(${category_length}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY revenue DECIMAL(${revenue_precision}, ${money_scale}) NOT NULL;

ALTER TABLE sales_minute_by_product
    MODIFY product_id VARCHAR(${id_length}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY product_name VARCHAR(${product_name_length}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY category VARCHAR(${category_length}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY revenue DECIMAL(${revenue_precision}, ${money_scale}) NOT NULL;

ALTER TABLE sales_minute_by_country_card
    MODIFY revenue DECIMAL(${revenue_precision}, ${money_scale}) NOT NULL;

ALTER TABLE sales_minute_by_country_card_category
    MODIFY category VARCHAR(${category_length}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY revenue DECIMAL(${revenue_precision}, ${money_scale}) NOT NULL;

ALTER TABLE sales_minute_by_country_card_product
    MODIFY product_id VARCHAR(${id_length}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY product_name VARCHAR(${product_name_length}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY category VARCHAR(${category_length}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY revenue DECIMAL(${revenue_precision}, ${money_scale}) NOT NULL;

-- order_id stays 256 wide (older rows may be longer than today's limit of ${order_id_length}).
ALTER TABLE late_events
    MODIFY order_id VARCHAR(256) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

-- payload: the first job.dead-letter-payload-max bytes of the record as text (invalid UTF-8 shown as U+FFFD);
-- payload_bytes and payload_sha256 describe the whole original value (NULL for a tombstone and for older rows).
ALTER TABLE dead_letters
    MODIFY record_key VARCHAR(256) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    MODIFY reason VARCHAR(1024) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY payload MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    ADD COLUMN payload_bytes BIGINT NULL AFTER payload,
    ADD COLUMN payload_sha256 CHAR(64) CHARACTER SET ascii NULL AFTER payload_bytes;
