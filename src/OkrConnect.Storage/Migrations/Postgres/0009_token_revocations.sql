-- 0009 Token revocation (PostgreSQL): per subject, the moment before which its bearer tokens are refused.
-- Sqlite/0009_token_revocations.sql is the same schema; change both together.
CREATE TABLE token_revocations (
    subject         text NOT NULL PRIMARY KEY,
    revoked_before  timestamptz NOT NULL,
    revoked_by      text NOT NULL,
    revoked_at      timestamptz NOT NULL
);
