-- 0004 Manual progress (SQLite): a value an owner or manager typed in for a work key result.
-- Postgres/0004_manual_progress.sql is the same schema; change both together. Same representation as 0001.

-- At most one per key result. The sync engine deletes the row when it detects a change in the linked work, so a
-- stored row is a value that still holds (docs: "Manual values and closed cycles").
CREATE TABLE manual_progress (
    key_result_id  TEXT NOT NULL PRIMARY KEY REFERENCES key_results (id) ON DELETE CASCADE,
    value          REAL NOT NULL CHECK (value BETWEEN 0 AND 1),
    set_at         TEXT NOT NULL,
    set_by         TEXT NOT NULL,
    reason         TEXT NOT NULL
) STRICT;
