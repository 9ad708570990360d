-- Schema 6: change files set aside (see "No file can stop the team" in
-- src/sync/mod.rs). A device-local table, like every sync_* one: the files
-- of other devices this device refused or could not apply, with the reason
-- (a message, as JSON). Such a file counts as settled in sync_applied, so
-- it is never retried and the files after it go on.
CREATE TABLE sync_quarantine (
    device    TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    reason    TEXT NOT NULL,
    found_at  TEXT NOT NULL,
    PRIMARY KEY (device, seq)
) WITHOUT ROWID;
