//! Every error, warning and note a user can read, as data: a stable key
//! with its parameters, worded only by whoever shows it.
//!
//! Architecture invariant: a leaf. It imports nothing from the crate but the
//! vocabulary, so any module can build a message. A [`Message`] serializes as
//! `{"key": "...", "params": {...}}` (every variant has params, if only `{}`);
//! its `Display` is neutral English (no command-line flags), the wording the
//! core's tests and logs read. The command line adds its own hints to a few
//! keys; the desktop app words every key in the interface language, against
//! the TypeScript type generated from this one, so a key added here and not
//! worded there fails the front end's build.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::vocab::{EngagementKind, Lang};
pub use crate::vocab::WordList;

/// A kind of record looked up by its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
// TypeScript has a `Record` of its own.
#[ts(rename = "RecordKind")]
pub enum Record {
    Paper,
    Campaign,
    Official,
    Engagement,
    Packet,
}

impl fmt::Display for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Record::Paper => "paper",
            Record::Campaign => "campaign",
            Record::Official => "official",
            Record::Engagement => "engagement",
            Record::Packet => "packet",
        })
    }
}

/// One error or warning, by key, with what it names.
///
/// Paths are strings (as displayed); a nested `reason` is another message,
/// worded inside this one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "key", content = "params", rename_all = "snake_case")]
pub enum Message {
    // ---- Records that do not exist (code `not_found`).
    NotFound { what: Record, id: i64 },
    NoVersion { paper: i64, version: i64 },
    /// No version published (on `on`, when given).
    NoPublishedVersion { paper: i64, on: Option<String> },
    NoPacketItem { packet: i64, item: i64 },
    NoOriginal { paper: i64, version: Option<i64> },

    // ---- The library as a whole.
    NoLibrary { path: String },
    /// The library folder or its database is a symbolic link.
    LibraryIsLink { path: String },
    /// The database holds tables, views, triggers or indexes Dossier did
    /// not make (or lacks some it did): not opened, not restored.
    SchemaUnexpected { objects: String },
    TooNew { path: String, found: i64, supported: i64 },
    NotALibrary { path: String, reason: Box<Message> },
    Io { path: String, detail: String },
    Backup { path: String, reason: Box<Message> },
    Vanished { path: String },
    ReadOnly { path: String },
    DiskFull { reason: Box<Message> },
    Damaged { detail: String, advice: Box<Message> },
    /// How to get a damaged library back: from its newest automatic backup
    /// when there is one, else from any backup of `database`.
    RestoreAdvice { database: String, latest_backup: Option<String> },
    Index { detail: String },
    Database { detail: String },
    /// The app has no library open (its first-run screen should show).
    NoLibraryOpen {},
    /// The app was asked to use a file or folder the user did not choose
    /// (in a dialog of this run, for this purpose).
    PlaceNotChosen {},
    /// Only web and mail addresses open outside the app.
    LinkNotOpenable { url: String },
    /// A command failed unexpectedly; nothing it was writing was saved and
    /// the library was opened again.
    CommandFailed {},
    /// The day's automatic backup, made in the background, failed.
    DailyBackupFailed { reason: Box<Message> },
    /// The app's own failures: a lock poisoned by an earlier panic, the menu,
    /// the PDF viewer, an export cancelled by the user.
    AppBroken {},
    MenuFailed { detail: String },
    ViewerFailed { detail: String },
    CacheFolderFailed { detail: String },
    ExportCancelled {},

    // ---- Why a file is not a library or a backup.
    ForeignDatabase { app_id: String },
    NotDossierLibrary {},
    NotDossierBackup {},
    NotSqlite { advice: Option<Box<Message>> },
    UnfinishedDatabase {},
    IntegrityFailed { problems: String },
    FileNotSqlite {},
    FileDamaged {},
    FileCannotOpen {},
    BackupMissing {},
    BackupIsFolder {},
    FolderNameNotUnicode {},
    CopyFailed { detail: String },
    CopyCheckFailed { reason: Box<Message> },
    CannotCreateFolder { path: String, detail: String },
    MigrationBackupFailed { reason: Box<Message>, from: i64, to: i64 },

    // ---- What filled the disk.
    DatabaseCannotGrow {},
    CannotWriteTo { path: String },
    IndexCannotBeWritten {},

    // ---- What a check of the search index found (`IndexCheck::detail`):
    // notes, not errors; the next search repairs every one of them.
    IndexInStep {},
    IndexNotBuilt {},
    IndexUnreadable { detail: String },
    IndexChecksumMismatch { files: Vec<String> },
    /// `found` is `None` when the index records no schema at all.
    IndexOldSchema { found: Option<i64>, current: i64 },
    IndexDiverged {},
    IndexBehind { changes: i64 },

