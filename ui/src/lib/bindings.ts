// Generated from the core's Rust types by src/bindings.rs; do not edit.
// To regenerate: DOSSIER_WRITE_BINDINGS=1 cargo test -p dossier --lib bindings

/**
 * Which Dossier this is and what it has open.
 */
export type About = { 
/**
 * This program's version, e.g. `0.1.0`.
 */
version: string, 
/**
 * The schema this program writes; a library is migrated to it on open.
 */
schema: number, 
/**
 * The operating system and processor, e.g. `linux x86_64`.
 */
system: string, 
/**
 * The open library, if any.
 */
library: AboutLibrary | null, 
/**
 * Where the log is written, if this machine has a folder for it.
 */
log_folder: string | null, };

/**
 * The open library, as About shows it.
 */
export type AboutLibrary = { 
/**
 * Its folder.
 */
folder: string, 
/**
 * The schema version its database is at; `None` when no library is
 * there.
 */
schema: number | null, };

/**
 * A holder that matched more than one official, or could not be compared.
 */
export type Ambiguity = { file: string, name: string, constituency: string, reason: AmbiguityReason, candidates: Array<Candidate>, };

/**
 * Why a holder was left alone.
 */
export type AmbiguityReason = "same_key" | "same_name" | "no_place";

/**
 * What the window needs to know at start.
 */
export type AppStateView = { 
/**
 * The open library, or `None` on first run.
 */
library: LibraryView | null, 
/**
 * Where a new library goes unless the user picks another folder.
 */
default_path: string, 
/**
 * The default author of new versions (see [`super::author`]).
 */
user_name: string, 
/**
 * The interface language the system asks for (see
 * [`super::system_lang`]), used until the user chooses one.
 */
system_lang: Lang, 
/**
 * Why the library named on the command line or opened last time could
 * not be opened (damaged, from a newer Dossier…), when none is open.
 */
open_error: IpcError | null, };

/**
 * An automatic backup found in the backups folder.
 */
export type AutomaticBackup = { path: string, kind: BackupKind, bytes: number, 
/**
 * When the file was written (UTC, from the file system).
 */
made_at: string, };

/**
 * What a backup file holds, as read back from the file itself.
 */
export type BackupInfo = { path: string, 
/**
 * Size of the file in bytes.
 */
bytes: number, schema_version: number, papers: number, 
/**
 * Paper versions, every one of which the backup holds.
 */
versions: number, campaigns: number, officials: number, engagements: number, packets: number, 
/**
 * Original imported files stored in the database.
 */
originals: number, };

/**
 * Why an automatic backup was made.
 */
export type BackupKind = "daily" | "before_migration";

/**
 * A campaign as listed and shown.
 */
export type Campaign = { id: number, title: string, started_on: string, 
/**
 * `None` while the campaign goes on.
 */
ended_on: string | null, summary: string, 
/**
 * Markdown.
 */
description: string, outcome: string, tags: Array<string>, 
/**
 * Ids of the papers the campaign used.
 */
paper_ids: Array<number>, 
/**
 * How many engagements were logged under it.
 */
engagements: number, };

/**
 * An official the library might already hold.
 */
export type Candidate = { official_id: number, name: string, constituency: string, };

/**
 * Where an office holder sits.
 */
export type Chamber = "house" | "senate" | "staff";

/**
 * A place as the page knows it.
 */
export type ChosenPlace = { 
/**
 * Meaningful to this run of the app only.
 */
id: string, 
/**
 * The file or folder name, to show.
 */
label: string, };

/**
 * A value that lost to another change, kept to be brought back.
 */
export type Conflict = { id: number, 
/**
 * The table and the record's key, e.g. `papers` and `12`.
 */
table: string, record: string, field: string, 
/**
 * The value that lost, as text (empty for a removed record).
 */
value: string | null, 
/**
 * The value the field holds now, the one that won (`None` when the
 * record is gone).
 */
current: string | null, 
/**
 * Who wrote it (when known), on which device, and when.
 */
person: string, device: string, written_at: string, 
/**
 * `overwritten`, `removed` or `orphaned`.
 */
reason: string, found_at: string, kept_at: string | null, };

/**
 * One meeting of a printed Hill day.
 */
export type DayMeetingView = { engagement_id: number, kind: EngagementKind, time: string | null, officials: Array<string>, subject: string, packet_id: number, packet_created: boolean, file: ChosenPlace, pages: number, draft: boolean, first_page: number, };

/**
 * A Hill day as a face asks for it ([`crate::Library::prepare_day`]);
 * words and the date are parsed here, and who prepares new packets is
 * the author rule.
 */
export type DayRequest = { 
/**
 * `YYYY-MM-DD`.
 */
date: string, paper: PaperSize, lang: Lang, 
/**
 * The library's setting when missing or blank.
 */
organisation: string | null, 
/**
 * The author rule ([`super::author`]) when missing or blank.
 */
prepared_by: string | null, };

/**
 * A step of a day's printing, reported as it happens.
 */
export type DayStep = { "stage": "packet", done: number, total: number, } | { "stage": "writing", done: number, total: number, } | { "stage": "done", files: number, };

/**
 * A Hill day as the page sees it: every file it wrote is a place the page
 * may open ([`crate::api::places::Places::grant_written`]), shown by name.
 */
export type DayView = { date: string, 
/**
 * The folder's name.
 */
folder: string, meetings: Array<DayMeetingView>, itinerary: ChosenPlace, combined: ChosenPlace, combined_pages: number, warnings: Array<Message>, };

/**
 * What a debrief after a meeting records: it replaces the engagement's
 * outcome, follow-ups and whether it is reported.
 */
export type Debrief = { outcome: string, follow_ups: string, reportable: boolean, };

/**
 * A device of the team, as the status lists it.
 */
export type DeviceView = { device: string, name: string, joined: string, this_one: boolean, };

/**
 * Which field of a matched pair differs.
 */
export type DifferenceField = "position_title" | "institution" | "subject_matters";

/**
 * The text of a version about to be saved, as a face sends it; the author
 * may be left out.
 */
export type DraftRequest = { title: string, summary: string, body: string, note: string, 
/**
 * Resolved by [`super::author`] when missing or blank.
 */
author: string | null, };

/**
 * An engagement as listed and shown.
 */
export type Engagement = { id: number, kind: EngagementKind, date: string, 
/**
 * `HH:MM`, when known.
 */
time: string | null, place: string, campaign_id: number | null, campaign_title: string | null, 
/**
 * One line saying what it was about.
 */
subject: string, 
/**
 * Markdown.
 */
notes: string, follow_ups: string, 
/**
 * Who from the organisation attends, as typed ("Claire Dubé, Samira
 * Khoury"): printed on a Hill day's itinerary.
 */
attendees: string, 
/**
 * What came of it, written by the debrief after the meeting.
 */
outcome: string, 
/**
 * Must go in the monthly communication report.
 */
reportable: boolean, officials: Array<Participant>, papers: Array<VersionRef>, 
/**
 * The Registry's subject-matter codes (`SMT-17`), in code order: what
 * the monthly report files (see [`crate::subjects`]).
 */
subjects: Array<string>, 
/**
 * Who logged it (on which computer of a team does not matter: the
 * person), empty for engagements logged before this was recorded.
 */
logged_by: string, };

/**
 * How we communicated with office holders.
 */
export type EngagementKind = "meeting" | "call" | "letter" | "mailing";

/**
 * The kinds of error, as the faces branch on them.
 */
export type ErrorCode = "not_found" | "invalid" | "conflict" | "no_library" | "too_new" | "not_a_library" | "io" | "backup" | "read_only" | "disk_full" | "damaged" | "index" | "cancelled" | "database" | "sync" | "internal";

/**
 * What [`Library::export_packet`] did.
 */
export type ExportReport = { 
/**
 * Row id in `packet_exports`.
 */
export_id: number, path: string, pages: number, bytes: number, paper: PaperSize, lang: Lang, draft: boolean, versions: Array<ExportedVersion>, };

/**
 * The paper size and label language of a packet's PDF, as a face sends
 * them.
 */
export type ExportSettings = { paper: PaperSize, lang: Lang, };

/**
 * A step of an export, reported as it happens.
 */
