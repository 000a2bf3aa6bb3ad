-- 0008 Conditional reads that survive a restart (SQLite): the connector's version of what was read of each target
-- (GitHub: the pages' ETags), stored in the same transaction as the items it describes. The next sync hands it back,
-- so the tracker can answer "not modified" and the stored items stand. NULL: no version, the next read is in full.
-- Postgres/0008_target_content_versions.sql is the same schema; change both together.
ALTER TABLE fetched_targets ADD COLUMN content_version TEXT;
