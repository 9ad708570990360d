//! The monthly communication report: one row per reportable meeting or call
//! and office holder, with the role in force on the date; every gap a
//! warning; CSV bytes that spreadsheets open correctly; a PDF with the same
//! content; bad months refused.

use std::process::Command;

use chrono::NaiveDate;
use dossier::engagements::{EngagementKind, NewEngagement};
use dossier::lobbying::{Month, WarningKind};
use dossier::officials::{Chamber, NewOfficial, NewRole};
use dossier::settings::Setting;
use dossier::subjects::SubjectMatter;
use dossier::{Library, Message};

use crate::util::{dossier_err, dossier_ok, snapshot, TempLibrary};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn october() -> Month {
    "2026-10".parse().unwrap()
}

fn sample() -> TempLibrary {
    let mut t = TempLibrary::new();
    t.lib.load_sample(dossier::sample::WRITTEN_ON).expect("the sample library loads");
    t
}

#[test]
fn the_sample_october_report_lists_each_meeting_and_call_with_the_role_in_force() {
    let t = sample();
    let report = t.lib.lobbying_report(october(), day("2026-10-27")).unwrap();
    assert_eq!(report.deadline, "2026-11-15");
    assert_eq!(report.days_left, 19);
    assert_eq!(report.registrant.as_deref(), Some("Samira Khoury"));
    assert_eq!(report.rows.len(), 11, "every reportable meeting and call of October, one office holder each");
    assert!(report.rows.iter().all(|r| matches!(r.kind, EngagementKind::Meeting | EngagementKind::Call)), "only oral communications are rows");
    assert!(report.rows.iter().all(|r| r.registrant == "Samira Khoury"), "the registrant is on every row");
    assert!(report.rows.windows(2).all(|w| w[0].date <= w[1].date), "rows are in date order");

    let ng = report.rows.iter().find(|r| r.last_name == "Ng").expect("the meeting with Vincent Ng");
    assert_eq!(ng.position_title, "Parliamentary Secretary to the Minister of Foreign Affairs",
        "the role that started last among those in force on 2026-10-29");
    assert_eq!(ng.institution, "Global Affairs Canada");
    assert_eq!(ng.first_name, "Vincent");

    let okoro = report.rows.iter().find(|r| r.last_name == "Okoro").expect("the meeting with Chinedu Okoro");
    assert_eq!(okoro.date, "2026-10-21");
    assert_eq!(okoro.institution, "", "his role names no institution");
    assert_eq!(okoro.warnings, vec![Message::RowNoInstitution {}]);
    let w = report.warnings.iter().find(|w| w.kind == WarningKind::NoInstitution).expect("a missing-institution warning");
    let text = w.message.to_string();
    assert!(text.contains("2026-10-21") && text.contains("Chinedu Okoro"), "{text}");

    assert!(!report.rows.iter().any(|r| r.last_name == "Abdi"), "the letter to Hodan Abdi is not a row");
    let letter = report.warnings.iter().find(|w| w.kind == WarningKind::NotOral).expect("the reportable letter is warned of");
    assert_eq!(letter.date.as_deref(), Some("2026-10-16"));
    assert_eq!(letter.official.as_deref(), Some("Hodan Abdi"));
    let text = letter.message.to_string();
    assert!(text.contains("letter") && text.contains("not reported"), "{text}");
    assert_eq!(report.not_reported.len(), 1, "and listed apart so nobody misses it");
    assert_eq!(report.warnings.len(), 2, "nothing else is wrong in October: {:?}", report.warnings);
}

