-- Schema 4: office holders read from Parliament's files, and the Registry of
-- Lobbyists' subject matters (see src/parliament/mod.rs and
-- src/subjects.rs).
--
-- Columns are only appended, so a change file written by a device still on
-- schema 3 applies here: its rows fill the leading columns and the new ones
-- take their defaults (src/sync/apply.rs).

-- An office holder's keys in Parliament's files and the names a French
-- packet or report uses. `person_id` is the House of Commons' PersonId;
-- `senate_slug` the last part of a Senator's page address. Neither is
-- unique in the schema: two devices of a team importing the same file
-- offline each add the Member, and the next import lists the pair as
-- ambiguous instead of failing to apply either change.
ALTER TABLE officials ADD COLUMN honorific TEXT NOT NULL DEFAULT '';
ALTER TABLE officials ADD COLUMN province TEXT NOT NULL DEFAULT '';
ALTER TABLE officials ADD COLUMN person_id INTEGER;
ALTER TABLE officials ADD COLUMN senate_slug TEXT;
ALTER TABLE officials ADD COLUMN party_fr TEXT NOT NULL DEFAULT '';
ALTER TABLE officials ADD COLUMN constituency_fr TEXT NOT NULL DEFAULT '';
ALTER TABLE officials ADD COLUMN province_fr TEXT NOT NULL DEFAULT '';
CREATE INDEX officials_by_person ON officials(person_id) WHERE person_id IS NOT NULL;
CREATE INDEX officials_by_slug ON officials(senate_slug) WHERE senate_slug IS NOT NULL;

-- What a role is: a seat (title "Member of Parliament", branch the riding),
-- a caucus (title the caucus), a position (minister, parliamentary
-- secretary, or a role typed by hand), a committee (branch the committee)
-- or an association. The French title and branch, where a French file gave
-- them.
ALTER TABLE official_roles ADD COLUMN kind TEXT NOT NULL DEFAULT 'position'
    CHECK (kind IN ('seat', 'caucus', 'position', 'committee', 'association'));
ALTER TABLE official_roles ADD COLUMN title_fr TEXT NOT NULL DEFAULT '';
ALTER TABLE official_roles ADD COLUMN branch_fr TEXT NOT NULL DEFAULT '';

-- The Registry's subject-matter codes (`SMT-17`), with their names. Keyed by
-- the code, so two devices reading the same list add the same rows.
CREATE TABLE subject_matters (
    code     TEXT PRIMARY KEY CHECK (code GLOB 'SMT-[0-9]*'),
    name_en  TEXT NOT NULL CHECK (length(trim(name_en)) > 0),
    name_fr  TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

-- The subject matters of an engagement, as reported to the Registry.
CREATE TABLE engagement_subjects (
    engagement_id  INTEGER NOT NULL REFERENCES engagements(id),
    code           TEXT NOT NULL REFERENCES subject_matters(code),
    PRIMARY KEY (engagement_id, code)
) WITHOUT ROWID;
CREATE INDEX engagement_subjects_by_code ON engagement_subjects(code);
