//! The sample library that ships with Dossier holds what every screen
//! needs: campaigns for every year since 2004, papers with several versions
//! in English and French, officials and engagements.

use std::collections::BTreeSet;

use chrono::Datelike;
use dossier::campaigns::CampaignFilter;
use dossier::engagements::EngagementFilter;
use dossier::papers::{Lang, PaperFilter};

use crate::util::{dossier_err, dossier_ok, snapshot, TempLibrary};

fn day(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The month before `today`, as the report takes it.
fn month_before(today: chrono::NaiveDate) -> dossier::lobbying::Month {
    let first = today.with_day(1).unwrap().pred_opt().unwrap();
    first.format("%Y-%m").to_string().parse().unwrap()
}

/// A new user meets the sample's recent months around the day they make it,
/// whatever that day is: last month's meetings in the report due now, the
/// Hill day ahead, nothing that happened dated after today, and the history
/// before September 2026 as it was.
#[test]
fn a_sample_made_on_any_day_has_its_recent_months_around_that_day() {
    let mut written = TempLibrary::new();
    written.lib.load_sample(dossier::sample::WRITTEN_ON).unwrap();
    let written_report = written.lib.lobbying_report("2026-10".parse().unwrap(), dossier::sample::WRITTEN_ON).unwrap();
    let all = EngagementFilter::default();
    let history = |lib: &dossier::Library| -> Vec<(String, String)> {
        let mut h: Vec<_> = lib.engagements(&all).unwrap().into_iter().filter(|e| e.date.as_str() < "2026-09-01").map(|e| (e.date, e.subject)).collect();
        h.sort();
        h
    };
    let written_history = history(&written.lib);
    assert!(written_history.len() >= 40, "the sample's history: {}", written_history.len());

    for today in ["2026-12-08", "2027-01-03", "2027-03-31", "2028-02-29", "2030-12-31"].map(day) {
        let mut t = TempLibrary::new();
        t.lib.load_sample(today).unwrap();
        let lib = &t.lib;

        let report = lib.lobbying_report(month_before(today), today).unwrap();
        assert_eq!(report.rows.len(), written_report.rows.len(), "{today}: last month's report holds what October's did");
        assert!(report.rows.iter().any(|r| r.last_name == "Adeyemi"), "{today}: the meeting with Grace Adeyemi is last month's");

        let engagements = lib.engagements(&all).unwrap();
        let (planned, done): (Vec<_>, Vec<_>) = engagements.iter().partition(|e| e.subject.ends_with("(planned)"));
        assert_eq!(planned.len(), 4, "{today}: the Hill day's four meetings");
        let today_text = today.format("%Y-%m-%d").to_string();
        for e in &done {
            assert!(e.date <= today_text, "{today}: `{}` happened, yet is dated {}", e.subject, e.date);
        }
        let hill_day = &planned[0].date;
        assert!(planned.iter().all(|e| &e.date == hill_day), "{today}: one Hill day");
        assert!(hill_day.as_str() > today_text.as_str(), "{today}: the Hill day ({hill_day}) is ahead");
        for e in engagements.iter().filter(|e| e.date.as_str() >= "2026-09-01") {
            let weekday = day(&e.date).weekday();
            assert!(!matches!(weekday, chrono::Weekday::Sat | chrono::Weekday::Sun), "{today}: `{}` on a {weekday:?}", e.subject);
        }
        let packets = lib.packets().unwrap();
        let berube = packets.iter().find(|p| p.title.contains("Bérubé")).unwrap();
        assert_eq!(berube.meeting_on.as_ref(), Some(hill_day), "{today}: the packet is for the Hill day");

        assert_eq!(history(lib), written_history, "{today}: the history keeps its real dates");
        let campaigns = lib.campaigns(&CampaignFilter::default()).unwrap();
        let hill_days = campaigns.iter().find(|c| c.title.starts_with("Parliament Hill days") && c.started_on.as_str() >= "2026-09-01").unwrap();
        assert!(hill_days.title.ends_with(&hill_days.started_on[..4]), "{today}: the title names its year: {}", hill_days.title);
        assert!(lib.integrity_check().unwrap().is_empty());
    }
}

/// `dossier sample --as-of` makes the sample of that day; a bad date is
/// refused and makes nothing.
#[test]
fn the_sample_command_takes_the_day_to_make_it_as_of() {
    let t = TempLibrary::new();
    let root = t.root();
    drop(t.lib);
    let before = snapshot(&root);
    let err = dossier_err(&root, &["sample", "--as-of", "2027-02-30"]);
    assert!(err.contains("2027-02-30"), "{err}");
    assert_eq!(snapshot(&root), before, "nothing was made");
    dossier_ok(&root, &["sample", "--as-of", "2027-03-31"]);
    let report = dossier_ok(&root, &["report", "lobbying", "--month", "2027-02", "--format", "csv"]);
    assert!(report.contains("Adeyemi"), "{report}");
}

#[test]
fn the_sample_library_covers_every_year_and_every_kind_of_record() {
    let mut t = TempLibrary::new();
    let counts = t.lib.load_sample(dossier::sample::WRITTEN_ON).expect("the sample library loads");
    let lib = &t.lib;

    let campaigns = lib.campaigns(&CampaignFilter::default()).unwrap();
    assert!(campaigns.len() >= 30, "30 or more campaigns, got {}", campaigns.len());
    let years: BTreeSet<i32> = campaigns.iter().map(|c| c.started_on[..4].parse().unwrap()).collect();
    for year in 2004..=dossier::sample::WRITTEN_ON.year() {
        assert!(years.contains(&year), "a campaign starts in {year}");
    }

    let papers = lib.papers(&PaperFilter::default()).unwrap();
    assert!(papers.len() >= 10, "at least 10 papers, got {}", papers.len());
    assert!(papers.iter().any(|p| p.lang == Lang::Fr) && papers.iter().any(|p| p.lang == Lang::En));
    let multi = papers.iter().filter(|p| p.latest_version >= 3).count();
    assert!(multi >= 4, "at least 4 papers with 3+ versions, got {multi}");
    let linked = papers.iter().filter(|p| p.translation_id.is_some()).count();
    assert!(linked >= 4, "two pairs linked as translations, got {linked} linked papers");
    let scripts = papers.iter().any(|p| {
        let body = lib.latest_version(p.id).unwrap().body;
        body.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) && body.chars().any(|c| ('\u{0590}'..='\u{05FF}').contains(&c))
    });
    assert!(scripts, "one paper contains Arabic and Hebrew names");

    let officials = lib.officials().unwrap();
    assert!(officials.len() >= 25, "at least 25 officials, got {}", officials.len());
    let engagements = lib.engagements(&EngagementFilter::default()).unwrap();
    assert!(engagements.len() >= 60, "at least 60 engagements, got {}", engagements.len());
    assert_eq!(counts.engagements, engagements.len());
    assert!(lib.integrity_check().unwrap().is_empty());
}

