//! `dossier report lobbying --month YYYY-MM [--format csv|pdf] [--out FILE]`.

use std::path::Path;

use dossier::lobbying::{LobbyingReport, Month, ReportFormat};
use dossier::{dates, Error, Library, Message, Result};

use crate::cli::LobbyingArgs;
use crate::output;

pub fn lobbying(lib: &Library, args: LobbyingArgs) -> Result<()> {
    let month: Month = args.month.parse()?;
    // The deadline falls on the user's calendar, not UTC's.
    let today = match &args.today {
        Some(d) => dates::parse_date(d, "--today")?,
        None => dates::local_today(),
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
                    output::clip(&r.subject_matters, 44),
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
