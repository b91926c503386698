-- Windowed, event-time sales aggregates. One row per window (and dimension value). The streaming job adds each
-- micro-batch's contribution with additive upserts inside the transaction that records the batch's Kafka offsets
-- (stream_progress), so a replayed batch is never applied twice. Amounts are in the reporting currency (USD).
-- Times are UTC.

CREATE TABLE sales_minute (
    window_start DATETIME       NOT NULL,
    window_end   DATETIME       NOT NULL,
    revenue      DECIMAL(20, 2) NOT NULL,
    orders       BIGINT         NOT NULL,
    items        BIGINT         NOT NULL,
    updated_at   TIMESTAMP(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (window_start)
) ENGINE = InnoDB;

CREATE TABLE sales_minute_by_country (
    window_start DATETIME       NOT NULL,
    country      CHAR(2)        NOT NULL,
    revenue      DECIMAL(20, 2) NOT NULL,
    orders       BIGINT         NOT NULL,
    items        BIGINT         NOT NULL,
    PRIMARY KEY (window_start, country),
    KEY idx_country_window (country, window_start)
) ENGINE = InnoDB;

CREATE TABLE sales_minute_by_card_type (
    window_start DATETIME       NOT NULL,
    card_type    VARCHAR(16)    NOT NULL,
    revenue      DECIMAL(20, 2) NOT NULL,
    orders       BIGINT         NOT NULL,
    items        BIGINT         NOT NULL,
    PRIMARY KEY (window_start, card_type),
    KEY idx_card_type_window (card_type, window_start)
) ENGINE = InnoDB;

-- orders = orders with at least one line in the category; revenue and items count only those lines.
CREATE TABLE sales_minute_by_category (
    window_start DATETIME       NOT NULL,
    category     VARCHAR(64)    NOT NULL,
    revenue      DECIMAL(20, 2) NOT NULL,
    orders       BIGINT         NOT NULL,
    items        BIGINT         NOT NULL,
    PRIMARY KEY (window_start, category),
    KEY idx_category_window (category, window_start)
) ENGINE = InnoDB;

CREATE TABLE sales_minute_by_product (
    window_start DATETIME       NOT NULL,
    product_id   VARCHAR(64)    NOT NULL,
    product_name VARCHAR(256)   NOT NULL,
    category     VARCHAR(64)    NOT NULL,
    revenue      DECIMAL(20, 2) NOT NULL,
    orders       BIGINT         NOT NULL,
    items        BIGINT         NOT NULL,
    PRIMARY KEY (window_start, product_id),
    KEY idx_product_window (product_id, window_start)
) ENGINE = InnoDB;

-- The seed's two views, and the per-minute series with average order value.
CREATE VIEW v_sales_per_minute AS
SELECT window_start, window_end, revenue, orders, items,
       ROUND(revenue / NULLIF(orders, 0), 2) AS avg_order_value
FROM sales_minute;

CREATE VIEW v_sales_by_country AS
SELECT country, SUM(revenue) AS revenue, SUM(orders) AS orders, SUM(items) AS items,
       ROUND(SUM(revenue) / NULLIF(SUM(orders), 0), 2) AS avg_order_value
FROM sales_minute_by_country
GROUP BY country;

CREATE VIEW v_sales_by_card_type AS
SELECT card_type, SUM(revenue) AS revenue, SUM(orders) AS orders, SUM(items) AS items,
       ROUND(SUM(revenue) / NULLIF(SUM(orders), 0), 2) AS avg_order_value
FROM sales_minute_by_card_type
GROUP BY card_type;
