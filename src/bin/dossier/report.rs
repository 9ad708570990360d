//! `dossier report lobbying [--month YYYY-MM] [--format csv|pdf] [--out FILE]`
//! and `dossier report reconcile --registry DIR [--month YYYY-MM]`.

use std::path::Path;

use dossier::lobbying::{LobbyingReport, Month, ReportFormat};
use dossier::registry::reconcile::DifferenceField;
use dossier::{dates, Error, Library, Message, Result};

use crate::cli::{LobbyingArgs, ReconcileArgs};
use crate::output;

pub fn lobbying(lib: &Library, args: LobbyingArgs) -> Result<()> {
    // The deadline falls on the user's calendar, not UTC's.
    let today = match &args.today {
        Some(d) => dates::parse_date(d, "--today")?,
        None => dates::local_today(),
    };
    let month = match &args.month {
        Some(m) => m.parse()?,
        None => Month::due_on(today),
    };
    let format = match (&args.format, &args.out) {
        (Some(f), _) => Some(f.parse::<ReportFormat>()?),
        (None, Some(out)) => Some(format_of(out)?),
        (None, None) => None,
    };
    if format == Some(ReportFormat::Pdf) && args.out.is_none() {
        return Err(Error::Invalid(Message::ReportNeedsFile {}));
    }
    let report = lib.lobbying_report(month, today)?;

    let written = match (format, &args.out) {
        (Some(format), Some(out)) => Some((out.clone(), lib.write_lobbying_report(&report, format, out)?)),
        _ => None,
    };
    for w in &report.warnings {
        eprintln!("warning: {}", crate::wording::message(&w.message));
    }
    if args.json.json {
        let mut value = serde_json::to_value(&report).map_err(|e| Error::Invalid(Message::JsonFailed { detail: e.to_string() }))?;
        if let Some(map) = value.as_object_mut() {
            map.insert("file".into(), serde_json::json!(written.as_ref().map(|(p, _)| p)));
            map.insert("bytes".into(), serde_json::json!(written.as_ref().map(|(_, b)| b)));
        }
        return output::json(&value);
    }
    match (format, written) {
        (_, Some((path, bytes))) => {
            outln!(
                "Wrote {} ({} row{}, {} KB): the communication report for {}",
                path.display(),
                report.rows.len(),
                if report.rows.len() == 1 { "" } else { "s" },
                bytes.div_ceil(1024),
                report.month_name
            );
            outln!("{}", capitalise(&report.deadline_line()));
        }
        (Some(ReportFormat::Csv), None) => {
            // The CSV is the output; what people read goes to stderr.
            let csv = dossier::lobbying::csv::to_csv(&report);
            output::write_bytes(&csv);
            eprintln!("{}", capitalise(&report.deadline_line()));
        }
        _ => screen(&report),
    }
    Ok(())
}

fn format_of(out: &Path) -> Result<ReportFormat> {
    match out.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).as_deref() {
        Some("csv") => Ok(ReportFormat::Csv),
        Some("pdf") => Ok(ReportFormat::Pdf),
        _ => Err(Error::Invalid(Message::ReportFormatUnknown { path: out.display().to_string() })),
    }
}

fn capitalise(text: &str) -> String {
    let mut c = text.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// The report as a table for people.
fn screen(report: &LobbyingReport) {
    outln!("Monthly communication report, {}", report.month_name);
    if let Some(org) = &report.organisation {
        outln!("Organisation: {org}");
    }
    outln!("Registrant:   {}", report.registrant.as_deref().unwrap_or("(not set)"));
    outln!("{}\n", capitalise(&report.deadline_line()));
    if report.rows.is_empty() {
        outln!("No reportable meetings or calls were logged for {}.", report.month_name);
    } else {
        let rows: Vec<Vec<String>> = report
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.date.clone(),
                    r.engagement_id.to_string(),
                    output::clip(&r.last_name, 18),
                    output::clip(&r.first_name, 14),
                    output::clip(&r.position_title, 34),
                    output::clip(&r.institution, 28),
                    output::clip(&LobbyingReport::subject_line(r, false), 44),
                    dossier::message::join(&r.warnings, "; "),
                ]
            })
            .collect();
        output::table(&["DATE", "ENG", "LAST NAME", "FIRST NAME", "POSITION TITLE", "INSTITUTION", "SUBJECT MATTERS", "WARNINGS"], &rows);
    }
    if !report.not_reported.is_empty() {
        outln!("\nFlagged reportable, but not part of this report (letters and mailings are not reported):");
        for n in &report.not_reported {
            outln!("  {}  engagement {}  {} with {}: {}", n.date, n.engagement_id, n.kind.as_str(), n.officials.join(", "), output::clip(&n.subject, 60));
        }
    }
    let engagements = {
        let mut ids: Vec<i64> = report.rows.iter().map(|r| r.engagement_id).collect();
        ids.dedup();
        ids.len()
    };
    outln!(
        "\n{} row{} from {} engagement{}; {} warning{}{}",
        report.rows.len(),
        if report.rows.len() == 1 { "" } else { "s" },
        engagements,
        if engagements == 1 { "" } else { "s" },
        report.warnings.len(),
        if report.warnings.len() == 1 { "" } else { "s" },
        if report.warnings.is_empty() { "" } else { ", each printed as `warning: …`" }
    );
}

