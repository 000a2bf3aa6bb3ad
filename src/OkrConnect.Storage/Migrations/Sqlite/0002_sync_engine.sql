-- 0002 sync engine (SQLite). Postgres/0002_sync_engine.sql is the same schema; change both together.
-- Same representation as 0001: Guids lower-case TEXT, instants fixed-width ISO-8601 UTC TEXT (text order is time
-- order, so leases and claims compare instants as text), booleans INTEGER 0/1, enums kebab TEXT, JSON as TEXT.
-- Everything here belongs to a connector or a link and goes with it.

-- The last known state of every tracker issue the engine fetched. updated_at is when the stored state last changed,
-- fetched_at when it was last read.
CREATE TABLE work_items (
    connector_id        TEXT NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    external_id         TEXT NOT NULL,
    class               TEXT NOT NULL CHECK (class IN ('to-do', 'in-progress', 'done', 'excluded')),
    points              REAL,
    excluded_reason     TEXT,
    parent_external_id  TEXT,
    is_subtask          INTEGER NOT NULL CHECK (is_subtask IN (0, 1)),
    title               TEXT,
    updated_at          TEXT NOT NULL,
    fetched_at          TEXT NOT NULL,
    PRIMARY KEY (connector_id, external_id)
) STRICT;

-- Which target (epic, JQL, parent issue…) each item was found under; an item may sit under several.
CREATE TABLE work_item_targets (
    connector_id  TEXT NOT NULL,
    external_id   TEXT NOT NULL,
    target_kind   TEXT NOT NULL,
    target_key    TEXT NOT NULL,
    PRIMARY KEY (connector_id, target_kind, target_key, external_id),
    FOREIGN KEY (connector_id, external_id) REFERENCES work_items (connector_id, external_id) ON DELETE CASCADE
) STRICT;

CREATE INDEX ix_work_item_targets_item ON work_item_targets (connector_id, external_id);

-- Targets read completely at least once (an empty epic included): only these may be read incrementally.
CREATE TABLE fetched_targets (
    connector_id        TEXT NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    target_kind         TEXT NOT NULL,
    target_key          TEXT NOT NULL,
    last_full_fetch_at  TEXT NOT NULL,
    PRIMARY KEY (connector_id, target_kind, target_key)
) STRICT;

-- What the engine last wrote into the tracker for a link: the remote comment/field and a hash of what it says.
CREATE TABLE write_backs (
    link_id        TEXT NOT NULL PRIMARY KEY REFERENCES links (id) ON DELETE CASCADE,
    remote_id      TEXT,
    content_hash   TEXT,
    written_at     TEXT,
    last_error     TEXT
) STRICT;

CREATE TABLE sync_runs (
    id               TEXT NOT NULL PRIMARY KEY,
    connector_id     TEXT NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    triggered_by     TEXT NOT NULL CHECK (triggered_by IN ('schedule', 'webhook', 'manual', 'reconcile')),
    started_at       TEXT NOT NULL,
    finished_at      TEXT,
    api_calls        INTEGER NOT NULL,
    items_fetched    INTEGER NOT NULL,
    writes_made      INTEGER NOT NULL,
    errors_json      TEXT NOT NULL,
    rate_limit_json  TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'partial', 'failed'))
) STRICT;

CREATE INDEX ix_sync_runs_connector_started ON sync_runs (connector_id, started_at DESC, id);

CREATE TABLE connector_sync_state (
    connector_id       TEXT NOT NULL PRIMARY KEY REFERENCES connectors (id) ON DELETE CASCADE,
    watermark          TEXT,
    last_full_sync_at  TEXT
) STRICT;

-- Delivery ids seen, to acknowledge and ignore redeliveries; kept at least 72 hours.
CREATE TABLE webhook_deliveries (
    connector_id  TEXT NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    delivery_id   TEXT NOT NULL,
    received_at   TEXT NOT NULL,
    PRIMARY KEY (connector_id, delivery_id)
) STRICT;

CREATE INDEX ix_webhook_deliveries_received_at ON webhook_deliveries (received_at);

-- Verified deliveries waiting for the processor; claimed_by/claimed_at make a claim atomic across servers.
CREATE TABLE webhook_inbox (
    id             TEXT NOT NULL PRIMARY KEY,
    connector_id   TEXT NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    delivery_id    TEXT NOT NULL,
    event_type     TEXT,
    item_ids_json  TEXT NOT NULL,
    targets_json   TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    claimed_by     TEXT,
    claimed_at     TEXT,
    processed_at   TEXT,
    attempts       INTEGER NOT NULL DEFAULT 0,
    last_error     TEXT
) STRICT;

CREATE INDEX ix_webhook_inbox_pending ON webhook_inbox (processed_at, received_at);

-- Cross-process leases (one per connector): taken by an atomic upsert that only succeeds on a free or expired row.
CREATE TABLE sync_locks (
    name         TEXT NOT NULL PRIMARY KEY,
    owner        TEXT NOT NULL,
    acquired_at  TEXT NOT NULL,
    expires_at   TEXT NOT NULL
) STRICT;

-- Sync requests that arrived while a connector's lease was held; the holder runs them right after (coalesced).
CREATE TABLE sync_requests (
    id             TEXT NOT NULL PRIMARY KEY,
    connector_id   TEXT NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    triggered_by   TEXT NOT NULL CHECK (triggered_by IN ('schedule', 'webhook', 'manual', 'reconcile')),
    link_ids_json  TEXT,
    requested_at   TEXT NOT NULL
) STRICT;

CREATE INDEX ix_sync_requests_connector ON sync_requests (connector_id, requested_at);
