-- 0007 Reminders as tracker comments (SQLite): the team's switch, and who each person is on each connector's tracker.
-- Postgres/0007_reminder_tracker_comments.sql is the same schema; change both together. Same representation as 0001.
-- (0007 is another change's number; a gap here is renumbered when both are merged.)

-- On: reminders about a key result (check-in due, at risk) are also posted as a comment on its first linked target that
-- can hold one. Their deliveries share reminder_deliveries with the chat channels, under a fixed channel id.
ALTER TABLE reminder_settings ADD COLUMN tracker_comments INTEGER NOT NULL DEFAULT 0 CHECK (tracker_comments IN (0, 1));

-- subject is an OkrConnect subject ("alice"); account is how the connector's tracker names that person (a Jira Cloud
-- accountId, a Jira Data Center user name, a GitHub login). Not a secret. Gone with its connector.
CREATE TABLE tracker_accounts (
    connector_id  TEXT NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    subject       TEXT NOT NULL,
    account       TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (connector_id, subject)
) STRICT;