    // ---- Refused input and clashes (codes `invalid`, `conflict`).
    UnknownWord { list: WordList, word: String, choices: Vec<String> },
    UnknownSetting { name: String, settings: Vec<String> },
    SettingMultiline { setting: String },
    SettingTooLong { setting: String, chars: i64, max: i64 },
    BadDate { what: String, text: String },
    BadTime { what: String, text: String },
    BadMoment { what: String, text: String },
    BadMonth { text: String },
    CorpusNotEmpty {},
    SampleNotEmpty { path: String },
    /// The sample bundled with Dossier is broken: a build fault, not a user's.
    SampleBroken { detail: String },
    NoHomeFolder {},
    LibraryPathIsFile { path: String },
    LibraryExists { path: String },
    CampaignNeedsTitle {},
    CampaignNeedsStart {},
    CampaignEndsBeforeStart { start: String, end: String },
    RoleNeedsTitle {},
    RoleEndsBeforeStart { title: String, start: String, end: String },
    OfficialNeedsFamilyName {},
    OfficialNeedsRole {},
    EngagementNeedsSubject {},
    /// Only a meeting or a call has a debrief.
    DebriefNotOral { engagement: i64 },
    /// A Hill day with no meeting or call on it.
    DayNothingPlanned { date: String },
    DayFolderNotAFolder { path: String },
    /// A warning: a paper a meeting lists was archived since, so the
    /// packet made for the day leaves it out.
    DayPaperArchived { engagement: i64, paper: i64, title: String },
    TagEmpty {},
    TagTooLong { tag: String, max: i64 },
    PaperNeedsTitle {},
    PaperTextEmpty {},
    VersionNeedsAuthor {},
    UnchangedText { paper: i64, version: i64 },
    RestoreUnchanged { paper: i64, latest: i64, version: i64 },
    AlreadyInForce { paper: i64, version: i64 },
    NeverPublished { paper: i64 },
    OwnTranslation {},
    SameLanguage { a: i64, b: i64, lang: Lang },
    PacketNeedsTitle {},
    PacketEmpty { packet: i64 },
    PacketPaperArchived { packet: i64, item: i64, paper: i64, title: String },
    /// Refused when added: an archived paper.
    PacketAddArchived { packet: i64, paper: i64, title: String },
    /// A warning when added: the paper follows its latest published version
    /// and has none yet.
    PacketAddUnpublished { packet: i64, paper: i64, title: String },
    PacketPaperUnpublished { packet: i64, item: i64, paper: i64, title: String },
    PacketBodyTooLong { paper: i64, title: String, version: i64, megabytes: f64, limit_kb: i64 },
    FontUnreadable {},
    PdfNotAssembled { detail: String },
    IndexBusy {},
    /// A search query longer than any a person types.
    SearchQueryTooLong { chars: i64, max: i64 },
    /// A search query with more words, phrases and prefixes than any a
    /// person types.
    SearchTooManyTerms { terms: i64, max: i64 },
    NoOutputFile {},
    NoBackupFile {},
    NotAFileName { path: String },
    NoSuchFolder { path: String, folder: String },
    TargetIsFolder { path: String },
    BackupTargetIsFolder { path: String },
    /// The target's name does not end in `.{extension}`.
    TargetWrongExtension { path: String, extension: String },
    /// An existing file of another kind would be replaced.
    TargetOtherKind { path: String, kind: String },
    /// A link or a device where a file should be written.
    TargetNotAFile { path: String },
    /// A file exists and replacing it was not asked for.
    TargetExists { path: String },
    RestoreNoFolder {},
    RestoreIntoFile { path: String },
    RestoreTargetHasLibrary { path: String },

    // ---- Files offered for import.
    UnreadableInFolder { path: String, detail: String },
    /// A symbolic link inside a folder being imported: not followed.
    LinkNotFollowed { path: String },
    OtherLanguage { path: String, language: String },
    UnknownLanguage { path: String },
    NoExtension { path: String, supported: String },
    UnsupportedExtension { path: String, extension: String, supported: String },
    FileEmpty { path: String },
    FileHasNoText { path: String },
    /// A `.txt` or `.md` file whose bytes are binary data, not text.
    NotText { path: String, extension: String },
    FileHasOnlyTitle { path: String },
    NoSuchFile { path: String },
    IsAFolder { path: String },
    FileTooLarge { path: String, size: i64, limit: i64 },
    XmlMalformed { path: String, part: String, detail: String },
    NotZip { path: String, kind: String, detail: String },
    ZipDamaged { path: String, kind: String, part: String, detail: String },
    ZipEncrypted { path: String, kind: String },
    ZipBomb { path: String, kind: String, part: String, limit_mb: i64 },
    /// An HTML file whose tags hold so many attributes that tokenizing it
    /// would take hours; `attributes` is the most one tag has.
    HtmlTooComplex { path: String, attributes: i64 },
    /// Parliament's files (`dossier official import`).
    ParliamentNoFiles {},
    ParliamentFileUnknown { path: String },
    ParliamentNoRecords { path: String },
    ParliamentNoSenators { path: String },
    ParliamentCsvHeaders { path: String, found: Vec<String> },
    /// Record `record` (from 1) of a file, and what is wrong with it.
    ParliamentBadRecord { path: String, record: i64, detail: Box<Message> },
    ParliamentNoName {},
    ParliamentBadDate { field: String, value: String },
    ParliamentBadField { field: String, value: String },
    /// Several files refused at once; nothing was imported.
    ParliamentFilesRefused { refusals: Vec<Message> },
    ZipPartMissing { path: String, kind: String, part: String },
    NotPdf { path: String },
    PdfEncrypted { path: String },
    PdfDamaged { path: String, detail: String },
    PdfNoText { path: String },
    /// A PDF that asks for more work than any document needs: more than
    /// `limit_mb` of content inflated, or `operations` content items.
    PdfTooComplex { path: String, limit_mb: i64, operations: i64 },
    /// A warning: the file was not UTF-8 and was read as Windows-1252.
    NotUtf8 { byte: String, line: i64 },

    // ---- Where the library sits (warnings).
    LocationCloud { path: String, service: String },
    /// On a network share (`filesystem` None) or a network file system.
    LocationNetwork { path: String, filesystem: Option<String> },

