-- 0003 OKR practice (PostgreSQL): reminders, their deliveries, risk states, scores at close and retrospectives.
-- Sqlite/0003_practice.sql is the same schema; change both together. Same representation as 0001.

-- One row per team that wants reminders. A NULL number of days turns that reminder off.
CREATE TABLE reminder_settings (
    team                  text        NOT NULL PRIMARY KEY,
    locale                text        NOT NULL CHECK (locale IN ('en', 'zh-CN')),
    enabled               boolean     NOT NULL,
    check_in_due_days     integer     CHECK (check_in_due_days BETWEEN 1 AND 90),
    planning_days_before  integer     CHECK (planning_days_before BETWEEN 1 AND 90),
    review_days_before    integer     CHECK (review_days_before BETWEEN 0 AND 90),
    at_risk_alerts        boolean     NOT NULL,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL
);

-- The webhook address carries the platform's token, so it is a secret like the signing secret: both are Data
-- Protection ciphertexts. kind is the chat platform ("slack", "teams", "feishu", "dingtalk", "wecom").
CREATE TABLE reminder_channels (
    id                     uuid        NOT NULL PRIMARY KEY,
    team                   text        NOT NULL REFERENCES reminder_settings (team) ON DELETE CASCADE,
    kind                   text        NOT NULL,
    name                   text,
    webhook_url_protected  text        NOT NULL,
    secret_protected       text,
    created_at             timestamptz NOT NULL
);

CREATE INDEX ix_reminder_channels_team ON reminder_channels (team, created_at, id);

-- One reminder for one channel. The unique key is "at most one reminder of a kind per subject (key result or cycle)
-- per day per channel". No foreign key to the channel: its delivery history stays visible after it is removed.
CREATE TABLE reminder_deliveries (
    id                uuid        NOT NULL PRIMARY KEY,
    team              text        NOT NULL,
    channel_id        uuid        NOT NULL,
    channel_kind      text        NOT NULL,
    kind              text        NOT NULL CHECK (kind IN ('check-in-due', 'planning', 'review', 'at-risk')),
    subject_id        uuid        NOT NULL,
    day               date        NOT NULL,
    message_json      text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('pending', 'sending', 'delivered', 'retrying', 'failed')),
    attempts          integer     NOT NULL,
    created_at        timestamptz NOT NULL,
    next_attempt_at   timestamptz NOT NULL,
    claimed_at        timestamptz,
    delivered_at      timestamptz,
    last_error        text,
    failure_category  text CHECK (failure_category IN ('rate-limited', 'transient', 'unavailable', 'authentication', 'configuration', 'permanent')),
    UNIQUE (channel_id, kind, subject_id, day)
);

CREATE INDEX ix_reminder_deliveries_due ON reminder_deliveries (status, next_attempt_at);
CREATE INDEX ix_reminder_deliveries_team ON reminder_deliveries (team, created_at DESC, id);

-- Whether a key result was at risk at the last evaluation: an alert fires only when it turns at risk.
CREATE TABLE key_result_risk_states (
    key_result_id  uuid        NOT NULL PRIMARY KEY REFERENCES key_results (id) ON DELETE CASCADE,
    at_risk        boolean     NOT NULL,
    reasons_json   text        NOT NULL,
    evaluated_at   timestamptz NOT NULL,
    changed_at     timestamptz NOT NULL
);

-- Scores recorded when a cycle closes. computed is never changed afterwards; an adjustment is kept beside it.
CREATE TABLE key_result_scores (
    key_result_id      uuid             NOT NULL PRIMARY KEY REFERENCES key_results (id) ON DELETE CASCADE,
    cycle_id           uuid             NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
    objective_id       uuid             NOT NULL,
    type               text             NOT NULL CHECK (type IN ('committed', 'aspirational')),
    weight             double precision NOT NULL,
    progress_at_close  double precision,
    computed           double precision CHECK (computed BETWEEN 0 AND 1),
    adjusted           double precision CHECK (adjusted BETWEEN 0 AND 1),
    adjustment_reason  text,
    adjusted_by        text,
    adjusted_at        timestamptz,
    scored_at          timestamptz      NOT NULL,
    CHECK (adjusted IS NULL OR adjustment_reason IS NOT NULL)
);

CREATE INDEX ix_key_result_scores_cycle ON key_result_scores (cycle_id);

CREATE TABLE key_result_retrospectives (
    key_result_id  uuid        NOT NULL PRIMARY KEY REFERENCES key_results (id) ON DELETE CASCADE,
    what_worked    text,
    what_did_not   text,
    what_next      text,
    updated_by     text        NOT NULL,
    updated_at     timestamptz NOT NULL
);