export type ExportStep = { "stage": "layout", done: number, total: number, } | { "stage": "writing", done: number, total: number, } | { "stage": "done", pages: number, };

/**
 * A paper version held by an export.
 */
export type ExportedVersion = { paper_id: number, version: number, title: string, 
/**
 * False when the version was never published: the packet was a draft.
 */
published: boolean, };

/**
 * Counts per facet value over every matching document (not just the
 * shown hits). JSON: `{"kind": {"paper": 3, …}, "year": {"2009": 2, …},
 * "lang": {…}, "tag": {…}}`.
 */
export type Facets = { kind: { [key in string]: number }, year: { [key in string]: number }, lang: { [key in string]: number }, tag: { [key in string]: number }, };

/**
 * One field's change: `old` is empty for a role added.
 */
export type FieldChange = { field: ImportField, old: string, new: string, };

/**
 * A field where our log and the filed report differ.
 */
export type FieldDifference = { engagement_id: number, comlog_id: string, date: string, office_holder: string, field: DifferenceField, 
/**
 * As in our log (subject matters: their codes, comma-separated).
 */
ours: string, 
/**
 * As filed.
 */
filed: string, };

/**
 * What a file is.
 */
export type FileFormat = "commons_xml" | "commons_csv" | "commons_roles" | "senate_html";

/**
 * A file read, as the plan lists it.
 */
export type FileSummary = { name: string, format: FileFormat, lang: Lang, records: number, };

/**
 * A communication the Registry lists as filed by us: one report and one
 * office holder.
 */
export type FiledCommunication = { 
/**
 * The report's `COMLOG_ID`.
 */
comlog_id: string, date: string, 
/**
 * "Given Family"; empty when the office-holder file was not given.
 */
office_holder: string, position_title: string, branch: string, institution: string, 
/**
 * Codes with their names (from the library's list, else the
 * Registry's codes file; empty when neither knows the code).
 */
subject_matters: Array<SubjectMatter>, 
/**
 * Subject matters written out rather than chosen from the codes.
 */
other_subjects: Array<string>, 
/**
 * The number it was filed under (registration or corporation).
 */
filed_under: string, };

/**
 * The formats Dossier can read.
 */
export type Format = "markdown" | "text" | "html" | "docx" | "odt" | "pdf";

/**
 * A field an import can change.
 */
export type ImportField = "honorific" | "given_name" | "family_name" | "chamber" | "constituency" | "province" | "party" | "person_id" | "senate_slug" | "constituency_fr" | "province_fr" | "party_fr" | "seat" | "caucus" | "position" | "committee" | "association";

/**
 * One file's outcome, flat for a list.
 */
export type ImportLine = { path: string, status: ImportStatus, paper_id: number | null, version: number | null, title: string | null, lang: Lang | null, format: string | null, 
/**
 * Why the file was refused, or how it was read (e.g. the encoding
 * assumed), in English.
 */
message: string | null, 
/**
 * The same as messages, for wording in the interface language.
 */
notes: Array<Message>, };

/**
 * How to import (the app sends it as JSON; missing fields take defaults).
 */
export type ImportOptions = { 
/**
 * The language of every file; detected per file when `None`.
 */
lang: Lang | null, 
/**
 * Tags given to every imported paper.
 */
tags: Array<string>, 
/**
 * Read and parse everything, report what would happen, write nothing.
 */
dry_run: boolean, 
/**
 * The author of the first versions.
 */
author: string, };

/**
 * One file's outcome, with any warnings (e.g. read as Windows-1252).
 */
export type ImportOutcome = { path: string, warnings: Array<Message>, } & ({ "outcome": "imported", paper_id: number | null, version: number | null, title: string, lang: Lang, format: Format, } | { "outcome": "duplicate", paper_id: number | null, same_as: string | null, } | { "outcome": "refused", code: string, message: string, reason: Message, });

/**
 * What an import does (or did): new officials, changed ones with each
 * field's old and new value, how many are unchanged, and the holders left
 * alone as ambiguous.
 */
export type ImportPlan = { files: Array<FileSummary>, new: Array<PlannedOfficial>, changed: Array<PlannedChange>, unchanged: number, ambiguous: Array<Ambiguity>, };

/**
 * Where an import is: sent before each file is read, and again before
 * each page of a PDF (the same step: a chance to cancel).
 */
export type ImportProgress = { 
/**
 * Files finished so far.
 */
done: number, total: number, 
/**
 * The file about to be read.
 */
path: string, };

/**
 * What an import did.
 */
export type ImportReport = { outcomes: Array<ImportOutcome>, dry_run: boolean, 
/**
 * True when the progress callback asked to stop; files after the last
 * outcome were not looked at.
 */
cancelled: boolean, };

/**
 * An import as a face asks for it. The language is a word parsed here,
 * so a wrong one is an `invalid` error with a code.
 */
export type ImportRequest = { 
/**
 * The language of every file; detected per file when missing.
 */
lang: Lang | null, tags: Array<string>, dry_run: boolean, 
/**
 * Resolved by [`super::author`] when missing or blank.
 */
author: string | null, };

/**
 * What happened to one file, as one word: the `outcome` tag of
 * [`Outcome`], for lists that show a file per line.
 */
export type ImportStatus = "imported" | "duplicate" | "refused";

/**
 * A whole import, for a face's list.
 */
export type ImportSummary = { lines: Array<ImportLine>, cancelled: boolean, };

/**
 * The state of the index on disk, as [`Library::check_index`] found it.
 *
 * JSON: `status` (see [`IndexStatus`]), `detail`, `documents`,
 * `indexed_seq`, `library_seq`, `checksums_ok`.
 */
export type IndexCheck = { status: IndexStatus, 
/**
 * What was found and what the next search does about it: a message
 * (`index_*`), so each face words it in its own language.
 */
detail: Message, documents: number, indexed_seq: number | null, library_seq: number, checksums_ok: boolean, };

/**
 * How the index on disk stands.
 */
export type IndexStatus = "ok" | "missing" | "stale" | "damaged" | "unreadable" | "old_schema" | "diverged";

/**
 * An error as a face outside this process receives it (the desktop app's
 * IPC): `{ code, message, key, params }`. The face branches on `code`,
 * words `key` with its `params` in its own language, and falls back to
 * `message` (English) for a key it does not know.
 */