pub fn reconcile(lib: &Library, args: ReconcileArgs) -> Result<()> {
    let month = args.month.as_deref().map(str::parse::<Month>).transpose()?;
    let done = lib.reconcile_registry(&args.registry, month)?;
    if args.json.json {
        return output::json(&done);
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    outln!(
        "{} of ours in the Registry's files ({} replaced by an amendment), under {}",
        plural(done.reports_found as usize, "report"),
        done.amended,
        done.registry_numbers.join(", ")
    );
    if !done.missing_files.is_empty() {
        outln!("Not in the folder, so not compared: {}", done.missing_files.join(", "));
    }
    if done.months.is_empty() {
        outln!("No month to compare: the files hold no report filed under these numbers.");
    }
    let who = |name: &str| if name.is_empty() { "(office holder not given)".to_owned() } else { name.to_owned() };
    for m in &done.months {
        outln!(
            "\n{}: {} filed and in our log, {} not filed, {} filed but not in our log, {}",
            m.month_name,
            m.matched.len(),
            m.not_filed.len(),
            m.not_logged.len(),
            plural(m.differences.len(), "difference")
        );
        if !m.matched.is_empty() {
            outln!("\n  Filed and in our log");
            let rows: Vec<Vec<String>> = m
                .matched
                .iter()
                .map(|p| vec![p.logged.date.clone(), output::clip(&p.logged.office_holder, 30), p.logged.engagement_id.to_string(), p.filed.comlog_id.clone()])
                .collect();
            indented(&["DATE", "OFFICE HOLDER", "ENGAGEMENT", "REPORT"], &rows);
        }
        if !m.not_filed.is_empty() {
            outln!("\n  Reportable in our log but not filed");
            let rows: Vec<Vec<String>> = m
                .not_filed
                .iter()
                .map(|l| vec![l.date.clone(), output::clip(&l.office_holder, 30), l.engagement_id.to_string(), output::clip(&l.position_title, 40)])
                .collect();
            indented(&["DATE", "OFFICE HOLDER", "ENGAGEMENT", "POSITION TITLE"], &rows);
        }
        if !m.not_logged.is_empty() {
            outln!("\n  Filed but not in our log");
            let rows: Vec<Vec<String>> = m
                .not_logged
                .iter()
                .map(|f| vec![f.date.clone(), output::clip(&who(&f.office_holder), 30), f.comlog_id.clone(), output::clip(&f.position_title, 40), f.filed_under.clone()])
                .collect();
            indented(&["DATE", "OFFICE HOLDER", "REPORT", "POSITION TITLE", "FILED UNDER"], &rows);
        }
        if !m.differences.is_empty() {
            outln!("\n  Differences");
            let rows: Vec<Vec<String>> = m
                .differences
                .iter()
                .map(|d| {
                    let field = match d.field {
                        DifferenceField::PositionTitle => "position title",
                        DifferenceField::Institution => "institution",
                        DifferenceField::SubjectMatters => "subject matters",
                    };
                    let shown = |v: &str| if v.is_empty() { "(none)".to_owned() } else { output::clip(v, 36) };
                    vec![d.date.clone(), output::clip(&d.office_holder, 26), field.to_owned(), shown(&d.ours), shown(&d.filed)]
                })
                .collect();
            indented(&["DATE", "OFFICE HOLDER", "FIELD", "OURS", "FILED"], &rows);
        }
    }
    if !done.months.is_empty() && done.agrees() {
        outln!("\nOur log and the Registry agree.");
    }
    Ok(())
}

/// A table set in by four spaces under a list's heading.
fn indented(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let text: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
        format!("    {}", text.join("  ")).trim_end().to_owned()
    };
    outln!("{}", line(header.to_vec()));
    for row in rows {
        outln!("{}", line(row.iter().map(String::as_str).collect()));
    }
}
