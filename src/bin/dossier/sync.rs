//! `dossier sync [setup FOLDER | status | conflicts | keep ID]`.

use std::path::Path;

use dossier::api::sync::{self as team, SetupKind, SetupReport, SetupRequest};
use dossier::sync::handle::{Conflict, SyncReport, SyncStatus};
use dossier::{Library, Result};

use crate::cli::{SyncArgs, SyncCommand};
use crate::{output, wording};

pub fn run(root: &Path, open: impl FnOnce() -> Result<Library>, args: SyncArgs) -> Result<()> {
    match args.action {
        None => {
            let report = open()?.sync()?;
            if args.out.json {
                return output::json(&report);
            }
            print_report(&report);
            Ok(())
        }
        Some(SyncCommand::Setup { folder, device, person, out }) => {
            let request = SetupRequest { folder, device, person };
            // Joining makes the library, so it need not exist yet.
            drop(open);
            let (_, kind, status) = team::setup(root, &request)?;
            if out.json || args.out.json {
                return output::json(&SetupReport { setup: kind, status });
            }
            let folder = status.folder.clone().unwrap_or_default();
            match kind {
                SetupKind::Created => outln!("Started a team library in {folder}; this computer is its first device, “{}”.", status.name),
                SetupKind::Joined => outln!("Joined the team library in {folder} as “{}”.", status.name),
            }
            outln!("Run `dossier sync` to exchange changes; other computers join with `dossier sync setup {folder}`.");
            Ok(())
        }
        Some(SyncCommand::Leave(out)) => {
            let status = open()?.leave_team()?;
            if out.json || args.out.json {
                return output::json(&status);
            }
            outln!("Left the team library: this library now stands alone, with everything it holds.");
            Ok(())
        }
        Some(SyncCommand::Status(out)) => {
            let status = open()?.sync_status()?;
            if out.json || args.out.json {
                return output::json(&status);
            }
            print_status(&status);
            Ok(())
        }
        Some(SyncCommand::Conflicts { all, out }) => {
            let conflicts = open()?.conflicts(all)?;
            if out.json || args.out.json {
                return output::json(&conflicts);
            }
            if conflicts.is_empty() {
                outln!("No conflicts: no value was lost to another device's change.");
                return Ok(());
            }
            let rows: Vec<Vec<String>> = conflicts.iter().map(conflict_row).collect();
            output::table(&["ID", "RECORD", "FIELD", "VALUE THAT LOST", "VALUE NOW", "WRITTEN BY", "WRITTEN", "WHY"], &rows);
            outln!("Bring a value back with `dossier sync keep ID`.");
            Ok(())
        }
        Some(SyncCommand::Keep { conflict, out }) => {
            let kept = open()?.keep_conflict(conflict)?;
            if out.json || args.out.json {
                return output::json(&kept);
            }
            outln!(
                "Brought back {} of {} {}: it is a new change, sent with the next `dossier sync`.",
                kept.field, kept.table, kept.record
            );
            Ok(())
        }
    }
}

fn print_report(report: &SyncReport) {
    outln!(
        "Wrote {} change(s) in {} file(s); applied {} file(s) from other devices ({} row change(s)).",
        report.changes_written, report.files_written, report.files_applied, report.rows_applied
    );
    if report.new_conflicts > 0 {
        outln!("{} value(s) lost to a later change: see `dossier sync conflicts`.", report.new_conflicts);
    }
    if report.files_quarantined > 0 {
        outln!("{} file(s) from other devices set aside, not applied: see `dossier sync status`.", report.files_quarantined);
    }
    for warning in &report.warnings {
        eprintln!("warning: {}", wording::message(warning));
    }
}

fn print_status(status: &SyncStatus) {
    if !status.in_team {
        outln!("This library is not part of a team library. Start or join one with `dossier sync setup FOLDER`.");
        return;
    }
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_owned();
    output::fields(&[
        ("device", format!("{} ({})", status.name, status.device)),
        ("person", status.person.clone()),
        ("folder", status.folder.clone().unwrap_or_default()),
        ("reachable", yes_no(status.reachable)),
        ("last sync", status.last_sync.clone().unwrap_or_else(|| "never".into())),
        ("last error", status.last_error.as_ref().map(wording::message).unwrap_or_default()),
        ("waiting out", format!("{} change(s)", status.waiting_out)),
        ("waiting in", format!("{} file(s)", status.waiting_in)),
        ("conflicts", status.conflicts.to_string()),
        ("set aside", format!("{} file(s)", status.quarantined.len())),
    ]);
    if !status.devices.is_empty() {
        let rows: Vec<Vec<String>> = status
            .devices
            .iter()
            .map(|d| vec![d.name.clone(), d.device.clone(), d.joined.clone(), if d.this_one { "this one".into() } else { String::new() }])
            .collect();
        outln!();
        output::table(&["DEVICE", "ID", "JOINED", ""], &rows);
    }
    if !status.quarantined.is_empty() {
        // Files of other devices never applied here, and why.
        let rows: Vec<Vec<String>> = status
            .quarantined
            .iter()
            .map(|q| vec![q.device.clone(), q.seq.to_string(), q.found_at.clone(), wording::message(&q.reason)])
            .collect();
        outln!();
        output::table(&["SET ASIDE FROM", "FILE", "FOUND", "WHY"], &rows);
    }
}

fn conflict_row(c: &Conflict) -> Vec<String> {
    vec![
        c.id.to_string(),
        format!("{} {}", c.table, c.record),
        c.field.clone(),
        c.value.clone().unwrap_or_else(|| "(the record)".into()),
        c.current.clone().unwrap_or_else(|| "(removed)".into()),
        match (c.person.is_empty(), c.device.is_empty()) {
            (false, false) => format!("{} ({})", c.person, c.device),
            (false, true) => c.person.clone(),
            _ => c.device.clone(),
        },
        c.written_at.clone(),
        c.reason.clone(),
    ]
}

pub fn public_copy(lib: &mut Library, dir: &Path, json: bool) -> Result<()> {
    let copy = lib.public_copy(dir)?;
    if json {
        return output::json(&copy);
    }
    outln!(
        "Wrote the public copy {}: {} papers ({} published versions), {} campaigns, {}.",
        copy.path,
        copy.papers,
        copy.versions,
        copy.campaigns,
        dossier::message::human_size(copy.bytes as i64)
    );
    outln!("Volunteers open it read-only: `dossier --library {} search …`, or in the app.", copy.path);
    Ok(())
}