export type IpcError = { code: ErrorCode, 
/**
 * The English wording, for a key the face cannot word.
 */
message: string, } & ({ "key": "not_found", "params": { what: RecordKind, id: number, } } | { "key": "no_version", "params": { paper: number, version: number, } } | { "key": "no_published_version", "params": { paper: number, on: string | null, } } | { "key": "no_packet_item", "params": { packet: number, item: number, } } | { "key": "no_original", "params": { paper: number, version: number | null, } } | { "key": "no_library", "params": { path: string, } } | { "key": "library_is_link", "params": { path: string, } } | { "key": "schema_unexpected", "params": { objects: string, } } | { "key": "too_new", "params": { path: string, found: number, supported: number, } } | { "key": "not_a_library", "params": { path: string, reason: Message, } } | { "key": "io", "params": { path: string, detail: string, } } | { "key": "backup", "params": { path: string, reason: Message, } } | { "key": "vanished", "params": { path: string, } } | { "key": "read_only", "params": { path: string, } } | { "key": "disk_full", "params": { reason: Message, } } | { "key": "damaged", "params": { detail: string, advice: Message, } } | { "key": "restore_advice", "params": { database: string, latest_backup: string | null, } } | { "key": "index", "params": { detail: string, } } | { "key": "database", "params": { detail: string, } } | { "key": "no_library_open", "params": Record<symbol, never> } | { "key": "place_not_chosen", "params": Record<symbol, never> } | { "key": "link_not_openable", "params": { url: string, } } | { "key": "command_failed", "params": Record<symbol, never> } | { "key": "daily_backup_failed", "params": { reason: Message, } } | { "key": "app_broken", "params": Record<symbol, never> } | { "key": "menu_failed", "params": { detail: string, } } | { "key": "viewer_failed", "params": { detail: string, } } | { "key": "cache_folder_failed", "params": { detail: string, } } | { "key": "export_cancelled", "params": Record<symbol, never> } | { "key": "foreign_database", "params": { app_id: string, } } | { "key": "not_dossier_library", "params": Record<symbol, never> } | { "key": "not_dossier_backup", "params": Record<symbol, never> } | { "key": "not_sqlite", "params": { advice: Message | null, } } | { "key": "unfinished_database", "params": Record<symbol, never> } | { "key": "integrity_failed", "params": { problems: string, } } | { "key": "file_not_sqlite", "params": Record<symbol, never> } | { "key": "file_damaged", "params": Record<symbol, never> } | { "key": "file_cannot_open", "params": Record<symbol, never> } | { "key": "backup_missing", "params": Record<symbol, never> } | { "key": "backup_is_folder", "params": Record<symbol, never> } | { "key": "folder_name_not_unicode", "params": Record<symbol, never> } | { "key": "copy_failed", "params": { detail: string, } } | { "key": "copy_check_failed", "params": { reason: Message, } } | { "key": "cannot_create_folder", "params": { path: string, detail: string, } } | { "key": "migration_backup_failed", "params": { reason: Message, from: number, to: number, } } | { "key": "database_cannot_grow", "params": Record<symbol, never> } | { "key": "cannot_write_to", "params": { path: string, } } | { "key": "index_cannot_be_written", "params": Record<symbol, never> } | { "key": "index_in_step", "params": Record<symbol, never> } | { "key": "index_not_built", "params": Record<symbol, never> } | { "key": "index_unreadable", "params": { detail: string, } } | { "key": "index_checksum_mismatch", "params": { files: Array<string>, } } | { "key": "index_old_schema", "params": { found: number | null, current: number, } } | { "key": "index_diverged", "params": Record<symbol, never> } | { "key": "index_behind", "params": { changes: number, } } | { "key": "unknown_word", "params": { list: WordList, word: string, choices: Array<string>, } } | { "key": "unknown_setting", "params": { name: string, settings: Array<string>, } } | { "key": "setting_multiline", "params": { setting: string, } } | { "key": "setting_too_long", "params": { setting: string, chars: number, max: number, } } | { "key": "bad_date", "params": { what: string, text: string, } } | { "key": "bad_time", "params": { what: string, text: string, } } | { "key": "bad_moment", "params": { what: string, text: string, } } | { "key": "bad_month", "params": { text: string, } } | { "key": "corpus_not_empty", "params": Record<symbol, never> } | { "key": "sample_not_empty", "params": { path: string, } } | { "key": "sample_broken", "params": { detail: string, } } | { "key": "no_home_folder", "params": Record<symbol, never> } | { "key": "library_path_is_file", "params": { path: string, } } | { "key": "library_exists", "params": { path: string, } } | { "key": "campaign_needs_title", "params": Record<symbol, never> } | { "key": "campaign_needs_start", "params": Record<symbol, never> } | { "key": "campaign_ends_before_start", "params": { start: string, end: string, } } | { "key": "role_needs_title", "params": Record<symbol, never> } | { "key": "role_ends_before_start", "params": { title: string, start: string, end: string, } } | { "key": "official_needs_family_name", "params": Record<symbol, never> } | { "key": "official_needs_role", "params": Record<symbol, never> } | { "key": "engagement_needs_subject", "params": Record<symbol, never> } | { "key": "debrief_not_oral", "params": { engagement: number, } } | { "key": "day_nothing_planned", "params": { date: string, } } | { "key": "day_folder_not_a_folder", "params": { path: string, } } | { "key": "day_paper_archived", "params": { engagement: number, paper: number, title: string, } } | { "key": "tag_empty", "params": Record<symbol, never> } | { "key": "tag_too_long", "params": { tag: string, max: number, } } | { "key": "paper_needs_title", "params": Record<symbol, never> } | { "key": "paper_text_empty", "params": Record<symbol, never> } | { "key": "version_needs_author", "params": Record<symbol, never> } | { "key": "unchanged_text", "params": { paper: number, version: number, } } | { "key": "restore_unchanged", "params": { paper: number, latest: number, version: number, } } | { "key": "already_in_force", "params": { paper: number, version: number, } } | { "key": "never_published", "params": { paper: number, } } | { "key": "own_translation", "params": Record<symbol, never> } | { "key": "same_language", "params": { a: number, b: number, lang: Lang, } } | { "key": "packet_needs_title", "params": Record<symbol, never> } | { "key": "packet_empty", "params": { packet: number, } } | { "key": "packet_paper_archived", "params": { packet: number, item: number, paper: number, title: string, } } | { "key": "packet_add_archived", "params": { packet: number, paper: number, title: string, } } | { "key": "packet_add_unpublished", "params": { packet: number, paper: number, title: string, } } | { "key": "packet_paper_unpublished", "params": { packet: number, item: number, paper: number, title: string, } } | { "key": "packet_body_too_long", "params": { paper: number, title: string, version: number, megabytes: number, limit_kb: number, } } | { "key": "font_unreadable", "params": Record<symbol, never> } | { "key": "pdf_not_assembled", "params": { detail: string, } } | { "key": "index_busy", "params": Record<symbol, never> } | { "key": "search_query_too_long", "params": { chars: number, max: number, } } | { "key": "search_too_many_terms", "params": { terms: number, max: number, } } | { "key": "no_output_file", "params": Record<symbol, never> } | { "key": "no_backup_file", "params": Record<symbol, never> } | { "key": "not_a_file_name", "params": { path: string, } } | { "key": "no_such_folder", "params": { path: string, folder: string, } } | { "key": "target_is_folder", "params": { path: string, } } | { "key": "backup_target_is_folder", "params": { path: string, } } | { "key": "target_wrong_extension", "params": { path: string, extension: string, } } | { "key": "target_other_kind", "params": { path: string, kind: string, } } | { "key": "target_not_a_file", "params": { path: string, } } | { "key": "target_exists", "params": { path: string, } } | { "key": "restore_no_folder", "params": Record<symbol, never> } | { "key": "restore_into_file", "params": { path: string, } } | { "key": "restore_target_has_library", "params": { path: string, } } | { "key": "unreadable_in_folder", "params": { path: string, detail: string, } } | { "key": "link_not_followed", "params": { path: string, } } | { "key": "other_language", "params": { path: string, language: string, } } | { "key": "unknown_language", "params": { path: string, } } | { "key": "no_extension", "params": { path: string, supported: string, } } | { "key": "unsupported_extension", "params": { path: string, extension: string, supported: string, } } | { "key": "file_empty", "params": { path: string, } } | { "key": "file_has_no_text", "params": { path: string, } } | { "key": "not_text", "params": { path: string, extension: string, } } | { "key": "file_has_only_title", "params": { path: string, } } | { "key": "no_such_file", "params": { path: string, } } | { "key": "is_a_folder", "params": { path: string, } } | { "key": "file_too_large", "params": { path: string, size: number, limit: number, } } | { "key": "xml_malformed", "params": { path: string, part: string, detail: string, } } | { "key": "not_zip", "params": { path: string, kind: string, detail: string, } } | { "key": "zip_damaged", "params": { path: string, kind: string, part: string, detail: string, } } | { "key": "zip_encrypted", "params": { path: string, kind: string, } } | { "key": "zip_bomb", "params": { path: string, kind: string, part: string, limit_mb: number, } } | { "key": "html_too_complex", "params": { path: string, attributes: number, } } | { "key": "parliament_no_files", "params": Record<symbol, never> } | { "key": "parliament_file_unknown", "params": { path: string, } } | { "key": "parliament_no_records", "params": { path: string, } } | { "key": "parliament_no_senators", "params": { path: string, } } | { "key": "parliament_csv_headers", "params": { path: string, found: Array<string>, } } | { "key": "parliament_bad_record", "params": { path: string, record: number, detail: Message, } } | { "key": "parliament_no_name", "params": Record<symbol, never> } | { "key": "parliament_bad_date", "params": { field: string, value: string, } } | { "key": "parliament_bad_field", "params": { field: string, value: string, } } | { "key": "parliament_files_refused", "params": { refusals: Array<Message>, } } | { "key": "zip_part_missing", "params": { path: string, kind: string, part: string, } } | { "key": "not_pdf", "params": { path: string, } } | { "key": "pdf_encrypted", "params": { path: string, } } | { "key": "pdf_damaged", "params": { path: string, detail: string, } } | { "key": "pdf_no_text", "params": { path: string, } } | { "key": "pdf_too_complex", "params": { path: string, limit_mb: number, operations: number, } } | { "key": "not_utf8", "params": { byte: string, line: number, } } | { "key": "location_cloud", "params": { path: string, service: string, } } | { "key": "location_network", "params": { path: string, filesystem: string | null, } } | { "key": "report_no_registrant", "params": Record<symbol, never> } | { "key": "report_not_oral", "params": { engagement: number, date: string, kind: EngagementKind, officials: Array<string>, } } | { "key": "report_no_office_holder", "params": { engagement: number, date: string, kind: EngagementKind, } } | { "key": "report_no_position_title", "params": { engagement: number, date: string, official: string, official_id: number, } } | { "key": "report_no_institution", "params": { engagement: number, date: string, official: string, official_id: number, role: string, since: string, } } | { "key": "row_no_position_title", "params": Record<symbol, never> } | { "key": "row_no_institution", "params": Record<symbol, never> } | { "key": "row_no_registrant", "params": Record<symbol, never> } | { "key": "letters_not_reported", "params": Record<symbol, never> } | { "key": "report_no_subject_matters", "params": { engagement: number, date: string, kind: EngagementKind, officials: Array<string>, } } | { "key": "row_no_subject_matters", "params": Record<symbol, never> } | { "key": "registry_wrong_file", "params": { path: string, file: string, missing: Array<string>, found: Array<string>, } } | { "key": "registry_record_too_long", "params": { path: string, line: number, limit_kb: number, } } | { "key": "registry_no_rows", "params": { path: string, file: string, } } | { "key": "registry_not_a_folder", "params": { path: string, } } | { "key": "registry_primary_missing", "params": { folder: string, } } | { "key": "registry_numbers_not_set", "params": Record<symbol, never> } | { "key": "registry_number_bad", "params": { text: string, } } | { "key": "subject_code_bad", "params": { path: string, line: number, text: string, } } | { "key": "subject_code_unknown", "params": { code: string, } } | { "key": "sync_schema_mismatch", "params": { table: string, } } | { "key": "sync_not_in_team", "params": Record<symbol, never> } | { "key": "sync_folder_unreachable", "params": { folder: string, detail: string, } } | { "key": "sync_not_team_folder", "params": { folder: string, } } | { "key": "sync_already_in_team", "params": { folder: string, } } | { "key": "sync_join_needs_empty", "params": { path: string, } } | { "key": "sync_no_snapshot", "params": { folder: string, } } | { "key": "sync_team_full", "params": { slots: number, } } | { "key": "sync_slot_taken", "params": { slot: number, other: string, } } | { "key": "sync_sequence_reused", "params": { seq: number, } } | { "key": "sync_device_name", "params": { name: string, } } | { "key": "sync_newer_format", "params": { device: string, seq: number, schema: number, } } | { "key": "sync_file_incomplete", "params": { device: string, seq: number, } } | { "key": "sync_file_quarantined", "params": { device: string, seq: number, reason: Message, } } | { "key": "sync_not_regular_file", "params": Record<symbol, never> } | { "key": "sync_file_too_large", "params": { limit_mb: number, } } | { "key": "sync_file_malformed", "params": Record<symbol, never> } | { "key": "sync_unknown_table", "params": { table: string, } } | { "key": "sync_wrong_value", "params": { table: string, column: string, } } | { "key": "sync_clock_ahead", "params": { dated: string, } } | { "key": "sync_change_failed", "params": { detail: string, } } | { "key": "no_conflict", "params": { id: number, } } | { "key": "conflict_record_gone", "params": { id: number, } } | { "key": "conflict_already_kept", "params": { id: number, } } | { "key": "public_copy_over_library", "params": { path: string, } } | { "key": "public_copy_over_foreign", "params": { path: string, } } | { "key": "json_failed", "params": { detail: string, } } | { "key": "bad_paper_ref", "params": { text: string, } } | { "key": "report_needs_file", "params": Record<symbol, never> } | { "key": "report_format_unknown", "params": { path: string, } });

