-- 0005 Connector health (SQLite): the connector-wide failure its last sync met, e.g. "credentials rejected".
-- Postgres/0005_connector_health.sql is the same schema; change both together. Same representation as 0001.

-- At most one row per connector; the sync engine deletes it when a later run reaches the tracker without that failure.
CREATE TABLE connector_health (
    connector_id  TEXT NOT NULL PRIMARY KEY REFERENCES connectors (id) ON DELETE CASCADE,
    status        TEXT NOT NULL,
    category      TEXT NOT NULL,
    message       TEXT NOT NULL,
    failed_at     TEXT NOT NULL
) STRICT;
