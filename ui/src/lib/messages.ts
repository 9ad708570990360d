// Every error and warning the core sends, worded in English and French.
//
// The core sends a message as `{ key, params }` (see src/message.rs); its
// type is generated into bindings.ts. The two wordings below are typed
// against it: a key without a wording, or a wording that reads a parameter
// the message does not have, fails the TypeScript build. A key this build
// does not know (a newer core) falls back to the English `message` the
// error carries.

import type { IpcError, Message, RecordKind, WordList, EngagementKind, Lang } from "./bindings";
import { locale } from "./i18n.svelte";

type Params<K extends Message["key"]> = Extract<Message, { key: K }>["params"];
type Wording = { [K in Message["key"]]: (p: Params<K>, w: (m: Message) => string) => string };

// ---- English

const recordEn: { [K in RecordKind]: string } = {
  paper: "paper",
  campaign: "campaign",
  official: "official",
  engagement: "engagement",
  packet: "packet",
};

const listEn: { [K in WordList]: string } = {
  language: "language",
  status: "status",
  engagement_kind: "kind",
  chamber: "chamber",
  role_kind: "role kind",
  search_kind: "kind",
  paper_size: "paper size",
  report_format: "report format",
  corpus_size: "corpus size",
};

const kindEn: { [K in EngagementKind]: string } = { meeting: "meeting", call: "call", letter: "letter", mailing: "mailing" };

function sizeEn(bytes: number): string {
  const mb = 1024 * 1024;
  return bytes >= mb ? `${(bytes / mb).toFixed(1)} MB` : `${bytes} bytes`;
}

