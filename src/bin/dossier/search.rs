//! `dossier search`, `dossier reindex` and the hidden `dossier corpus`.
//!
//! Human output lists hits (kind, id, title, year, snippet with matches
//! marked) then facet counts; `--json` prints [`SearchResults`] as
//! documented on that type; `--stdin` reads one query per line and prints
//! one JSON line per query.

use std::io::{BufRead, IsTerminal};
use std::path::Path;

use dossier::search::{snippets, SearchRequest, SearchResults};
use dossier::{dates, Error, Library, Result};

use crate::cli::SearchArgs;
use crate::output;

fn request(args: &SearchArgs, query: String) -> Result<SearchRequest> {
    Ok(SearchRequest {
        query,
        as_you_type: args.prefix_last,
        kind: args.kind.as_deref().map(str::parse).transpose()?,
        from_year: args.from,
        to_year: args.to,
        lang: args.lang.as_deref().map(str::parse).transpose()?,
        tag: args.tag.clone(),
        status: args.status.as_deref().map(str::parse).transpose()?,
        official: args.official,
        all_versions: args.all_versions,
        as_of: args.as_of.as_deref().map(|d| dates::parse_date(d, "--as-of")).transpose()?,
        limit: dossier::api::search::limit(args.limit),
    })
}

pub fn search(lib: &mut Library, args: SearchArgs) -> Result<()> {
    if args.stdin {
        let stdin = std::io::stdin();
        for line in stdin.lock().lines() {
            let line = line.map_err(|e| Error::Io { path: "stdin".into(), source: e })?;
            let results = lib.search(&request(&args, line)?)?;
            let text = serde_json::to_string(&results).map_err(|e| Error::Invalid(dossier::Message::JsonFailed { detail: e.to_string() }))?;
            // One line per query, there as soon as it is answered (a closed
            // pipe ends the run quietly).
            outln!("{text}");
        }
        return Ok(());
    }
    let query = args.query.clone().unwrap_or_default();
    let results = lib.search(&request(&args, query)?)?;
    if args.out.json {
        return output::json(&results);
    }
    print_human(&results);
    Ok(())
}

fn print_human(r: &SearchResults) {
    let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let (open, close) = if colour { ("\x1b[1;33m", "\x1b[0m") } else { ("**", "**") };
    if r.fuzzy {
        match &r.corrected {
            Some(c) => outln!("No exact matches; showing results for: {c}"),
            None => outln!("No exact matches; showing close matches."),
        }
    }
    outln!("{} results ({} µs)", r.total, r.took_us);
    for hit in &r.hits {
        let version = hit.version.map(|v| format!(" v{v}")).unwrap_or_default();
        outln!();
        outln!("{} {}{}  {}  ({}, {})", hit.kind.as_str(), hit.id, version, hit.title, hit.year, hit.lang.as_str());
        outln!("    {}", snippets::render(&hit.snippet, open, close));
    }
    let facet = |name: &str, map: &std::collections::BTreeMap<String, u64>| {
        if !map.is_empty() {
            let mut pairs: Vec<(&String, &u64)> = map.iter().collect();
            pairs.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let text: Vec<String> = pairs.iter().take(12).map(|(k, v)| format!("{k} {v}")).collect();
            outln!("{name:>5}: {}", text.join(", "));
        }
    };
    if r.total > 0 {
        outln!();
        facet("kind", &r.facets.kind);
        facet("year", &r.facets.year);
        facet("lang", &r.facets.lang);
        facet("tag", &r.facets.tag);
    }
}

pub fn reindex(lib: &mut Library, json: bool) -> Result<()> {
    let bar = output::progress_bar(json);
    let report = lib.reindex_reporting(&mut |done, total| {
        if let Some(bar) = &bar {
            bar.set_length(total);
            bar.set_position(done);
        }
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if json {
        return output::json(&report);
    }
    outln!("Reindexed {} documents in {:.1} s", report.documents, report.took_ms as f64 / 1000.0);
    Ok(())
}

pub fn corpus(root: &Path, size: &str, seed: u64) -> Result<()> {
    let size: dossier::corpus::Size = size.parse()?;
    let mut lib = match Library::open(root) {
        Ok(lib) => lib,
        Err(Error::NoLibrary(_)) => Library::init(root)?,
        Err(e) => return Err(e),
    };
    let counts = dossier::corpus::fill(&mut lib, size, seed)?;
    outln!(
        "Filled {} with the {} corpus (seed {seed}): {} papers ({} versions), {} campaigns, {} engagements, {} officials",
        root.display(),
        size.as_str(),
        counts.papers,
        counts.versions,
        counts.campaigns,
        counts.engagements,
        counts.officials
    );
    Ok(())
}
