-- 0002 sync engine (PostgreSQL). Sqlite/0002_sync_engine.sql is the same schema; change both together.
-- Same representation as 0001: uuid, timestamptz (UTC, microseconds), boolean, double precision; enums kebab text
-- with CHECK constraints; JSON documents text.
-- Everything here belongs to a connector or a link and goes with it.

-- The last known state of every tracker issue the engine fetched. updated_at is when the stored state last changed,
-- fetched_at when it was last read.
CREATE TABLE work_items (
    connector_id        uuid NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    external_id         text NOT NULL,
    class               text NOT NULL CHECK (class IN ('to-do', 'in-progress', 'done', 'excluded')),
    points              double precision,
    excluded_reason     text,
    parent_external_id  text,
    is_subtask          boolean NOT NULL,
    title               text,
    updated_at          timestamptz NOT NULL,
    fetched_at          timestamptz NOT NULL,
    PRIMARY KEY (connector_id, external_id)
);

-- Which target (epic, JQL, parent issue…) each item was found under; an item may sit under several.
CREATE TABLE work_item_targets (
    connector_id  uuid NOT NULL,
    external_id   text NOT NULL,
    target_kind   text NOT NULL,
    target_key    text NOT NULL,
    PRIMARY KEY (connector_id, target_kind, target_key, external_id),
    FOREIGN KEY (connector_id, external_id) REFERENCES work_items (connector_id, external_id) ON DELETE CASCADE
);

CREATE INDEX ix_work_item_targets_item ON work_item_targets (connector_id, external_id);

-- Targets read completely at least once (an empty epic included): only these may be read incrementally.
CREATE TABLE fetched_targets (
    connector_id        uuid NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    target_kind         text NOT NULL,
    target_key          text NOT NULL,
    last_full_fetch_at  timestamptz NOT NULL,
    PRIMARY KEY (connector_id, target_kind, target_key)
);

-- What the engine last wrote into the tracker for a link: the remote comment/field and a hash of what it says.
CREATE TABLE write_backs (
    link_id        uuid NOT NULL PRIMARY KEY REFERENCES links (id) ON DELETE CASCADE,
    remote_id      text,
    content_hash   text,
    written_at     timestamptz,
    last_error     text
);

CREATE TABLE sync_runs (
    id               uuid NOT NULL PRIMARY KEY,
    connector_id     uuid NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    triggered_by     text NOT NULL CHECK (triggered_by IN ('schedule', 'webhook', 'manual', 'reconcile')),
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz,
    api_calls        integer NOT NULL,
    items_fetched    integer NOT NULL,
    writes_made      integer NOT NULL,
    errors_json      text NOT NULL,
    rate_limit_json  text NOT NULL,
    status           text NOT NULL CHECK (status IN ('running', 'succeeded', 'partial', 'failed'))
);

CREATE INDEX ix_sync_runs_connector_started ON sync_runs (connector_id, started_at DESC, id);

CREATE TABLE connector_sync_state (
    connector_id       uuid NOT NULL PRIMARY KEY REFERENCES connectors (id) ON DELETE CASCADE,
    watermark          timestamptz,
    last_full_sync_at  timestamptz
);

-- Delivery ids seen, to acknowledge and ignore redeliveries; kept at least 72 hours.
CREATE TABLE webhook_deliveries (
    connector_id  uuid NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    delivery_id   text NOT NULL,
    received_at   timestamptz NOT NULL,
    PRIMARY KEY (connector_id, delivery_id)
);

CREATE INDEX ix_webhook_deliveries_received_at ON webhook_deliveries (received_at);

-- Verified deliveries waiting for the processor; claimed_by/claimed_at make a claim atomic across servers.
CREATE TABLE webhook_inbox (
    id             uuid NOT NULL PRIMARY KEY,
    connector_id   uuid NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    delivery_id    text NOT NULL,
    event_type     text,
    item_ids_json  text NOT NULL,
    targets_json   text NOT NULL,
    received_at    timestamptz NOT NULL,
    claimed_by     text,
    claimed_at     timestamptz,
    processed_at   timestamptz,
    attempts       integer NOT NULL DEFAULT 0,
    last_error     text
);

CREATE INDEX ix_webhook_inbox_pending ON webhook_inbox (processed_at, received_at);

-- Cross-process leases (one per connector): taken by an atomic upsert that only succeeds on a free or expired row.
CREATE TABLE sync_locks (
    name         text NOT NULL PRIMARY KEY,
    owner        text NOT NULL,
    acquired_at  timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL
);

-- Sync requests that arrived while a connector's lease was held; the holder runs them right after (coalesced).
CREATE TABLE sync_requests (
    id             uuid NOT NULL PRIMARY KEY,
    connector_id   uuid NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    triggered_by   text NOT NULL CHECK (triggered_by IN ('schedule', 'webhook', 'manual', 'reconcile')),
    link_ids_json  text,
    requested_at   timestamptz NOT NULL
);

CREATE INDEX ix_sync_requests_connector ON sync_requests (connector_id, requested_at);