// "a, b or c" (as the core's `or_list` words it), "a, b ou c" in French.
function orList(words: string[], or: string): string {
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} ${or} ${words[words.length - 1]}` : words.join("");
}

function articleEn(kind: string): string {
  return /^[AEFHILMNORSX]/.test(kind) ? "an" : "a";
}

const locationAdviceEn =
  "move the library to a local folder that is not synced, and keep copies in the synced or shared folder with backups (Settings) instead";

export const english: Wording = {
  not_found: (p) => `${recordEn[p.what]} ${p.id} does not exist`,
  no_version: (p) => `version ${p.version} of paper ${p.paper} does not exist`,
  no_published_version: (p) => (p.on ? `paper ${p.paper} had no published version on ${p.on}` : `paper ${p.paper} has no published version`),
  no_packet_item: (p) => `item ${p.item} of packet ${p.packet} does not exist`,
  no_original: (p) =>
    p.version === null ? `paper ${p.paper} has no imported file` : `version ${p.version} of paper ${p.paper} has no imported file`,

  no_library: (p) => `there is no library at ${p.path}`,
  library_is_link: (p) =>
    `${p.path} is a symbolic link; Dossier opens a library only where it really is: open the folder the link points to`,
  schema_unexpected: (p) => `the database was altered outside Dossier (${p.objects}); it was not opened: restore a backup`,
  too_new: (p) =>
    `the library at ${p.path} has schema version ${p.found}, but this Dossier understands up to version ${p.supported}: install a newer Dossier to open it`,
  not_a_library: (p, w) => `${p.path} is not a Dossier library: ${w(p.reason)}`,
  io: (p) => `${p.path}: ${p.detail}`,
  backup: (p, w) => `backup ${p.path}: ${w(p.reason)}`,
  vanished: (p) =>
    `the library folder ${p.path} was moved or deleted while it was open; nothing was saved: open the library again where it is now`,
  read_only: (p) =>
    `the library at ${p.path} is read-only; changes cannot be saved: copy it to a folder you can write to, or make it writable`,
  disk_full: (p, w) => `the disk is full: ${w(p.reason)}; nothing was saved. Free some space and try again`,
  damaged: (p, w) => `the library’s database is damaged (${p.detail}); ${w(p.advice)}`,
  restore_advice: (p) =>
    p.latest_backup
      ? `restore it from a backup: the newest automatic backup is ${p.latest_backup}`
      : `restore ${p.database} from a backup`,
  index: (p) => `search index: ${p.detail}`,
  database: (p) => `database error: ${p.detail}`,
  no_library_open: () => "no library is open: open or create one first",
  place_not_chosen: () => "that file or folder was not chosen for this; choose it again",
  link_not_openable: (p) => `${p.url} was not opened: only web addresses (http, https) and email addresses (mailto) open outside Dossier`,
  command_failed: () => "the operation failed unexpectedly; nothing it was writing was saved, and the library was opened again",
  daily_backup_failed: (p, w) => `today’s automatic backup failed: ${w(p.reason)}`,
  app_broken: () => "an earlier operation failed badly; restart Dossier",
  menu_failed: (p) => `cannot rebuild the menu: ${p.detail}`,
  viewer_failed: (p) => `cannot open the PDF viewer: ${p.detail}`,
  cache_folder_failed: (p) => `cannot make a folder for the file to print: ${p.detail}`,
  export_cancelled: () => "the export was cancelled; no file was written",

  foreign_database: (p) => `it belongs to another application (application id ${p.app_id})`,
  not_dossier_library: () => "it is a SQLite database, but not one Dossier made",
  not_dossier_backup: () => "it is a SQLite database, but not a Dossier library or backup",
  not_sqlite: (p, w) =>
    p.advice ? `the file is not a SQLite database (it may be damaged); ${w(p.advice)}` : "the file is not a SQLite database (it may be damaged)",
  unfinished_database: () => "it is a Dossier database that was never finished (schema version 0)",
  integrity_failed: (p) => `it is damaged or incomplete (integrity check: ${p.problems})`,
  file_not_sqlite: () => "the file is not a SQLite database",
  file_damaged: () => "the file is damaged or incomplete",
  file_cannot_open: () => "the file cannot be opened",
  backup_missing: () => "there is no such file",
  backup_is_folder: () => "this is a folder; choose the backup file (a .sqlite file made by a Dossier backup)",
  folder_name_not_unicode: () => "the folder’s name is not valid Unicode; choose another folder",
  copy_failed: (p) => `the database could not be copied: ${p.detail}`,
  copy_check_failed: (p, w) => `the copy failed its check (${w(p.reason)}); nothing was replaced`,
  cannot_create_folder: (p) => `cannot create the folder ${p.path}: ${p.detail}`,
  migration_backup_failed: (p, w) =>
    `${w(p.reason)}. The library needs upgrading from schema ${p.from} to ${p.to}, and is only upgraded after a backup of it has been written: it was left as it was. Make room or fix the folder’s permissions, then open it again`,

  database_cannot_grow: () => "the library’s database could not grow",
  cannot_write_to: (p) => `cannot write to ${p.path}`,
  index_cannot_be_written: () => "the search index could not be written",

  index_in_step: () => "in step with the library; checksums verified",
  index_not_built: () => "no index yet; the next search builds it",
  index_unreadable: (p) => `cannot be read (${p.detail}); the next search rebuilds it`,
  index_checksum_mismatch: (p) => `checksum mismatch in ${p.files.join(", ")}; the next search rebuilds it`,
  index_old_schema: (p) =>
    p.found === null
      ? `written with no index schema recorded, this Dossier uses ${p.current}; the next search rebuilds it`
      : `written with index schema ${p.found}, this Dossier uses ${p.current}; the next search rebuilds it`,
  index_diverged: () => "does not match the library; the next search rebuilds it",
  index_behind: (p) =>
    p.changes === 1
      ? "1 change behind the library; the next search applies it"
      : `${p.changes} changes behind the library; the next search applies them`,

  unknown_word: (p) => `unknown ${listEn[p.list]} “${p.word}”: use ${orList(p.choices, "or")}`,
  unknown_setting: (p) => `unknown setting “${p.name}”: the settings are ${p.settings.join(", ")}`,
  setting_multiline: (p) => `the ${p.setting} must be one line`,
  setting_too_long: (p) => `the ${p.setting} is ${p.chars} characters long; at most ${p.max} are allowed`,
  bad_date: (p) => `${p.what} “${p.text}” is not a date: write it as YYYY-MM-DD, e.g. 2011-06-01`,
  bad_time: (p) => `${p.what} “${p.text}” is not a time of day: write it as HH:MM, e.g. 09:30`,
  bad_moment: (p) => `${p.what} “${p.text}” is not a date and time: write it as YYYY-MM-DDTHH:MM:SS`,
  bad_month: (p) => `“${p.text}” is not a month: write it as YYYY-MM, e.g. 2026-10`,
  corpus_not_empty: () => "the corpus only fills an empty library: create one in a new folder",
  sample_not_empty: (p) => `${p.path} already holds papers or records; the sample library goes into an empty one`,
  sample_broken: (p) => `the sample library is broken: ${p.detail}`,
  no_home_folder: () => "cannot find a home folder for the default library: choose a library folder",
  library_path_is_file: (p) => `${p.path} is a file; a library is a folder`,
  library_exists: (p) => `${p.path} already holds a library; open it instead`,
  campaign_needs_title: () => "a campaign needs a title",
  campaign_needs_start: () => "a campaign needs a start date",
  campaign_ends_before_start: (p) => `the campaign ends (${p.end}) before it starts (${p.start})`,
  role_needs_title: () => "a role needs a title, e.g. “Member of Parliament”",
  role_ends_before_start: (p) => `the role “${p.title}” ends (${p.end}) before it starts (${p.start})`,
  official_needs_family_name: () => "an official needs a family name",
  official_needs_role: () => "an official needs at least one role",
  engagement_needs_subject: () => "an engagement needs a subject: one line saying what it was about",
  debrief_not_oral: (p) => `engagement ${p.engagement} is a letter or a mailing: only a meeting or a call has a debrief`,
  day_nothing_planned: (p) => `no meeting or call is planned on ${p.date}: log the day’s meetings first, each with its date and time`,
  day_folder_not_a_folder: (p) => `${p.path} is not a folder: choose the folder the day’s PDFs go in`,
  day_paper_archived: (p) => `paper ${p.paper} “${p.title}”, listed for engagement ${p.engagement}, is archived: the day’s packet for it leaves it out`,
  tag_empty: () => "a tag cannot be empty",
  tag_too_long: (p) => `tag “${p.tag}” is longer than ${p.max} characters`,
  paper_needs_title: () => "a paper needs a title: give one, or start the file with a “# Heading”",
  paper_text_empty: () => "the paper’s text is empty",
  version_needs_author: () => "a version needs an author",
  unchanged_text: (p) => `paper ${p.paper} version ${p.version} already has this text; no version was added`,
  restore_unchanged: (p) => `the latest version of paper ${p.paper} (version ${p.latest}) already has the text of version ${p.version}`,
  already_in_force: (p) => `version ${p.version} of paper ${p.paper} is already in force`,
  never_published: (p) => `paper ${p.paper} has never been published: publish a version first`,
  own_translation: () => "a paper cannot be its own translation",
  same_language: (p) => `papers ${p.a} and ${p.b} are both in ${p.lang === "fr" ? "French" : "English"}; a translation is in the other language`,
  packet_needs_title: () => "a packet needs a title",
  packet_empty: (p) => `packet ${p.packet} has no papers yet: add one before exporting`,
  packet_add_archived: (p) => `paper ${p.paper} “${p.title}” is archived and cannot go in packet ${p.packet}: pick another paper`,
  packet_add_unpublished: (p) =>
    `paper ${p.paper} “${p.title}” has no published version yet: packet ${p.packet} cannot be printed until it is published or a version is pinned`,
  packet_paper_archived: (p) =>
    `paper ${p.paper} “${p.title}” has been archived since it was added: remove it from the packet or pick another paper`,
  packet_paper_unpublished: (p) =>
    `paper ${p.paper} “${p.title}” has no published version, and the packet asks for the latest published one: publish it or pick a version`,
  packet_body_too_long: (p) =>
    `paper ${p.paper} “${p.title}” version ${p.version} has a body of ${p.megabytes.toFixed(1)} MB; a packet prints bodies up to ${p.limit_kb} KB: shorten the paper or leave it out of the packet`,
  font_unreadable: () => "a bundled font could not be read: reinstall Dossier",
  pdf_not_assembled: (p) => `the PDF could not be assembled: ${p.detail}`,
  index_busy: () => "another Dossier window or process has been updating the search index for two minutes; try again when it is done",
  search_query_too_long: (p) =>
    `the search is ${p.chars} characters long; at most ${p.max} are allowed: search for fewer words or a shorter phrase`,
  search_too_many_terms: (p) =>
    `the search has ${p.terms} words, phrases or prefixes; at most ${p.max} are allowed, and each must match: search for the few words that matter`,
  no_output_file: () => "no output file given: choose the PDF to write",
  no_backup_file: () => "no backup file given: choose the file to write, e.g. dossier-backup.sqlite",
  not_a_file_name: (p) => `${p.path} is not a file name`,
  no_such_folder: (p) => `cannot write ${p.path}: the folder ${p.folder} does not exist (or is not a folder); create it or choose another`,
  target_is_folder: (p) => `${p.path} is a folder: choose a file to write`,
  backup_target_is_folder: (p) => `${p.path} is a folder: choose the backup file to write`,
  target_wrong_extension: (p) => `${p.path}: the name must end in .${p.extension}, the kind of file written`,
  target_other_kind: (p) => `${p.path} exists and is not a ${p.kind} file; it was left as it is: choose another name`,
  target_not_a_file: (p) => `${p.path} is a link or a device, not a plain file; it was left as it is: choose another name`,
  target_exists: (p) => `${p.path} exists already; it was left as it is`,
  restore_no_folder: () => "no folder given: choose a folder for the new library",
  restore_into_file: (p) => `${p.path} is a file; restore into a folder`,
  restore_target_has_library: (p) => `${p.path} already holds a library; restore into a new folder, or move that library away first`,

  unreadable_in_folder: (p) => `${p.path}: cannot be read (${p.detail})`,
  link_not_followed: (p) =>
    `${p.path}: a symbolic link, not followed: links inside an imported folder could lead anywhere on the disk (import what it points to by itself to include it)`,
  other_language: (p) =>
    `${p.path}: the text looks like ${p.language}, and papers are kept in English or French (choose English or French to import it anyway)`,
  unknown_language: (p) => `${p.path}: too little text to tell its language (choose English or French)`,
  no_extension: (p) => `${p.path}: the file has no extension, so its format is unknown (supported: ${p.supported})`,
  unsupported_extension: (p) => `${p.path}: .${p.extension} files are not supported (supported: ${p.supported})`,
  file_empty: (p) => `${p.path}: the file is empty`,
  file_has_no_text: (p) => `${p.path}: the file has no text`,
  not_text: (p) =>
    `${p.path} is named .${p.extension} but holds binary data, not text: open it in the program that made it and save it as text`,
  file_has_only_title: (p) => `${p.path}: the file has a title but no text`,
  no_such_file: (p) => `${p.path}: no such file`,
  is_a_folder: (p) => `${p.path} is a folder; choose a file`,
  file_too_large: (p) => `${p.path}: the file is ${sizeEn(p.size)} but the limit is ${sizeEn(p.limit)}`,
  xml_malformed: (p) => `${p.path}: ${p.part} is not well-formed XML (${p.detail})`,
  not_zip: (p) => `${p.path}: not ${articleEn(p.kind)} ${p.kind} file: it is not a ZIP archive (${p.detail})`,
  zip_damaged: (p) => `${p.path}: the ${p.kind} file is damaged: ${p.part}: ${p.detail}`,
  zip_encrypted: (p) => `${p.path}: the ${p.kind} file is password-protected; save an unprotected copy and import that`,
  zip_bomb: (p) =>
    `${p.path}: the ${p.kind} file inflates far beyond its size (${p.part} alone is more than ${p.limit_mb} MB); it looks like a ZIP bomb and was not read`,
  parliament_no_files: () => "give at least one of Parliament’s files",
  parliament_file_unknown: (p) =>
    `${p.path}: not one of Parliament’s files Dossier reads (the House of Commons’ Members as XML or CSV, a Member’s roles as XML, the Senate’s list of Senators saved as a web page)`,
  parliament_no_records: (p) => `${p.path}: the file lists no office holders`,
  parliament_no_senators: (p) => `${p.path}: the page has no table of Senators (with their name, affiliation and province)`,
  parliament_csv_headers: (p) =>
    `${p.path}: the columns are not those of the House of Commons’ Members (First Name, Last Name, Constituency, Political Affiliation, Start Date); found: ${p.found.join(", ")}`,
  parliament_bad_record: (p, w) => `${p.path}: record ${p.record}: ${w(p.detail)}`,
  parliament_no_name: () => "it has no last name",
  parliament_bad_date: (p) => `${p.field} “${p.value}” is not a date`,
  parliament_bad_field: (p) => `${p.field} “${p.value}” cannot be read`,
  parliament_files_refused: (p, w) => `nothing was imported: ${p.refusals.map(w).join("; ")}`,
  html_too_complex: (p) =>
    `${p.path}: a tag of the HTML file has ${p.attributes} attributes, far beyond any page; it may have been made to exhaust the reader and was not read`,
  zip_part_missing: (p) => `${p.path}: not ${articleEn(p.kind)} ${p.kind} file: it has no ${p.part}`,
  not_pdf: (p) => `${p.path}: not a PDF file (it does not start with %PDF-)`,
  pdf_encrypted: (p) => `${p.path}: the PDF is encrypted (password-protected); save an unprotected copy and import that`,
  pdf_damaged: (p) => `${p.path}: the PDF is damaged and cannot be read (${p.detail})`,
  pdf_no_text: (p) => `${p.path}: the PDF has no text layer (it is probably a scan); run it through text recognition (OCR) first`,
  pdf_too_complex: (p) =>
    `${p.path}: the PDF asks for more than ${p.limit_mb} MB of page content or ${p.operations} drawing instructions, far beyond any document; it may have been made to exhaust memory and was not read`,
  not_utf8: (p) => `not UTF-8 (first bad byte ${p.byte} on line ${p.line}); read as Windows-1252`,

  location_cloud: (p) =>
    `the library ${p.path} is inside a ${p.service} folder: syncing copies the database while it is being written, which can corrupt it; ${locationAdviceEn}`,
  location_network: (p) =>
    `the library ${p.path} is on ${p.filesystem ? `a network file system (${p.filesystem})` : "a network share"}: SQLite’s locking is unreliable there and the database can be corrupted; ${locationAdviceEn}`,

  report_no_registrant: () =>
    "no registrant is set: the report is filed under the name of the most senior paid officer; set the registrant in Settings",
  report_not_oral: (p) =>
    `engagement ${p.engagement} on ${p.date}${p.officials.length ? ` with ${p.officials.join(", ")}` : ""} is a ${kindEn[p.kind]} flagged reportable: letters and mailings are not reported in the monthly communication report, so it is listed apart, not as a row; check its kind, or clear the flag`,
  report_no_office_holder: (p) =>
    `engagement ${p.engagement} on ${p.date} (${kindEn[p.kind]}) is flagged reportable but names no office holder, so it gives no row: add the officials who took part`,
  report_no_position_title: (p) =>
    `engagement ${p.engagement} on ${p.date} with ${p.official}: no role in force on that date, so no position title, branch or institution; record the role`,
  report_no_institution: (p) =>
    `engagement ${p.engagement} on ${p.date} with ${p.official}: the role “${p.role}” names no federal institution; record it`,
  row_no_position_title: () => "no position title: no role in force on this date",
  row_no_institution: () => "no institution",
  row_no_registrant: () => "no registrant set",
  letters_not_reported: () => "letters and mailings are not reported in the monthly communication report",
  report_no_subject_matters: (p) =>
    `engagement ${p.engagement} on ${p.date} (${kindEn[p.kind]})${p.officials.length ? ` with ${p.officials.join(", ")}` : ""} has no subject matter: the Registry needs at least one; choose its subject matters`,
  row_no_subject_matters: () => "no subject matter",
  registry_wrong_file: (p) =>
    p.missing.length === 0
      ? `${p.path} is not the Registry of Lobbyists’ ${p.file}: it holds far more rows than that file has; nothing was changed`
      : `${p.path} is not the Registry of Lobbyists’ ${p.file}: it lacks the column${p.missing.length === 1 ? "" : "s"} ${p.missing.join(", ")} (${p.found.length ? `its columns are ${p.found.join(", ")}` : "no header at all"}); nothing was changed`,
  registry_record_too_long: (p) =>
    `${p.path}: the record starting on line ${p.line} is longer than ${p.limit_kb} KB, far beyond any the Registry writes; the file is damaged or not one of the Registry’s, and nothing was changed`,
  registry_no_rows: (p) => `${p.path} holds no rows: it is not a complete ${p.file}; nothing was changed`,
  registry_not_a_folder: (p) => `${p.path} is not a folder: choose the folder holding the Registry of Lobbyists’ CSV files`,
  registry_primary_missing: (p) =>
    `${p.folder} holds no Communication_PrimaryExport.csv: unzip the Registry of Lobbyists’ communication reports download into it`,
  registry_numbers_not_set: () =>
    "the organisation’s registry numbers are not set: enter the registration and corporation numbers it files under (several, comma-separated) in Settings",
  registry_number_bad: (p) =>
    `“${p.text}” is not a registry number: use letters, digits and dashes, and separate numbers with commas`,
  subject_code_bad: (p) =>
    `${p.path}, line ${p.line}: “${p.text}” is not a subject-matter code with a name (codes look like SMT-17); nothing was changed`,
  subject_code_unknown: (p) =>
    `“${p.code}” is not a subject matter of this library: choose one of its list, or import the Registry’s codes file`,

  sync_schema_mismatch: (p) => `a change to ${p.table} does not fit this library's tables`,
  sync_not_in_team: () => "this library is not part of a team library yet",
  sync_folder_unreachable: (p) =>
    `the team folder ${p.folder} cannot be reached (${p.detail}); changes wait in this library until it can`,
  sync_not_team_folder: (p) => `${p.folder} holds no team library`,
  sync_already_in_team: (p) => `this library is already part of the team library in ${p.folder}`,
  sync_join_needs_empty: (p) =>
    `${p.path} already holds papers or records: a device joins a team library with a new, empty library`,
  sync_no_snapshot: (p) =>
    `the team folder ${p.folder} holds no complete copy of the library yet; try again once it has finished syncing`,
  sync_team_full: (p) => `the team library already has ${p.slots} devices; one must leave before another can join`,
  sync_slot_taken: (p) =>
    `device ${p.other} joined at the same moment and took the same place (${p.slot}): leave the team library on this computer and join again`,
  sync_sequence_reused: (p) =>
    `this computer's change file ${p.seq} already exists with other changes, so this library was restored from an older copy: leave the team library and join again`,
  sync_device_name: (p) => `“${p.name}” cannot name a device: use 1 to 40 letters, digits, spaces, dots or dashes`,
  sync_newer_format: (p) =>
    `changes from ${p.device} (file ${p.seq}) were written by a newer Dossier (schema ${p.schema}); they wait until this one is updated`,
  sync_file_incomplete: (p) => `change file ${p.seq} from ${p.device} is incomplete or damaged; it is read again at the next sync`,
  sync_file_quarantined: (p, w) =>
    `change file ${p.seq} from ${p.device} is set aside and not applied: ${w(p.reason)}; the other changes go on`,
  sync_not_regular_file: () => `it is a link, a folder or a special file, not a regular file`,
  sync_file_too_large: (p) => `it is larger than ${p.limit_mb} MB`,
  sync_file_malformed: () => `its content is not what its header says`,
  sync_unknown_table: (p) => `it changes ${p.table}, which is not a table of the library`,
  sync_wrong_value: (p) => `it puts a value in ${p.table}.${p.column} of a type that field cannot hold`,
  sync_clock_ahead: (p) => `it is dated ${p.dated}, more than a day ahead of this computer’s clock and of every change seen`,
  sync_change_failed: (p) => `the library refused one of its changes (${p.detail})`,
  no_conflict: (p) => `there is no conflict ${p.id}`,
  conflict_record_gone: (p) => `the record of conflict ${p.id} was removed, so its value cannot be brought back`,
  conflict_already_kept: (p) => `the value of conflict ${p.id} was already brought back`,
  public_copy_over_library: (p) =>
    `${p.path} holds a library that is not a public copy; a public copy goes into an empty folder or over an older public copy`,
  public_copy_over_foreign: (p) =>
    `${p.path} is not part of a public copy made by Dossier, and writing the copy would replace it; nothing was changed. A public copy goes into an empty folder or over an older public copy`,

  json_failed: (p) => `cannot write JSON: ${p.detail}`,
  bad_paper_ref: (p) => `“${p.text}” is not a paper: write ID or ID@VERSION, e.g. 3 or 3@2`,
  report_needs_file: () => "a PDF report needs a file to write",
  report_format_unknown: (p) => `cannot tell the format of ${p.path} from its name: name a .csv or .pdf file`,
};

