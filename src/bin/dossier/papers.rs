//! `dossier paper …`: add, update, list, show, history, diff, restore,
//! publish, archive and link papers.

use dossier::import::{detect_language, Detected, SourceFile};
use dossier::papers::{Draft, Lang, NewPaper, PaperFilter, PaperVersion, Status};
use dossier::{dates, Error, Library, Result};

use crate::cli::PaperCommand;
use crate::output;

pub fn run(lib: &mut Library, cmd: PaperCommand) -> Result<()> {
    match cmd {
        PaperCommand::Original { id, version, out, force, json } => original(lib, id, version, &out, force, json.json),
        PaperCommand::Add { file, title, lang, tags, summary, author, out } => {
            add(lib, &file, title, lang, tags, summary, author.author, author.note, out.json)
        }
        PaperCommand::Update { id, file, title, summary, author, out } => {
            update(lib, id, &file, title, summary, author.author, author.note, out.json)
        }
        PaperCommand::List { lang, status, tag, out } => list(lib, lang, status, tag, out.json),
        PaperCommand::Show { id, version, as_of, out } => show(lib, id, version, as_of, out.json),
        PaperCommand::History { id, out } => history(lib, id, out.json),
        PaperCommand::Diff { id, from, to, out } => diff(lib, id, from, to, out.json),
        PaperCommand::Restore { id, version, author, out } => {
            let v = lib.restore_version(id, version, &crate::author(author.author), &author.note)?;
            saved(&v, "Restored", out.json)
        }
        PaperCommand::Publish { id, version, out } => {
            let p = lib.publish(id, version, None)?;
            if out.json {
                return output::json(&p);
            }
            outln!("Paper {id}: version {} is in force from {}", p.version, output::day(&p.published_at));
            Ok(())
        }
        PaperCommand::Archive { id } => {
            lib.set_status(id, Status::Archived)?;
            outln!("Paper {id} is archived; its versions are kept.");
            Ok(())
        }
        PaperCommand::Link { id, translation } => {
            lib.link_translation(id, translation)?;
            outln!("Papers {id} and {translation} are linked as translations.");
            Ok(())
        }
    }
}

/// `paper original ID [--version N] --out FILE`: the imported file, byte for byte.
fn original(lib: &Library, id: i64, version: Option<i64>, out: &std::path::Path, force: bool, json: bool) -> Result<()> {
    let original = lib.original(id, version)?;
    write_new_file(out, &original.bytes, force)?;
    if json {
        return output::json(&original);
    }
    outln!(
        "Wrote {} ({} bytes, version {} of paper {id}) to {}",
        original.file_name,
        original.size,
        original.version,
        out.display()
    );
    Ok(())
}

/// `paper add FILE`: a new paper from a document.
#[allow(clippy::too_many_arguments)]
fn add(
    lib: &mut Library,
    file: &std::path::Path,
    title: Option<String>,
    lang: Option<String>,
    tags: Vec<String>,
    summary: String,
    author: Option<String>,
    note: String,
    json: bool,
) -> Result<()> {
    let lang: Option<Lang> = lang.map(|l| l.parse()).transpose()?;
    let source = SourceFile::read(file, lib.max_file_bytes())?;
    let doc = source.parse()?;
    warn(&doc.warnings, file);
    // Detected when not given; English when the text cannot tell.
    let lang = lang.unwrap_or(match detect_language(&doc.body) {
        Detected::Supported { lang } => lang,
        _ => Lang::En,
    });
    let draft = Draft {
        title: title.unwrap_or_else(|| doc.title_or_file_name()),
        summary,
        body: doc.body,
        author: crate::author(author),
        note: if note.is_empty() { "First version".into() } else { note },
        at: None,
    };
    let v = lib.add_paper_from_file(NewPaper { lang, tags, draft }, &source)?;
    saved(&v, "Added", json)
}

/// `paper update ID FILE`: a new version from a document.
#[allow(clippy::too_many_arguments)]
fn update(
    lib: &mut Library,
    id: i64,
    file: &std::path::Path,
    title: Option<String>,
    summary: Option<String>,
    author: Option<String>,
    note: String,
    json: bool,
) -> Result<()> {
    let current = lib.latest_version(id)?;
    let source = SourceFile::read(file, lib.max_file_bytes())?;
    let doc = source.parse()?;
    warn(&doc.warnings, file);
    let draft = Draft {
        title: title.or(doc.title).unwrap_or(current.title),
        summary: summary.unwrap_or(current.summary),
        body: doc.body,
        author: crate::author(author),
        note,
        at: None,
    };
    let v = lib.save_version_from_file(id, draft, &source)?;
    saved(&v, "Saved", json)
}

