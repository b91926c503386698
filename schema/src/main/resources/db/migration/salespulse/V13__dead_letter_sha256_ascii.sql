-- What V10 meant for dead_letters.payload_sha256: ASCII hex, compared exactly. In V10's ALTER the table-wide
-- CONVERT TO won over the column's own MODIFY, so the column became utf8mb4 (four bytes a character reserved for
-- 64 hex digits). BaselineMigrationTest found it by comparing this history with the baseline script.
ALTER TABLE dead_letters
    MODIFY payload_sha256 CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL;
