-- Every table declares utf8mb4, whatever the database's default character set: before this, columns not named in
-- V6/V7 (topics, reason codes, the heartbeat's texts) took the database default, which on an older or hand-made MySQL
-- database is latin1 and turns anything outside Western European text into '?'.
-- CONVERT TO changes the table default and every text column to utf8mb4_bin (codes and identifiers compare exactly,
-- as V6 chose for the keys). sales_fact declares each column already (ASCII codes, utf8mb4 names): it only gets the
-- table default, like the tables without text columns (a metadata change).
ALTER TABLE sales_minute DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE sales_fact DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE seen_events DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE stream_batches DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

ALTER TABLE stream_progress CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE late_events CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
ALTER TABLE job_heartbeat CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
-- the SHA-256 stays ASCII hex
ALTER TABLE dead_letters CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    MODIFY payload_sha256 CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL;