    // ---- The lobbying report's warnings and notes.
    ReportNoRegistrant {},
    ReportNotOral { engagement: i64, date: String, kind: EngagementKind, officials: Vec<String> },
    ReportNoOfficeHolder { engagement: i64, date: String, kind: EngagementKind },
    ReportNoPositionTitle { engagement: i64, date: String, official: String, official_id: i64 },
    ReportNoInstitution { engagement: i64, date: String, official: String, official_id: i64, role: String, since: String },
    RowNoPositionTitle {},
    RowNoInstitution {},
    RowNoRegistrant {},
    LettersNotReported {},
    /// A reportable meeting or call without any of the Registry's subject
    /// matters.
    ReportNoSubjectMatters { engagement: i64, date: String, kind: EngagementKind, officials: Vec<String> },
    RowNoSubjectMatters {},

    // ---- Subject matters and the Registry of Lobbyists' files.
    /// A file that is not the Registry file `file`: it lacks the columns
    /// `missing` (upper case); `found` is the start of its header. No
    /// column missing: it has far more rows than that file has.
    RegistryWrongFile { path: String, file: String, missing: Vec<String>, found: Vec<String> },
    /// A record longer than any the Registry writes: junk, or an unclosed quote.
    RegistryRecordTooLong { path: String, line: i64, limit_kb: i64 },
    RegistryNoRows { path: String, file: String },
    RegistryNotAFolder { path: String },
    /// The folder lacks `Communication_PrimaryExport.csv`.
    RegistryPrimaryMissing { folder: String },
    /// Reconciling needs the organisation's numbers in the Registry.
    RegistryNumbersNotSet {},
    RegistryNumberBad { text: String },
    /// A line of the codes file whose code is not `SMT-` and digits, or has no name.
    SubjectCodeBad { path: String, line: i64, text: String },
    /// A subject-matter code the library's list does not hold.
    SubjectCodeUnknown { code: String },

    // ---- The team library (code `sync`, or `not_found` for a conflict).
    SyncSchemaMismatch { table: String },
    SyncNotInTeam {},
    SyncFolderUnreachable { folder: String, detail: String },
    SyncNotTeamFolder { folder: String },
    SyncAlreadyInTeam { folder: String },
    SyncJoinNeedsEmpty { path: String },
    SyncNoSnapshot { folder: String },
    SyncTeamFull { slots: i64 },
    SyncSlotTaken { slot: i64, other: String },
    SyncSequenceReused { seq: i64 },
    SyncDeviceName { name: String },
    /// A warning: another device's file waits for a newer Dossier.
    SyncNewerFormat { device: String, seq: i64, schema: i64 },
    /// A warning: a file still being delivered, or damaged; read again later.
    SyncFileIncomplete { device: String, seq: i64 },
    /// A warning, and a line of the status: another device's file that is
    /// never applied here, and why (one of the reasons below).
    SyncFileQuarantined { device: String, seq: i64, reason: Box<Message> },
    /// A reason: a link, a folder, a FIFO or a device file.
    SyncNotRegularFile {},
    SyncFileTooLarge { limit_mb: i64 },
    /// A reason: whole, but not what its header says.
    SyncFileMalformed {},
    SyncUnknownTable { table: String },
    SyncWrongValue { table: String, column: String },
    /// A reason: a change dated more than a day ahead of every clock seen.
    SyncClockAhead { dated: String },
    /// A reason: the library refused the change (a rule of its schema).
    SyncChangeFailed { detail: String },
    NoConflict { id: i64 },
    ConflictRecordGone { id: i64 },
    ConflictAlreadyKept { id: i64 },
    PublicCopyOverLibrary { path: String },
    /// A file or folder in a public copy's target that a copy would replace
    /// and that is not an earlier public copy's.
    PublicCopyOverForeign { path: String },

    // ---- The command line's own refusals.
    JsonFailed { detail: String },
    BadPaperRef { text: String },
    ReportNeedsFile {},
    ReportFormatUnknown { path: String },
}

/// "12.3 MB" or "800 bytes": the one wording of a file size.
pub fn human_size(bytes: i64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    if bytes as f64 >= MB {
        format!("{:.1} MB", bytes as f64 / MB)
    } else {
        format!("{bytes} bytes")
    }
}

/// "a, b or c".
fn or_list(words: &[String]) -> String {
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => words.join(""),
    }
}

/// "a DOCX", "an ODT": the kinds are read letter by letter.
fn article(kind: &str) -> &'static str {
    if kind.starts_with(['A', 'E', 'F', 'H', 'I', 'L', 'M', 'N', 'O', 'R', 'S', 'X']) {
        "an"
    } else {
        "a"
    }
}

impl Message {
    /// The key, as serialized: `not_found`, `tag_empty`…
    pub fn key(&self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(map)) => map.get("key").and_then(|k| k.as_str()).unwrap_or_default().to_owned(),
            _ => String::new(),
        }
    }
}

