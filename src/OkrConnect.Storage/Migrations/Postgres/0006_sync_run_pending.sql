-- 0006 Pending writes on sync runs (PostgreSQL): the tracker's paced writes still waiting when the run's last write-back
-- finished (GitHub paces writes per credential). Sqlite/0006_sync_run_pending.sql is the same schema; change both together.

ALTER TABLE sync_runs ADD COLUMN pending_writes integer NOT NULL DEFAULT 0;
