-- Schema 5: a Hill day (see src/export/day.rs). Who from the organisation
-- attends a meeting, printed on the day's itinerary, and the outcome its
-- debrief records.
--
-- Columns are only appended, so a change file written by a device still on
-- schema 4 applies here: its rows fill the leading columns and the new ones
-- take their defaults (src/sync/apply.rs).
ALTER TABLE engagements ADD COLUMN attendees TEXT NOT NULL DEFAULT '';
ALTER TABLE engagements ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