#[test]
fn the_sample_goes_only_into_an_empty_library() {
    let t = TempLibrary::new();
    let root = t.root();
    drop(t.lib);
    let out = dossier_ok(&root, &["sample"]);
    assert!(out.starts_with("Created the sample library"), "{out}");
    let before = snapshot(&root);
    let err = dossier_err(&root, &["sample"]);
    assert!(err.contains("already holds"), "{err}");
    assert_eq!(snapshot(&root), before, "the second attempt changed nothing");
}

#[test]
fn the_sample_packets_export_as_pdfs_with_the_draft_mark_only_where_due() {
    let mut t = TempLibrary::new();
    t.lib.load_sample(dossier::sample::WRITTEN_ON).expect("the sample library loads");
    let packets = t.lib.packets().unwrap();
    assert_eq!(packets.len(), 2, "two packets are being prepared in the sample");
    for p in &packets {
        let out = t.dir.path().join(format!("packet-{}.pdf", p.id));
        let opts = dossier::export::ExportOptions { out: out.clone(), ..Default::default() };
        let report = t.lib.export_packet(p.id, &opts).expect("a sample packet exports");
        assert!(report.pages >= 5, "cover, contents, office holder, talking points and papers: {} pages", report.pages);
        assert!(std::fs::metadata(&out).unwrap().len() > 10_000, "the PDF was written");
        let has_draft_item = p.items.iter().any(|i| i.pinned_version == Some(3));
        assert_eq!(report.draft, has_draft_item, "the DRAFT mark appears exactly when an unpublished version is in `{}`", p.title);
        assert_eq!(t.lib.packet_exports(p.id).unwrap().len(), 1, "the export is recorded against the packet");
    }
}
