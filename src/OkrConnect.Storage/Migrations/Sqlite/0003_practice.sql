-- 0003 OKR practice (SQLite): reminders, their deliveries, risk states, scores at close and retrospectives.
-- Postgres/0003_practice.sql is the same schema; change both together. Same representation as 0001.

-- One row per team that wants reminders. A NULL number of days turns that reminder off.
CREATE TABLE reminder_settings (
    team                  TEXT NOT NULL PRIMARY KEY,
    locale                TEXT NOT NULL CHECK (locale IN ('en', 'zh-CN')),
    enabled               INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    check_in_due_days     INTEGER CHECK (check_in_due_days BETWEEN 1 AND 90),
    planning_days_before  INTEGER CHECK (planning_days_before BETWEEN 1 AND 90),
    review_days_before    INTEGER CHECK (review_days_before BETWEEN 0 AND 90),
    at_risk_alerts        INTEGER NOT NULL CHECK (at_risk_alerts IN (0, 1)),
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
) STRICT;

-- The webhook address carries the platform's token, so it is a secret like the signing secret: both are Data
-- Protection ciphertexts. kind is the chat platform ("slack", "teams", "feishu", "dingtalk", "wecom").
CREATE TABLE reminder_channels (
    id                     TEXT NOT NULL PRIMARY KEY,
    team                   TEXT NOT NULL REFERENCES reminder_settings (team) ON DELETE CASCADE,
    kind                   TEXT NOT NULL,
    name                   TEXT,
    webhook_url_protected  TEXT NOT NULL,
    secret_protected       TEXT,
    created_at             TEXT NOT NULL
) STRICT;

CREATE INDEX ix_reminder_channels_team ON reminder_channels (team, created_at, id);

-- One reminder for one channel. The unique key is "at most one reminder of a kind per subject (key result or cycle)
-- per day per channel". No foreign key to the channel: its delivery history stays visible after it is removed.
CREATE TABLE reminder_deliveries (
    id                TEXT NOT NULL PRIMARY KEY,
    team              TEXT NOT NULL,
    channel_id        TEXT NOT NULL,
    channel_kind      TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('check-in-due', 'planning', 'review', 'at-risk')),
    subject_id        TEXT NOT NULL,
    day               TEXT NOT NULL,
    message_json      TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'delivered', 'retrying', 'failed')),
    attempts          INTEGER NOT NULL,
    created_at        TEXT NOT NULL,
    next_attempt_at   TEXT NOT NULL,
    claimed_at        TEXT,
    delivered_at      TEXT,
    last_error        TEXT,
    failure_category  TEXT CHECK (failure_category IN ('rate-limited', 'transient', 'unavailable', 'authentication', 'configuration', 'permanent')),
    UNIQUE (channel_id, kind, subject_id, day)
) STRICT;

CREATE INDEX ix_reminder_deliveries_due ON reminder_deliveries (status, next_attempt_at);
CREATE INDEX ix_reminder_deliveries_team ON reminder_deliveries (team, created_at DESC, id);

-- Whether a key result was at risk at the last evaluation: an alert fires only when it turns at risk.
CREATE TABLE key_result_risk_states (
    key_result_id  TEXT NOT NULL PRIMARY KEY REFERENCES key_results (id) ON DELETE CASCADE,
    at_risk        INTEGER NOT NULL CHECK (at_risk IN (0, 1)),
    reasons_json   TEXT NOT NULL,
    evaluated_at   TEXT NOT NULL,
    changed_at     TEXT NOT NULL
) STRICT;

-- Scores recorded when a cycle closes. computed is never changed afterwards; an adjustment is kept beside it.
CREATE TABLE key_result_scores (
    key_result_id      TEXT NOT NULL PRIMARY KEY REFERENCES key_results (id) ON DELETE CASCADE,
    cycle_id           TEXT NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
    objective_id       TEXT NOT NULL,
    type               TEXT NOT NULL CHECK (type IN ('committed', 'aspirational')),
    weight             REAL NOT NULL,
    progress_at_close  REAL,
    computed           REAL CHECK (computed BETWEEN 0 AND 1),
    adjusted           REAL CHECK (adjusted BETWEEN 0 AND 1),
    adjustment_reason  TEXT,
    adjusted_by        TEXT,
    adjusted_at        TEXT,
    scored_at          TEXT NOT NULL,
    CHECK (adjusted IS NULL OR adjustment_reason IS NOT NULL)
) STRICT;

CREATE INDEX ix_key_result_scores_cycle ON key_result_scores (cycle_id);

CREATE TABLE key_result_retrospectives (
    key_result_id  TEXT NOT NULL PRIMARY KEY REFERENCES key_results (id) ON DELETE CASCADE,
    what_worked    TEXT,
    what_did_not   TEXT,
    what_next      TEXT,
    updated_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;
