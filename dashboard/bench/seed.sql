-- Benchmark data: @@DAYS@@ days of per-minute aggregates ending now, in the shape the streaming job writes.
-- Values are pseudo-random (RAND with a seed), not mutually consistent across tables; the dashboard's query costs
-- depend on row counts, not on the values.
SET @start = DATE_FORMAT(UTC_TIMESTAMP() - INTERVAL @@DAYS@@ DAY, '%Y-%m-%d %H:%i:00');

INSERT INTO sales_minute (window_start, window_end, revenue, orders, items)
SELECT @start + INTERVAL seq MINUTE, @start + INTERVAL seq + 1 MINUTE,
       ROUND(900 + 600 * RAND(seq), 2), 9 + seq % 7, 17 + seq % 11
FROM seq_0_to_@@MINUTES@@;

INSERT INTO sales_minute_by_country (window_start, country, revenue, orders, items)
SELECT @start + INTERVAL s.seq MINUTE, c.code, ROUND(c.w * (3 + 2 * RAND(s.seq * 17 + c.w)), 2),
       1 + (s.seq + c.w) % 4, 2 + (s.seq + c.w) % 6
FROM seq_0_to_@@MINUTES@@ s
CROSS JOIN (SELECT 'US' code, 30 w UNION ALL SELECT 'GB', 10 UNION ALL SELECT 'DE', 10 UNION ALL SELECT 'FR', 7
            UNION ALL SELECT 'IN', 8 UNION ALL SELECT 'CA', 6 UNION ALL SELECT 'JP', 6 UNION ALL SELECT 'BR', 5
            UNION ALL SELECT 'AU', 5 UNION ALL SELECT 'ES', 4 UNION ALL SELECT 'IT', 4 UNION ALL SELECT 'NL', 2
            UNION ALL SELECT 'SE', 2 UNION ALL SELECT 'CH', 1) c;

INSERT INTO sales_minute_by_card_type (window_start, card_type, revenue, orders, items)
SELECT @start + INTERVAL s.seq MINUTE, c.name, ROUND(c.w * (3 + 2 * RAND(s.seq * 13 + c.w)), 2),
       1 + (s.seq + c.w) % 5, 2 + (s.seq + c.w) % 7
FROM seq_0_to_@@MINUTES@@ s
CROSS JOIN (SELECT 'VISA' name, 45 w UNION ALL SELECT 'MASTERCARD', 30 UNION ALL SELECT 'AMEX', 12
            UNION ALL SELECT 'DISCOVER', 6 UNION ALL SELECT 'JCB', 3 UNION ALL SELECT 'UNIONPAY', 3
            UNION ALL SELECT 'DINERS', 1) c;

INSERT INTO sales_minute_by_category (window_start, category, revenue, orders, items)
SELECT @start + INTERVAL s.seq MINUTE, c.name, ROUND(c.w * (4 + 3 * RAND(s.seq * 11 + c.w)), 2),
       1 + (s.seq + c.w) % 4, 1 + (s.seq + c.w) % 6
FROM seq_0_to_@@MINUTES@@ s
CROSS JOIN (SELECT 'Electronics' name, 40 w UNION ALL SELECT 'Books', 12 UNION ALL SELECT 'Home & Kitchen', 15
            UNION ALL SELECT 'Fashion', 10 UNION ALL SELECT 'Sports', 8 UNION ALL SELECT 'Beauty', 6
            UNION ALL SELECT 'Toys', 5 UNION ALL SELECT 'Grocery', 4) c;

INSERT INTO sales_minute_by_product (window_start, product_id, product_name, category, revenue, orders, items)
SELECT @start + INTERVAL s.seq MINUTE, CONCAT('P-', 1000 + p.seq), CONCAT('Product ', 1000 + p.seq),
       ELT(1 + p.seq % 8, 'Electronics', 'Books', 'Home & Kitchen', 'Fashion', 'Sports', 'Beauty', 'Toys', 'Grocery'),
       ROUND(20 + 80 * RAND(s.seq * 37 + p.seq), 2), 1 + (s.seq + p.seq) % 3, 1 + (s.seq + p.seq) % 4