/// A library with two office holders, one without a role in October.
fn two_officials() -> (TempLibrary, i64, i64) {
    let mut t = TempLibrary::new();
    let role = |title: &str, institution: &str, since: &str| NewRole {
        title: title.into(),
        branch: "Office of the Minister".into(),
        institution: institution.into(),
        started_on: day(since),
        ended_on: None,
    };
    let a = t.lib.add_official(NewOfficial {
        given_name: "Élise".into(),
        family_name: "Côté".into(),
        chamber: Chamber::House,
        party: String::new(),
        constituency: String::new(),
        roles: vec![role("Minister of Foreign Affairs", "Global Affairs Canada", "2025-05-13")],
    })
    .unwrap();
    let b = t.lib.add_official(NewOfficial {
        given_name: "Tom".into(),
        family_name: "Baker".into(),
        chamber: Chamber::Staff,
        party: String::new(),
        constituency: String::new(),
        roles: vec![role("Chief of Staff", "Global Affairs Canada", "2026-11-02")],
    })
    .unwrap();
    (t, a.id, b.id)
}

fn engagement(kind: EngagementKind, date: &str, officials: Vec<i64>, subject: &str, reportable: Option<bool>) -> NewEngagement {
    NewEngagement { kind, reportable, ..crate::util::meeting(day(date), officials, subject) }
}

#[test]
fn a_meeting_with_two_office_holders_gives_two_rows_and_every_gap_is_warned() {
    let (mut t, a, b) = two_officials();
    let meeting = t.lib.add_engagement(engagement(EngagementKind::Meeting, "2026-10-05", vec![a, b], "Settlement trade", None)).unwrap();
    t.lib.add_engagement(engagement(EngagementKind::Call, "2026-10-09", vec![], "Call with an office", Some(true))).unwrap();
    t.lib.add_engagement(engagement(EngagementKind::Meeting, "2026-10-12", vec![a], "Off the record", Some(false))).unwrap();
    t.lib.add_engagement(engagement(EngagementKind::Meeting, "2026-11-02", vec![a], "Next month", None)).unwrap();

    let report = t.lib.lobbying_report(october(), day("2026-11-16")).unwrap();
    assert_eq!(report.rows.len(), 2, "one row per office holder of the one reportable meeting");
    assert!(report.rows.iter().all(|r| r.engagement_id == meeting.id));
    assert_eq!(report.rows[0].last_name, "Baker", "office holders of one meeting in name order");
    assert_eq!(report.rows[0].position_title, "", "Tom Baker had no role yet on 2026-10-05");
    let words = |ws: &[Message]| ws.iter().map(ToString::to_string).collect::<Vec<_>>();
    assert_eq!(
        words(&report.rows[0].warnings),
        ["no position title: no role in force on this date", "no registrant set", "no subject matter"]
    );
    assert_eq!(report.rows[1].position_title, "Minister of Foreign Affairs");
    assert_eq!(words(&report.rows[1].warnings), ["no registrant set", "no subject matter"]);

    let kinds: Vec<WarningKind> = report.warnings.iter().map(|w| w.kind).collect();
    assert_eq!(
        kinds,
        [WarningKind::NoRegistrant, WarningKind::NoSubjectMatters, WarningKind::NoPositionTitle, WarningKind::NoOfficeHolder]
    );
    let subjects = report.warnings[1].message.to_string();
    assert!(
        subjects.contains(&format!("engagement {}", meeting.id)) && subjects.contains("2026-10-05") && subjects.contains("has no subject matter"),
        "the meeting without subject matters is named once, not per office holder: {subjects}"
    );
    let text = report.warnings[2].message.to_string();
    assert!(text.contains("Tom Baker") && text.contains("2026-10-05"), "{text}");
    assert_eq!(report.days_left, -1);
    assert!(report.deadline_line().starts_with("overdue"), "{}", report.deadline_line());
}

