//! `dossier import PATH...`: one line per file (imported, duplicate or
//! refused), or one JSON array; exit status 1 when any file was refused.

use std::process::ExitCode;

use dossier::import::{ImportOptions, ImportOutcome, ImportProgress, Outcome};
use dossier::{Library, Result};

use crate::cli::ImportArgs;
use crate::output;

pub fn run(lib: &mut Library, args: ImportArgs) -> Result<ExitCode> {
    let options = ImportOptions {
        lang: args.lang.map(|l| l.parse()).transpose()?,
        tags: args.tags,
        dry_run: args.dry_run,
        author: crate::author(args.author),
    };
    let bar = output::progress_bar(args.out.json);
    let mut progress = |p: &ImportProgress| {
        if let Some(bar) = &bar {
            bar.set_length(p.total as u64);
            bar.set_position(p.done as u64);
            bar.set_message(p.path.display().to_string());
        }
        true
    };
    let report = lib.import_paths(&args.paths, &options, &mut progress)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if args.out.json {
        output::json(&report.outcomes)?;
    } else {
        for o in &report.outcomes {
            outln!("{}", line(o));
        }
        let would = if report.dry_run { " (dry run: nothing was written)" } else { "" };
        outln!(
            "{} imported, {} duplicate, {} refused{would}",
            report.imported(),
            report.duplicates(),
            report.refused()
        );
    }
    Ok(if report.refused() > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// One file's outcome as a line a person reads.
fn line(o: &ImportOutcome) -> String {
    let path = o.path.display();
    let mut text = match &o.outcome {
        Outcome::Imported { paper_id, title, lang, format, .. } => {
            let what = match paper_id {
                Some(id) => format!("imported as paper {id}"),
                None => "would be imported".to_owned(),
            };
            format!("{path}: {what}: “{title}” ({}, {})", lang.as_str(), format.as_str())
        }
        Outcome::Duplicate { paper_id: Some(id), .. } => {
            format!("{path}: skipped: same content as paper {id}")
        }
        Outcome::Duplicate { same_as, .. } => {
            let earlier = same_as.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
            format!("{path}: skipped: same content as {earlier}")
        }
        Outcome::Refused { reason, .. } => {
            let prefix = format!("{path}: ");
            let message = crate::wording::message(reason);
            format!("{path}: refused: {}", message.strip_prefix(&prefix).unwrap_or(&message))
        }
    };
    for w in &o.warnings {
        text.push_str(&format!(" (warning: {})", crate::wording::message(w)));
    }
    text
}
