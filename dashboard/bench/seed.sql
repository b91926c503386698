-- Benchmark data: @@DAYS@@ days of per-minute aggregates ending now, in the shape the streaming job writes.
-- Values are pseudo-random (RAND with a seed), not mutually consistent across tables; the dashboard's query costs
-- depend on row counts, not on the values.
SET @start = DATE_FORMAT(UTC_TIMESTAMP() - INTERVAL @@DAYS@@ DAY, '%Y-%m-%d %H:%i:00');

INSERT INTO sales_minute (window_start, window_end, revenue, orders, items)
SELECT @start + INTERVAL seq MINUTE, @start + INTERVAL seq + 1 MINUTE,
       ROUND(900 + 600 * RAND(seq), 2), 9 + seq % 7, 17 + seq % 11
FROM seq_0_to_@@MINUTES@@;

-- The fact table (V7) every breakdown and filtered view reads: per minute, 10 order-grain rows (country x card), 14
-- category-grain rows and 16 product-grain rows (about what 10 orders a minute touch), each key unique in its minute.
INSERT INTO sales_fact (window_start, grain, country, card_type, revenue, orders, items)
SELECT @start + INTERVAL s.seq MINUTE, 'order',
       ELT(1 + (s.seq + p.seq) % 14, 'US', 'GB', 'DE', 'FR', 'IN', 'CA', 'JP', 'BR', 'AU', 'ES', 'IT', 'NL', 'SE', 'CH'),
       ELT(1 + p.seq % 7, 'VISA', 'MASTERCARD', 'AMEX', 'DISCOVER', 'JCB', 'UNIONPAY', 'DINERS'),
       ROUND(30 + 120 * RAND(s.seq * 19 + p.seq), 2), 1 + (s.seq + p.seq) % 2, 1 + (s.seq + p.seq) % 4
FROM seq_0_to_@@MINUTES@@ s
CROSS JOIN seq_1_to_10 p;

INSERT INTO sales_fact (window_start, grain, country, card_type, category, revenue, orders, items)
SELECT @start + INTERVAL s.seq MINUTE, 'category',
       ELT(1 + (s.seq + p.seq) % 14, 'US', 'GB', 'DE', 'FR', 'IN', 'CA', 'JP', 'BR', 'AU', 'ES', 'IT', 'NL', 'SE', 'CH'),
       ELT(1 + p.seq % 7, 'VISA', 'MASTERCARD', 'AMEX', 'DISCOVER', 'JCB', 'UNIONPAY', 'DINERS'),
       ELT(1 + (s.seq + p.seq) % 8, 'Electronics', 'Books', 'Home & Kitchen', 'Fashion', 'Sports', 'Beauty', 'Toys', 'Grocery'),
       ROUND(20 + 80 * RAND(s.seq * 23 + p.seq), 2), 1, 1 + (s.seq + p.seq) % 3
FROM seq_0_to_@@MINUTES@@ s
CROSS JOIN seq_1_to_14 p;

INSERT INTO sales_fact (window_start, grain, country, card_type, product_id, product_name, category, revenue, orders,
                        items)
SELECT @start + INTERVAL s.seq MINUTE, 'product',
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

ANALYZE TABLE sales_minute, sales_fact, stream_batches;