#[test]
fn the_csv_opens_in_spreadsheets_byte_for_byte() {
    let (mut t, a, _) = two_officials();
    t.lib.set_setting(Setting::Registrant, "Samira Khoury").unwrap();
    t.lib
        .add_subject_matters(&[
            SubjectMatter { code: "SMT-17".into(), name_en: "International Trade".into(), name_fr: "Commerce international".into() },
            SubjectMatter { code: "SMT-8".into(), name_en: "Elections".into(), name_fr: String::new() },
        ])
        .unwrap();
    let mut e = engagement(EngagementKind::Meeting, "2026-10-05", vec![a], "Trade, \"labelling\" and élections", None);
    e.subjects = vec!["smt-17".into(), "SMT-8".into()];
    t.lib.add_engagement(e).unwrap();
    let out = t.dir.path().join("october.csv");
    dossier_ok(&t.root(), &["report", "lobbying", "--month", "2026-10", "--out", out.to_str().unwrap(), "--today", "2026-10-31"]);
    let bytes = std::fs::read(&out).unwrap();
    let header = "\u{feff}\"Date\",\"Communication\",\"Last name\",\"First name\",\"Position title\",\"Branch or unit\",\"Institution\",\"Subject matters\",\"Subject\",\"Campaign\",\"Registrant\",\"Engagement\",\"Warnings\"\r\n";
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "a UTF-8 byte-order mark, so Excel reads UTF-8");
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with(header), "the header row, every field quoted, CRLF: {text:?}");
    let row = "\"2026-10-05\",\"meeting\",\"Côté\",\"Élise\",\"Minister of Foreign Affairs\",\"Office of the Minister\",\"Global Affairs Canada\",\"SMT-8 Elections; SMT-17 International Trade\",\"Trade, \"\"labelling\"\" and élections\",\"\",\"Samira Khoury\",\"1\",\"\"\r\n";
    assert_eq!(&text[header.len()..], row, "a comma and quotes stay in their cell, accents in UTF-8");
}

#[test]
fn the_command_prints_the_deadline_and_each_warning_on_its_own_line() {
    let t = sample();
    let out = crate::util::dossier(&t.root(), &["report", "lobbying", "--month", "2026-10", "--today", "2026-10-27"]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stdout.contains("19 days left until the filing deadline, 2026-11-15"), "{stdout}");
    assert!(stdout.contains("Registrant:   Samira Khoury"), "{stdout}");
    assert!(stdout.contains("Okoro") && stdout.contains("no institution"), "{stdout}");
    let warnings: Vec<&str> = stderr.lines().collect();
    assert_eq!(warnings.len(), 2, "{stderr}");
    assert!(warnings.iter().all(|w| w.starts_with("warning: engagement ")), "{stderr}");
    assert!(warnings.iter().any(|w| w.contains("2026-10-16") && w.contains("Hodan Abdi") && w.contains("letter")), "{stderr}");
    assert!(warnings.iter().any(|w| w.contains("2026-10-21") && w.contains("Chinedu Okoro") && w.contains("no federal institution")), "{stderr}");

    let late = dossier_ok(&t.root(), &["report", "lobbying", "--month", "2026-10", "--today", "2026-11-18"]);
    assert!(late.contains("Overdue: the filing deadline was 2026-11-15, 3 days ago"), "{late}");

    let json: serde_json::Value =
        serde_json::from_str(&dossier_ok(&t.root(), &["report", "lobbying", "--month", "2026-10", "--today", "2026-10-27", "--json"])).unwrap();
    for field in ["month", "registrant", "deadline", "days_left", "rows", "not_reported", "warnings"] {
        assert!(json.get(field).is_some(), "report JSON has `{field}`");
    }
    for field in ["date", "last_name", "first_name", "position_title", "branch", "institution", "subject_matters", "subject", "registrant", "warnings"] {
        assert!(json["rows"][0].get(field).is_some(), "row JSON has `{field}`");
    }
    assert_eq!(json["warnings"][0]["kind"], "not_oral");
}

