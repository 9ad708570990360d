//! The command line's grammar: every command, argument and flag.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "dossier",
    disable_version_flag = true,
    about = "Position papers with every version, campaign history, officials and briefing packets, in one offline library.",
    after_help = "The library is --library DIR, else $DOSSIER_LIBRARY, else the user's data folder (~/.local/share/dossier on Linux)."
)]
pub struct Cli {
    /// Library folder to use.
    #[arg(long, global = true, env = "DOSSIER_LIBRARY", value_name = "DIR")]
    pub library: Option<PathBuf>,

    /// Largest file to read, in megabytes.
    #[arg(long, global = true, env = "DOSSIER_MAX_FILE_MB", value_name = "MB", default_value_t = 50)]
    pub max_file_mb: u64,

    /// Print the version; with --verbose, also the schema, the library and where the log is.
    #[arg(short = 'V', long)]
    pub version: bool,

    /// With --version: print the facts Help → About shows in the app.
    #[arg(long, requires = "version")]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Create an empty library.
    Init,
    /// Create the sample library (refuses a library that already holds records).
    /// Its recent months (the autumn's meetings, last month's report, the
    /// planned Hill day) follow today's date.
    Sample {
        /// Make it as if today were this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// Check the library's database and print what it holds.
    Check(JsonFlag),
    /// Position papers and their versions.
    #[command(subcommand)]
    Paper(PaperCommand),
    /// The organisation's campaigns since 2004.
    #[command(subcommand)]
    Campaign(CampaignCommand),
    /// Designated public office holders.
    #[command(subcommand)]
    Official(OfficialCommand),
    /// Meetings, calls, letters and mailings.
    #[command(subcommand)]
    Engagement(EngagementCommand),
    /// Briefing packets.
    #[command(subcommand)]
    Packet(PacketCommand),
    /// The Registry of Lobbyists' subject matters (SMT-n codes) engagements carry.
    #[command(subcommand)]
    Subject(SubjectCommand),
    /// Import documents (.md, .txt, .html, .docx, .odt, .pdf) and folders of them as new papers.
    Import(ImportArgs),
    /// Search papers, campaigns and engagement notes.
    Search(SearchArgs),
    /// Rebuild the search index from the database.
    Reindex(JsonFlag),
    /// Library settings: the organisation's name and the registrant of lobbying reports.
    Settings(SettingsArgs),
    /// Write a backup of the library (the database, with the imported files) to FILE, or list the automatic ones.
    Backup(BackupArgs),
    /// List the library's automatic backups (same as `backup --list`).
    Backups(JsonFlag),
    /// Make a new library in --to DIR from a backup FILE, after checking it.
    Restore {
        /// The backup to restore (from `dossier backup`, or an automatic one).
        file: PathBuf,
        /// The folder of the new library (must not hold a library).
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Reports drafted from the library.
    #[command(subcommand)]
    Report(ReportCommand),
    /// The team library: write this device's changes to the shared folder and apply the others' (`sync setup FOLDER` first).
    Sync(SyncArgs),
    /// Write or refresh a read-only copy for volunteers in DIR: published versions and public campaign fields only.
    PublicCopy {
        /// An empty folder, or one holding an older public copy.
        dir: PathBuf,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Write a report for whoever helps you with Dossier: versions, `check`'s result and the last week's log (never the text of papers).
    ProblemReport {
        /// The text file to write (.txt).
        file: PathBuf,
    },
    /// Fill an empty library with a synthetic corpus (for benchmarks and tests).
    #[command(hide = true)]
    Corpus {
        /// small (~200 versions, 2,000 records) or large (5,000 versions, 50,000 records).
        #[arg(long, default_value = "small")]
        size: String,
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
}

/// `dossier settings [get KEY | set KEY VALUE]`.
#[derive(Args)]
pub struct SettingsArgs {
    #[command(subcommand)]
    pub action: Option<SettingsCommand>,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Subcommand)]
pub enum SettingsCommand {
    /// Print one setting.
    Get {
        /// organisation or registrant.
        key: String,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Set a setting (an empty VALUE clears it).
    Set {
        /// organisation or registrant.
        key: String,
        value: String,
        #[command(flatten)]
        out: JsonFlag,
    },
}

/// `dossier sync [setup FOLDER | status | conflicts | keep ID]`.
#[derive(Args)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub action: Option<SyncCommand>,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Subcommand)]
pub enum SyncCommand {
    /// Start a team library in FOLDER with this library, or join the one FOLDER holds (into an empty or new library).
    Setup {
        /// A folder every device reaches: a network share, a synced folder (Nextcloud, OneDrive, Dropbox, Google Drive) or a USB stick.
        folder: PathBuf,
        /// What to call this computer (default: its name).
        #[arg(long, value_name = "NAME")]
        device: Option<String>,
        /// Who uses it, shown on what they log (default: $DOSSIER_AUTHOR, else the login name).
        #[arg(long, value_name = "NAME")]
        person: Option<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// This device, its last sync, changes waiting out and in, conflicts, and whether the folder is reachable.
    Status(JsonFlag),
    /// Values that lost to another device's change, kept to be brought back.
    Conflicts {
        /// Include the ones already brought back.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Leave the team library: this computer's changes are written out first, and the library stays here, standing alone.
    Leave(JsonFlag),
    /// Bring back the value of CONFLICT as a new change.
    Keep {
        conflict: i64,
        #[command(flatten)]
        out: JsonFlag,
    },
}

/// `dossier backup FILE | --list`.
#[derive(Args)]
pub struct BackupArgs {
    /// The backup file to write.
    #[arg(required_unless_present = "list", conflicts_with = "list")]
    pub file: Option<PathBuf>,
    /// List the automatic backups in the library's backups folder instead.
    #[arg(long)]
    pub list: bool,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Subcommand)]
pub enum ReportCommand {
    /// The monthly communication report: every reportable meeting and call of a month, one row per office holder.
    Lobbying(LobbyingArgs),
    /// Check our log against the reports the Registry of Lobbyists lists as filed (its communication-report CSV files).
    Reconcile(ReconcileArgs),
}

#[derive(Args)]
pub struct ReconcileArgs {
    /// The folder holding the Registry's CSV files (Communication_PrimaryExport.csv and the others).
    #[arg(long, value_name = "DIR")]
    pub registry: PathBuf,
    /// Only this month, as YYYY-MM [default: every month the files hold a report of ours].
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<String>,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Subcommand)]
pub enum SubjectCommand {
    /// List the library's subject matters.
    List(JsonFlag),
    /// Add and rename subject matters from the Registry's Codes_SubjectMatterTypesExport.csv.
    Import {
        file: PathBuf,
        #[command(flatten)]
        out: JsonFlag,
    },
}

#[derive(Args)]
pub struct LobbyingArgs {
    /// The month reported, as YYYY-MM [default: last month, the one due by the 15th].
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<String>,
    /// csv or pdf [default: from --out's extension; else a table on screen].
    #[arg(long)]
    pub format: Option<String>,
    /// The file to write (a CSV without --out goes to standard output).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The date the deadline is counted from [default: today].
    #[arg(long, hide = true, value_name = "DATE")]
    pub today: Option<String>,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// `dossier import`: see `src/bin/dossier/import.rs`.
#[derive(Args)]
pub struct ImportArgs {
    /// Files and folders (folders are walked, hidden files skipped).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Language of every file: en or fr [default: detected per file].
    #[arg(long)]
    pub lang: Option<String>,
    /// A topic tag for every imported paper (repeatable).
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// Read everything and say what would happen; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Who the first versions are by [default: $DOSSIER_AUTHOR, else the user name].
    #[arg(long, env = "DOSSIER_AUTHOR")]
    pub author: Option<String>,
    #[command(flatten)]
    pub out: JsonFlag,
}

/// `dossier search`: see `src/bin/dossier/search.rs`.
#[derive(Args)]
pub struct SearchArgs {
    /// The query: words (all must match), "phrases", prefix*, -excluded.
    #[arg(required_unless_present = "stdin")]
    pub query: Option<String>,
    /// Read one query per line from stdin; print one JSON line per query.
    #[arg(long)]
    pub stdin: bool,
    /// paper, campaign or engagement.
    #[arg(long)]
    pub kind: Option<String>,
    /// First year (inclusive).
    #[arg(long, value_name = "YEAR")]
    pub from: Option<i32>,
    /// Last year (inclusive).
    #[arg(long, value_name = "YEAR")]
    pub to: Option<i32>,
    /// en or fr.
    #[arg(long)]
    pub lang: Option<String>,
    #[arg(long)]
    pub tag: Option<String>,
    /// Paper status: draft, published or archived.
    #[arg(long)]
    pub status: Option<String>,
    /// Engagements with this official (id).
    #[arg(long, value_name = "ID")]
    pub official: Option<i64>,
    /// Search every version of each paper, not only the latest.
    #[arg(long)]
    pub all_versions: bool,
    /// Search the paper versions in force on this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Treat the last word as a prefix (search-as-you-type).
    #[arg(long)]
    pub prefix_last: bool,
    /// How many hits to print [default: 20, at most 10000].
    #[arg(long)]
    pub limit: Option<usize>,
    #[command(flatten)]
    pub out: JsonFlag,
}

#[derive(Args, Clone, Copy)]
pub struct JsonFlag {
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct AuthorArgs {
    /// Who wrote this version [default: $DOSSIER_AUTHOR, else the user name].
    #[arg(long, env = "DOSSIER_AUTHOR")]
    pub author: Option<String>,
    /// Change note: what changed and why.
    #[arg(long, default_value = "")]
    pub note: String,
}

#[derive(Subcommand)]
pub enum PaperCommand {
    /// Add a paper from a file: .md, .txt, .html, .docx, .odt or .pdf (its title, else first heading, is the title).
    Add {
        file: PathBuf,
        #[arg(long)]
        title: Option<String>,
        /// Language of the paper: en or fr [default: detected, else en].
        #[arg(long)]
        lang: Option<String>,
        /// A topic tag (repeatable).
        #[arg(long = "tag")]
        tags: Vec<String>,
        #[arg(long, default_value = "")]
        summary: String,
        #[command(flatten)]
        author: AuthorArgs,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Append a version from a file.
    Update {
        id: i64,
        file: PathBuf,
        /// New title [default: the file's heading, else the current title].
        #[arg(long)]
        title: Option<String>,
        /// New summary [default: the current summary].
        #[arg(long)]
        summary: Option<String>,
        #[command(flatten)]
        author: AuthorArgs,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// List papers.
    List {
        #[arg(long)]
        lang: Option<String>,
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        tag: Option<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Show a paper: the version in force (else the latest), a chosen version, or the one in force on a date.
    Show {
        id: i64,
        #[arg(long, conflicts_with = "as_of")]
        version: Option<i64>,
        /// Show the version that was in force on this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// List every version of a paper.
    History {
        id: i64,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Word-level diff of two versions.
    Diff {
        id: i64,
        from: i64,
        to: i64,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Append a version whose text equals version N.
    Restore {
        id: i64,
        version: i64,
        #[command(flatten)]
        author: AuthorArgs,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Put a version in force (the latest by default).
    Publish {
        id: i64,
        #[arg(long)]
        version: Option<i64>,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Mark a paper archived (its versions stay).
    Archive { id: i64 },
    /// Link two papers as translations of each other.
    Link { id: i64, translation: i64 },
    /// Write the file a version was imported from, byte for byte.
    Original {
        id: i64,
        /// The version [default: the newest one imported from a file].
        #[arg(long)]
        version: Option<i64>,
        /// Where to write it.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Subcommand)]
pub enum CampaignCommand {
    /// List campaigns in the order they started.
    List {
        /// Running in or after this year.
        #[arg(long)]
        from: Option<i32>,
        /// Running in or before this year.
        #[arg(long)]
        to: Option<i32>,
        #[arg(long)]
        tag: Option<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Show a campaign.
    Show {
        id: i64,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Add a campaign.
    Add {
        #[arg(long)]
        title: String,
        /// Start date (YYYY-MM-DD).
        #[arg(long)]
        start: String,
        /// End date (YYYY-MM-DD); leave out while it runs.
        #[arg(long)]
        end: Option<String>,
        #[arg(long, default_value = "")]
        summary: String,
        /// Markdown file with the description.
        #[arg(long)]
        description_file: Option<PathBuf>,
        #[arg(long, default_value = "")]
        outcome: String,
        #[arg(long = "tag")]
        tags: Vec<String>,
        /// Id of a paper the campaign used (repeatable).
        #[arg(long = "paper")]
        papers: Vec<i64>,
        #[command(flatten)]
        out: JsonFlag,
    },
}

#[derive(Subcommand)]
pub enum OfficialCommand {
    /// List officials by family name.
    List(JsonFlag),
    /// Show an official with roles and engagement history.
    Show {
        id: i64,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Add an official with their current role.
    Add {
        #[arg(long)]
        given_name: String,
        #[arg(long)]
        family_name: String,
        /// house, senate or staff.
        #[arg(long)]
        chamber: String,
        #[arg(long, default_value = "")]
        party: String,
        /// Riding (MPs) or province (senators).
        #[arg(long, default_value = "", visible_aliases = ["riding", "province"])]
        constituency: String,
        #[command(flatten)]
        role: RoleArgs,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Import office holders from Parliament's files: the House of Commons'
    /// Members (XML or CSV, English or French), a Member's roles (XML), the
    /// Senate's list of Senators (a saved web page). Officials already in
    /// the library are updated, never duplicated.
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print what would change and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The language of files that do not tell (en or fr) [default: en].
        #[arg(long)]
        lang: Option<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Record another role of an official.
    Role {
        id: i64,
        #[command(flatten)]
        role: RoleArgs,
        /// Date the role ended (YYYY-MM-DD).
        #[arg(long)]
        until: Option<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
}

#[derive(Args)]
pub struct RoleArgs {
    /// Position title, e.g. "Member of Parliament".
    #[arg(long)]
    pub title: String,
    /// Branch or unit, e.g. a minister's office.
    #[arg(long, default_value = "")]
    pub branch: String,
    /// Federal institution, e.g. "House of Commons".
    #[arg(long, default_value = "")]
    pub institution: String,
    /// Date the role began (YYYY-MM-DD) [default: today].
    #[arg(long)]
    pub since: Option<String>,
}

#[derive(Subcommand)]
pub enum EngagementCommand {
    /// List engagements, newest first.
    List {
        /// Only those with this official.
        #[arg(long)]
        official: Option<i64>,
        /// Only those under this campaign.
        #[arg(long)]
        campaign: Option<i64>,
        /// On or after this date (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// On or before this date (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// meeting, call, letter or mailing.
        #[arg(long)]
        kind: Option<String>,
        /// Only those flagged for the monthly lobbying report.
        #[arg(long)]
        reportable: bool,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Show an engagement.
    Show {
        id: i64,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Log a meeting, call, letter or mailing.
    #[command(visible_alias = "log")]
    Add {
        /// meeting, call, letter or mailing.
        #[arg(long)]
        kind: String,
        /// YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// HH:MM.
        #[arg(long)]
        time: Option<String>,
        #[arg(long, default_value = "")]
        place: String,
        /// Id of an official taking part (repeatable).
        #[arg(long = "official")]
        officials: Vec<i64>,
        #[arg(long)]
        campaign: Option<i64>,
        /// Paper discussed, as ID or ID@VERSION (repeatable).
        #[arg(long = "paper")]
        papers: Vec<String>,
        /// One line saying what it was about.
        #[arg(long)]
        subject: String,
        #[arg(long, default_value = "", conflicts_with = "notes_file")]
        notes: String,
        /// Markdown file with the notes.
        #[arg(long)]
        notes_file: Option<PathBuf>,
        #[arg(long, default_value = "")]
        follow_ups: String,
        /// Who from the organisation attends, e.g. "Claire Dubé, Samira Khoury".
        #[arg(long, default_value = "")]
        attendees: String,
        /// Flag it for the monthly report [default: meetings and calls with an official].
        #[arg(long, conflicts_with = "not_reportable")]
        reportable: bool,
        /// Keep it out of the monthly report.
        #[arg(long)]
        not_reportable: bool,
        /// A subject matter of the Registry, e.g. SMT-17 (repeatable; see `dossier subject list`).
        #[arg(long = "subject-matter", value_name = "CODE")]
        subject_matters: Vec<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// After a meeting or call: record its outcome, follow-ups and whether it is reported (what is not given stays as it was).
    Debrief {
        id: i64,
        /// What came of it.
        #[arg(long, conflicts_with = "outcome_file")]
        outcome: Option<String>,
        /// Markdown file with the outcome.
        #[arg(long)]
        outcome_file: Option<PathBuf>,
        #[arg(long)]
        follow_ups: Option<String>,
        /// Flag it for the monthly report.
        #[arg(long, conflicts_with = "not_reportable")]
        reportable: bool,
        /// Keep it out of the monthly report.
        #[arg(long)]
        not_reportable: bool,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Change an engagement's subject matters.
    Edit {
        id: i64,
        /// The subject matters it carries from now on, e.g. SMT-17 (repeatable; replaces those it had).
        #[arg(long = "subject-matter", value_name = "CODE", required_unless_present = "no_subject_matters")]
        subject_matters: Vec<String>,
        /// Remove every subject matter.
        #[arg(long, conflicts_with = "subject_matters")]
        no_subject_matters: bool,
        #[command(flatten)]
        out: JsonFlag,
    },
}

/// How a packet is printed: sheet, language and organisation.
#[derive(Args)]
pub struct PrintArgs {
    /// Paper size: letter or a4.
    #[arg(long, default_value = "letter")]
    pub paper: String,
    /// Language of the packet's own labels (and a Hill day's itinerary): en or fr.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Organisation name on the cover [default: the `organisation` setting].
    #[arg(long, env = "DOSSIER_ORGANISATION")]
    pub organisation: Option<String>,
}

#[derive(Subcommand)]
pub enum PacketCommand {
    /// Start a packet.
    Create {
        #[arg(long)]
        title: String,
        #[arg(long)]
        official: Option<i64>,
        #[arg(long)]
        engagement: Option<i64>,
        /// Meeting date (YYYY-MM-DD).
        #[arg(long)]
        date: Option<String>,
        /// Who prepared it [default: $DOSSIER_AUTHOR, else the user name].
        #[arg(long, env = "DOSSIER_AUTHOR")]
        prepared_by: Option<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Add a paper: PAPER (latest published when exported) or PAPER@VERSION.
    Add {
        packet: i64,
        paper: String,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Remove an item.
    Remove {
        packet: i64,
        item: i64,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Move an item to a position (1 is first).
    Move {
        packet: i64,
        item: i64,
        position: i64,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Set talking points and the ask from a Markdown file.
    Notes {
        packet: i64,
        file: PathBuf,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// List packets.
    List(JsonFlag),
    /// Show a packet and its items.
    Show {
        packet: i64,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Export a packet as a PDF to hand over at the meeting.
    Export {
        packet: i64,
        /// The PDF to write.
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        print: PrintArgs,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Print a Hill day: a PDF per meeting or call on DATE, the itinerary, and every packet in one PDF for double-sided printing.
    Day {
        /// YYYY-MM-DD.
        date: String,
        /// The folder the PDFs go in (made when missing).
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        print: PrintArgs,
        /// Who prepared the packets made for meetings that had none [default: $DOSSIER_AUTHOR, else the user name].
        #[arg(long, env = "DOSSIER_AUTHOR")]
        prepared_by: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// List the PDFs exported from a packet and the versions each held.
    Exports {
        packet: i64,
        #[command(flatten)]
        out: JsonFlag,
    },
}