// ---- French (Canadian usage, as in the interface: document, titulaire,
// trousse, interaction)

const recordFr: { [K in RecordKind]: string } = {
  paper: "Le document",
  campaign: "La campagne",
  official: "Le ou la titulaire",
  engagement: "L’interaction",
  packet: "La trousse",
};

const listFr: { [K in WordList]: string } = {
  language: "Langue inconnue",
  status: "Statut inconnu",
  engagement_kind: "Type inconnu",
  chamber: "Chambre inconnue",
  role_kind: "Type de rôle inconnu",
  search_kind: "Type inconnu",
  paper_size: "Format de papier inconnu",
  report_format: "Format de rapport inconnu",
  corpus_size: "Taille de corpus inconnue",
};

const kindFr: { [K in EngagementKind]: string } = { meeting: "une rencontre", call: "un appel", letter: "une lettre", mailing: "un envoi" };

const langFr: { [K in Lang]: string } = { en: "anglais", fr: "français" };

function sizeFr(bytes: number): string {
  const mb = 1024 * 1024;
  return bytes >= mb ? `${(bytes / mb).toFixed(1).replace(".", ",")} Mo` : `${bytes} octets`;
}

const locationAdviceFr =
  "déplacez la bibliothèque dans un dossier local non synchronisé, et placez plutôt des copies (sauvegardes, dans les Réglages) dans le dossier synchronisé ou partagé";

