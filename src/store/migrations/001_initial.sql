-- Schema 1: papers with immutable versions, campaign history, officials,
-- engagements and briefing packets.
--
-- Dates are ISO 8601 text: 'YYYY-MM-DD' for calendar dates, and
-- 'YYYY-MM-DDTHH:MM:SSZ' (UTC) for moments. Both sort correctly as text.

CREATE TABLE papers (
    id              INTEGER PRIMARY KEY,
    lang            TEXT NOT NULL CHECK (lang IN ('en', 'fr')),
    status          TEXT NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'published', 'archived')),
    translation_id  INTEGER REFERENCES papers(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE paper_tags (
    paper_id  INTEGER NOT NULL REFERENCES papers(id),
    tag       TEXT NOT NULL,
    PRIMARY KEY (paper_id, tag)
) WITHOUT ROWID;
CREATE INDEX paper_tags_by_tag ON paper_tags(tag);

-- Every save of a paper appends a row here. Rows are never changed or
-- removed: the triggers below refuse it, whatever code path asks.
CREATE TABLE paper_versions (
    id             INTEGER PRIMARY KEY,
    paper_id       INTEGER NOT NULL REFERENCES papers(id),
    number         INTEGER NOT NULL CHECK (number >= 1),
    title          TEXT NOT NULL CHECK (length(trim(title)) > 0),
    summary        TEXT NOT NULL DEFAULT '',
    body           TEXT NOT NULL,
    author         TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    restored_from  INTEGER,
    created_at     TEXT NOT NULL,
    UNIQUE (paper_id, number)
);

CREATE TRIGGER paper_versions_are_immutable
BEFORE UPDATE ON paper_versions
BEGIN
    SELECT RAISE(ABORT, 'paper versions are immutable: append a new version instead');
END;

CREATE TRIGGER paper_versions_are_permanent
BEFORE DELETE ON paper_versions
BEGIN
    SELECT RAISE(ABORT, 'paper versions are permanent and cannot be deleted');
END;

-- The log of which version was put in force, and when. The version in force
-- on a date is the one most recently published on or before it.
CREATE TABLE publications (
    id            INTEGER PRIMARY KEY,
    paper_id      INTEGER NOT NULL REFERENCES papers(id),
    number        INTEGER NOT NULL,
    published_at  TEXT NOT NULL,
    FOREIGN KEY (paper_id, number) REFERENCES paper_versions(paper_id, number)
);
CREATE INDEX publications_by_paper ON publications(paper_id, published_at);

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

CREATE TABLE campaigns (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
    started_on   TEXT NOT NULL,
    ended_on     TEXT,
    summary      TEXT NOT NULL DEFAULT '',
    description  TEXT NOT NULL DEFAULT '',
    outcome      TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX campaigns_by_start ON campaigns(started_on);

CREATE TABLE campaign_tags (
    campaign_id  INTEGER NOT NULL REFERENCES campaigns(id),
    tag          TEXT NOT NULL,
    PRIMARY KEY (campaign_id, tag)
) WITHOUT ROWID;

CREATE TABLE campaign_papers (
    campaign_id  INTEGER NOT NULL REFERENCES campaigns(id),
    paper_id     INTEGER NOT NULL REFERENCES papers(id),
    PRIMARY KEY (campaign_id, paper_id)
) WITHOUT ROWID;

-- A designated public office holder.
CREATE TABLE officials (
    id            INTEGER PRIMARY KEY,
    given_name    TEXT NOT NULL,
    family_name   TEXT NOT NULL CHECK (length(trim(family_name)) > 0),
    chamber       TEXT NOT NULL CHECK (chamber IN ('house', 'senate', 'staff')),
    party         TEXT NOT NULL DEFAULT '',
    constituency  TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- Roles over time: a backbencher becomes a minister, an MP a senator.
CREATE TABLE official_roles (
    id           INTEGER PRIMARY KEY,
    official_id  INTEGER NOT NULL REFERENCES officials(id),
    title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
    branch       TEXT NOT NULL DEFAULT '',
    institution  TEXT NOT NULL DEFAULT '',
    started_on   TEXT NOT NULL,
    ended_on     TEXT,
    CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX official_roles_by_official ON official_roles(official_id, started_on);

CREATE TABLE engagements (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('meeting', 'call', 'letter', 'mailing')),
    occurred_on  TEXT NOT NULL,
    time_of_day  TEXT,
    place        TEXT NOT NULL DEFAULT '',
    campaign_id  INTEGER REFERENCES campaigns(id),
    subject      TEXT NOT NULL CHECK (length(trim(subject)) > 0),
    notes        TEXT NOT NULL DEFAULT '',
    follow_ups   TEXT NOT NULL DEFAULT '',
    reportable   INTEGER NOT NULL DEFAULT 0 CHECK (reportable IN (0, 1)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX engagements_by_date ON engagements(occurred_on);

CREATE TABLE engagement_officials (
    engagement_id  INTEGER NOT NULL REFERENCES engagements(id),
    official_id    INTEGER NOT NULL REFERENCES officials(id),
    PRIMARY KEY (engagement_id, official_id)
) WITHOUT ROWID;
CREATE INDEX engagement_officials_by_official ON engagement_officials(official_id);

-- The paper versions discussed or handed over.
CREATE TABLE engagement_papers (
    engagement_id  INTEGER NOT NULL REFERENCES engagements(id),
    version_id     INTEGER NOT NULL REFERENCES paper_versions(id),
    PRIMARY KEY (engagement_id, version_id)
) WITHOUT ROWID;

CREATE TABLE packets (
    id             INTEGER PRIMARY KEY,
    title          TEXT NOT NULL CHECK (length(trim(title)) > 0),
    official_id    INTEGER REFERENCES officials(id),
    engagement_id  INTEGER REFERENCES engagements(id),
    meeting_on     TEXT,
    notes          TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

-- An item pins a paper either to one version (number) or, when number is
-- NULL, to whichever version is published when the packet is exported.
CREATE TABLE packet_items (
    id         INTEGER PRIMARY KEY,
    packet_id  INTEGER NOT NULL REFERENCES packets(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    paper_id   INTEGER NOT NULL REFERENCES papers(id),
    number     INTEGER,
    FOREIGN KEY (paper_id, number) REFERENCES paper_versions(paper_id, number)
);
CREATE INDEX packet_items_by_packet ON packet_items(packet_id, position);