/**
 * A packet after a paper was added, and what the person adding it should
 * know now rather than when the packet is printed.
 */
export type ItemAdded = { packet: Packet, 
/**
 * [`Message::PacketAddUnpublished`] when the paper follows its latest
 * published version and has none yet.
 */
warnings: Array<Message>, };

/**
 * The language of a paper, of the packet's own labels, of a report.
 */
export type Lang = "en" | "fr";

/**
 * Every setting with its value (`None` when not set): the settings kept in
 * the library itself, shared by everyone who opens it.
 */
export type LibrarySettings = { organisation: string | null, registrant: string | null, 
/**
 * Comma-separated, as stored: see [`registry_numbers`].
 */
registry_numbers: string | null, };

/**
 * What a library holds, in numbers.
 */
export type LibrarySummary = { path: string, papers: number, campaigns: number, officials: number, engagements: number, };

/**
 * An open library as a face shows it: what it holds, and what the user
 * must be told about where it sits.
 */
export type LibraryView = { 
/**
 * Set when the folder is cloud-synced or on a network drive.
 */
location_warning: Message | null, 
/**
 * Opened for reading only (read-only folder or media, or a public copy).
 */
read_only: boolean, 
/**
 * A public copy: only what the organisation published, always read-only.
 */
public_copy: boolean, path: string, papers: number, campaigns: number, officials: number, engagements: number, };

/**
 * A month's communication report, drafted.
 */
export type LobbyingReport = { 
/**
 * "2026-10".
 */
month: string, 
/**
 * "October 2026".
 */
month_name: string, organisation: string | null, registrant: string | null, 
/**
 * The 15th of the following month.
 */
deadline: string, 
/**
 * The day the deadline was counted from.
 */
today: string, 
/**
 * Days from `today` to `deadline`: negative once it has passed.
 */
days_left: number, 
/**
 * By date, time, engagement, then office holder's name.
 */
rows: Array<ReportRow>, not_reported: Array<NotReported>, 
/**
 * Every problem, report-wide ones first.
 */
warnings: Array<ReportWarning>, };

/**
 * A communication in our log: one reportable meeting or call with one
 * office holder.
 */
export type LoggedCommunication = { engagement_id: number, date: string, official_id: number, 
/**
 * "Given Family".
 */
office_holder: string, position_title: string, institution: string, subject_matters: Array<SubjectMatter>, };

/**
 * A communication both in our log and filed.
 */
export type MatchedCommunication = { logged: LoggedCommunication, filed: FiledCommunication, };

/**
 * One label per submenu and per item of the menu bar, in the interface
 * language. Every field is required, so a dictionary that lacks one fails
 * the front end's type check rather than showing an empty item.
 */
export type MenuLabels = { 
/**
 * The File submenu.
 */
file: string, 
/**
 * File › New paper (`new-paper`).
 */
new_paper: string, 
/**
 * File › Import documents (`import`).
 */
import: string, 
/**
 * File › Open library (`open-library`).
 */
open_library: string, 
/**
 * File › Quit.
 */
quit: string, 
/**
 * The Edit submenu.
 */
edit: string, undo: string, redo: string, cut: string, copy: string, paste: string, select_all: string, 
/**
 * The Go submenu.
 */
go: string, 
/**
 * Go › Search (`search`).
 */
search: string, 
/**
 * Go › the papers list (`go-library`), named as in the sidebar.
 */
library: string, 
/**
 * Go › Timeline (`go-timeline`).
 */
timeline: string, 
/**
 * Go › Officials (`go-officials`).
 */
officials: string, 
/**
 * Go › Packets (`go-packets`).
 */
packets: string, 
/**
 * Go › Reports (`go-reports`).
 */
reports: string, 
/**
 * Go › Settings (`go-settings`).
 */
settings: string, 
/**
 * Go › Conflicts of the team library (`go-conflicts`).
 */
conflicts: string, 
/**
 * Go › Back (`back`).
 */
back: string, 
/**
 * The Help submenu.
 */
help: string, 
/**
 * Help › Save a problem report… (`problem-report`).
 */
problem_report: string, 
/**
 * Help › About Dossier (`about`).
 */
about: string, };

