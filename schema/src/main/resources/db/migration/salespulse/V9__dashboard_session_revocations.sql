-- Dashboard sessions that were signed out before their cookie expired. The cookie itself is encrypted and carries a
-- random session id; every dashboard replica refuses an id listed here, so a copied cookie stops working on sign-out.
-- A row is only needed until the session's absolute end (expires_at), after which the cookie is refused anyway; the
-- dashboard deletes older rows as it adds new ones. The dashboard's own database user may write this table only.
CREATE TABLE dashboard_session_revocations (
    session_id CHAR(22)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL COMMENT 'base64url of 16 random bytes',
    revoked_at DATETIME(3) NOT NULL,
    expires_at DATETIME(3) NOT NULL,
    PRIMARY KEY (session_id),
    KEY idx_session_revocations_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
