//! `dossier`: the command line over the core library, for scripting, batch
//! work and tests. Every command takes `--library DIR`; every listing and
//! `show` takes `--json`; errors go to stderr with a non-zero exit status and
//! change nothing.

// First, so its `outln!` and `out!` reach every module below.
#[macro_use]
mod output;

mod backups;
mod cli;
mod import;
mod packets;
mod papers;
mod parliament;
mod records;
mod report;
mod search;
mod settings;
mod support;
mod sync;
mod wording;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use dossier::logging::{self, Face};
use dossier::{Library, Result};

use cli::{Cli, Command};

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let Some(command) = cli.command.take() else {
        if cli.version {
            let root = cli.library.clone().or_else(|| Library::default_root().ok());
            return finish(support::version(root.as_deref(), cli.verbose).map(|()| ExitCode::SUCCESS), false, "--version");
        }
        let _ = Cli::command().print_help();
        return ExitCode::from(2);
    };
    logging::start(Face::Cli);
    // The command's words (`paper add`), never its arguments, which may
    // hold titles or search terms.
    let name = command_name(&matches);
    tracing::info!(command = %name, "ran");
    let json = wants_json(&command);
    finish(run(cli, command), json, &name)
}

/// Prints the error of a failed command, logs its code, and gives the exit
/// status.
fn finish(result: Result<ExitCode>, json: bool, name: &str) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(e) => {
            tracing::warn!(command = %name, code = e.code(), key = %e.message().key(), "failed");
            if json {
                eprintln!("{}", wording::json(&e));
            } else {
                eprintln!("error: {}", wording::error(&e));
            }
            ExitCode::FAILURE
        }
    }
}

/// The subcommands chosen, e.g. `packet export`.
fn command_name(matches: &clap::ArgMatches) -> String {
    let mut names = Vec::new();
    let mut at = matches;
    while let Some((name, sub)) = at.subcommand() {
        names.push(name);
        at = sub;
    }
    names.join(" ")
}

fn run(cli: Cli, command: Command) -> Result<ExitCode> {
    let root = match &cli.library {
        Some(dir) => dir.clone(),
        None => Library::default_root()?,
    };
    let max_bytes = cli.max_file_mb.saturating_mul(1024 * 1024);
    let writes = writes(&command);
    let open = || -> Result<Library> {
        let mut lib = Library::open(&root)?;
        lib.set_max_file_bytes(max_bytes);
        warn_about_location(&lib);
        if lib.is_read_only() {
            eprintln!("notice: library is read-only; changes cannot be saved");
        }
        // The day's first write is preceded by a backup; it never stops the
        // command it protects.
        if writes && !lib.is_read_only() && lib.daily_backup_due() {
            if let Err(e) = lib.daily_backup(dossier::dates::now()) {
                eprintln!(
                    "warning: today's automatic backup could not be written ({}); the command goes on",
                    wording::error(&e)
                );
            }
        }
        Ok(lib)
    };
    match command {
        // The one command whose exit status is not just success or error.
        Command::Import(args) => return import::run(&mut open()?, args),
        Command::Init => {
            let lib = Library::init(&root)?;
            warn_about_location(&lib);
            outln!("Created an empty library at {}", lib.root().display());
            Ok(())
        }
        Command::Sample { as_of } => {
            let as_of = as_of.map(|day| dossier::dates::parse_date(&day, "--as-of")).transpose()?;
            let (lib, counts) = dossier::api::library::open_sample(&root, as_of)?;
            outln!(
                "Created the sample library at {}: {} papers ({} versions), {} campaigns, {} officials, {} engagements, {} packets",
                lib.root().display(),
                counts.papers,
                counts.versions,
                counts.campaigns,
                counts.officials,
                counts.engagements,
                counts.packets
            );
            Ok(())
        }
        Command::Check(out) => support::check(&mut open()?, out.json),
        Command::ProblemReport { file } => support::problem_report(&root, &file),
        Command::Paper(cmd) => papers::run(&mut open()?, cmd),
        Command::Campaign(cmd) => records::campaign(&mut open()?, cmd),
        Command::Official(cmd) => records::official(&mut open()?, cmd),
        Command::Engagement(cmd) => records::engagement(&mut open()?, cmd),
        Command::Packet(cmd) => packets::run(&mut open()?, cmd),
        Command::Search(args) => search::search(&mut open()?, args),
        Command::Reindex(out) => search::reindex(&mut open()?, out.json),
        Command::Corpus { size, seed } => search::corpus(&root, &size, seed),
        Command::Settings(args) => settings::run(&mut open()?, args),
        Command::Backup(args) => backups::backup(&mut open()?, args),
        Command::Backups(out) => backups::list(&open()?, out.json),
        Command::Restore { file, to, out } => backups::restore(&file, &to, out.json),
        Command::Report(cli::ReportCommand::Lobbying(args)) => report::lobbying(&open()?, args),
        Command::Report(cli::ReportCommand::Reconcile(args)) => report::reconcile(&open()?, args),
        Command::Subject(cmd) => records::subject(&mut open()?, cmd),
        Command::Sync(args) => sync::run(&root, open, args),
        Command::PublicCopy { dir, out } => sync::public_copy(&mut open()?, &dir, out.json),
    }
    .map(|()| ExitCode::SUCCESS)
}