FROM seq_0_to_@@MINUTES@@ s
CROSS JOIN seq_1_to_32 p;

-- The V4 slices filtered views read: per minute, 10 country x card rows, 14 country x card x category rows and 16
-- country x card x product rows (about what 10 orders a minute touch), each key unique within its minute.
INSERT INTO sales_minute_by_country_card (window_start, country, card_type, revenue, orders, items)
SELECT @start + INTERVAL s.seq MINUTE,
       ELT(1 + (s.seq + p.seq) % 14, 'US', 'GB', 'DE', 'FR', 'IN', 'CA', 'JP', 'BR', 'AU', 'ES', 'IT', 'NL', 'SE', 'CH'),
       ELT(1 + p.seq % 7, 'VISA', 'MASTERCARD', 'AMEX', 'DISCOVER', 'JCB', 'UNIONPAY', 'DINERS'),
       ROUND(30 + 120 * RAND(s.seq * 19 + p.seq), 2), 1 + (s.seq + p.seq) % 2, 1 + (s.seq + p.seq) % 4
FROM seq_0_to_@@MINUTES@@ s
CROSS JOIN seq_1_to_10 p;

INSERT INTO sales_minute_by_country_card_category (window_start, country, card_type, category, revenue, orders, items)
SELECT @start + INTERVAL s.seq MINUTE,
       ELT(1 + (s.seq + p.seq) % 14, 'US', 'GB', 'DE', 'FR', 'IN', 'CA', 'JP', 'BR', 'AU', 'ES', 'IT', 'NL', 'SE', 'CH'),
       ELT(1 + p.seq % 7, 'VISA', 'MASTERCARD', 'AMEX', 'DISCOVER', 'JCB', 'UNIONPAY', 'DINERS'),
       ELT(1 + (s.seq + p.seq) % 8, 'Electronics', 'Books', 'Home & Kitchen', 'Fashion', 'Sports', 'Beauty', 'Toys', 'Grocery'),
       ROUND(20 + 80 * RAND(s.seq * 23 + p.seq), 2), 1, 1 + (s.seq + p.seq) % 3
FROM seq_0_to_@@MINUTES@@ s
CROSS JOIN seq_1_to_14 p;

INSERT INTO sales_minute_by_country_card_product (window_start, country, card_type, product_id, product_name, category,
                                                  revenue, orders, items)
SELECT @start + INTERVAL s.seq MINUTE,
       ELT(1 + (s.seq + p.seq) % 14, 'US', 'GB', 'DE', 'FR', 'IN', 'CA', 'JP', 'BR', 'AU', 'ES', 'IT', 'NL', 'SE', 'CH'),
       ELT(1 + p.seq % 7, 'VISA', 'MASTERCARD', 'AMEX', 'DISCOVER', 'JCB', 'UNIONPAY', 'DINERS'),
       CONCAT('P-', 1000 + (s.seq + p.seq) % 32), CONCAT('Product ', 1000 + (s.seq + p.seq) % 32),
       ELT(1 + (s.seq + p.seq) % 32 % 8, 'Electronics', 'Books', 'Home & Kitchen', 'Fashion', 'Sports', 'Beauty', 'Toys',
           'Grocery'),
       ROUND(20 + 80 * RAND(s.seq * 29 + p.seq), 2), 1, 1 + (s.seq + p.seq) % 3
FROM seq_0_to_@@MINUTES@@ s
CROSS JOIN seq_1_to_16 p;

INSERT INTO stream_batches (batch_id, committed_at, input_records, valid_orders, duplicates, dead_letters,
                            late_events, max_event_time, duration_ms)
SELECT seq, @start + INTERVAL seq * 5 SECOND, 60 + seq % 9, 58 + seq % 7, seq % 2, seq % 3, seq % 2,
       @start + INTERVAL seq * 5 SECOND - INTERVAL 2 SECOND, 900 + seq % 400
FROM seq_0_to_@@BATCHES@@;

ANALYZE TABLE sales_minute, sales_minute_by_country, sales_minute_by_card_type, sales_minute_by_category,
              sales_minute_by_product, sales_minute_by_country_card, sales_minute_by_country_card_category,
              sales_minute_by_country_card_product, stream_batches;
