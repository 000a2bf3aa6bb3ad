-- 0005 Connector health (PostgreSQL): the connector-wide failure its last sync met, e.g. "credentials rejected".
-- Sqlite/0005_connector_health.sql is the same schema; change both together.

-- At most one row per connector; the sync engine deletes it when a later run reaches the tracker without that failure.
CREATE TABLE connector_health (
    connector_id  uuid NOT NULL PRIMARY KEY REFERENCES connectors (id) ON DELETE CASCADE,
    status        text NOT NULL,
    category      text NOT NULL,
    message       text NOT NULL,
    failed_at     timestamptz NOT NULL
);