/**
 * One error or warning, by key, with what it names.
 *
 * Paths are strings (as displayed); a nested `reason` is another message,
 * worded inside this one.
 */
export type Message = { "key": "not_found", "params": { what: RecordKind, id: number, } } | { "key": "no_version", "params": { paper: number, version: number, } } | { "key": "no_published_version", "params": { paper: number, on: string | null, } } | { "key": "no_packet_item", "params": { packet: number, item: number, } } | { "key": "no_original", "params": { paper: number, version: number | null, } } | { "key": "no_library", "params": { path: string, } } | { "key": "library_is_link", "params": { path: string, } } | { "key": "schema_unexpected", "params": { objects: string, } } | { "key": "too_new", "params": { path: string, found: number, supported: number, } } | { "key": "not_a_library", "params": { path: string, reason: Message, } } | { "key": "io", "params": { path: string, detail: string, } } | { "key": "backup", "params": { path: string, reason: Message, } } | { "key": "vanished", "params": { path: string, } } | { "key": "read_only", "params": { path: string, } } | { "key": "disk_full", "params": { reason: Message, } } | { "key": "damaged", "params": { detail: string, advice: Message, } } | { "key": "restore_advice", "params": { database: string, latest_backup: string | null, } } | { "key": "index", "params": { detail: string, } } | { "key": "database", "params": { detail: string, } } | { "key": "no_library_open", "params": Record<symbol, never> } | { "key": "place_not_chosen", "params": Record<symbol, never> } | { "key": "link_not_openable", "params": { url: string, } } | { "key": "command_failed", "params": Record<symbol, never> } | { "key": "daily_backup_failed", "params": { reason: Message, } } | { "key": "app_broken", "params": Record<symbol, never> } | { "key": "menu_failed", "params": { detail: string, } } | { "key": "viewer_failed", "params": { detail: string, } } | { "key": "cache_folder_failed", "params": { detail: string, } } | { "key": "export_cancelled", "params": Record<symbol, never> } | { "key": "foreign_database", "params": { app_id: string, } } | { "key": "not_dossier_library", "params": Record<symbol, never> } | { "key": "not_dossier_backup", "params": Record<symbol, never> } | { "key": "not_sqlite", "params": { advice: Message | null, } } | { "key": "unfinished_database", "params": Record<symbol, never> } | { "key": "integrity_failed", "params": { problems: string, } } | { "key": "file_not_sqlite", "params": Record<symbol, never> } | { "key": "file_damaged", "params": Record<symbol, never> } | { "key": "file_cannot_open", "params": Record<symbol, never> } | { "key": "backup_missing", "params": Record<symbol, never> } | { "key": "backup_is_folder", "params": Record<symbol, never> } | { "key": "folder_name_not_unicode", "params": Record<symbol, never> } | { "key": "copy_failed", "params": { detail: string, } } | { "key": "copy_check_failed", "params": { reason: Message, } } | { "key": "cannot_create_folder", "params": { path: string, detail: string, } } | { "key": "migration_backup_failed", "params": { reason: Message, from: number, to: number, } } | { "key": "database_cannot_grow", "params": Record<symbol, never> } | { "key": "cannot_write_to", "params": { path: string, } } | { "key": "index_cannot_be_written", "params": Record<symbol, never> } | { "key": "index_in_step", "params": Record<symbol, never> } | { "key": "index_not_built", "params": Record<symbol, never> } | { "key": "index_unreadable", "params": { detail: string, } } | { "key": "index_checksum_mismatch", "params": { files: Array<string>, } } | { "key": "index_old_schema", "params": { found: number | null, current: number, } } | { "key": "index_diverged", "params": Record<symbol, never> } | { "key": "index_behind", "params": { changes: number, } } | { "key": "unknown_word", "params": { list: WordList, word: string, choices: Array<string>, } } | { "key": "unknown_setting", "params": { name: string, settings: Array<string>, } } | { "key": "setting_multiline", "params": { setting: string, } } | { "key": "setting_too_long", "params": { setting: string, chars: number, max: number, } } | { "key": "bad_date", "params": { what: string, text: string, } } | { "key": "bad_time", "params": { what: string, text: string, } } | { "key": "bad_moment", "params": { what: string, text: string, } } | { "key": "bad_month", "params": { text: string, } } | { "key": "corpus_not_empty", "params": Record<symbol, never> } | { "key": "sample_not_empty", "params": { path: string, } } | { "key": "sample_broken", "params": { detail: string, } } | { "key": "no_home_folder", "params": Record<symbol, never> } | { "key": "library_path_is_file", "params": { path: string, } } | { "key": "library_exists", "params": { path: string, } } | { "key": "campaign_needs_title", "params": Record<symbol, never> } | { "key": "campaign_needs_start", "params": Record<symbol, never> } | { "key": "campaign_ends_before_start", "params": { start: string, end: string, } } | { "key": "role_needs_title", "params": Record<symbol, never> } | { "key": "role_ends_before_start", "params": { title: string, start: string, end: string, } } | { "key": "official_needs_family_name", "params": Record<symbol, never> } | { "key": "official_needs_role", "params": Record<symbol, never> } | { "key": "engagement_needs_subject", "params": Record<symbol, never> } | { "key": "debrief_not_oral", "params": { engagement: number, } } | { "key": "day_nothing_planned", "params": { date: string, } } | { "key": "day_folder_not_a_folder", "params": { path: string, } } | { "key": "day_paper_archived", "params": { engagement: number, paper: number, title: string, } } | { "key": "tag_empty", "params": Record<symbol, never> } | { "key": "tag_too_long", "params": { tag: string, max: number, } } | { "key": "paper_needs_title", "params": Record<symbol, never> } | { "key": "paper_text_empty", "params": Record<symbol, never> } | { "key": "version_needs_author", "params": Record<symbol, never> } | { "key": "unchanged_text", "params": { paper: number, version: number, } } | { "key": "restore_unchanged", "params": { paper: number, latest: number, version: number, } } | { "key": "already_in_force", "params": { paper: number, version: number, } } | { "key": "never_published", "params": { paper: number, } } | { "key": "own_translation", "params": Record<symbol, never> } | { "key": "same_language", "params": { a: number, b: number, lang: Lang, } } | { "key": "packet_needs_title", "params": Record<symbol, never> } | { "key": "packet_empty", "params": { packet: number, } } | { "key": "packet_paper_archived", "params": { packet: number, item: number, paper: number, title: string, } } | { "key": "packet_add_archived", "params": { packet: number, paper: number, title: string, } } | { "key": "packet_add_unpublished", "params": { packet: number, paper: number, title: string, } } | { "key": "packet_paper_unpublished", "params": { packet: number, item: number, paper: number, title: string, } } | { "key": "packet_body_too_long", "params": { paper: number, title: string, version: number, megabytes: number, limit_kb: number, } } | { "key": "font_unreadable", "params": Record<symbol, never> } | { "key": "pdf_not_assembled", "params": { detail: string, } } | { "key": "index_busy", "params": Record<symbol, never> } | { "key": "search_query_too_long", "params": { chars: number, max: number, } } | { "key": "search_too_many_terms", "params": { terms: number, max: number, } } | { "key": "no_output_file", "params": Record<symbol, never> } | { "key": "no_backup_file", "params": Record<symbol, never> } | { "key": "not_a_file_name", "params": { path: string, } } | { "key": "no_such_folder", "params": { path: string, folder: string, } } | { "key": "target_is_folder", "params": { path: string, } } | { "key": "backup_target_is_folder", "params": { path: string, } } | { "key": "target_wrong_extension", "params": { path: string, extension: string, } } | { "key": "target_other_kind", "params": { path: string, kind: string, } } | { "key": "target_not_a_file", "params": { path: string, } } | { "key": "target_exists", "params": { path: string, } } | { "key": "restore_no_folder", "params": Record<symbol, never> } | { "key": "restore_into_file", "params": { path: string, } } | { "key": "restore_target_has_library", "params": { path: string, } } | { "key": "unreadable_in_folder", "params": { path: string, detail: string, } } | { "key": "link_not_followed", "params": { path: string, } } | { "key": "other_language", "params": { path: string, language: string, } } | { "key": "unknown_language", "params": { path: string, } } | { "key": "no_extension", "params": { path: string, supported: string, } } | { "key": "unsupported_extension", "params": { path: string, extension: string, supported: string, } } | { "key": "file_empty", "params": { path: string, } } | { "key": "file_has_no_text", "params": { path: string, } } | { "key": "not_text", "params": { path: string, extension: string, } } | { "key": "file_has_only_title", "params": { path: string, } } | { "key": "no_such_file", "params": { path: string, } } | { "key": "is_a_folder", "params": { path: string, } } | { "key": "file_too_large", "params": { path: string, size: number, limit: number, } } | { "key": "xml_malformed", "params": { path: string, part: string, detail: string, } } | { "key": "not_zip", "params": { path: string, kind: string, detail: string, } } | { "key": "zip_damaged", "params": { path: string, kind: string, part: string, detail: string, } } | { "key": "zip_encrypted", "params": { path: string, kind: string, } } | { "key": "zip_bomb", "params": { path: string, kind: string, part: string, limit_mb: number, } } | { "key": "html_too_complex", "params": { path: string, attributes: number, } } | { "key": "parliament_no_files", "params": Record<symbol, never> } | { "key": "parliament_file_unknown", "params": { path: string, } } | { "key": "parliament_no_records", "params": { path: string, } } | { "key": "parliament_no_senators", "params": { path: string, } } | { "key": "parliament_csv_headers", "params": { path: string, found: Array<string>, } } | { "key": "parliament_bad_record", "params": { path: string, record: number, detail: Message, } } | { "key": "parliament_no_name", "params": Record<symbol, never> } | { "key": "parliament_bad_date", "params": { field: string, value: string, } } | { "key": "parliament_bad_field", "params": { field: string, value: string, } } | { "key": "parliament_files_refused", "params": { refusals: Array<Message>, } } | { "key": "zip_part_missing", "params": { path: string, kind: string, part: string, } } | { "key": "not_pdf", "params": { path: string, } } | { "key": "pdf_encrypted", "params": { path: string, } } | { "key": "pdf_damaged", "params": { path: string, detail: string, } } | { "key": "pdf_no_text", "params": { path: string, } } | { "key": "pdf_too_complex", "params": { path: string, limit_mb: number, operations: number, } } | { "key": "not_utf8", "params": { byte: string, line: number, } } | { "key": "location_cloud", "params": { path: string, service: string, } } | { "key": "location_network", "params": { path: string, filesystem: string | null, } } | { "key": "report_no_registrant", "params": Record<symbol, never> } | { "key": "report_not_oral", "params": { engagement: number, date: string, kind: EngagementKind, officials: Array<string>, } } | { "key": "report_no_office_holder", "params": { engagement: number, date: string, kind: EngagementKind, } } | { "key": "report_no_position_title", "params": { engagement: number, date: string, official: string, official_id: number, } } | { "key": "report_no_institution", "params": { engagement: number, date: string, official: string, official_id: number, role: string, since: string, } } | { "key": "row_no_position_title", "params": Record<symbol, never> } | { "key": "row_no_institution", "params": Record<symbol, never> } | { "key": "row_no_registrant", "params": Record<symbol, never> } | { "key": "letters_not_reported", "params": Record<symbol, never> } | { "key": "report_no_subject_matters", "params": { engagement: number, date: string, kind: EngagementKind, officials: Array<string>, } } | { "key": "row_no_subject_matters", "params": Record<symbol, never> } | { "key": "registry_wrong_file", "params": { path: string, file: string, missing: Array<string>, found: Array<string>, } } | { "key": "registry_record_too_long", "params": { path: string, line: number, limit_kb: number, } } | { "key": "registry_no_rows", "params": { path: string, file: string, } } | { "key": "registry_not_a_folder", "params": { path: string, } } | { "key": "registry_primary_missing", "params": { folder: string, } } | { "key": "registry_numbers_not_set", "params": Record<symbol, never> } | { "key": "registry_number_bad", "params": { text: string, } } | { "key": "subject_code_bad", "params": { path: string, line: number, text: string, } } | { "key": "subject_code_unknown", "params": { code: string, } } | { "key": "sync_schema_mismatch", "params": { table: string, } } | { "key": "sync_not_in_team", "params": Record<symbol, never> } | { "key": "sync_folder_unreachable", "params": { folder: string, detail: string, } } | { "key": "sync_not_team_folder", "params": { folder: string, } } | { "key": "sync_already_in_team", "params": { folder: string, } } | { "key": "sync_join_needs_empty", "params": { path: string, } } | { "key": "sync_no_snapshot", "params": { folder: string, } } | { "key": "sync_team_full", "params": { slots: number, } } | { "key": "sync_slot_taken", "params": { slot: number, other: string, } } | { "key": "sync_sequence_reused", "params": { seq: number, } } | { "key": "sync_device_name", "params": { name: string, } } | { "key": "sync_newer_format", "params": { device: string, seq: number, schema: number, } } | { "key": "sync_file_incomplete", "params": { device: string, seq: number, } } | { "key": "sync_file_quarantined", "params": { device: string, seq: number, reason: Message, } } | { "key": "sync_not_regular_file", "params": Record<symbol, never> } | { "key": "sync_file_too_large", "params": { limit_mb: number, } } | { "key": "sync_file_malformed", "params": Record<symbol, never> } | { "key": "sync_unknown_table", "params": { table: string, } } | { "key": "sync_wrong_value", "params": { table: string, column: string, } } | { "key": "sync_clock_ahead", "params": { dated: string, } } | { "key": "sync_change_failed", "params": { detail: string, } } | { "key": "no_conflict", "params": { id: number, } } | { "key": "conflict_record_gone", "params": { id: number, } } | { "key": "conflict_already_kept", "params": { id: number, } } | { "key": "public_copy_over_library", "params": { path: string, } } | { "key": "public_copy_over_foreign", "params": { path: string, } } | { "key": "json_failed", "params": { detail: string, } } | { "key": "bad_paper_ref", "params": { text: string, } } | { "key": "report_needs_file", "params": Record<symbol, never> } | { "key": "report_format_unknown", "params": { path: string, } };

