-- For the dashboard: it keeps whole hours of the aggregates in memory and, after each committed batch, drops the
-- hours whose minute windows changed. This index lets it find those windows (rows whose updated_at moved) without
-- scanning sales_minute. Every batch that changes a dimension table also changes sales_minute for the same window.
CREATE INDEX idx_sales_minute_updated_at ON sales_minute (updated_at);
