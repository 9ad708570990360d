-- Schema 3: the team library (see src/sync/mod.rs).
--
-- References to a version hold its id, never its number: numbers follow
-- the versions' order, which a version saved in parallel on another device
-- can change. Versions record what they were written from. Engagements
-- record who logged them. Device-local tables (sync_*) say who this device
-- is and what it has exchanged; they are never shared.

-- Versions: what each was written from, what it settles, and its clock.
DROP TRIGGER paper_versions_are_immutable;
ALTER TABLE paper_versions ADD COLUMN parent_id INTEGER REFERENCES paper_versions(id);
ALTER TABLE paper_versions ADD COLUMN settles TEXT NOT NULL DEFAULT '';
ALTER TABLE paper_versions ADD COLUMN clock TEXT NOT NULL DEFAULT '';
UPDATE paper_versions SET
    parent_id = (SELECT p.id FROM paper_versions p
                  WHERE p.paper_id = paper_versions.paper_id AND p.number = paper_versions.number - 1),
    clock = printf('%016d-%04d-', max(0, unixepoch(created_at)) * 1000, min(number, 9999));
CREATE INDEX paper_versions_by_parent ON paper_versions(parent_id);
-- A renumbered version is indexed under its new number.
CREATE TRIGGER outbox_paper_version_renumber AFTER UPDATE OF number ON paper_versions
BEGIN INSERT INTO search_outbox (entity, entity_id) VALUES ('paper', NEW.paper_id); END;

-- A version's text, author and lineage never change; only its number
-- follows the order of the paper's versions.
CREATE TRIGGER paper_versions_are_immutable
BEFORE UPDATE OF id, paper_id, title, summary, body, author, note, restored_from,
                 created_at, parent_id, settles, clock ON paper_versions
BEGIN
    SELECT RAISE(ABORT, 'paper versions are immutable: append a new version instead');
END;

-- The publication log, by version id.
CREATE TABLE publications_v3 (
    id            INTEGER PRIMARY KEY,
    paper_id      INTEGER NOT NULL REFERENCES papers(id),
    version_id    INTEGER NOT NULL REFERENCES paper_versions(id),
    published_at  TEXT NOT NULL
);
INSERT INTO publications_v3 (id, paper_id, version_id, published_at)
SELECT pub.id, pub.paper_id, v.id, pub.published_at
  FROM publications pub JOIN paper_versions v ON v.paper_id = pub.paper_id AND v.number = pub.number;
DROP TABLE publications;
ALTER TABLE publications_v3 RENAME TO publications;
CREATE INDEX publications_by_paper ON publications(paper_id, published_at);
CREATE INDEX publications_by_version ON publications(version_id);
CREATE TRIGGER publications_are_immutable
BEFORE UPDATE ON publications
BEGIN
    SELECT RAISE(ABORT, 'the publication log is append-only');
END;
CREATE TRIGGER publications_are_permanent
BEFORE DELETE ON publications
BEGIN
    SELECT RAISE(ABORT, 'the publication log is append-only');
END;
CREATE TRIGGER outbox_publication AFTER INSERT ON publications
BEGIN INSERT INTO search_outbox (entity, entity_id) VALUES ('paper', NEW.paper_id); END;

-- Packet items pin a version by id (NULL: the version in force at export).
CREATE TABLE packet_items_v3 (
    id          INTEGER PRIMARY KEY,
    packet_id   INTEGER NOT NULL REFERENCES packets(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    paper_id    INTEGER NOT NULL REFERENCES papers(id),
    version_id  INTEGER REFERENCES paper_versions(id)
);
INSERT INTO packet_items_v3 (id, packet_id, position, paper_id, version_id)
SELECT i.id, i.packet_id, i.position, i.paper_id,
       (SELECT v.id FROM paper_versions v WHERE v.paper_id = i.paper_id AND v.number = i.number)
  FROM packet_items i;
DROP TABLE packet_items;
ALTER TABLE packet_items_v3 RENAME TO packet_items;
CREATE INDEX packet_items_by_packet ON packet_items(packet_id, position);
CREATE INDEX packet_items_by_paper ON packet_items(paper_id);
CREATE INDEX packet_items_by_version ON packet_items(version_id);

-- Who logged an engagement (the author rule of the app or the CLI).
ALTER TABLE engagements ADD COLUMN logged_by TEXT NOT NULL DEFAULT '';

-- This device. A library alone is a team of one: slot 0, ids step 1.
CREATE TABLE sync_device (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    device      TEXT NOT NULL CHECK (length(device) = 16),
    name        TEXT NOT NULL DEFAULT '',
    person      TEXT NOT NULL DEFAULT '',
    slot        INTEGER NOT NULL DEFAULT 0,
    step        INTEGER NOT NULL DEFAULT 1 CHECK (step >= 1 AND slot >= 0 AND slot < step),
    team        TEXT,
    folder      TEXT,
    clock       TEXT NOT NULL DEFAULT '',
    next_file   INTEGER NOT NULL DEFAULT 1,
    last_sync   TEXT,
    last_error  TEXT,
    -- A public copy (see src/sync/public.rs): opened read-only.
    public      INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1))
);
INSERT INTO sync_device (id, device) VALUES (1, lower(hex(randomblob(8))));

-- The highest id this device has made per table, so a removed row's id is
-- never made again.
CREATE TABLE sync_ids (
    tbl   TEXT PRIMARY KEY,
    high  INTEGER NOT NULL
) WITHOUT ROWID;

-- Changes made here, one per write transaction, until written to a file.
CREATE TABLE sync_outbox (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    clock      TEXT NOT NULL,
    person     TEXT NOT NULL DEFAULT '',
    changeset  BLOB NOT NULL,
    file       INTEGER
);
CREATE INDEX sync_outbox_by_file ON sync_outbox(file);

-- Change files of this device whose number is taken but whose writing is
-- not confirmed: `after` is fixed when the number is taken, so a file
-- written again after a crash is the same file, byte for byte.
CREATE TABLE sync_pending_files (
    seq    INTEGER PRIMARY KEY,
    after  TEXT NOT NULL
);

-- The last file applied from each other device.
CREATE TABLE sync_applied (
    device  TEXT PRIMARY KEY,
    seq     INTEGER NOT NULL
) WITHOUT ROWID;

-- The clock of the change that last set each field (absent: before the team).
CREATE TABLE sync_clocks (
    tbl    TEXT NOT NULL,
    pk     TEXT NOT NULL,
    col    TEXT NOT NULL,
    clock  TEXT NOT NULL,
    PRIMARY KEY (tbl, pk, col)
) WITHOUT ROWID;

-- Values that lost to a later or concurrent change, kept to be brought back.
CREATE TABLE sync_conflicts (
    id        INTEGER PRIMARY KEY,
    tbl       TEXT NOT NULL,
    pk        TEXT NOT NULL,
    col       TEXT NOT NULL,
    value,
    clock     TEXT NOT NULL,
    person    TEXT NOT NULL DEFAULT '',
    reason    TEXT NOT NULL,
    found_at  TEXT NOT NULL,
    kept_at   TEXT,
    UNIQUE (tbl, pk, col, clock)
);