/**
 * One month, reconciled.
 */
export type MonthReconciliation = { 
/**
 * "2026-10".
 */
month: string, 
/**
 * "October 2026".
 */
month_name: string, matched: Array<MatchedCommunication>, 
/**
 * Reportable in our log, not filed.
 */
not_filed: Array<LoggedCommunication>, 
/**
 * Filed, not in our log.
 */
not_logged: Array<FiledCommunication>, differences: Array<FieldDifference>, };

/**
 * A new engagement as a face's log form sends it.
 */
export type NewEngagementRequest = { kind: EngagementKind, 
/**
 * `YYYY-MM-DD`.
 */
date: string, 
/**
 * `HH:MM`; none when missing or blank.
 */
time: string | null, place: string, campaign_id: number | null, subject: string, notes: string, follow_ups: string, 
/**
 * Who from the organisation attends.
 */
attendees: string, 
/**
 * Reportable when oral and with an office holder, unless given.
 */
reportable: boolean | null, official_ids: Array<number>, 
/**
 * The Registry's subject-matter codes, each one the library's list holds.
 */
subjects: Array<string>, 
/**
 * Who logs it: the author rule ([`super::author`]) when missing or blank.
 */
logged_by: string | null, };

/**
 * A new packet as a face sends it; words and dates are parsed here, so a
 * wrong one is an `invalid` error with a code.
 */
export type NewPacketRequest = { title: string, official_id: number | null, engagement_id: number | null, 
/**
 * `YYYY-MM-DD`.
 */
meeting_on: string | null, 
/**
 * The author rule ([`super::author`]) when missing or blank.
 */
prepared_by: string | null, };

/**
 * A new paper as a face sends it: its language (a word of
 * [`Lang`], parsed here so a wrong one is an `invalid` error with a code),
 * tags, and the text of its first version.
 */
