-- Schema 2: the files papers were imported from, library-wide settings, and
-- indexes for following links backwards on large libraries.

-- Every imported file, byte for byte, keyed by the SHA-256 of its content:
-- the same file is stored once, and a user can always get back exactly what
-- was imported. Like versions, originals are never changed or removed.
CREATE TABLE originals (
    sha256      TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    bytes       BLOB NOT NULL,
    size        INTEGER NOT NULL CHECK (size = length(bytes)),
    created_at  TEXT NOT NULL
);

CREATE TRIGGER originals_are_immutable
BEFORE UPDATE ON originals
BEGIN
    SELECT RAISE(ABORT, 'original files are immutable');
END;

CREATE TRIGGER originals_are_kept
BEFORE DELETE ON originals
BEGIN
    SELECT RAISE(ABORT, 'original files are immutable');
END;

-- Which version was made from which file, under what name and format.
CREATE TABLE version_sources (
    version_id  INTEGER PRIMARY KEY REFERENCES paper_versions(id),
    sha256      TEXT NOT NULL REFERENCES originals(sha256),
    file_name   TEXT NOT NULL,
    format      TEXT NOT NULL
);
CREATE INDEX version_sources_by_sha256 ON version_sources(sha256);

CREATE TRIGGER version_sources_are_immutable
BEFORE UPDATE ON version_sources
BEGIN
    SELECT RAISE(ABORT, 'version sources are immutable');
END;

CREATE TRIGGER version_sources_are_kept
BEFORE DELETE ON version_sources
BEGIN
    SELECT RAISE(ABORT, 'version sources are immutable');
END;

-- Library-wide settings shared by everyone who opens the library, such as
-- the organisation's name and the registrant of its lobbying reports.
CREATE TABLE settings (
    key    TEXT PRIMARY KEY CHECK (length(trim(key)) > 0),
    value  TEXT NOT NULL
);

-- Lookups by the referencing side of a link, which schema 1 left to full
-- scans: counting a campaign's engagements over 45,000 engagements took
-- seconds per campaign on a large library.
CREATE INDEX engagements_by_campaign ON engagements(campaign_id);
CREATE INDEX campaign_papers_by_paper ON campaign_papers(paper_id);
CREATE INDEX engagement_papers_by_version ON engagement_papers(version_id);
CREATE INDEX packet_items_by_paper ON packet_items(paper_id);
CREATE INDEX packets_by_official ON packets(official_id);
CREATE INDEX packets_by_engagement ON packets(engagement_id);
CREATE INDEX papers_by_translation ON papers(translation_id);
