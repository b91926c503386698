-- Combined slices so that every filter (country, card type, category) applies to every panel at once. The
-- per-dimension tables of V1 stay (cheap for unfiltered views and the seed's two views); these add the combinations.
-- Written by the streaming job in the same transaction and with the same additive upserts as the V1 tables.

-- Order level: exact revenue, order and item counts per country x card type.
CREATE TABLE sales_minute_by_country_card (
    window_start DATETIME       NOT NULL,
    country      CHAR(2)        NOT NULL,
    card_type    VARCHAR(16)    NOT NULL,
    revenue      DECIMAL(20, 2) NOT NULL,
    orders       BIGINT         NOT NULL,
    items        BIGINT         NOT NULL,
    PRIMARY KEY (window_start, country, card_type)
) ENGINE = InnoDB;

-- Line level: orders = orders with at least one line in the category; revenue and items of those lines only.
CREATE TABLE sales_minute_by_country_card_category (
    window_start DATETIME       NOT NULL,
    country      CHAR(2)        NOT NULL,
    card_type    VARCHAR(16)    NOT NULL,
    category     VARCHAR(64)    NOT NULL,
    revenue      DECIMAL(20, 2) NOT NULL,
    orders       BIGINT         NOT NULL,
    items        BIGINT         NOT NULL,
    PRIMARY KEY (window_start, country, card_type, category)
) ENGINE = InnoDB;

-- Line level per product: orders = orders with the product.
CREATE TABLE sales_minute_by_country_card_product (
    window_start DATETIME       NOT NULL,
    country      CHAR(2)        NOT NULL,
    card_type    VARCHAR(16)    NOT NULL,
    product_id   VARCHAR(64)    NOT NULL,
    product_name VARCHAR(256)   NOT NULL,
    category     VARCHAR(64)    NOT NULL,
    revenue      DECIMAL(20, 2) NOT NULL,
    orders       BIGINT         NOT NULL,
    items        BIGINT         NOT NULL,
    PRIMARY KEY (window_start, country, card_type, product_id),
    KEY idx_slice_product_category (window_start, category)
) ENGINE = InnoDB;