export type NewPaperRequest = { lang: Lang, tags: Array<string>, title: string, summary: string, body: string, note: string, 
/**
 * Resolved by [`super::author`] when missing or blank.
 */
author: string | null, };

/**
 * An engagement flagged reportable that the report does not list.
 */
export type NotReported = { engagement_id: number, date: string, kind: EngagementKind, 
/**
 * The office holders' names.
 */
officials: Array<string>, subject: string, reason: Message, };

/**
 * An official as listed and shown.
 */
export type Official = { id: number, given_name: string, family_name: string, 
/**
 * "Given Family".
 */
name: string, chamber: Chamber, 
/**
 * "Hon." or empty.
 */
honorific: string, party: string, 
/**
 * Riding for an MP, province for a senator.
 */
constituency: string, 
/**
 * Province or territory, where known.
 */
province: string, 
/**
 * The House of Commons' PersonId, for a Member read from its files.
 */
person_id: number | null, 
/**
 * The Senate's page name for a Senator read from its list.
 */
senate_slug: string | null, 
/**
 * French names of the party, riding and province, empty where no
 * French file gave them.
 */
party_fr: string, constituency_fr: string, province_fr: string, 
/**
 * Title of the current role (the latest position not ended, else the
 * seat), or of the last one.
 */
title: string, 
/**
 * The same title in French, where a French file gave it (else English).
 */
title_fr: string, 
/**
 * Oldest first.
 */
roles: Array<Role>, 
/**
 * How many engagements they were part of.
 */
engagements: number, };

/**
 * How to read Parliament's files, as a face sends it.
 */
export type OfficialImportRequest = { 
/**
 * The language of a file that does not tell; English when missing.
 */
lang: Lang | null, 
/**
 * The day of the import (`YYYY-MM-DD`), when a list shows a new caucus;
 * today when missing.
 */
today: string | null, };

/**
 * An office holder's profile with our engagement history, newest first,
 * and the meetings and calls among them a packet can be prepared for.
 */
export type OfficialView = { official: Official, engagements: Array<Engagement>, meetings: Array<Engagement>, };

/**
 * What happened to one file.
 */
export type Outcome = { "outcome": "imported", paper_id: number | null, version: number | null, title: string, lang: Lang, format: Format, } | { "outcome": "duplicate", paper_id: number | null, same_as: string | null, } | { "outcome": "refused", code: string, message: string, reason: Message, };

/**
 * A packet as listed and shown.
 */
export type Packet = { id: number, title: string, official_id: number | null, engagement_id: number | null, meeting_on: string | null, 
/**
 * Who prepared the packet, for its cover.
 */
prepared_by: string, 
/**
 * Talking points and the ask, in Markdown.
 */
notes: string, items: Array<PacketItem>, created_at: string, updated_at: string, };

/**
 * An export as recorded.
 */
export type PacketExport = { id: number, packet_id: number, exported_at: string, path: string, pages: number, bytes: number, 
/**
 * The sheet it was printed on (the `paper_size` column).
 */
paper: PaperSize, lang: Lang, versions: Array<ExportedVersion>, };

/**
 * A paper in a packet.
 */
export type PacketItem = { id: number, 
/**
 * 1-based place in the packet.
 */
position: number, paper_id: number, 
/**
 * Title of the paper's latest version.
 */
title: string, 
/**
 * The pinned version, or `None` for "latest published".
 */
pinned_version: number | null, };

/**
 * What the page count in the packet builder shows.
 */
export type PacketPreview = { pages: number, draft: boolean, };

/**
 * A paper as listed and shown: its metadata and the title of its latest
 * version.
 */
export type Paper = { id: number, 
/**
 * Title of the latest version.
 */
title: string, lang: Lang, status: Status, tags: Array<string>, 
/**
 * Number of the latest version.
 */
latest_version: number, 
/**
 * Number of the version in force now, if any was ever published.
 */
version_in_force: number | null, 
/**
 * The paper this one is a translation of, or that translates it.
 */
translation_id: number | null, created_at: string, updated_at: string, 
/**
 * Two people saved versions without seeing each other's (on two
 * devices of a team): the paper says "compare" until a version is
 * saved after both.
 */
edited_in_parallel: boolean, };

/**
 * The sheet a packet is printed on.
 */
export type PaperSize = "letter" | "a4";

/**
 * One immutable version of a paper, with its text.
 */
export type PaperVersion = { paper_id: number, version: number, title: string, summary: string, 
/**
 * The body, in Markdown.
 */
body: string, author: string, 
/**
 * The change note written when the version was saved.
 */
note: string, 
/**
 * The version this one restored, when it was made by a restore.
 */
restored_from: number | null, created_at: string, };

/**
 * A paper as its screen shows it: one version's text rendered as
 * sanitised HTML, the whole history, and the linked translation.
 */
export type PaperView = { paper: Paper, version: PaperVersion, 
/**
 * The version's body as sanitised HTML.
 */
html: string, history: Array<VersionInfo>, translation: Paper | null, };

/**
 * An official taking part, as shown with an engagement.
 */
export type Participant = { official_id: number, name: string, };

/**
 * What a place is chosen for; decides the dialog (folder, files or a name
 * to save under, with which extension) and which commands may use it.
 */
export type PlacePurpose = "open_library" | "new_library" | "import_files" | "import_folder" | "save_pdf" | "save_csv" | "save_backup" | "team_folder" | "public_copy" | "parliament_files" | "registry_folder" | "save_problem_report" | "day_folder";

/**
 * An official of the library the import changes.
 */
export type PlannedChange = { official_id: number, name: string, changes: Array<FieldChange>, };

/**
 * A day holding meetings or calls, for the Hill day's list of days.
 */
export type PlannedDay = { 
/**
 * `YYYY-MM-DD`.
 */
date: string, meetings: number, };

/**
 * An official the import adds.
 */
export type PlannedOfficial = { name: string, chamber: Chamber, constituency: string, province: string, party: string, roles: number, };

/**
 * What a public copy holds.
 */
export type PublicCopy = { path: string, papers: number, versions: number, campaigns: number, bytes: number, };

/**
 * An entry of the publication log.
 */
export type Publication = { paper_id: number, version: number, published_at: string, };

/**
 * A change file this device refused or could not apply: kept aside (it
 * stays in the folder, untouched), listed with its reason, never retried.
 */
export type QuarantinedFile = { 
/**
 * The device folder it was found in, and its number there.
 */
device: string, seq: number, 
/**
 * Why, e.g. `sync_wrong_value` or `sync_clock_ahead`.
 */
reason: Message, found_at: string, };

/**
 * What [`Library::reconcile_registry`] found.
 */
export type Reconciliation = { 
/**
 * The numbers our reports were looked for under.
 */
registry_numbers: Array<string>, 
/**
 * Our reports in the files, amended ones included.
 */
reports_found: number, 
/**
 * Reports of ours replaced by an amendment, set aside.
 */
amended: number, 
/**
 * The optional files the folder lacked.
 */
missing_files: Array<string>, months: Array<MonthReconciliation>, };

/**
 * A kind of record looked up by its id.
 */
export type RecordKind = "paper" | "campaign" | "official" | "engagement" | "packet";

/**
 * Where a rebuild of the index is: `(0, total)` before the first document
 * and `(total, total)` once committed.
 */
export type ReindexProgress = { done: number, total: number, };

/**
 * What [`Library::reindex`] did. JSON: `documents`, `took_ms`.
 */
export type ReindexReport = { documents: number, took_ms: number, };

/**
 * The file formats the lobbying report is written in.
 */
export type ReportFormat = "csv" | "pdf";

/**
 * One row of the report: one communication with one office holder.
 */
export type ReportRow = { date: string, engagement_id: number, 
/**
 * meeting or call.
 */
kind: EngagementKind, official_id: number, last_name: string, first_name: string, 
/**
 * From the role in force on the date; empty when there is none.
 */
position_title: string, branch: string, 
/**
 * The title and branch in French where a French file of Parliament
 * gave them, else the English ones: what a French reader sees.
 */
position_title_fr: string, branch_fr: string, institution: string, 
/**
 * The Registry's subject matters of the engagement, in code order.
 */
subject_matters: Array<SubjectMatter>, 
/**
 * What was discussed: the engagement's subject.
 */
subject: string, 
/**
 * The campaign it was part of, if any.
 */
campaign: string | null, 
/**
 * Who logged the engagement (a team's report covers every device).
 */
logged_by: string, 
/**
 * From the settings; empty when not set.
 */
registrant: string, 
/**
 * Short notes of what is missing from this row.
 */
warnings: Array<Message>, };

