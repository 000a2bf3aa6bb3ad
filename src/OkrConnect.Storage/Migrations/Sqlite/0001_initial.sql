-- 0001 initial schema (SQLite). Postgres/0001_initial.sql is the same schema; change both together.
--
-- Representation: Guids are lower-case TEXT, instants ISO-8601 UTC TEXT with microseconds
-- ('2026-01-02T03:04:05.123456Z', fixed width so text order is time order), dates 'yyyy-MM-dd' TEXT,
-- booleans INTEGER 0/1, enums lower-case kebab TEXT, JSON documents TEXT. STRICT tables reject values of
-- the wrong storage class.
--
-- Deletes follow ownership: a parent that owns rows cascades to them (objective -> key results -> links,
-- check-ins, progress); a row that is only referenced restricts (a connector still used by links, a cycle
-- with objectives) or lets go (an objective aligned to a deleted key result becomes top-level).

CREATE TABLE cycles (
    id          TEXT NOT NULL PRIMARY KEY,
    name        TEXT NOT NULL,
    start_date  TEXT NOT NULL,
    end_date    TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('planning', 'active', 'closed')),
    created_at  TEXT NOT NULL,
    closed_at   TEXT,
    CHECK (end_date >= start_date)
) STRICT;

CREATE INDEX ix_cycles_start_date ON cycles (start_date DESC, id);

CREATE TABLE objectives (
    id                    TEXT NOT NULL PRIMARY KEY,
    cycle_id              TEXT NOT NULL REFERENCES cycles (id) ON DELETE RESTRICT,
    title                 TEXT NOT NULL,
    description           TEXT,
    level                 TEXT NOT NULL CHECK (level IN ('company', 'team', 'individual')),
    owner                 TEXT NOT NULL,
    team                  TEXT,
    visibility            TEXT NOT NULL CHECK (visibility IN ('public', 'team', 'private')),
    parent_key_result_id  TEXT REFERENCES key_results (id) ON DELETE SET NULL,
    weight                REAL NOT NULL,
    created_at            TEXT NOT NULL
) STRICT;

CREATE INDEX ix_objectives_cycle_id ON objectives (cycle_id, created_at, id);
CREATE INDEX ix_objectives_parent_key_result_id ON objectives (parent_key_result_id);

CREATE TABLE key_results (
    id              TEXT NOT NULL PRIMARY KEY,
    objective_id    TEXT NOT NULL REFERENCES objectives (id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    owner           TEXT NOT NULL,
    type            TEXT NOT NULL CHECK (type IN ('committed', 'aspirational')),
    weight          REAL NOT NULL,
    measure         TEXT NOT NULL CHECK (measure IN ('work', 'metric', 'children')),
    metric_start    REAL,
    metric_target   REAL,
    metric_current  REAL,
    unit            TEXT,
    created_at      TEXT NOT NULL
) STRICT;

CREATE INDEX ix_key_results_objective_id ON key_results (objective_id, created_at, id);

CREATE TABLE connectors (
    id                        TEXT NOT NULL PRIMARY KEY,
    kind                      TEXT NOT NULL,
    name                      TEXT NOT NULL,
    base_url                  TEXT NOT NULL,
    options_json              TEXT NOT NULL,
    locale                    TEXT NOT NULL,
    sync_cron                 TEXT NOT NULL,
    enabled                   INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    -- Ciphertexts from ASP.NET Data Protection; NULL means "no secret".
    credentials_protected     TEXT,
    webhook_secret_protected  TEXT,
    created_at                TEXT NOT NULL
) STRICT;

CREATE TABLE links (
    id             TEXT NOT NULL PRIMARY KEY,
    key_result_id  TEXT NOT NULL REFERENCES key_results (id) ON DELETE CASCADE,
    connector_id   TEXT NOT NULL REFERENCES connectors (id) ON DELETE RESTRICT,
    target_kind    TEXT NOT NULL,
    target_key     TEXT NOT NULL,
    weight         REAL NOT NULL,
    model          TEXT NOT NULL CHECK (model IN ('count', 'points', 'status-weighted')),
    write_back     TEXT NOT NULL CHECK (write_back IN ('comment', 'field', 'property', 'none')),
    target_title   TEXT,
    target_url     TEXT,
    created_at     TEXT NOT NULL
) STRICT;

CREATE INDEX ix_links_key_result_id ON links (key_result_id, created_at, id);
CREATE INDEX ix_links_connector_target ON links (connector_id, target_kind, target_key);

CREATE TABLE check_ins (
    id             TEXT NOT NULL PRIMARY KEY,
    key_result_id  TEXT NOT NULL REFERENCES key_results (id) ON DELETE CASCADE,
    author         TEXT NOT NULL,
    confidence     INTEGER NOT NULL CHECK (confidence BETWEEN 1 AND 10),
    status         TEXT NOT NULL CHECK (status IN ('on-track', 'at-risk', 'off-track')),
    note           TEXT,
    blockers       TEXT,
    next_steps     TEXT,
    metric_value   REAL,
    created_at     TEXT NOT NULL
) STRICT;

CREATE INDEX ix_check_ins_key_result_latest ON check_ins (key_result_id, created_at DESC, id DESC);

-- The last complete progress of each link (one row per link, replaced on every sync).
CREATE TABLE link_progress (
    link_id         TEXT NOT NULL PRIMARY KEY REFERENCES links (id) ON DELETE CASCADE,
    value           REAL,
    breakdown_json  TEXT NOT NULL,
    computed_at     TEXT NOT NULL,
    last_synced_at  TEXT,
    stale           INTEGER NOT NULL CHECK (stale IN (0, 1)),
    last_error      TEXT
) STRICT;

-- Append-only: a row is added only when a key result's progress changes. id orders rows written in the same instant.
CREATE TABLE progress_history (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    key_result_id   TEXT NOT NULL REFERENCES key_results (id) ON DELETE CASCADE,
    value           REAL,
    breakdown_json  TEXT NOT NULL,
    source          TEXT NOT NULL,
    recorded_at     TEXT NOT NULL
) STRICT;

CREATE INDEX ix_progress_history_key_result_recorded ON progress_history (key_result_id, recorded_at, id);

CREATE TABLE accounts (
    id                  TEXT NOT NULL PRIMARY KEY,
    subject             TEXT NOT NULL UNIQUE,
    display_name        TEXT NOT NULL,
    role                TEXT NOT NULL CHECK (role IN ('viewer', 'member', 'manager', 'admin')),
    teams_json          TEXT NOT NULL,
    is_service_account  INTEGER NOT NULL CHECK (is_service_account IN (0, 1)),
    secret_hash         TEXT,
    disabled            INTEGER NOT NULL CHECK (disabled IN (0, 1)),
    created_at          TEXT NOT NULL
) STRICT;

CREATE INDEX ix_accounts_role ON accounts (role);

-- ASP.NET Data Protection key ring (XML elements by friendly name).
CREATE TABLE data_protection_keys (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    friendly_name  TEXT NOT NULL UNIQUE,
    xml            TEXT NOT NULL
) STRICT;
