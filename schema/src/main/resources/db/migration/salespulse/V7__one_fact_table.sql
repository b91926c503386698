-- One fact table for every slice of the aggregates (io.salespulse.schema.catalogue.FactTable), replacing the
-- per-dimension tables of V1 and the country x card type (x category | x product) slices of V4. A row's grain says
-- what it counts:
--   'order'     whole orders per combination of every order-level dimension (country, card type);
--   'category'  per order-level combination and category: the lines of that category, orders = orders with one;
--   'product'   per order-level combination, category and product: the lines of that product.
-- Any filter is a WHERE on one grain's rows; a new dimension is one more key column, not a table per combination.
-- Columns a grain does not carry hold ''. sales_minute (per-window totals, window_end, the dashboard's change index
-- on updated_at) stays as it is.
--
-- Existing data is kept exactly: the V4 slices move over as they are, and what the V1 tables hold beyond them
-- (windows written before V4 existed) moves over as residual rows that only unfiltered views read:
--   'order:country' / 'order:card_type'  order-level figures known per one dimension only;
--   category and product rows with country = card_type = ''.
-- The old table names remain as views with the same columns, so every reader (README's v_sales_by_* views,
-- scripts, the dashboard) keeps working.

CREATE TABLE sales_fact (
    window_start DATETIME     NOT NULL,
    grain        VARCHAR(32)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    country      CHAR(2)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
    card_type    VARCHAR(16)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
    category     VARCHAR(${category_length}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT '',
    product_id   VARCHAR(${id_length}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT '',
    product_name VARCHAR(${product_name_length}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT '',
    revenue      DECIMAL(${revenue_precision}, ${money_scale}) NOT NULL,
    orders       BIGINT       NOT NULL,
    items        BIGINT       NOT NULL,
    PRIMARY KEY (window_start, grain, country, card_type, category, product_id)
) ENGINE = InnoDB;

-- The V4 slices, as they are.
INSERT INTO sales_fact (window_start, grain, country, card_type, revenue, orders, items)
SELECT window_start, 'order', country, card_type, revenue, orders, items FROM sales_minute_by_country_card;

INSERT INTO sales_fact (window_start, grain, country, card_type, category, revenue, orders, items)
SELECT window_start, 'category', country, card_type, category, revenue, orders, items
FROM sales_minute_by_country_card_category;

INSERT INTO sales_fact (window_start, grain, country, card_type, category, product_id, product_name, revenue, orders,
                        items)
SELECT window_start, 'product', country, card_type, category, product_id, product_name, revenue, orders, items
FROM sales_minute_by_country_card_product;

-- What the V1 tables hold beyond the slices.
INSERT INTO sales_fact (window_start, grain, country, revenue, orders, items)
SELECT v.window_start, 'order:country', v.country, v.revenue - COALESCE(s.revenue, 0), v.orders - COALESCE(s.orders, 0),
       v.items - COALESCE(s.items, 0)
FROM sales_minute_by_country v
LEFT JOIN (SELECT window_start, country, SUM(revenue) AS revenue, SUM(orders) AS orders, SUM(items) AS items
           FROM sales_minute_by_country_card GROUP BY window_start, country) s
       ON s.window_start = v.window_start AND s.country = v.country
WHERE v.revenue <> COALESCE(s.revenue, 0) OR v.orders <> COALESCE(s.orders, 0) OR v.items <> COALESCE(s.items, 0);

INSERT INTO sales_fact (window_start, grain, card_type, revenue, orders, items)
SELECT v.window_start, 'order:card_type', v.card_type, v.revenue - COALESCE(s.revenue, 0),
       v.orders - COALESCE(s.orders, 0), v.items - COALESCE(s.items, 0)
FROM sales_minute_by_card_type v
LEFT JOIN (SELECT window_start, card_type, SUM(revenue) AS revenue, SUM(orders) AS orders, SUM(items) AS items
           FROM sales_minute_by_country_card GROUP BY window_start, card_type) s
       ON s.window_start = v.window_start AND s.card_type = v.card_type
WHERE v.revenue <> COALESCE(s.revenue, 0) OR v.orders <> COALESCE(s.orders, 0) OR v.items <> COALESCE(s.items, 0);

INSERT INTO sales_fact (window_start, grain, category, revenue, orders, items)
SELECT v.window_start, 'category', v.category, v.revenue - COALESCE(s.revenue, 0), v.orders - COALESCE(s.orders, 0),
       v.items - COALESCE(s.items, 0)
FROM sales_minute_by_category v
LEFT JOIN (SELECT window_start, category, SUM(revenue) AS revenue, SUM(orders) AS orders, SUM(items) AS items
           FROM sales_minute_by_country_card_category GROUP BY window_start, category) s
       ON s.window_start = v.window_start AND s.category = v.category
WHERE v.revenue <> COALESCE(s.revenue, 0) OR v.orders <> COALESCE(s.orders, 0) OR v.items <> COALESCE(s.items, 0);

INSERT INTO sales_fact (window_start, grain, category, product_id, product_name, revenue, orders, items)
SELECT v.window_start, 'product', v.category, v.product_id, v.product_name, v.revenue - COALESCE(s.revenue, 0),
       v.orders - COALESCE(s.orders, 0), v.items - COALESCE(s.items, 0)
FROM sales_minute_by_product v
LEFT JOIN (SELECT window_start, product_id, SUM(revenue) AS revenue, SUM(orders) AS orders, SUM(items) AS items
           FROM sales_minute_by_country_card_product GROUP BY window_start, product_id) s
       ON s.window_start = v.window_start AND s.product_id = v.product_id
WHERE v.revenue <> COALESCE(s.revenue, 0) OR v.orders <> COALESCE(s.orders, 0) OR v.items <> COALESCE(s.items, 0);

DROP VIEW v_sales_by_country;
DROP VIEW v_sales_by_card_type;
DROP TABLE sales_minute_by_country, sales_minute_by_card_type, sales_minute_by_category, sales_minute_by_product,
    sales_minute_by_country_card, sales_minute_by_country_card_category, sales_minute_by_country_card_product;

-- The old names, same columns, read from the fact table. Unfiltered ones include the residual rows. Every view sums
-- over the dimensions it does not name, so a dimension added later (one more key column) leaves them right.
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

-- README's views, as before.
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