const LOCATION_ADVICE: &str =
    "move the library to a local folder that is not synced, and put copies in the synced or shared folder with a backup instead";

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Message as M;
        match self {
            M::NotFound { what, id } => write!(f, "{what} {id} does not exist"),
            M::NoVersion { paper, version } => write!(f, "version {version} of paper {paper} does not exist"),
            M::NoPublishedVersion { paper, on: Some(on) } => write!(f, "published version of paper {paper} on {on} does not exist"),
            M::NoPublishedVersion { paper, on: None } => write!(f, "published version of paper {paper} does not exist"),
            M::NoPacketItem { packet, item } => write!(f, "item {item} of packet {packet} does not exist"),
            M::NoOriginal { paper, version: Some(v) } => write!(f, "an imported file for paper {paper} version {v} does not exist"),
            M::NoOriginal { paper, version: None } => write!(f, "an imported file for paper {paper} does not exist"),

            M::NoLibrary { path } => write!(f, "no library at {path}"),
            M::LibraryIsLink { path } => write!(
                f,
                "{path} is a symbolic link; Dossier opens a library only where it really is: open the folder the link points to"
            ),
            M::SchemaUnexpected { objects } => write!(
                f,
                "the database was altered outside Dossier ({objects}); it was not opened: restore a backup"
            ),
            M::TooNew { path, found, supported } => write!(
                f,
                "the library at {path} has schema version {found}, but this Dossier understands up to version {supported}: install a newer Dossier to open it"
            ),
            M::NotALibrary { path, reason } => write!(f, "{path} is not a Dossier library database: {reason}"),
            M::Io { path, detail } => write!(f, "{path}: {detail}"),
            M::Backup { path, reason } => write!(f, "backup {path}: {reason}"),
            M::Vanished { path } => write!(
                f,
                "the library folder {path} was moved or deleted while it was open; nothing was saved: open the library again where it is now"
            ),
            M::ReadOnly { path } => write!(
                f,
                "the library at {path} is read-only; changes cannot be saved: copy it to a folder you can write to, or make it writable"
            ),
            M::DiskFull { reason } => write!(f, "the disk is full: {reason}; nothing was saved. Free some space and try again"),
            M::Damaged { detail, advice } => write!(f, "the library's database is damaged ({detail}); {advice}"),
            M::RestoreAdvice { latest_backup: Some(latest), .. } => {
                write!(f, "restore it from a backup: the newest automatic backup is {latest}")
            }
            M::RestoreAdvice { database, latest_backup: None } => write!(f, "restore {database} from a backup"),
            M::Index { detail } => write!(f, "search index: {detail}"),
            M::Database { detail } => write!(f, "database error: {detail}"),
            M::NoLibraryOpen {} => f.write_str("no library is open: open or create one first"),
            M::PlaceNotChosen {} => f.write_str("that file or folder was not chosen for this; choose it again"),
            M::LinkNotOpenable { url } => {
                write!(f, "{url} was not opened: only web addresses (http, https) and email addresses (mailto) open outside Dossier")
            }
            M::CommandFailed {} => {
                f.write_str("the operation failed unexpectedly; nothing it was writing was saved, and the library was opened again")
            }
            M::DailyBackupFailed { reason } => write!(f, "today's automatic backup failed: {reason}"),
            M::AppBroken {} => f.write_str("an earlier operation failed badly; restart Dossier"),
            M::MenuFailed { detail } => write!(f, "cannot rebuild the menu: {detail}"),
            M::ViewerFailed { detail } => write!(f, "cannot open the PDF viewer: {detail}"),
            M::CacheFolderFailed { detail } => write!(f, "cannot make a folder for the file to print: {detail}"),
            M::ExportCancelled {} => f.write_str("the export was cancelled; no file was written"),

            M::ForeignDatabase { app_id } => write!(f, "it belongs to another application (application id {app_id})"),
            M::NotDossierLibrary {} => f.write_str("it is a SQLite database, but not one Dossier made"),
            M::NotDossierBackup {} => f.write_str("it is a SQLite database, but not a Dossier library or backup"),
            M::NotSqlite { advice: Some(advice) } => write!(f, "the file is not a SQLite database (it may be damaged); {advice}"),
            M::NotSqlite { advice: None } => f.write_str("the file is not a SQLite database (it may be damaged)"),
            M::UnfinishedDatabase {} => f.write_str("it is a Dossier database that was never finished (schema version 0)"),
            M::IntegrityFailed { problems } => write!(f, "it is damaged or incomplete (integrity check: {problems})"),
            M::FileNotSqlite {} => f.write_str("the file is not a SQLite database"),
            M::FileDamaged {} => f.write_str("the file is damaged or incomplete"),
            M::FileCannotOpen {} => f.write_str("the file cannot be opened"),
            M::BackupMissing {} => f.write_str("there is no such file"),
            M::BackupIsFolder {} => f.write_str("this is a folder; name the backup file (a .sqlite file made by a Dossier backup)"),
            M::FolderNameNotUnicode {} => f.write_str("the folder's name is not valid Unicode; choose another folder"),
            M::CopyFailed { detail } => write!(f, "the database could not be copied: {detail}"),
            M::CopyCheckFailed { reason } => write!(f, "the copy failed its check ({reason}); nothing was replaced"),
            M::CannotCreateFolder { path, detail } => write!(f, "cannot create the folder {path}: {detail}"),
            M::MigrationBackupFailed { reason, from, to } => write!(
                f,
                "{reason}. The library needs upgrading from schema {from} to {to}, and is only upgraded after a backup of it \
                 has been written: it was left as it was. Make room or fix the folder's permissions, then open it again"
            ),

            M::DatabaseCannotGrow {} => f.write_str("the library's database could not grow"),
            M::CannotWriteTo { path } => write!(f, "cannot write to {path}"),
            M::IndexCannotBeWritten {} => f.write_str("the search index could not be written"),

            M::IndexInStep {} => f.write_str("in step with the database; checksums verified"),
            M::IndexNotBuilt {} => f.write_str("no index yet; the next search builds it"),
            M::IndexUnreadable { detail } => write!(f, "{detail}; the next search rebuilds it"),
            M::IndexChecksumMismatch { files } => {
                write!(f, "checksum mismatch in {}; the next search rebuilds it", files.join(", "))
            }
            M::IndexOldSchema { found: Some(found), current } => {
                write!(f, "written with index schema {found}, this Dossier uses {current}; the next search rebuilds it")
            }
            M::IndexOldSchema { found: None, current } => {
                write!(f, "written with no index schema recorded, this Dossier uses {current}; the next search rebuilds it")
            }
            M::IndexDiverged {} => f.write_str("does not match the database; the next search rebuilds it"),
            M::IndexBehind { changes: 1 } => f.write_str("1 change behind the database; the next search applies it"),
            M::IndexBehind { changes } => write!(f, "{changes} changes behind the database; the next search applies them"),

            M::UnknownWord { list, word, choices } => write!(f, "unknown {list} `{word}`: use {}", or_list(choices)),
            M::UnknownSetting { name, settings } => write!(f, "unknown setting `{name}`: the settings are {}", settings.join(", ")),
            M::SettingMultiline { setting } => write!(f, "the {setting} must be one line"),
            M::SettingTooLong { setting, chars, max } => {
                write!(f, "the {setting} is {chars} characters long; at most {max} are allowed")
            }
            M::BadDate { what, text } => write!(f, "{what} `{text}` is not a date: write it as YYYY-MM-DD, e.g. 2011-06-01"),
            M::BadTime { what, text } => write!(f, "{what} `{text}` is not a time of day: write it as HH:MM, e.g. 09:30"),
            M::BadMoment { what, text } => write!(f, "{what} `{text}` is not a date and time: write it as YYYY-MM-DDTHH:MM:SS"),
            M::BadMonth { text } => write!(f, "`{text}` is not a month: write it as YYYY-MM, e.g. 2026-10"),
            M::CorpusNotEmpty {} => f.write_str("the corpus only fills an empty library: create one in a new folder"),
            M::SampleNotEmpty { path } => {
                write!(f, "{path} already holds papers or records; the sample library goes into an empty one")
            }
            M::SampleBroken { detail } => write!(f, "the sample library is broken: {detail}"),
            M::NoHomeFolder {} => f.write_str("cannot find a home folder for the default library: choose a library folder"),
            M::LibraryPathIsFile { path } => write!(f, "{path} is a file; a library is a folder"),
            M::LibraryExists { path } => write!(f, "{path} already holds a library; open it instead"),
            M::CampaignNeedsTitle {} => f.write_str("a campaign needs a title"),
            M::CampaignNeedsStart {} => f.write_str("a campaign needs a start date"),
            M::CampaignEndsBeforeStart { start, end } => write!(f, "the campaign ends ({end}) before it starts ({start})"),
            M::RoleNeedsTitle {} => f.write_str("a role needs a title, e.g. \"Member of Parliament\""),
            M::RoleEndsBeforeStart { title, start, end } => write!(f, "the role `{title}` ends ({end}) before it starts ({start})"),
            M::OfficialNeedsFamilyName {} => f.write_str("an official needs a family name"),
            M::OfficialNeedsRole {} => f.write_str("an official needs at least one role"),
            M::EngagementNeedsSubject {} => f.write_str("an engagement needs a subject: one line saying what it was about"),
            M::DebriefNotOral { engagement } => {
                write!(f, "engagement {engagement} is a letter or a mailing: only a meeting or a call has a debrief")
            }
            M::DayNothingPlanned { date } => {
                write!(f, "no meeting or call is planned on {date}: log the day's meetings first, each with its date and time")
            }
            M::DayFolderNotAFolder { path } => write!(f, "{path} is not a folder: choose the folder the day's PDFs go in"),
            M::DayPaperArchived { engagement, paper, title } => write!(
                f,
                "paper {paper} `{title}`, listed for engagement {engagement}, is archived: the day's packet for it leaves it out"
            ),
            M::TagEmpty {} => f.write_str("a tag cannot be empty"),
            M::TagTooLong { tag, max } => write!(f, "tag `{tag}` is longer than {max} characters"),
            M::PaperNeedsTitle {} => f.write_str("a paper needs a title: give one, or start the file with a `# Heading`"),
            M::PaperTextEmpty {} => f.write_str("the paper's text is empty"),
            M::VersionNeedsAuthor {} => f.write_str("a version needs an author"),
            M::UnchangedText { paper, version } => {
                write!(f, "paper {paper} version {version} already has this text; no version was added")
            }
            M::RestoreUnchanged { paper, latest, version } => write!(
                f,
                "the latest version of paper {paper} (version {latest}) already has the text of version {version}"
            ),
            M::AlreadyInForce { paper, version } => write!(f, "version {version} of paper {paper} is already in force"),
            M::NeverPublished { paper } => write!(f, "paper {paper} has never been published: publish a version first"),
            M::OwnTranslation {} => f.write_str("a paper cannot be its own translation"),
            M::SameLanguage { a, b, lang } => {
                write!(f, "papers {a} and {b} are both in `{lang}`; a translation is in the other language")
            }
            M::PacketNeedsTitle {} => f.write_str("a packet needs a title"),
            M::PacketEmpty { packet } => write!(f, "packet {packet} has no papers yet: add one before exporting"),
            M::PacketAddArchived { packet, paper, title } => {
                write!(f, "paper {paper} “{title}” is archived and cannot go in packet {packet}: pick another paper")
            }
            M::PacketAddUnpublished { packet, paper, title } => write!(
                f,
                "paper {paper} “{title}” has no published version yet: packet {packet} cannot be printed until it is published or a version is pinned"
            ),
            M::PacketPaperArchived { paper, title, .. } => write!(
                f,
                "paper {paper} “{title}” has been archived since it was added: remove it from the packet or pick another paper"
            ),
            M::PacketPaperUnpublished { paper, title, item, .. } => write!(
                f,
                "paper {paper} “{title}” has no published version, and item {item} asks for the latest published one: publish it or pin a version"
            ),
            M::PacketBodyTooLong { paper, title, version, megabytes, limit_kb } => write!(
                f,
                "paper {paper} “{title}” version {version} has a body of {megabytes:.1} MB; a packet prints bodies up to {limit_kb} KB: shorten the paper or leave it out of the packet"
            ),
            M::FontUnreadable {} => f.write_str("a bundled font could not be read: reinstall Dossier"),
            M::PdfNotAssembled { detail } => write!(f, "the PDF could not be assembled: {detail}"),
            M::IndexBusy {} => f.write_str(
                "another Dossier process has been updating the search index for two minutes; try again when it is done",
            ),
            M::SearchQueryTooLong { chars, max } => write!(
                f,
                "the search is {chars} characters long; at most {max} are allowed: search for fewer words or a shorter phrase"
            ),
            M::SearchTooManyTerms { terms, max } => write!(
                f,
                "the search has {terms} words, phrases or prefixes; at most {max} are allowed, and each must match: search for the few words that matter"
            ),
            M::NoOutputFile {} => f.write_str("no output file given: name the PDF to write"),
            M::NoBackupFile {} => f.write_str("no backup file given: name the file to write, e.g. dossier-backup.sqlite"),
            M::NotAFileName { path } => write!(f, "{path} is not a file name"),
            M::NoSuchFolder { path, folder } => write!(
                f,
                "cannot write {path}: the folder {folder} does not exist (or is not a folder); create it or choose another"
            ),
            M::TargetIsFolder { path } => write!(f, "{path} is a folder: name the file to write"),
            M::BackupTargetIsFolder { path } => write!(f, "{path} is a folder: name the backup file to write"),
            M::TargetWrongExtension { path, extension } => {
                write!(f, "{path}: the name must end in .{extension}, the kind of file written")
            }
            M::TargetOtherKind { path, kind } => write!(
                f,
                "{path} exists and is not a {kind} file; it was left as it is: choose another name"
            ),
            M::TargetNotAFile { path } => {
                write!(f, "{path} is a link or a device, not a plain file; it was left as it is: choose another name")
            }
            M::TargetExists { path } => write!(f, "{path} exists already; it was left as it is"),
            M::RestoreNoFolder {} => f.write_str("no folder given: name the new library folder"),
            M::RestoreIntoFile { path } => write!(f, "{path} is a file; restore into a folder"),
            M::RestoreTargetHasLibrary { path } => write!(
                f,
                "{path} already holds a library; restore into a new folder, or move that library away first"
            ),

            M::UnreadableInFolder { path, detail } => write!(f, "{path}: cannot be read ({detail})"),
            M::LinkNotFollowed { path } => write!(
                f,
                "{path}: a symbolic link, not followed: links inside an imported folder could lead anywhere on the disk (import what it points to by itself to include it)"
            ),
            M::OtherLanguage { path, language } => write!(
                f,
                "{path}: the text looks like {language}, and papers are kept in English or French (choose English or French to import it anyway)"
            ),
            M::UnknownLanguage { path } => write!(f, "{path}: too little text to tell its language (choose English or French)"),
            M::NoExtension { path, supported } => {
                write!(f, "{path}: the file has no extension, so its format is unknown (supported: {supported})")
            }
            M::UnsupportedExtension { path, extension, supported } => {
                write!(f, "{path}: .{extension} files are not supported (supported: {supported})")
            }
            M::FileEmpty { path } => write!(f, "{path}: the file is empty"),
            M::FileHasNoText { path } => write!(f, "{path}: the file has no text"),
            M::NotText { path, extension } => write!(
                f,
                "{path} is named .{extension} but holds binary data, not text: open it in the program that made it and save it as text"
            ),
            M::FileHasOnlyTitle { path } => write!(f, "{path}: the file has a title but no text"),
            M::NoSuchFile { path } => write!(f, "{path}: no such file"),
            M::IsAFolder { path } => write!(f, "{path} is a folder; give a file"),
            M::FileTooLarge { path, size, limit } => {
                write!(f, "{path}: the file is {} but the limit is {}", human_size(*size), human_size(*limit))
            }
            M::XmlMalformed { path, part, detail } => write!(f, "{path}: {part} is not well-formed XML ({detail})"),
            M::NotZip { path, kind, detail } => {
                write!(f, "{path}: not {} {kind} file: it is not a ZIP archive ({detail})", article(kind))
            }
            M::ZipDamaged { path, kind, part, detail } => write!(f, "{path}: the {kind} file is damaged: {part}: {detail}"),
            M::ZipEncrypted { path, kind } => {
                write!(f, "{path}: the {kind} file is password-protected; save an unprotected copy and import that")
            }
            M::ZipBomb { path, kind, part, limit_mb } => write!(
                f,
                "{path}: the {kind} file inflates far beyond its size ({part} alone is more than {limit_mb} MB); it looks like a ZIP bomb and was not read"
            ),
            M::ParliamentNoFiles {} => f.write_str("give at least one of Parliament's files"),
            M::ParliamentFileUnknown { path } => write!(
                f,
                "{path}: not one of Parliament's files Dossier reads (the House of Commons' Members as XML or CSV, a Member's roles as XML, the Senate's list of Senators saved as a web page)"
            ),
            M::ParliamentNoRecords { path } => write!(f, "{path}: the file lists no office holders"),
            M::ParliamentNoSenators { path } => {
                write!(f, "{path}: the page has no table of Senators (with their name, affiliation and province)")
            }
            M::ParliamentCsvHeaders { path, found } => write!(
                f,
                "{path}: the columns are not those of the House of Commons' Members (First Name, Last Name, Constituency, Political Affiliation, Start Date); found: {}",
                found.join(", ")
            ),
            M::ParliamentBadRecord { path, record, detail } => write!(f, "{path}: record {record}: {detail}"),
            M::ParliamentNoName {} => f.write_str("it has no last name"),
            M::ParliamentBadDate { field, value } => write!(f, "{field} \"{value}\" is not a date"),
            M::ParliamentBadField { field, value } => write!(f, "{field} \"{value}\" cannot be read"),
            M::ParliamentFilesRefused { refusals } => {
                f.write_str("nothing was imported:")?;
                for r in refusals {
                    write!(f, "\n  {r}")?;
                }
                Ok(())
            }
            M::HtmlTooComplex { path, attributes } => write!(
                f,
                "{path}: a tag of the HTML file has {attributes} attributes, far beyond any page; it may have been made to exhaust the reader and was not read"
            ),
            M::ZipPartMissing { path, kind, part } => write!(f, "{path}: not {} {kind} file: it has no {part}", article(kind)),
            M::NotPdf { path } => write!(f, "{path}: not a PDF file (it does not start with %PDF-)"),
            M::PdfEncrypted { path } => {
                write!(f, "{path}: the PDF is encrypted (password-protected); save an unprotected copy and import that")
            }
            M::PdfDamaged { path, detail } => write!(f, "{path}: the PDF is damaged and cannot be read ({detail})"),
            M::PdfNoText { path } => write!(
                f,
                "{path}: the PDF has no text layer (it is probably a scan); run it through text recognition (OCR) first"
            ),
            M::PdfTooComplex { path, limit_mb, operations } => write!(
                f,
                "{path}: the PDF asks for more than {limit_mb} MB of page content or {operations} drawing instructions, far beyond any document; it may have been made to exhaust memory and was not read"
            ),
            M::NotUtf8 { byte, line } => write!(f, "not UTF-8 (first bad byte {byte} on line {line}); read as Windows-1252"),

            M::LocationCloud { path, service } => write!(
                f,
                "the library {path} is inside a {service} folder: syncing copies the database while it is being written, \
                 which can corrupt it; {LOCATION_ADVICE}"
            ),
            M::LocationNetwork { path, filesystem } => {
                let what = match filesystem {
                    Some(t) => format!("a network file system ({t})"),
                    None => "a network share".to_owned(),
                };
                write!(
                    f,
                    "the library {path} is on {what}: SQLite's locking is unreliable there and the database can be corrupted; {LOCATION_ADVICE}"
                )
            }

            M::ReportNoRegistrant {} => f.write_str(
                "no registrant is set: the report is filed under the name of the most senior paid officer; set the registrant in the settings",
            ),
            M::ReportNotOral { engagement, date, kind, officials } => {
                let with = if officials.is_empty() { String::new() } else { format!(" with {}", officials.join(", ")) };
                write!(
                    f,
                    "engagement {engagement} on {date}{with} is a {kind} flagged reportable: {}, so it is listed apart, not as a row; check its kind, or clear the flag",
                    M::LettersNotReported {}
                )
            }
            M::ReportNoOfficeHolder { engagement, date, kind } => write!(
                f,
                "engagement {engagement} on {date} ({kind}) is flagged reportable but names no office holder, so it gives no row: add the officials who took part"
            ),
            M::ReportNoPositionTitle { engagement, date, official, official_id } => write!(
                f,
                "engagement {engagement} on {date} with {official} (official {official_id}): no role in force on that date, so no position title, branch or institution; record the role"
            ),
            M::ReportNoInstitution { engagement, date, official, official_id, role, .. } => write!(
                f,
                "engagement {engagement} on {date} with {official} (official {official_id}): the role “{role}” names no federal institution; record it"
            ),
            M::RowNoPositionTitle {} => f.write_str("no position title: no role in force on this date"),
            M::RowNoInstitution {} => f.write_str("no institution"),
            M::RowNoRegistrant {} => f.write_str("no registrant set"),
            M::LettersNotReported {} => f.write_str("letters and mailings are not reported in the monthly communication report"),
            M::ReportNoSubjectMatters { engagement, date, kind, officials } => {
                let with = if officials.is_empty() { String::new() } else { format!(" with {}", officials.join(", ")) };
                write!(
                    f,
                    "engagement {engagement} on {date} ({kind}){with} has no subject matter: the Registry needs at least one; choose its subject matters"
                )
            }
            M::RowNoSubjectMatters {} => f.write_str("no subject matter"),

            M::RegistryWrongFile { path, file, missing, .. } if missing.is_empty() => write!(
                f,
                "{path} is not the Registry of Lobbyists' {file}: it holds far more rows than that file has; nothing was changed"
            ),
            M::RegistryWrongFile { path, file, missing, found } => {
                let has = if found.is_empty() { "no header at all".to_owned() } else { format!("its columns are {}", found.join(", ")) };
                write!(
                    f,
                    "{path} is not the Registry of Lobbyists' {file}: it lacks the column{} {} ({has}); nothing was changed",
                    if missing.len() == 1 { "" } else { "s" },
                    missing.join(", ")
                )
            }
            M::RegistryRecordTooLong { path, line, limit_kb } => write!(
                f,
                "{path}: the record starting on line {line} is longer than {limit_kb} KB, far beyond any the Registry writes; the file is damaged or not one of the Registry's, and nothing was changed"
            ),
            M::RegistryNoRows { path, file } => write!(f, "{path} holds no rows: it is not a complete {file}; nothing was changed"),
            M::RegistryNotAFolder { path } => {
                write!(f, "{path} is not a folder: give the folder holding the Registry of Lobbyists' CSV files")
            }
            M::RegistryPrimaryMissing { folder } => write!(
                f,
                "{folder} holds no Communication_PrimaryExport.csv: unzip the Registry of Lobbyists' communication reports download into it"
            ),
            M::RegistryNumbersNotSet {} => f.write_str(
                "the organisation's registry numbers are not set: set the registration and corporation numbers it files under (several, comma-separated) in the settings",
            ),
            M::RegistryNumberBad { text } => {
                write!(f, "`{text}` is not a registry number: use letters, digits and dashes, and separate numbers with commas")
            }
            M::SubjectCodeBad { path, line, text } => write!(
                f,
                "{path}, line {line}: `{text}` is not a subject-matter code with a name (codes look like SMT-17); nothing was changed"
            ),
            M::SubjectCodeUnknown { code } => write!(
                f,
                "`{code}` is not a subject matter of this library: choose one of its list, or import the Registry's codes file"
            ),

            M::SyncSchemaMismatch { table } => write!(f, "a change to {table} does not fit this library's tables"),
            M::SyncNotInTeam {} => f.write_str("this library is not part of a team library yet"),
            M::SyncFolderUnreachable { folder, detail } => {
                write!(f, "the team folder {folder} cannot be reached ({detail}); changes wait in this library until it can")
            }
            M::SyncNotTeamFolder { folder } => write!(f, "{folder} holds no team library"),
            M::SyncAlreadyInTeam { folder } => write!(f, "this library is already part of the team library in {folder}"),
            M::SyncJoinNeedsEmpty { path } => write!(
                f,
                "{path} already holds papers or records: a device joins a team library with a new, empty library"
            ),
            M::SyncNoSnapshot { folder } => write!(
                f,
                "the team folder {folder} holds no complete copy of the library yet; try again once it has finished syncing"
            ),
            M::SyncTeamFull { slots } => {
                write!(f, "the team library already has {slots} devices; one must leave before another can join")
            }
            M::SyncSlotTaken { slot, other } => write!(
                f,
                "device {other} joined at the same moment and took the same place ({slot}): leave the team library on this device and join again"
            ),
            M::SyncSequenceReused { seq } => write!(
                f,
                "this device's change file {seq} already exists with other changes, so this library was restored from an older copy: leave the team library and join again"
            ),
            M::SyncDeviceName { name } => {
                write!(f, "`{name}` cannot name a device: use 1 to 40 letters, digits, spaces, dots or dashes")
            }
            M::SyncNewerFormat { device, seq, schema } => write!(
                f,
                "changes from {device} (file {seq}) were written by a newer Dossier (schema {schema}); they wait until this one is upgraded"
            ),
            M::SyncFileIncomplete { device, seq } => {
                write!(f, "change file {seq} from {device} is incomplete or damaged; it is read again at the next sync")
            }
            M::SyncFileQuarantined { device, seq, reason } => write!(
                f,
                "change file {seq} from {device} is set aside and not applied: {reason}; the other changes go on"
            ),
            M::SyncNotRegularFile {} => f.write_str("it is a link, a folder or a special file, not a regular file"),
            M::SyncFileTooLarge { limit_mb } => write!(f, "it is larger than {limit_mb} MB"),
            M::SyncFileMalformed {} => f.write_str("its content is not what its header says"),
            M::SyncUnknownTable { table } => write!(f, "it changes {table}, which is not a table of the library"),
            M::SyncWrongValue { table, column } => {
                write!(f, "it puts a value in {table}.{column} of a type that field cannot hold")
            }
            M::SyncClockAhead { dated } => {
                write!(f, "it is dated {dated}, more than a day ahead of this computer's clock and of every change seen")
            }
            M::SyncChangeFailed { detail } => write!(f, "the library refused one of its changes ({detail})"),
            M::NoConflict { id } => write!(f, "there is no conflict {id}"),
            M::ConflictRecordGone { id } => {
                write!(f, "the record of conflict {id} was removed, so its value cannot be brought back")
            }
            M::ConflictAlreadyKept { id } => write!(f, "the value of conflict {id} was already brought back"),
            M::PublicCopyOverLibrary { path } => {
                write!(f, "{path} holds a library that is not a public copy; a public copy goes into an empty folder or over an older public copy")
            }
            M::PublicCopyOverForeign { path } => {
                write!(f, "{path} is not part of a public copy made by Dossier, and writing the copy would replace it; nothing was changed. A public copy goes into an empty folder or over an older public copy")
            }

            M::JsonFailed { detail } => write!(f, "cannot write JSON: {detail}"),
            M::BadPaperRef { text } => write!(f, "`{text}` is not a paper: write ID or ID@VERSION, e.g. 3 or 3@2"),
            M::ReportNeedsFile {} => f.write_str("a PDF report needs a file to write"),
            M::ReportFormatUnknown { path } => write!(f, "cannot tell the format of {path} from its name: name a .csv or .pdf file"),
        }
    }
}

/// Warnings are messages too; a list of them words as "a; b".
pub fn join(messages: &[Message], sep: &str) -> String {
    messages.iter().map(ToString::to_string).collect::<Vec<_>>().join(sep)
}

#[cfg(test)]
mod tests;