/**
 * A problem to fix before filing.
 */
export type ReportWarning = { kind: WarningKind, engagement_id: number | null, date: string | null, official_id: number | null, official: string | null, 
/**
 * Names the engagement, date and office holder, and what to do.
 */
message: Message, };

/**
 * What a restore did.
 */
export type RestoreReport = { 
/**
 * The library folder written.
 */
library: string, 
/**
 * The backup as checked before restoring.
 */
backup: BackupInfo, 
/**
 * The schema the library has now (newer than the backup's when it was
 * migrated on the way).
 */
schema_version: number, };

/**
 * A role an official held (or holds).
 */
export type Role = { kind: RoleKind, title: string, 
/**
 * Branch or unit, e.g. a minister's office or a committee.
 */
branch: string, 
/**
 * Federal institution, e.g. "House of Commons", "Global Affairs Canada".
 */
institution: string, started_on: string, 
/**
 * `None` while the role is held.
 */
ended_on: string | null, 
/**
 * The French title and branch, empty where no French file gave them.
 */
title_fr: string, branch_fr: string, };

/**
 * What an office holder's role is: a seat in a chamber, membership of a
 * caucus, a position (minister, parliamentary secretary, or any role
 * typed by hand), a committee, or a parliamentary association.
 */
export type RoleKind = "seat" | "caucus" | "position" | "committee" | "association";

/**
 * A file the app wrote.
 */
export type SavedFile = { path: string, bytes: number, };

/**
 * One hit.
 *
 * JSON fields (stable): `kind` (`paper`|`campaign`|`engagement`), `id`,
 * `version` (paper version number, else null), `title`, `date`
 * (`YYYY-MM-DD`), `year`, `lang` (`en`|`fr`), `score`, `snippet` (list of
 * `{text, hit}` parts).
 */
export type SearchHit = { kind: SearchKind, id: number, version: number | null, title: string, date: string, year: number, lang: Lang, score: number, snippet: Array<SnippetPart>, };

/**
 * What a search hit is.
 */
export type SearchKind = "paper" | "campaign" | "engagement";

/**
 * A search: the query text and its filters. JSON as the app sends it:
 * every filter `null` when unset, `as_of` as `YYYY-MM-DD`.
 */
export type SearchRequest = { 
/**
 * The query, in the volunteer query language (see [`query`]).
 */
query: string, 
/**
 * Treat the last word as a prefix (search-as-you-type).
 */
as_you_type: boolean, kind: SearchKind | null, 
/**
 * First year, inclusive.
 */
from_year: number | null, 
/**
 * Last year, inclusive.
 */
to_year: number | null, lang: Lang | null, 
/**
 * Papers and campaigns with this tag.
 */
tag: string | null, 
/**
 * Papers with this status (narrows to papers).
 */
status: Status | null, 
/**
 * Engagements with this official (narrows to engagements).
 */
official: number | null, 
/**
 * Every version of each paper, not only the latest.
 */
all_versions: boolean, 
/**
 * Papers as they stood on this date (the version in force then), and
 * campaigns and engagements dated on or before it.
 */
as_of: string | null, 
/**
 * How many hits to return (with snippets); at most `MAX_LIMIT`
 * (10,000), whatever is asked.
 */
limit: number, };

/**
 * The answer to a search.
 *
 * JSON fields (stable): `query` (as given), `total` (matching documents),
 * `hits` (see [`SearchHit`]), `facets` (see [`Facets`]), `fuzzy` (true when the
 * hits come from the typo-tolerant retry), `corrected` (the query with
 * typos replaced by the indexed words found, or null), `took_us`
 * (microseconds, search and snippets).
 */
export type SearchResults = { query: string, total: number, hits: Array<SearchHit>, facets: Facets, fuzzy: boolean, corrected: string | null, took_us: number, };

/**
 * A run of text that is equal in both texts, only in the new one, or only
 * in the old one.
 */
export type Segment = { kind: SegmentKind, text: string, };

/**
 * What a segment of a diff is.
 */
export type SegmentKind = "equal" | "insert" | "delete";

/**
 * What setting up did.
 */
export type SetupKind = "created" | "joined";

/**
 * What setting up did, and where the device then stands.
 */
export type SetupReport = { setup: SetupKind, status: SyncStatus, };

/**
 * Set up or join a team library.
 */
export type SetupRequest = { 
/**
 * What to call this computer; its name when left out.
 */
device: string | null, 
/**
 * Who uses it; the author rule ([`super::author`]) when left out.
 */
person: string | null, };

/**
 * A run of snippet text, marked when it matched the query.
 *
 * JSON: `{"text": "...", "hit": true}`. Concatenating the `text` of every
 * part gives the plain snippet.
 */
export type SnippetPart = { text: string, hit: boolean, };

/**
 * Where a paper stands.
 */
export type Status = "draft" | "published" | "archived";

/**
 * What an import of the codes file did.
 */
export type SubjectImport = { added: number, renamed: number, unchanged: number, };

/**
 * A subject matter of the Registry.
 */
export type SubjectMatter = { 
/**
 * `SMT-17`.
 */
code: string, name_en: string, 
/**
 * Empty when no French name is known.
 */
name_fr: string, };

/**
 * A folder About offers to show in the system's file manager.
 */
export type SupportFolder = "library" | "log";

/**
 * What one sync did.
 */
export type SyncReport = { 
/**
 * Changes of this device written to the folder, and in how many files.
 */
changes_written: number, files_written: number, 
/**
 * Files of other devices applied here, and the row changes they held.
 */
files_applied: number, rows_applied: number, 
/**
 * Values kept aside by this sync.
 */
new_conflicts: number, 
/**
 * Files of other devices quarantined by this sync (never applied).
 */
files_quarantined: number, 
/**
 * Files left waiting or quarantined, and why.
 */
warnings: Array<Message>, };

/**
 * Where this device stands in its team.
 */
export type SyncStatus = { 
/**
 * False for a library alone; the other fields then say little.
 */
in_team: boolean, device: string, name: string, person: string, 
/**
 * The shared folder (the one holding `dossier-team`).
 */
folder: string | null, reachable: boolean, last_sync: string | null, last_error: Message | null, 
/**
 * Changes made here and not yet written to the folder.
 */
waiting_out: number, 
/**
 * Change files of other devices in the folder, not yet applied here.
 */
waiting_in: number, 
/**
 * Values that lost and were not brought back.
 */
conflicts: number, devices: Array<DeviceView>, 
/**
 * Other devices' files set aside here, never applied, newest first.
 */
quarantined: Array<QuarantinedFile>, };

/**
 * The word-level difference between two versions of a paper.
 */
export type VersionDiff = { paper_id: number, from: number, to: number, title: WordDiff, summary: WordDiff, body: WordDiff, };

/**
 * A line of a paper's history: a version without its text.
 */
export type VersionInfo = { version: number, title: string, author: string, note: string, restored_from: number | null, created_at: string, words: number, 
/**
 * Moments at which this version was put in force.
 */
published_at: Array<string>, };

/**
 * A pinned paper version, as shown with an engagement.
 */
export type VersionRef = { paper_id: number, version: number, title: string, };

/**
 * What a warning is about, as a stable code.
 */
export type WarningKind = "no_position_title" | "no_institution" | "no_registrant" | "not_oral" | "no_office_holder" | "no_subject_matters";

/**
 * The word-level difference of two texts.
 */
export type WordDiff = { segments: Array<Segment>, 
/**
 * Words only in the new text.
 */
words_inserted: number, 
/**
 * Words only in the old text.
 */
words_deleted: number, };

/**
 * A closed list of words a user picks from (see [`crate::vocab`]), named in
 * a refusal of a word that is not in it.
 */
export type WordList = "language" | "status" | "engagement_kind" | "chamber" | "role_kind" | "search_kind" | "paper_size" | "report_format" | "corpus_size";