#[test]
fn the_pdf_holds_the_rows_and_the_warnings() {
    let t = sample();
    let pdf = t.dir.path().join("october.pdf");
    let out = dossier_ok(&t.root(), &["report", "lobbying", "--month", "2026-10", "--out", pdf.to_str().unwrap(), "--today", "2026-10-27"]);
    assert!(out.starts_with(&format!("Wrote {}", pdf.display())), "{out}");
    let doc = lopdf::Document::load(&pdf).expect("a well-formed PDF");
    let pages = doc.get_pages().len();
    assert!((1..=3).contains(&pages), "a short report, got {pages} pages");
    let Ok(text) = Command::new("pdftotext").args([pdf.to_str().unwrap(), "-"]).output() else {
        eprintln!("note: `pdftotext` is not installed; skipping the text checks");
        return;
    };
    let text = String::from_utf8_lossy(&text.stdout);
    for expected in ["October 2026", "Samira Khoury", "15 November 2026", "19 days left", "Okoro", "Bérubé", "Warning: no institution", "Hodan Abdi"] {
        assert!(text.contains(expected), "the PDF says `{expected}`: {text}");
    }
    assert!(text.matches("POSITION TITLE").count() == pages.min(2), "the table header is repeated on the page it continues on");

    // Tagged: the structure reads as the pages, the header row once.
    crate::export::tagged::assert_pdf_ua_catalog(&pdf, "en-CA", "Monthly communication report, October 2026");
    crate::export::tagged::assert_everything_marked(&pdf);
    let Some(tree) = crate::export::tagged::structure(&pdf) else { return };
    let band = crate::export::tagged::Band { width: 792.0, cover_top: 0.0, top: 50.0, bottom: 580.0 };
    let header = "DATE LAST NAME FIRST NAME POSITION TITLE BRANCH OR UNIT INSTITUTION SUBJECT MATTERS";
    let pages_text = crate::export::tagged::page_text(&pdf, band, &[header]).expect("pdftotext");
    crate::export::tagged::assert_reads_as_pages(&tree, &pages_text);
    let headings: Vec<String> = tree.all("H2").iter().map(|h| h.words()).collect();
    assert_eq!(headings, ["Communications", "Warnings: to fix before filing", "Flagged reportable, but not part of this report"]);
    let table = tree.all("Table")[0];
    assert_eq!(table.kids().len(), 12, "the header row and the 11 rows");
    assert_eq!(table.kids()[0].kids().len(), 7, "seven column heads");
    assert!(table.kids()[0].kids().iter().all(|c| c.role == "TH"));
    let warnings = tree.all("L");
    assert_eq!(warnings.len(), 1, "the warnings are a list");
    assert_eq!(warnings[0].kids().len(), 2, "one item per warning");
}

#[test]
fn a_malformed_month_or_format_is_refused_and_writes_nothing() {
    let t = sample();
    let out = t.dir.path().join("r.pdf");
    let before = snapshot(&t.root());
    for (args, expect) in [
        (vec!["--month", "2026-13"], "--month `2026-13` is not a month: write it as YYYY-MM, e.g. 2026-10"),
        (vec!["--month", "oct"], "--month `oct` is not a month"),
        (vec!["--month", "2026-10", "--format", "xls"], "unknown report format `xls`: use csv or pdf"),
        (vec!["--month", "2026-10", "--format", "pdf"], "a PDF report needs a file: add --out FILE.pdf"),
        (vec!["--month", "2026-10", "--today", "tomorrow"], "--today `tomorrow` is not a date"),
    ] {
        let mut full = vec!["report", "lobbying", "--out", out.to_str().unwrap()];
        if args.contains(&"pdf") {
            full.truncate(2);
        }
        full.extend(args);
        let err = dossier_err(&t.root(), &full);
        assert!(err.starts_with("error: ") && err.contains(expect), "`{}` should say `{expect}`: {err}", full.join(" "));
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
    assert!(!out.exists(), "no file was written");
    assert_eq!(snapshot(&t.root()), before, "a report never writes to the library");
    let lib = Library::open(&t.root()).unwrap();
    assert!(lib.automatic_backups().is_empty(), "drafting a report is not a write: no daily backup");
}
