-- 0009 Token revocation (SQLite): per subject, the moment before which its bearer tokens are refused.
-- Postgres/0009_token_revocations.sql is the same schema; change both together. Same representation as 0001.
CREATE TABLE token_revocations (
    subject         TEXT NOT NULL PRIMARY KEY,
    revoked_before  TEXT NOT NULL,
    revoked_by      TEXT NOT NULL,
    revoked_at      TEXT NOT NULL
) STRICT;
