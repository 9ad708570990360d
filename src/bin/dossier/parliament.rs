//! `dossier official import`: Parliament's files read into the officials,
//! the plan printed (new, changed field by field, unchanged, ambiguous).

use std::path::PathBuf;

use dossier::api::officials::{self, OfficialImportRequest};
use dossier::parliament::{FileFormat, ImportPlan};
use dossier::parliament::plan::AmbiguityReason;
use dossier::{Library, Result};

use crate::output;

pub fn import(lib: &mut Library, files: Vec<PathBuf>, dry_run: bool, lang: Option<String>, json: bool) -> Result<()> {
    let request = OfficialImportRequest { lang: lang.as_deref().map(str::parse).transpose()?, today: None };
    let plan = if dry_run {
        officials::plan_official_import(lib, files, &request)?
    } else {
        officials::import_officials(lib, files, &request)?
    };
    if json {
        return output::json(&serde_json::json!({ "dry_run": dry_run, "plan": plan }));
    }
    print(&plan, dry_run);
    Ok(())
}

fn format_name(f: FileFormat) -> &'static str {
    match f {
        FileFormat::CommonsXml => "House of Commons Members, XML",
        FileFormat::CommonsCsv => "House of Commons Members, CSV",
        FileFormat::CommonsRoles => "a Member's roles, XML",
        FileFormat::SenateHtml => "Senators, web page",
    }
}

fn print(plan: &ImportPlan, dry_run: bool) {
    for f in &plan.files {
        let lang = match f.lang {
            dossier::vocab::Lang::En => "English",
            dossier::vocab::Lang::Fr => "French",
        };
        outln!("Read {} ({}, {lang}): {} records", f.name, format_name(f.format), f.records);
    }
    if !plan.new.is_empty() {
        outln!("\nNew ({}):", plan.new.len());
        for o in &plan.new {
            let place = [o.constituency.as_str(), o.province.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>();
            let mut place: Vec<&str> = place;
            place.dedup();
            let party = if o.party.is_empty() { String::new() } else { format!(" ({})", o.party) };
            outln!("  + {} — {}{party}", o.name, place.join(", "));
        }
    }
    if !plan.changed.is_empty() {
        outln!("\nChanged ({}):", plan.changed.len());
        for c in &plan.changed {
            outln!("  ~ {} (official {})", c.name, c.official_id);
            for f in &c.changes {
                let old = if f.old.is_empty() { "(none)" } else { f.old.as_str() };
                let new = if f.new.is_empty() { "(none)" } else { f.new.as_str() };
                outln!("      {}: {old} → {new}", f.field.as_str());
            }
        }
    }
    if !plan.ambiguous.is_empty() {
        outln!("\nAmbiguous, left alone ({}):", plan.ambiguous.len());
        for a in &plan.ambiguous {
            let why = match a.reason {
                AmbiguityReason::SameKey => "several officials have the same PersonId or Senate page",
                AmbiguityReason::SameName => "several officials have this name and riding or province",
                AmbiguityReason::NoPlace => "an official has this name but no riding or province to compare",
            };
            let candidates = a
                .candidates
                .iter()
                .map(|c| if c.constituency.is_empty() { format!("{} {}", c.official_id, c.name) } else { format!("{} {} ({})", c.official_id, c.name, c.constituency) })
                .collect::<Vec<_>>()
                .join("; ");
            outln!("  ? {} — {} [{}]: {why}: {candidates}", a.name, a.constituency, a.file);
        }
    }
    outln!(
        "\n{} new, {} changed, {} unchanged, {} ambiguous{}",
        plan.new.len(),
        plan.changed.len(),
        plan.unchanged,
        plan.ambiguous.len(),
        if dry_run { " (dry run: nothing written)" } else { "" }
    );
}