/// Prints the warning for a library in a synced folder or on a network mount.
fn warn_about_location(lib: &Library) {
    if let Some(warning) = lib.location_warning() {
        eprintln!("warning: {}", wording::message(&warning));
    }
}

/// Whether the command writes to the library's database (and so is
/// preceded by the day's automatic backup).
fn writes(command: &Command) -> bool {
    use cli::{CampaignCommand as C, EngagementCommand as E, OfficialCommand as O, PacketCommand as K, PaperCommand as P};
    match command {
        Command::Import(a) => !a.dry_run,
        Command::Paper(p) => !matches!(p, P::List { .. } | P::Show { .. } | P::History { .. } | P::Diff { .. } | P::Original { .. }),
        Command::Campaign(c) => matches!(c, C::Add { .. }),
        Command::Official(o) => matches!(o, O::Add { .. } | O::Role { .. }) || matches!(o, O::Import { dry_run: false, .. }),
        Command::Engagement(e) => matches!(e, E::Add { .. } | E::Edit { .. } | E::Debrief { .. }),
        Command::Subject(s) => matches!(s, cli::SubjectCommand::Import { .. }),
        // Exporting records the export in the database.
        Command::Packet(k) => !matches!(k, K::List(_) | K::Show { .. } | K::Exports { .. }),
        Command::Settings(s) => matches!(s.action, Some(cli::SettingsCommand::Set { .. })),
        Command::Sync(s) => !matches!(s.action, Some(cli::SyncCommand::Status(_) | cli::SyncCommand::Conflicts { .. })),
        Command::PublicCopy { .. } => false,
        Command::Init
        | Command::Sample { .. }
        | Command::Check(_)
        | Command::Search(_)
        | Command::Reindex(_)
        | Command::Corpus { .. }
        | Command::ProblemReport { .. }
        | Command::Backup(_)
        | Command::Backups(_)
        | Command::Restore { .. }
        | Command::Report(_) => false,
    }
}

/// Whether the command asked for JSON, so errors come out as JSON too.
fn wants_json(command: &Command) -> bool {
    use cli::{CampaignCommand as C, EngagementCommand as E, OfficialCommand as O, PacketCommand as K, PaperCommand as P};
    match command {
        Command::Init | Command::Sample { .. } | Command::Corpus { .. } | Command::ProblemReport { .. } => false,
        Command::Search(s) => s.out.json || s.stdin,
        Command::Reindex(o) => o.json,
        Command::Import(a) => a.out.json,
        Command::Check(o) => o.json,
        Command::Settings(s) => {
            s.out.json
                || matches!(&s.action, Some(cli::SettingsCommand::Get { out, .. } | cli::SettingsCommand::Set { out, .. }) if out.json)
        }
        Command::Backup(b) => b.out.json,
        Command::Backups(o) => o.json,
        Command::PublicCopy { out, .. } => out.json,
        Command::Sync(s) => {
            s.out.json
                || match &s.action {
                    Some(cli::SyncCommand::Setup { out, .. } | cli::SyncCommand::Conflicts { out, .. } | cli::SyncCommand::Keep { out, .. }) => out.json,
                    Some(cli::SyncCommand::Status(out) | cli::SyncCommand::Leave(out)) => out.json,
                    None => false,
                }
        }
        Command::Restore { out, .. } => out.json,
        Command::Report(cli::ReportCommand::Lobbying(r)) => r.json.json,
        Command::Report(cli::ReportCommand::Reconcile(r)) => r.json.json,
        Command::Subject(cli::SubjectCommand::List(out) | cli::SubjectCommand::Import { out, .. }) => out.json,
        Command::Paper(p) => match p {
            P::Add { out, .. }
            | P::Update { out, .. }
            | P::List { out, .. }
            | P::Show { out, .. }
            | P::History { out, .. }
            | P::Diff { out, .. }
            | P::Restore { out, .. }
            | P::Publish { out, .. } => out.json,
            P::Original { json, .. } => json.json,
            P::Archive { .. } | P::Link { .. } => false,
        },
        Command::Campaign(C::List { out, .. } | C::Show { out, .. } | C::Add { out, .. }) => out.json,
        Command::Official(o) => match o {
            O::List(out) => out.json,
            O::Show { out, .. } | O::Add { out, .. } | O::Role { out, .. } | O::Import { out, .. } => out.json,
        },
        Command::Engagement(E::List { out, .. } | E::Show { out, .. } | E::Add { out, .. } | E::Edit { out, .. } | E::Debrief { out, .. }) => {
            out.json
        }
        Command::Packet(k) => match k {
            K::List(out) => out.json,
            K::Create { out, .. }
            | K::Add { out, .. }
            | K::Remove { out, .. }
            | K::Move { out, .. }
            | K::Notes { out, .. }
            | K::Show { out, .. }
            | K::Exports { out, .. } => out.json,
            K::Export { json, .. } | K::Day { json, .. } => json.json,
        },
    }
}

/// The author of a new version (see [`dossier::api::author`]).
pub fn author(given: Option<String>) -> String {
    dossier::api::author(given.as_deref())
}
