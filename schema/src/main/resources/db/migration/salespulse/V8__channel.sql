-- The channel dimension (io.salespulse.schema.catalogue.Catalogue.CHANNEL): one more key column of the fact table.
-- Every order before the field existed came through the web shop (the contract's default), so existing rows are
-- 'web'. The views of V7 sum over the dimensions they do not name, so they stay as they are.
ALTER TABLE sales_fact
    ADD COLUMN channel VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT 'web' AFTER card_type,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (window_start, grain, country, card_type, channel, category, product_id);
