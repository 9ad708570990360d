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
    prepared_by    TEXT NOT NULL DEFAULT '',
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

-- Every PDF exported from a packet, with the exact versions it held, so
-- "which text did we hand over on 3 May?" has an answer.
CREATE TABLE packet_exports (
    id           INTEGER PRIMARY KEY,
    packet_id    INTEGER NOT NULL REFERENCES packets(id),
    exported_at  TEXT NOT NULL,
    path         TEXT NOT NULL,
    pages        INTEGER NOT NULL,
    bytes        INTEGER NOT NULL,
    paper_size   TEXT NOT NULL,
    lang         TEXT NOT NULL
);

CREATE TABLE packet_export_versions (
    export_id   INTEGER NOT NULL REFERENCES packet_exports(id),
    position    INTEGER NOT NULL,
    version_id  INTEGER NOT NULL REFERENCES paper_versions(id),
    PRIMARY KEY (export_id, position)
) WITHOUT ROWID;

-- What the search index must catch up with. Triggers append a row whenever
-- searchable text or a filterable field changes, inside the writing
-- transaction, so no code path can forget to tell the index. The index
-- records the last sequence number it reflects; rows it has applied may be
-- pruned. AUTOINCREMENT keeps sequence numbers from ever being reused.
CREATE TABLE search_outbox (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    entity     TEXT NOT NULL CHECK (entity IN ('paper', 'campaign', 'engagement')),
    entity_id  INTEGER NOT NULL
);

CREATE TRIGGER outbox_paper_version AFTER INSERT ON paper_versions
BEGIN INSERT INTO search_outbox (entity, entity_id) VALUES ('paper', NEW.paper_id); END;
CREATE TRIGGER outbox_paper_update AFTER UPDATE ON papers
BEGIN INSERT INTO search_outbox (entity, entity_id) VALUES ('paper', NEW.id); END;
CREATE TRIGGER outbox_paper_tag_insert AFTER INSERT ON paper_tags
BEGIN INSERT INTO search_outbox (entity, entity_id) VALUES ('paper', NEW.paper_id); END;
CREATE TRIGGER outbox_paper_tag_delete AFTER DELETE ON paper_tags
BEGIN INSERT INTO search_outbox (entity, entity_id) VALUES ('paper', OLD.paper_id); END;
CREATE TRIGGER outbox_publication AFTER INSERT ON publications
BEGIN INSERT INTO search_outbox (entity, entity_id) VALUES ('paper', NEW.paper_id); END;

CREATE TRIGGER outbox_campaign_insert AFTER INSERT ON campaigns
BEGIN INSERT INTO search_outbox (entity, entity_id) VALUES ('campaign', NEW.id); END;
CREATE TRIGGER outbox_campaign_update AFTER UPDATE ON campaigns
BEGIN INSERT INTO search_outbox (entity, entity_id) VALUES ('campaign', NEW.id); END;
CREATE TRIGGER outbox_campaign_tag_insert AFTER INSERT ON campaign_tags
BEGIN INSERT INTO search_outbox (entity, entity_id) VALUES ('campaign', NEW.campaign_id); END;
CREATE TRIGGER outbox_campaign_tag_delete AFTER DELETE ON campaign_tags
BEGIN INSERT INTO search_outbox (entity, entity_id) VALUES ('campaign', OLD.campaign_id); END;

CREATE TRIGGER outbox_engagement_insert AFTER INSERT ON engagements
BEGIN INSERT INTO search_outbox (entity, entity_id) VALUES ('engagement', NEW.id); END;
CREATE TRIGGER outbox_engagement_update AFTER UPDATE ON engagements
BEGIN INSERT INTO search_outbox (entity, entity_id) VALUES ('engagement', NEW.id); END;
CREATE TRIGGER outbox_engagement_official AFTER INSERT ON engagement_officials
BEGIN INSERT INTO search_outbox (entity, entity_id) VALUES ('engagement', NEW.engagement_id); END;
-- An official's new name or role changes what their engagements match.
CREATE TRIGGER outbox_official_update AFTER UPDATE ON officials
BEGIN
    INSERT INTO search_outbox (entity, entity_id)
    SELECT 'engagement', engagement_id FROM engagement_officials WHERE official_id = NEW.id;
END;