// Messages that wrap another start with it in lower case in English; in
// French the inner sentence follows a colon or parentheses, so it is worded
// as it comes.
export const french: Wording = {
  not_found: (p) => `${recordFr[p.what]} ${p.id} n’existe pas.`,
  no_version: (p) => `La version ${p.version} du document ${p.paper} n’existe pas.`,
  no_published_version: (p) =>
    p.on ? `Le document ${p.paper} n’avait aucune version publiée le ${p.on}.` : `Le document ${p.paper} n’a aucune version publiée.`,
  no_packet_item: (p) => `L’élément ${p.item} de la trousse ${p.packet} n’existe pas.`,
  no_original: (p) =>
    p.version === null
      ? `Le document ${p.paper} n’a pas de fichier importé.`
      : `La version ${p.version} du document ${p.paper} n’a pas de fichier importé.`,

  no_library: (p) => `Il n’y a pas de bibliothèque dans ${p.path}.`,
  library_is_link: (p) =>
    `${p.path} est un lien symbolique ; Dossier n’ouvre une bibliothèque que là où elle se trouve vraiment : ouvrez le dossier vers lequel pointe le lien.`,
  schema_unexpected: (p) =>
    `La base de données a été modifiée en dehors de Dossier (${p.objects}) ; elle n’a pas été ouverte : restaurez une sauvegarde.`,
  too_new: (p) =>
    `La bibliothèque ${p.path} utilise le schéma ${p.found}, mais cette version de Dossier ne comprend que jusqu’au schéma ${p.supported} : installez une version plus récente de Dossier pour l’ouvrir.`,
  not_a_library: (p, w) => `${p.path} n’est pas une bibliothèque Dossier : ${w(p.reason)}`,
  io: (p) => `${p.path} : ${p.detail}`,
  backup: (p, w) => `Sauvegarde ${p.path} : ${w(p.reason)}`,
  vanished: (p) =>
    `Le dossier de la bibliothèque ${p.path} a été déplacé ou supprimé pendant qu’il était ouvert ; rien n’a été enregistré. Rouvrez la bibliothèque à son nouvel emplacement.`,
  read_only: (p) =>
    `La bibliothèque ${p.path} est en lecture seule ; les modifications ne peuvent pas être enregistrées. Copiez-la dans un dossier où vous pouvez écrire, ou rendez-la modifiable.`,
  disk_full: (p, w) => `Le disque est plein (${w(p.reason)}) ; rien n’a été enregistré. Libérez de l’espace et réessayez.`,
  damaged: (p, w) => `La base de données de la bibliothèque est endommagée (${p.detail}). ${w(p.advice)}`,
  restore_advice: (p) =>
    p.latest_backup
      ? `Restaurez-la à partir d’une sauvegarde : la sauvegarde automatique la plus récente est ${p.latest_backup}.`
      : `Restaurez ${p.database} à partir d’une sauvegarde.`,
  index: (p) => `Index de recherche : ${p.detail}`,
  database: (p) => `Erreur de base de données : ${p.detail}`,
  no_library_open: () => "Aucune bibliothèque n’est ouverte : ouvrez-en une ou créez-en une d’abord.",
  place_not_chosen: () => "Ce fichier ou ce dossier n’a pas été choisi pour cela ; choisissez-le de nouveau.",
  link_not_openable: (p) =>
    `${p.url} n’a pas été ouvert : seules les adresses web (http, https) et de courriel (mailto) s’ouvrent hors de Dossier.`,
  command_failed: () =>
    "L’opération a échoué de façon inattendue ; rien de ce qu’elle écrivait n’a été enregistré, et la bibliothèque a été rouverte.",
  daily_backup_failed: (p, w) => `La sauvegarde automatique du jour a échoué : ${w(p.reason)}`,
  app_broken: () => "Une opération précédente a gravement échoué ; redémarrez Dossier.",
  menu_failed: (p) => `Impossible de reconstruire le menu : ${p.detail}`,
  viewer_failed: (p) => `Impossible d’ouvrir la visionneuse PDF : ${p.detail}`,
  cache_folder_failed: (p) => `Impossible de créer un dossier pour le fichier à imprimer : ${p.detail}`,
  export_cancelled: () => "L’exportation a été annulée ; aucun fichier n’a été écrit.",

  foreign_database: (p) => `il appartient à une autre application (identifiant d’application ${p.app_id}).`,
  not_dossier_library: () => "c’est une base de données SQLite, mais elle n’a pas été créée par Dossier.",
  not_dossier_backup: () => "c’est une base de données SQLite, mais ni une bibliothèque ni une sauvegarde Dossier.",
  not_sqlite: (p, w) =>
    p.advice
      ? `le fichier n’est pas une base de données SQLite (il est peut-être endommagé). ${w(p.advice)}`
      : "le fichier n’est pas une base de données SQLite (il est peut-être endommagé).",
  unfinished_database: () => "c’est une base de données Dossier qui n’a jamais été terminée (schéma 0).",
  integrity_failed: (p) => `elle est endommagée ou incomplète (vérification d’intégrité : ${p.problems}).`,
  file_not_sqlite: () => "le fichier n’est pas une base de données SQLite.",
  file_damaged: () => "le fichier est endommagé ou incomplet.",
  file_cannot_open: () => "le fichier ne peut pas être ouvert.",
  backup_missing: () => "ce fichier n’existe pas.",
  backup_is_folder: () => "c’est un dossier ; choisissez le fichier de sauvegarde (un fichier .sqlite créé par une sauvegarde Dossier).",
  folder_name_not_unicode: () => "le nom du dossier n’est pas de l’Unicode valide ; choisissez un autre dossier.",
  copy_failed: (p) => `la base de données n’a pas pu être copiée : ${p.detail}`,
  copy_check_failed: (p, w) => `la copie n’a pas passé la vérification (${w(p.reason)}) ; rien n’a été remplacé.`,
  cannot_create_folder: (p) => `impossible de créer le dossier ${p.path} : ${p.detail}`,
  migration_backup_failed: (p, w) =>
    `${w(p.reason)} La bibliothèque doit passer du schéma ${p.from} au schéma ${p.to}, et n’est mise à niveau qu’une fois une sauvegarde écrite : elle a été laissée telle quelle. Libérez de l’espace ou corrigez les permissions du dossier, puis rouvrez-la.`,

  database_cannot_grow: () => "la base de données de la bibliothèque n’a pas pu s’agrandir",
  cannot_write_to: (p) => `impossible d’écrire dans ${p.path}`,
  index_cannot_be_written: () => "l’index de recherche n’a pas pu être écrit",

  index_in_step: () => "À jour avec la bibliothèque ; sommes de contrôle vérifiées.",
  index_not_built: () => "Pas encore d’index ; la prochaine recherche le construira.",
  index_unreadable: (p) => `Illisible (${p.detail}) ; la prochaine recherche le reconstruira.`,
  index_checksum_mismatch: (p) =>
    `Sommes de contrôle erronées dans ${p.files.join(", ")} ; la prochaine recherche le reconstruira.`,
  index_old_schema: (p) =>
    p.found === null
      ? `Écrit sans schéma d’index enregistré, alors que cette version de Dossier utilise le schéma ${p.current} ; la prochaine recherche le reconstruira.`
      : `Écrit avec le schéma d’index ${p.found}, alors que cette version de Dossier utilise le schéma ${p.current} ; la prochaine recherche le reconstruira.`,
  index_diverged: () => "Ne correspond pas à la bibliothèque ; la prochaine recherche le reconstruira.",
  index_behind: (p) =>
    p.changes === 1
      ? "En retard d’une modification sur la bibliothèque ; la prochaine recherche l’appliquera."
      : `En retard de ${p.changes} modifications sur la bibliothèque ; la prochaine recherche les appliquera.`,

  unknown_word: (p) => `${listFr[p.list]} « ${p.word} » : choisissez ${orList(p.choices, "ou")}.`,
  unknown_setting: (p) => `Réglage inconnu « ${p.name} » : les réglages sont ${p.settings.join(", ")}.`,
  setting_multiline: (p) => `Le réglage « ${p.setting} » doit tenir sur une seule ligne.`,
  setting_too_long: (p) => `Le réglage « ${p.setting} » compte ${p.chars} caractères ; le maximum est ${p.max}.`,
  bad_date: (p) => `${p.what} « ${p.text} » n’est pas une date : écrivez-la AAAA-MM-JJ, p. ex. 2011-06-01.`,
  bad_time: (p) => `${p.what} « ${p.text} » n’est pas une heure : écrivez-la HH:MM, p. ex. 09:30.`,
  bad_moment: (p) => `${p.what} « ${p.text} » n’est pas une date et heure : écrivez-la AAAA-MM-JJTHH:MM:SS.`,
  bad_month: (p) => `« ${p.text} » n’est pas un mois : écrivez-le AAAA-MM, p. ex. 2026-10.`,
  corpus_not_empty: () => "Le corpus ne remplit qu’une bibliothèque vide : créez-en une dans un nouveau dossier.",
  sample_not_empty: (p) =>
    `${p.path} contient déjà des documents ou des fiches ; la bibliothèque d’exemple s’installe dans une bibliothèque vide.`,
  sample_broken: (p) => `La bibliothèque d’exemple est endommagée : ${p.detail}`,
  no_home_folder: () => "Impossible de trouver un dossier personnel pour la bibliothèque par défaut : choisissez un dossier.",
  library_path_is_file: (p) => `${p.path} est un fichier ; une bibliothèque est un dossier.`,
  library_exists: (p) => `${p.path} contient déjà une bibliothèque ; ouvrez-la plutôt.`,
  campaign_needs_title: () => "Une campagne doit avoir un titre.",
  campaign_needs_start: () => "Une campagne doit avoir une date de début.",
  campaign_ends_before_start: (p) => `La campagne se termine (${p.end}) avant de commencer (${p.start}).`,
  role_needs_title: () => "Une fonction doit avoir un titre, p. ex. « Député ».",
  role_ends_before_start: (p) => `La fonction « ${p.title} » se termine (${p.end}) avant de commencer (${p.start}).`,
  official_needs_family_name: () => "Un ou une titulaire doit avoir un nom de famille.",
  official_needs_role: () => "Un ou une titulaire doit avoir au moins une fonction.",
  engagement_needs_subject: () => "Une interaction doit avoir un objet : une ligne qui dit de quoi il s’agissait.",
  debrief_not_oral: (p) => `L’interaction ${p.engagement} est une lettre ou un envoi : seules une rencontre ou un appel ont un compte rendu.`,
  day_nothing_planned: (p) => `Aucune rencontre ni aucun appel n’est prévu le ${p.date} : inscrivez d’abord les rencontres de la journée, chacune avec sa date et son heure.`,
  day_folder_not_a_folder: (p) => `${p.path} n’est pas un dossier : choisissez le dossier où enregistrer les PDF de la journée.`,
  day_paper_archived: (p) => `Le document ${p.paper} « ${p.title} », prévu pour l’interaction ${p.engagement}, est archivé : la trousse de la journée le laisse de côté.`,
  tag_empty: () => "Un mot-clé ne peut pas être vide.",
  tag_too_long: (p) => `Le mot-clé « ${p.tag} » dépasse ${p.max} caractères.`,
  paper_needs_title: () => "Un document doit avoir un titre : donnez-en un, ou commencez le fichier par un « # Titre ».",
  paper_text_empty: () => "Le texte du document est vide.",
  version_needs_author: () => "Une version doit avoir un auteur ou une autrice.",
  unchanged_text: (p) => `La version ${p.version} du document ${p.paper} a déjà ce texte ; aucune version n’a été ajoutée.`,
  restore_unchanged: (p) =>
    `La dernière version du document ${p.paper} (version ${p.latest}) a déjà le texte de la version ${p.version}.`,
  already_in_force: (p) => `La version ${p.version} du document ${p.paper} est déjà en vigueur.`,
  never_published: (p) => `Le document ${p.paper} n’a jamais été publié : publiez d’abord une version.`,
  own_translation: () => "Un document ne peut pas être sa propre traduction.",
  same_language: (p) =>
    `Les documents ${p.a} et ${p.b} sont tous deux en ${langFr[p.lang]} ; une traduction est dans l’autre langue.`,
  packet_needs_title: () => "Une trousse doit avoir un titre.",
  packet_empty: (p) => `La trousse ${p.packet} ne contient encore aucun document : ajoutez-en un avant d’exporter.`,
  packet_add_archived: (p) => `Le document ${p.paper} « ${p.title} » est archivé et ne peut pas entrer dans la trousse ${p.packet} : choisissez-en un autre.`,
  packet_add_unpublished: (p) =>
    `Le document ${p.paper} « ${p.title} » n’a pas encore de version publiée : la trousse ${p.packet} ne pourra pas être imprimée tant qu’il ne sera pas publié ou qu’une version précise ne sera pas choisie.`,
  packet_paper_archived: (p) =>
    `Le document ${p.paper} « ${p.title} » a été archivé depuis son ajout : retirez-le de la trousse ou choisissez un autre document.`,
  packet_paper_unpublished: (p) =>
    `Le document ${p.paper} « ${p.title} » n’a aucune version publiée, et la trousse demande la dernière version publiée : publiez-le ou choisissez une version.`,
  packet_body_too_long: (p) =>
    `La version ${p.version} du document ${p.paper} « ${p.title} » fait ${p.megabytes.toFixed(1).replace(".", ",")} Mo ; une trousse imprime des textes d’au plus ${p.limit_kb} Ko : raccourcissez le document ou retirez-le de la trousse.`,
  font_unreadable: () => "Une police fournie avec Dossier n’a pas pu être lue : réinstallez Dossier.",
  pdf_not_assembled: (p) => `Le PDF n’a pas pu être assemblé : ${p.detail}`,
  index_busy: () =>
    "Une autre fenêtre ou un autre processus Dossier met à jour l’index de recherche depuis deux minutes ; réessayez quand ce sera terminé.",
  search_query_too_long: (p) =>
    `La recherche compte ${p.chars} caractères ; le maximum est ${p.max} : cherchez moins de mots ou une expression plus courte.`,
  search_too_many_terms: (p) =>
    `La recherche compte ${p.terms} mots, expressions ou préfixes ; le maximum est ${p.max}, et chacun doit être trouvé : cherchez les quelques mots qui comptent.`,
  no_output_file: () => "Aucun fichier de sortie : choisissez le PDF à écrire.",
  no_backup_file: () => "Aucun fichier de sauvegarde : choisissez le fichier à écrire, p. ex. dossier-sauvegarde.sqlite.",
  not_a_file_name: (p) => `${p.path} n’est pas un nom de fichier.`,
  no_such_folder: (p) =>
    `Impossible d’écrire ${p.path} : le dossier ${p.folder} n’existe pas (ou n’est pas un dossier) ; créez-le ou choisissez-en un autre.`,
  target_is_folder: (p) => `${p.path} est un dossier : choisissez un fichier à écrire.`,
  backup_target_is_folder: (p) => `${p.path} est un dossier : choisissez le fichier de sauvegarde à écrire.`,
  target_wrong_extension: (p) => `${p.path} : le nom doit se terminer par .${p.extension}, le type du fichier écrit.`,
  target_other_kind: (p) => `${p.path} existe et n’est pas un fichier ${p.kind} ; il a été laissé tel quel : choisissez un autre nom.`,
  target_not_a_file: (p) =>
    `${p.path} est un lien ou un périphérique, pas un fichier ordinaire ; il a été laissé tel quel : choisissez un autre nom.`,
  target_exists: (p) => `${p.path} existe déjà ; il a été laissé tel quel.`,
  restore_no_folder: () => "Aucun dossier : choisissez un dossier pour la nouvelle bibliothèque.",
  restore_into_file: (p) => `${p.path} est un fichier ; restaurez dans un dossier.`,
  restore_target_has_library: (p) =>
    `${p.path} contient déjà une bibliothèque ; restaurez dans un nouveau dossier, ou déplacez d’abord cette bibliothèque.`,

  unreadable_in_folder: (p) => `${p.path} : illisible (${p.detail})`,
  link_not_followed: (p) =>
    `${p.path} : lien symbolique, non suivi : les liens d’un dossier importé pourraient mener n’importe où sur le disque (importez seul ce vers quoi il pointe pour l’inclure).`,
  other_language: (p) =>
    `${p.path} : le texte semble être en ${p.language}, et les documents sont conservés en français ou en anglais (choisissez le français ou l’anglais pour l’importer quand même).`,
  unknown_language: (p) => `${p.path} : trop peu de texte pour en reconnaître la langue (choisissez le français ou l’anglais).`,
  no_extension: (p) => `${p.path} : le fichier n’a pas d’extension, son format est donc inconnu (formats acceptés : ${p.supported}).`,
  unsupported_extension: (p) => `${p.path} : les fichiers .${p.extension} ne sont pas acceptés (formats acceptés : ${p.supported}).`,
  file_empty: (p) => `${p.path} : le fichier est vide.`,
  file_has_no_text: (p) => `${p.path} : le fichier ne contient pas de texte.`,
  not_text: (p) =>
    `${p.path} porte l’extension .${p.extension}, mais contient des données binaires, pas du texte : ouvrez-le dans le programme qui l’a créé et enregistrez-le en texte.`,
  file_has_only_title: (p) => `${p.path} : le fichier a un titre, mais pas de texte.`,
  no_such_file: (p) => `${p.path} : ce fichier n’existe pas.`,
  is_a_folder: (p) => `${p.path} est un dossier ; choisissez un fichier.`,
  file_too_large: (p) => `${p.path} : le fichier fait ${sizeFr(p.size)}, mais la limite est de ${sizeFr(p.limit)}.`,
  xml_malformed: (p) => `${p.path} : ${p.part} n’est pas du XML bien formé (${p.detail}).`,
  not_zip: (p) => `${p.path} : ce n’est pas un fichier ${p.kind} : ce n’est pas une archive ZIP (${p.detail}).`,
  zip_damaged: (p) => `${p.path} : le fichier ${p.kind} est endommagé : ${p.part} : ${p.detail}`,
  zip_encrypted: (p) =>
    `${p.path} : le fichier ${p.kind} est protégé par un mot de passe ; enregistrez-en une copie non protégée et importez celle-ci.`,
  zip_bomb: (p) =>
    `${p.path} : le fichier ${p.kind} se décompresse bien au-delà de sa taille (${p.part} seul dépasse ${p.limit_mb} Mo) ; il ressemble à une bombe ZIP et n’a pas été lu.`,
  parliament_no_files: () => "Donnez au moins un des fichiers du Parlement.",
  parliament_file_unknown: (p) =>
    `${p.path} : ce n’est pas un des fichiers du Parlement que Dossier lit (les députés de la Chambre des communes en XML ou CSV, les rôles d’un député en XML, la liste des sénateurs enregistrée comme page Web).`,
  parliament_no_records: (p) => `${p.path} : le fichier ne nomme aucun titulaire de charge.`,
  parliament_no_senators: (p) => `${p.path} : la page n’a pas de tableau des sénateurs (avec leur nom, leur affiliation et leur province).`,
  parliament_csv_headers: (p) =>
    `${p.path} : les colonnes ne sont pas celles des députés de la Chambre des communes (prénom, nom, circonscription, affiliation politique, date de début) ; trouvées : ${p.found.join(", ")}`,
  parliament_bad_record: (p, w) => `${p.path} : fiche ${p.record} : ${w(p.detail)}`,
  parliament_no_name: () => "elle n’a pas de nom de famille",
  parliament_bad_date: (p) => `${p.field} « ${p.value} » n’est pas une date`,
  parliament_bad_field: (p) => `${p.field} « ${p.value} » ne peut pas être lu`,
  parliament_files_refused: (p, w) => `Rien n’a été importé : ${p.refusals.map(w).join(" ; ")}`,
  html_too_complex: (p) =>
    `${p.path} : une balise du fichier HTML a ${p.attributes} attributs, bien au-delà de toute page ; il a peut-être été fait pour épuiser le lecteur et n’a pas été lu.`,
  zip_part_missing: (p) => `${p.path} : ce n’est pas un fichier ${p.kind} : il n’a pas de ${p.part}.`,
  not_pdf: (p) => `${p.path} : ce n’est pas un fichier PDF (il ne commence pas par %PDF-).`,
  pdf_encrypted: (p) =>
    `${p.path} : le PDF est chiffré (protégé par un mot de passe) ; enregistrez-en une copie non protégée et importez celle-ci.`,
  pdf_damaged: (p) => `${p.path} : le PDF est endommagé et ne peut pas être lu (${p.detail}).`,
  pdf_no_text: (p) =>
    `${p.path} : le PDF n’a pas de couche texte (c’est sans doute une numérisation) ; passez-le d’abord dans un logiciel de reconnaissance de texte (ROC).`,
  pdf_too_complex: (p) =>
    `${p.path} : le PDF demande plus de ${p.limit_mb} Mo de contenu de page ou ${p.operations} instructions de dessin, bien au-delà de tout document ; il a peut-être été fait pour épuiser la mémoire et n’a pas été lu.`,
  not_utf8: (p) => `pas en UTF-8 (premier octet invalide ${p.byte} à la ligne ${p.line}) ; lu comme du Windows-1252`,

  location_cloud: (p) =>
    `La bibliothèque ${p.path} se trouve dans un dossier ${p.service} : la synchronisation copie la base de données pendant qu’elle est écrite, ce qui peut l’endommager ; ${locationAdviceFr}.`,
  location_network: (p) =>
    `La bibliothèque ${p.path} se trouve sur ${p.filesystem ? `un système de fichiers réseau (${p.filesystem})` : "un partage réseau"} : le verrouillage de SQLite n’y est pas fiable et la base de données peut être endommagée ; ${locationAdviceFr}.`,

  report_no_registrant: () =>
    "Aucun déclarant n’est défini : le rapport est déposé au nom de l’agent salarié le plus haut placé ; indiquez le déclarant dans les Réglages.",
  report_not_oral: (p) =>
    `L’interaction ${p.engagement} du ${p.date}${p.officials.length ? ` avec ${p.officials.join(", ")}` : ""} est ${kindFr[p.kind]} marquée « à déclarer » : les lettres et envois ne figurent pas dans le rapport mensuel des communications, elle est donc listée à part ; vérifiez son type, ou retirez la mention.`,
  report_no_office_holder: (p) =>
    `L’interaction ${p.engagement} du ${p.date} (${kindFr[p.kind]}) est marquée « à déclarer », mais ne nomme aucun titulaire ; elle ne donne donc aucune ligne : ajoutez les titulaires qui y ont pris part.`,
  report_no_position_title: (p) =>
    `Interaction ${p.engagement} du ${p.date} avec ${p.official} : aucune fonction en vigueur à cette date, donc ni titre de poste, ni direction, ni institution ; consignez la fonction.`,
  report_no_institution: (p) =>
    `Interaction ${p.engagement} du ${p.date} avec ${p.official} : la fonction « ${p.role} » ne nomme aucune institution fédérale ; consignez-la.`,
  row_no_position_title: () => "pas de titre de poste : aucune fonction à cette date",
  row_no_institution: () => "pas d’institution",
  row_no_registrant: () => "aucun déclarant défini",
  letters_not_reported: () => "les lettres et envois ne figurent pas dans le rapport mensuel des communications",
  report_no_subject_matters: (p) =>
    `L’interaction ${p.engagement} du ${p.date} (${kindFr[p.kind]})${p.officials.length ? ` avec ${p.officials.join(", ")}` : ""} n’a aucun objet : le Registre en exige au moins un ; choisissez ses objets.`,
  row_no_subject_matters: () => "aucun objet",
  registry_wrong_file: (p) =>
    p.missing.length === 0
      ? `${p.path} n’est pas le fichier ${p.file} du Registre des lobbyistes : il contient bien plus de lignes que ce fichier n’en a ; rien n’a été modifié.`
      : `${p.path} n’est pas le fichier ${p.file} du Registre des lobbyistes : ${p.missing.length === 1 ? "la colonne" : "les colonnes"} ${p.missing.join(", ")} y ${p.missing.length === 1 ? "manque" : "manquent"} (${p.found.length ? `ses colonnes sont ${p.found.join(", ")}` : "aucun en-tête"}) ; rien n’a été modifié.`,
  registry_record_too_long: (p) =>
    `${p.path} : l’enregistrement qui commence à la ligne ${p.line} dépasse ${p.limit_kb} Ko, bien au-delà de ce qu’écrit le Registre ; le fichier est endommagé ou n’est pas l’un des siens, et rien n’a été modifié.`,
  registry_no_rows: (p) => `${p.path} ne contient aucune ligne : ce n’est pas un fichier ${p.file} complet ; rien n’a été modifié.`,
  registry_not_a_folder: (p) => `${p.path} n’est pas un dossier : choisissez le dossier qui contient les fichiers CSV du Registre des lobbyistes.`,
  registry_primary_missing: (p) =>
    `${p.folder} ne contient pas Communication_PrimaryExport.csv : décompressez-y le téléchargement des rapports de communication du Registre des lobbyistes.`,
  registry_numbers_not_set: () =>
    "Les numéros de l’organisation au Registre ne sont pas indiqués : saisissez dans les Réglages les numéros d’enregistrement et de société sous lesquels elle dépose (plusieurs, séparés par des virgules).",
  registry_number_bad: (p) =>
    `« ${p.text} » n’est pas un numéro du Registre : utilisez des lettres, des chiffres et des tirets, et séparez les numéros par des virgules.`,
  subject_code_bad: (p) =>
    `${p.path}, ligne ${p.line} : « ${p.text} » n’est pas un code d’objet accompagné d’un nom (les codes ressemblent à SMT-17) ; rien n’a été modifié.`,
  subject_code_unknown: (p) =>
    `« ${p.code} » n’est pas un objet de cette bibliothèque : choisissez-en un dans sa liste, ou importez le fichier des codes du Registre.`,

  sync_schema_mismatch: (p) => `Une modification de ${p.table} ne correspond pas aux tables de cette bibliothèque.`,
  sync_not_in_team: () => "Cette bibliothèque ne fait pas encore partie d’une bibliothèque d’équipe.",
  sync_folder_unreachable: (p) =>
    `Le dossier d’équipe ${p.folder} est inaccessible (${p.detail}) ; les modifications attendent dans cette bibliothèque qu’il le redevienne.`,
  sync_not_team_folder: (p) => `${p.folder} ne contient aucune bibliothèque d’équipe.`,
  sync_already_in_team: (p) => `Cette bibliothèque fait déjà partie de la bibliothèque d’équipe de ${p.folder}.`,
  sync_join_needs_empty: (p) =>
    `${p.path} contient déjà des documents ou des fiches : un appareil rejoint une bibliothèque d’équipe avec une bibliothèque neuve et vide.`,
  sync_no_snapshot: (p) =>
    `Le dossier d’équipe ${p.folder} ne contient pas encore de copie complète de la bibliothèque ; réessayez quand sa synchronisation sera terminée.`,
  sync_team_full: (p) =>
    `La bibliothèque d’équipe compte déjà ${p.slots} appareils ; l’un d’eux doit la quitter avant qu’un autre la rejoigne.`,
  sync_slot_taken: (p) =>
    `L’appareil ${p.other} l’a rejointe au même moment et a pris la même place (${p.slot}) : quittez la bibliothèque d’équipe sur cet ordinateur et rejoignez-la de nouveau.`,
  sync_sequence_reused: (p) =>
    `Le fichier de modifications ${p.seq} de cet ordinateur existe déjà avec d’autres modifications : cette bibliothèque a été restaurée d’une copie plus ancienne. Quittez la bibliothèque d’équipe et rejoignez-la de nouveau.`,
  sync_device_name: (p) =>
    `« ${p.name} » ne peut pas nommer un appareil : utilisez de 1 à 40 lettres, chiffres, espaces, points ou tirets.`,
  sync_newer_format: (p) =>
    `Les modifications de ${p.device} (fichier ${p.seq}) viennent d’une version plus récente de Dossier (schéma ${p.schema}) ; elles attendent la mise à jour de celle-ci.`,
  sync_file_incomplete: (p) =>
    `Le fichier de modifications ${p.seq} de ${p.device} est incomplet ou endommagé ; il sera relu à la prochaine synchronisation.`,
  sync_file_quarantined: (p, w) =>
    `Le fichier de modifications ${p.seq} de ${p.device} est mis de côté et n’est pas appliqué : ${w(p.reason)} ; les autres modifications suivent leur cours.`,
  sync_not_regular_file: () => `c’est un lien, un dossier ou un fichier spécial, pas un fichier ordinaire`,
  sync_file_too_large: (p) => `il dépasse ${p.limit_mb} Mo`,
  sync_file_malformed: () => `son contenu ne correspond pas à son en-tête`,
  sync_unknown_table: (p) => `il modifie ${p.table}, qui n’est pas une table de la bibliothèque`,
  sync_wrong_value: (p) => `il met dans ${p.table}.${p.column} une valeur d’un type que ce champ ne peut pas contenir`,
  sync_clock_ahead: (p) =>
    `il est daté du ${p.dated}, plus d’un jour après l’horloge de cet ordinateur et après toute modification reçue`,
  sync_change_failed: (p) => `la bibliothèque a refusé l’une de ses modifications (${p.detail})`,
  no_conflict: (p) => `Il n’y a pas de conflit ${p.id}.`,
  conflict_record_gone: (p) => `La fiche du conflit ${p.id} a été supprimée : sa valeur ne peut pas être rétablie.`,
  conflict_already_kept: (p) => `La valeur du conflit ${p.id} a déjà été rétablie.`,
  public_copy_over_library: (p) =>
    `${p.path} contient une bibliothèque qui n’est pas une copie publique ; une copie publique va dans un dossier vide ou remplace une copie publique plus ancienne.`,
  public_copy_over_foreign: (p) =>
    `${p.path} ne fait pas partie d’une copie publique créée par Dossier, et écrire la copie le remplacerait ; rien n’a été modifié. Une copie publique va dans un dossier vide ou remplace une copie publique plus ancienne.`,

  json_failed: (p) => `Impossible d’écrire le JSON : ${p.detail}`,
  bad_paper_ref: (p) => `« ${p.text} » n’est pas un document : écrivez ID ou ID@VERSION, p. ex. 3 ou 3@2.`,
  report_needs_file: () => "Un rapport PDF doit être écrit dans un fichier.",
  report_format_unknown: (p) => `Impossible de déduire le format de ${p.path} d’après son nom : nommez un fichier .csv ou .pdf.`,
} ;

