//! `dossier --version [--verbose]`, `dossier check` and `dossier
//! problem-report FILE`: what someone helping a user asks for.

use std::path::Path;

use dossier::api::support::{self, About};
use dossier::{Error, Library, Result};

use crate::output;

/// `dossier --version`: the version; with `verbose`, the facts Help → About
/// shows in the app, for the library in `root` (not opened: a version
/// query migrates nothing).
pub fn version(root: Option<&Path>, verbose: bool) -> Result<()> {
    let about = support::about(root);
    outln!("dossier {}", about.version);
    if !verbose {
        return Ok(());
    }
    print_facts(&about);
    Ok(())
}

fn print_facts(about: &About) {
    outln!("schema: {} (libraries are brought to it when opened)", about.schema);
    outln!("system: {}", about.system);
    match &about.library {
        Some(l) => match l.schema {
            Some(schema) => outln!("library: {} (schema {schema})", l.folder.display()),
            None => outln!("library: {} (no library there)", l.folder.display()),
        },
        None => outln!("library: none (no data folder on this machine)"),
    }
    match &about.log_folder {
        Some(dir) => outln!("log: {}", dir.display()),
        None => outln!("log: none (no folder for it on this machine)"),
    }
}

/// `dossier check`: the database's integrity and the search index.
pub fn check(lib: &mut Library, json: bool) -> Result<()> {
    let found = support::check(lib)?;
    if json {
        let index = &found.index;
        output::json(&serde_json::json!({
            "library": found.summary.path,
            "schema_version": found.schema,
            "integrity": if found.problems.is_empty() { "ok" } else { "damaged" },
            "problems": found.problems,
            "papers": found.summary.papers, "campaigns": found.summary.campaigns,
            "officials": found.summary.officials, "engagements": found.summary.engagements,
            // Scripts read the detail as English text, as the rest of this
            // output; the app words the message's key instead.
            "search_index": {
                "status": index.status,
                "detail": index.detail.to_string(),
                "documents": index.documents,
                "indexed_seq": index.indexed_seq,
                "library_seq": index.library_seq,
                "checksums_ok": index.checksums_ok,
            },
        }))?;
    } else {
        for line in found.lines() {
            outln!("{line}");
        }
    }
    if found.problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Damaged {
            detail: found.problems.join("; "),
            advice: dossier::library::restore_advice(Some(lib.root())),
        })
    }
}

/// `dossier problem-report FILE`: the report for support, with the library
/// in `root` checked if it opens (and why not if it does not).
pub fn problem_report(root: &Path, file: &Path) -> Result<()> {
    let saved = support::write_problem_report(Some(root), None, file)?;
    outln!("Wrote a problem report to {} ({} bytes): send it to whoever helps you with Dossier.", saved.path.display(), saved.bytes);
    Ok(())
}