fn list(lib: &Library, lang: Option<String>, status: Option<String>, tag: Option<String>, json: bool) -> Result<()> {
    let filter = PaperFilter {
        lang: lang.map(|l| l.parse()).transpose()?,
        status: status.map(|s| s.parse()).transpose()?,
        tag,
    };
    let papers = lib.papers(&filter)?;
    if json {
        return output::json(&papers);
    }
    let rows: Vec<Vec<String>> = papers
        .iter()
        .map(|p| {
            vec![
                p.id.to_string(),
                output::clip(&p.title, 60),
                p.lang.as_str().into(),
                if p.edited_in_parallel { format!("{} (parallel)", p.status.as_str()) } else { p.status.as_str().into() },
                p.version_in_force.map_or("-".into(), |n| format!("v{n}")),
                format!("v{}", p.latest_version),
                p.tags.join(", "),
                output::day(&p.updated_at),
            ]
        })
        .collect();
    output::table(&["ID", "TITLE", "LANG", "STATUS", "IN FORCE", "LATEST", "TAGS", "CHANGED"], &rows);
    Ok(())
}

fn show(lib: &Library, id: i64, version: Option<i64>, as_of: Option<String>, json: bool) -> Result<()> {
    let paper = lib.paper(id)?;
    let as_of = as_of.map(|date| dates::parse_date(&date, "--as-of")).transpose()?;
    let v = lib.version_shown(&paper, version, as_of)?;
    if json {
        return output::json(&serde_json::json!({ "paper": paper, "version": v }));
    }
    let in_force = match paper.version_in_force {
        Some(n) if n == v.version => " (in force)".to_owned(),
        Some(n) => format!(" (version {n} is in force)"),
        None => " (never published)".to_owned(),
    };
    outln!("# {}
", v.title);
    output::fields(&[
        ("Paper", format!("{} · {} · {}", paper.id, paper.lang.as_str(), paper.status.as_str())),
        ("Version", format!("{} of {}{in_force}", v.version, paper.latest_version)),
        ("Written", format!("{} by {}", output::day(&v.created_at), v.author)),
        ("Note", v.note.clone()),
        ("Tags", paper.tags.join(", ")),
        ("Translation", paper.translation_id.map(|t| format!("paper {t}")).unwrap_or_default()),
        ("Summary", v.summary.clone()),
        (
            "Edited",
            if paper.edited_in_parallel {
                format!("in parallel on two computers — compare (`dossier paper history {id}`, `paper diff`), then save the version that follows both")
            } else {
                String::new()
            },
        ),
    ]);
    outln!("\n{}", v.body.trim_end());
    Ok(())
}

fn history(lib: &Library, id: i64, json: bool) -> Result<()> {
    let history = lib.history(id)?;
    if json {
        return output::json(&history);
    }
    let rows: Vec<Vec<String>> = history
        .iter()
        .map(|h| {
            let published = h.published_at.iter().map(|p| output::day(p)).collect::<Vec<_>>().join(", ");
            vec![
                format!("v{}", h.version),
                output::day(&h.created_at),
                h.author.clone(),
                h.words.to_string(),
                published,
                output::clip(&h.note, 60),
            ]
        })
        .collect();
    output::table(&["VERSION", "WRITTEN", "AUTHOR", "WORDS", "PUBLISHED", "NOTE"], &rows);
    Ok(())
}

fn diff(lib: &Library, id: i64, from: i64, to: i64, json: bool) -> Result<()> {
    let d = lib.diff_versions(id, from, to)?;
    if json {
        return output::json(&d);
    }
    outln!(
        "Paper {id}, version {from} → {to}: {} words added, {} removed",
        d.title.words_inserted + d.summary.words_inserted + d.body.words_inserted,
        d.title.words_deleted + d.summary.words_deleted + d.body.words_deleted
    );
    for (label, part) in [("Title", &d.title), ("Summary", &d.summary)] {
        if !part.is_unchanged() {
            out!("\n{label}: ");
            output::word_diff(part);
        }
    }
    if d.body.is_unchanged() {
        outln!("\nThe body is unchanged.");
    } else {
        outln!();
        output::word_diff(&d.body);
    }
    Ok(())
}

fn saved(v: &PaperVersion, verb: &str, json: bool) -> Result<()> {
    if json {
        return output::json(v);
    }
    outln!("{verb} paper {}, version {}: {}", v.paper_id, v.version, v.title);
    Ok(())
}

/// Reading notes (e.g. a file read as Windows-1252) go to stderr, so they
/// never mix with JSON on stdout.
fn warn(warnings: &[dossier::Message], file: &std::path::Path) {
    for w in warnings {
        eprintln!("warning: {}: {}", file.display(), crate::wording::message(w));
    }
}

/// Writes `bytes` to `path` through a temporary file beside it, so a
/// failed write never leaves half a file where the user asked for one. An
/// existing file is replaced only when asked (`--force`), and never a
/// folder or a link.
fn write_new_file(path: &std::path::Path, bytes: &[u8], force: bool) -> Result<()> {
    let shown = || path.display().to_string();
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => return Err(Error::Invalid(dossier::Message::IsAFolder { path: shown() })),
        Ok(meta) if !meta.is_file() => return Err(Error::Invalid(dossier::Message::TargetNotAFile { path: shown() })),
        Ok(_) if !force => return Err(Error::Conflict(dossier::Message::TargetExists { path: shown() })),
        _ => {}
    }
    dossier::files::write_atomically(path, bytes)
}