const wordings: { [L in Lang]: Wording } = { en: english, fr: french };

/** True when this build can word `key`. */
export function knows(key: string): key is Message["key"] {
  return Object.prototype.hasOwnProperty.call(english, key);
}

/** A message in `lang` (the interface language unless given), or `null` for a key this build does not know. */
export function tryWord(m: { key: string; params?: unknown }, lang: Lang = locale.lang): string | null {
  if (!knows(m.key)) return null;
  const wording = wordings[lang][m.key] as (p: unknown, w: (m: Message) => string) => string;
  const inner = (n: Message) => tryWord(n, lang) ?? n.key;
  return wording(m.params ?? {}, inner);
}

/** A message (an error's or a warning) in the interface language. */
export function word(m: Message, lang: Lang = locale.lang): string {
  return tryWord(m, lang) ?? m.key;
}

/** Anything thrown by an API call, worded for people: an `IpcError` by its
 *  key, in the interface language; a key this build does not know by the
 *  English the error carries; anything else as text. */
export function describe(e: unknown, lang: Lang = locale.lang): string {
  if (typeof e === "object" && e !== null && "key" in e && typeof (e as { key: unknown }).key === "string") {
    const worded = tryWord(e as IpcError, lang);
    if (worded !== null) return worded;
  }
  if (typeof e === "object" && e !== null && "message" in e) return String((e as { message: unknown }).message);
  return String(e);
}
