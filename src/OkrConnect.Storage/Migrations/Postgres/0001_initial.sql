-- 0001 initial schema (PostgreSQL). Sqlite/0001_initial.sql is the same schema; change both together.
--
-- Representation: uuid, timestamptz (UTC, microseconds), date, boolean, double precision; enums lower-case
-- kebab text with CHECK constraints; JSON documents text (kept byte-for-byte, never queried inside).
--
-- Deletes follow ownership: a parent that owns rows cascades to them (objective -> key results -> links,
-- check-ins, progress); a row that is only referenced restricts (a connector still used by links, a cycle
-- with objectives) or lets go (an objective aligned to a deleted key result becomes top-level).

CREATE TABLE cycles (
    id          uuid        NOT NULL PRIMARY KEY,
    name        text        NOT NULL,
    start_date  date        NOT NULL,
    end_date    date        NOT NULL,
    state       text        NOT NULL CHECK (state IN ('planning', 'active', 'closed')),
    created_at  timestamptz NOT NULL,
    closed_at   timestamptz,
    CHECK (end_date >= start_date)
);

CREATE INDEX ix_cycles_start_date ON cycles (start_date DESC, id);

CREATE TABLE objectives (
    id                    uuid             NOT NULL PRIMARY KEY,
    cycle_id              uuid             NOT NULL REFERENCES cycles (id) ON DELETE RESTRICT,
    title                 text             NOT NULL,
    description           text,
    level                 text             NOT NULL CHECK (level IN ('company', 'team', 'individual')),
    owner                 text             NOT NULL,
    team                  text,
    visibility            text             NOT NULL CHECK (visibility IN ('public', 'team', 'private')),
    parent_key_result_id  uuid,            -- REFERENCES key_results, added below (the tables refer to each other)
    weight                double precision NOT NULL,
    created_at            timestamptz      NOT NULL
);

CREATE INDEX ix_objectives_cycle_id ON objectives (cycle_id, created_at, id);
CREATE INDEX ix_objectives_parent_key_result_id ON objectives (parent_key_result_id);

CREATE TABLE key_results (
    id              uuid             NOT NULL PRIMARY KEY,
    objective_id    uuid             NOT NULL REFERENCES objectives (id) ON DELETE CASCADE,
    title           text             NOT NULL,
    owner           text             NOT NULL,
    type            text             NOT NULL CHECK (type IN ('committed', 'aspirational')),
    weight          double precision NOT NULL,
    measure         text             NOT NULL CHECK (measure IN ('work', 'metric', 'children')),
    metric_start    double precision,
    metric_target   double precision,
    metric_current  double precision,
    unit            text,
    created_at      timestamptz      NOT NULL
);

CREATE INDEX ix_key_results_objective_id ON key_results (objective_id, created_at, id);

ALTER TABLE objectives
    ADD CONSTRAINT objectives_parent_key_result_id_fkey
    FOREIGN KEY (parent_key_result_id) REFERENCES key_results (id) ON DELETE SET NULL;

CREATE TABLE connectors (
    id                        uuid        NOT NULL PRIMARY KEY,
    kind                      text        NOT NULL,
    name                      text        NOT NULL,
    base_url                  text        NOT NULL,
    options_json              text        NOT NULL,
    locale                    text        NOT NULL,
    sync_cron                 text        NOT NULL,
    enabled                   boolean     NOT NULL,
    -- Ciphertexts from ASP.NET Data Protection; NULL means "no secret".
    credentials_protected     text,
    webhook_secret_protected  text,
    created_at                timestamptz NOT NULL
);

CREATE TABLE links (
    id             uuid             NOT NULL PRIMARY KEY,
    key_result_id  uuid             NOT NULL REFERENCES key_results (id) ON DELETE CASCADE,
    connector_id   uuid             NOT NULL REFERENCES connectors (id) ON DELETE RESTRICT,
    target_kind    text             NOT NULL,
    target_key     text             NOT NULL,
    weight         double precision NOT NULL,
    model          text             NOT NULL CHECK (model IN ('count', 'points', 'status-weighted')),
    write_back     text             NOT NULL CHECK (write_back IN ('comment', 'field', 'property', 'none')),
    target_title   text,
    target_url     text,
    created_at     timestamptz      NOT NULL
);

CREATE INDEX ix_links_key_result_id ON links (key_result_id, created_at, id);
CREATE INDEX ix_links_connector_target ON links (connector_id, target_kind, target_key);

CREATE TABLE check_ins (
    id             uuid             NOT NULL PRIMARY KEY,
    key_result_id  uuid             NOT NULL REFERENCES key_results (id) ON DELETE CASCADE,
    author         text             NOT NULL,
    confidence     integer          NOT NULL CHECK (confidence BETWEEN 1 AND 10),
    status         text             NOT NULL CHECK (status IN ('on-track', 'at-risk', 'off-track')),
    note           text,
    blockers       text,
    next_steps     text,
    metric_value   double precision,
    created_at     timestamptz      NOT NULL
);

CREATE INDEX ix_check_ins_key_result_latest ON check_ins (key_result_id, created_at DESC, id DESC);

-- The last complete progress of each link (one row per link, replaced on every sync).
CREATE TABLE link_progress (
    link_id         uuid             NOT NULL PRIMARY KEY REFERENCES links (id) ON DELETE CASCADE,
    value           double precision,
    breakdown_json  text             NOT NULL,
    computed_at     timestamptz      NOT NULL,
    last_synced_at  timestamptz,
    stale           boolean          NOT NULL,
    last_error      text
);

-- Append-only: a row is added only when a key result's progress changes. id orders rows written in the same instant.
CREATE TABLE progress_history (
    id              bigint           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key_result_id   uuid             NOT NULL REFERENCES key_results (id) ON DELETE CASCADE,
    value           double precision,
    breakdown_json  text             NOT NULL,
    source          text             NOT NULL,
    recorded_at     timestamptz      NOT NULL
);

CREATE INDEX ix_progress_history_key_result_recorded ON progress_history (key_result_id, recorded_at, id);

CREATE TABLE accounts (
    id                  uuid        NOT NULL PRIMARY KEY,
    subject             text        NOT NULL UNIQUE,
    display_name        text        NOT NULL,
    role                text        NOT NULL CHECK (role IN ('viewer', 'member', 'manager', 'admin')),
    teams_json          text        NOT NULL,
    is_service_account  boolean     NOT NULL,
    secret_hash         text,
    disabled            boolean     NOT NULL,
    created_at          timestamptz NOT NULL
);

CREATE INDEX ix_accounts_role ON accounts (role);

-- ASP.NET Data Protection key ring (XML elements by friendly name).
CREATE TABLE data_protection_keys (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name  text   NOT NULL UNIQUE,
    xml            text   NOT NULL
);
