//! A Hill day printed at once (`dossier packet day`, `Library::prepare_day`)
//! and the debrief after each meeting, on the sample library's planned day:
//! four meetings and calls on 2 December 2026, one with a packet of its own.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{NaiveDate, TimeZone, Utc};
use dossier::engagements::{Debrief, EngagementKind};
use dossier::export::day::{DayOptions, DayReport, DayStep};
use dossier::export::PaperSize;
use dossier::message::Message;
use dossier::papers::Lang;
use dossier::progress::{Cancel, Job};
use dossier::{Error, Library};

use crate::util::{dossier_err, dossier_ok, meeting, TempLibrary};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

fn options(folder: &Path, lang: Lang) -> DayOptions {
    DayOptions {
        date: day(),
        folder: folder.to_owned(),
        paper: PaperSize::Letter,
        lang,
        organisation: None,
        at: Some(Utc.with_ymd_and_hms(2026, 11, 30, 16, 0, 0).unwrap()),
        prepared_by: "Samira Khoury".into(),
    }
}

fn sample() -> TempLibrary {
    let mut t = TempLibrary::new();
    t.lib.load_sample(dossier::sample::WRITTEN_ON).expect("the sample loads");
    t
}

/// The text of `pdf`'s pages `first..=last` (from 1), as poppler reads it.
fn text(pdf: &Path, first: usize, last: usize) -> String {
    let out = Command::new("pdftotext")
        .args(["-f", &first.to_string(), "-l", &last.to_string(), "-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils)");
    assert!(out.status.success(), "pdftotext read {}", pdf.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pages(pdf: &Path) -> usize {
    lopdf::Document::load(pdf).expect("a PDF lopdf reads").get_pages().len()
}

/// The top-level outline entries: title and the page (from 0) each opens.
fn outline(pdf: &Path) -> Vec<(String, usize, i64)> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let catalog = doc.catalog().unwrap();
    let root = doc.get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap()).unwrap();
    let mut next = root.get(b"First").ok().and_then(|f| f.as_reference().ok());
    let mut out = Vec::new();
    while let Some(id) = next {
        let entry = doc.get_dictionary(id).unwrap();
        let title = lopdf::decode_text_string(entry.get(b"Title").unwrap()).unwrap();
        let dest = entry.get(b"Dest").unwrap().as_array().unwrap();
        let page = pages.iter().position(|p| *p == dest[0].as_reference().unwrap()).unwrap();
        let count = entry.get(b"Count").map(|c| c.as_i64().unwrap()).unwrap_or(0);
        out.push((title, page, count));
        next = entry.get(b"Next").ok().and_then(|n| n.as_reference().ok());
    }
    out
}

fn packet_count(lib: &Library) -> usize {
    lib.packets().unwrap().len()
}

#[test]
fn a_hill_day_prints_each_meeting_an_itinerary_and_every_packet_on_right_hand_pages() {
    let mut t = sample();
    let before = packet_count(&t.lib);
    let folder = t.dir.path().join("hill day");
    let report = t.lib.prepare_day(&options(&folder, Lang::En)).expect("the day prints");

    // The meetings and the call, in the order of the day.
    let times: Vec<&str> = report.meetings.iter().map(|m| m.time.as_deref().unwrap()).collect();
    assert_eq!(times, ["09:00", "10:30", "13:15", "15:30"]);
    assert_eq!(report.meetings[2].kind, EngagementKind::Call);
    let created: Vec<bool> = report.meetings.iter().map(|m| m.packet_created).collect();
    assert_eq!(created, [true, false, true, true], "the 10:30 meeting already had its packet");
    assert_eq!(packet_count(&t.lib), before + 3, "one packet made for each meeting that had none");

    // A made packet is linked to its meeting and holds the papers it lists, at their versions.
    for m in report.meetings.iter().filter(|m| m.packet_created) {
        let packet = t.lib.packet(m.packet_id).unwrap();
        let e = t.lib.engagement(m.engagement_id).unwrap();
        assert_eq!(packet.engagement_id, Some(e.id));
        assert_eq!(packet.title, e.subject);
        assert_eq!(packet.prepared_by, "Samira Khoury");
        let held: Vec<(i64, Option<i64>)> = packet.items.iter().map(|i| (i.paper_id, i.pinned_version)).collect();
        let listed: Vec<(i64, Option<i64>)> = e.papers.iter().map(|p| (p.paper_id, Some(p.version))).collect();
        assert_eq!(held, listed);
    }

    // One PDF per meeting, named for the order, time and office holder.
    let names: Vec<String> = report.meetings.iter().map(|m| m.file.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names[0], "2026-12-02 01 09h00 Walter Pryce.pdf");
    assert_eq!(names[1], "2026-12-02 02 10h30 Chloé Bérubé.pdf");
    for m in &report.meetings {
        assert!(m.file.starts_with(&folder));
        assert_eq!(pages(&m.file), m.pages, "{}", m.file.display());
        let cover = text(&m.file, 1, 1);
        assert!(cover.contains(&m.officials[0]), "the cover names {}: {cover}", m.officials[0]);
        let exports = t.lib.packet_exports(m.packet_id).unwrap();
        assert_eq!(exports.len(), 1, "each meeting's PDF is recorded as its packet's export");
        assert_eq!(exports[0].path, m.file.to_string_lossy());
        assert_eq!(exports[0].pages as usize, m.pages);
    }

    // The combined PDF: each packet starts on a right-hand (odd) page, the page before it blank when needed.
    let combined = &report.combined;
    assert_eq!(combined.file_name().unwrap(), "2026-12-02 all packets.pdf");
    assert_eq!(pages(combined), report.combined_pages);
    let (mut expected_first, mut end) = (1, 1);
    for m in &report.meetings {
        assert_eq!(m.first_page, expected_first, "packets follow each other, each on an odd page");
        assert_eq!(m.first_page % 2, 1);
        assert_eq!(text(combined, m.first_page, m.first_page), text(&m.file, 1, 1), "the packet starts there");
        end = m.first_page + m.pages;
        if end % 2 == 0 && end <= report.combined_pages {
            assert!(text(combined, end, end).trim().is_empty(), "page {end} is left blank");
        }
        expected_first = end + (end + 1) % 2;
    }
    assert_eq!(report.combined_pages, end - 1, "no blank page after the last packet");
    // Its outline: one entry per meeting, at its first page, holding the packet's own entries.
    let entries = outline(combined);
    assert_eq!(entries.len(), 4, "{entries:?}");
    for (entry, m) in entries.iter().zip(&report.meetings) {
        assert!(entry.0.contains(&m.officials[0]), "{entry:?}");
        assert_eq!(entry.1 + 1, m.first_page, "{entry:?}");
        assert!(entry.2 > 0, "the entry holds the packet's bookmarks and is open: {entry:?}");
    }
    assert!(entries[0].0.starts_with("9:00\u{a0}a.m."), "{:?}", entries[0]);

    // The itinerary: every meeting in order with its facts.
    assert_eq!(report.itinerary.file_name().unwrap(), "2026-12-02 itinerary.pdf");
    let route = text(&report.itinerary, 1, 99);
    assert!(route.contains("Wednesday 2 December 2026"), "{route}");
    let order: Vec<usize> = ["Walter Pryce", "Chloé Bérubé", "Chinedu Okoro", "Françoise Aubin"]
        .iter()
        .map(|n| route.find(n).unwrap_or_else(|| panic!("{n} is on the itinerary: {route}")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "in the order of the day: {order:?}");
    for fact in [
        "Room 228, Confederation Building, Ottawa",
        "Samira Khoury, Yusuf Rahman",
        "NDP · Ottawa Centre (Ontario)",
        "Bloc Québécois · Rivière-du-Nord",
        "Claire Dubé, Julien Marchand",
        "Hana Saleh",
        "CALL",
        "pages 1–12",
    ] {
        assert!(route.contains(fact), "the itinerary says {fact}: {route}");
    }
    let e = t.lib.engagement(report.meetings[0].engagement_id).unwrap();
    for p in &e.papers {
        let start: String = p.title.chars().take(30).collect();
        assert!(route.contains(&start), "the itinerary lists {}: {route}", p.title);
    }
    assert_eq!(outline(&report.itinerary).len(), 4, "an outline entry per meeting");

    // All three kinds of file are tagged. The itinerary reads as its pages,
    // each meeting a section headed by its time, each fact label first.
    use crate::export::tagged::{assert_everything_marked, assert_pdf_ua_catalog, assert_reads_as_pages, page_text, structure, LETTER};
    assert_pdf_ua_catalog(&report.itinerary, "en-CA", "Itinerary — 2 December 2026");
    assert_pdf_ua_catalog(combined, "en-CA", "Hill day — 2 December 2026");
    assert_everything_marked(combined);
    assert_everything_marked(&report.itinerary);
    assert_pdf_ua_catalog(&report.meetings[0].file, "en-CA", &t.lib.packet(report.meetings[0].packet_id).unwrap().title);
    let Some(route) = structure(&report.itinerary) else { return };
    assert_reads_as_pages(&route, &page_text(&report.itinerary, LETTER, &[]).expect("pdftotext"));
    let meetings: Vec<_> = route.kids().into_iter().filter(|k| k.role == "Sect").collect();
    assert_eq!(meetings.len(), 4);
    assert_eq!(meetings[0].kids()[0].role, "H2");
    assert_eq!(meetings[0].kids()[0].words(), "9:00 a.m. MEETING", "the time and kind head the meeting");
    assert!(meetings[0].kids().iter().any(|p| p.words() == "FOR US Samira Khoury, Yusuf Rahman"), "a fact reads label, then value");
    // The combined PDF: one Part per packet, in meeting order.
    let all = structure(combined).expect("pdfinfo");
    let parts = all.kids();
    assert_eq!(parts.len(), 4, "a part per meeting");
    for (part, m) in parts.iter().zip(&report.meetings) {
        assert_eq!(part.role, "Part");
        assert!(part.words().contains(&m.officials[0]), "the part is {}'s packet", m.officials[0]);
    }
}

#[test]
fn a_second_run_reuses_the_packets_the_first_made_and_replaces_its_files() {
    let mut t = sample();
    let folder = t.dir.path().join("day");
    let first = t.lib.prepare_day(&options(&folder, Lang::En)).unwrap();
    let count = packet_count(&t.lib);
    let second = t.lib.prepare_day(&options(&folder, Lang::En)).unwrap();
    assert_eq!(packet_count(&t.lib), count, "no packet is made twice");
    assert!(second.meetings.iter().all(|m| !m.packet_created));
    let ids = |r: &DayReport| r.meetings.iter().map(|m| m.packet_id).collect::<Vec<_>>();
    assert_eq!(ids(&first), ids(&second));
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 6, "the same six files, replaced");
}

#[test]
fn in_french_the_files_and_the_itinerary_speak_french() {
    let mut t = sample();
    let folder = t.dir.path().join("journée");
    let report = t.lib.prepare_day(&options(&folder, Lang::Fr)).unwrap();
    assert_eq!(report.itinerary.file_name().unwrap(), "2026-12-02 itinéraire.pdf");
    assert_eq!(report.combined.file_name().unwrap(), "2026-12-02 toutes les trousses.pdf");
    let route = text(&report.itinerary, 1, 99);
    for word in ["Mercredi 2 décembre 2026", "POUR NOUS", "9 h 00", "APPEL", "pages 1 à 12"] {
        assert!(route.contains(word), "{word}: {route}");
    }
    let entries = outline(&report.combined);
    assert!(entries[0].0.starts_with("9\u{a0}h\u{a0}00"), "{entries:?}");
}

#[test]
fn a_day_without_meetings_is_refused_and_nothing_is_made() {
    let mut t = sample();
    let before = packet_count(&t.lib);
    let folder = t.dir.path().join("none");
    let mut opts = options(&folder, Lang::En);
    opts.date = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let err = t.lib.prepare_day(&opts).unwrap_err();
    assert!(matches!(err, Error::Invalid(Message::DayNothingPlanned { ref date }) if date == "2026-12-03"), "{err:?}");
    assert!(!folder.exists());
    assert_eq!(packet_count(&t.lib), before);

    // A letter is not a meeting: a day holding only letters is refused too.
    let official = t.lib.officials().unwrap()[0].id;
    let letter = dossier::engagements::NewEngagement { kind: EngagementKind::Letter, ..meeting(opts.date, vec![official], "A letter") };
    t.lib.add_engagement(letter).unwrap();
    assert!(matches!(t.lib.prepare_day(&opts), Err(Error::Invalid(Message::DayNothingPlanned { .. }))));
    // Nor is it listed among the days to prepare; the planned day is, with its four.
    let days = t.lib.days_with_meetings(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()).unwrap();
    assert!(days.contains(&("2026-12-02".to_owned(), 4)), "{days:?}");
    assert!(!days.iter().any(|(d, _)| d == "2026-12-03"), "a day of letters only is no Hill day: {days:?}");
}

#[test]
fn a_packet_that_cannot_print_stops_the_day_before_any_file_or_packet_is_made() {
    let mut t = sample();
    let before = packet_count(&t.lib);
    // The 10:30 meeting's own packet follows a paper that is archived since.
    let linked = t.lib.packets().unwrap().into_iter().find(|p| p.engagement_id.is_some() && p.meeting_on.as_deref() == Some("2026-12-02")).unwrap();
    t.lib.set_status(linked.items[0].paper_id, dossier::papers::Status::Archived).unwrap();
    let folder = t.dir.path().join("day");
    let err = t.lib.prepare_day(&options(&folder, Lang::En)).unwrap_err();
    assert!(matches!(err, Error::Conflict(Message::PacketPaperArchived { .. })), "{err:?}");
    assert!(!folder.exists(), "no file written");
    assert_eq!(packet_count(&t.lib), before, "no packet made for the other meetings");
}

#[test]
fn a_file_of_another_kind_in_the_way_is_refused_before_anything_is_written() {
    let mut t = sample();
    let folder = t.dir.path().join("day");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("2026-12-02 itinerary.pdf"), "my notes, not a PDF").unwrap();
    let err = t.lib.prepare_day(&options(&folder, Lang::En)).unwrap_err();
    assert!(matches!(err, Error::Invalid(Message::TargetOtherKind { .. })), "{err:?}");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1, "nothing else written");
    assert_eq!(std::fs::read_to_string(folder.join("2026-12-02 itinerary.pdf")).unwrap(), "my notes, not a PDF");

    // A folder that is a file is refused.
    let file = t.file("a file", "x");
    let err = t.lib.prepare_day(&options(&file, Lang::En)).unwrap_err();
    assert!(matches!(err, Error::Invalid(Message::DayFolderNotAFolder { .. })), "{err:?}");
}

#[test]
fn a_cancelled_day_leaves_no_file_and_no_packet_and_progress_counts_every_step() {
    let mut t = sample();
    let before = packet_count(&t.lib);
    let folder = t.dir.path().join("day");
    let cancel = Cancel::new();
    let mut steps = Vec::new();
    let stop = cancel.clone();
    let mut job = Job::new(cancel, |s: &DayStep| {
        steps.push(*s);
        if *s == (DayStep::Packet { done: 2, total: 4 }) {
            stop.cancel();
        }
    });
    let err = t.lib.prepare_day_watched(&options(&folder, Lang::En), &mut job).unwrap_err();
    drop(job);
    assert!(matches!(err, Error::Cancelled), "{err:?}");
    assert!(!folder.exists());
    assert_eq!(packet_count(&t.lib), before);
    assert_eq!(steps, [DayStep::Packet { done: 1, total: 4 }, DayStep::Packet { done: 2, total: 4 }]);

    let mut steps = Vec::new();
    let mut job = Job::new(Cancel::new(), |s: &DayStep| steps.push(*s));
    t.lib.prepare_day_watched(&options(&folder, Lang::En), &mut job).unwrap();
    drop(job);
    assert_eq!(steps.last(), Some(&DayStep::Done { files: 6 }));
    assert!(steps.contains(&DayStep::Writing { done: 6, total: 6 }), "{steps:?}");
}

#[test]
fn a_debrief_writes_outcome_follow_ups_and_reportable_into_the_engagement() {
    let mut t = sample();
    let planned = t.lib.day_meetings(day()).unwrap();
    let e = &planned[0];
    let after = t
        .lib
        .debrief_engagement(e.id, &Debrief { outcome: "  Will ask the Minister in QP.  ".into(), follow_ups: "Send the figures.".into(), reportable: false })
        .unwrap();
    assert_eq!(after.outcome, "Will ask the Minister in QP.");
    assert_eq!(after.follow_ups, "Send the figures.");
    assert!(!after.reportable);
    assert_eq!(after.subject, e.subject, "the rest is unchanged");
    assert_eq!(t.lib.engagement(e.id).unwrap().outcome, "Will ask the Minister in QP.");

    // Only a meeting or a call has a debrief; a refusal changes nothing.
    let official = t.lib.officials().unwrap()[0].id;
    let letter = t
        .lib
        .add_engagement(dossier::engagements::NewEngagement { kind: EngagementKind::Letter, ..meeting(day(), vec![official], "A letter") })
        .unwrap();
    let err = t.lib.debrief_engagement(letter.id, &Debrief { outcome: "x".into(), follow_ups: String::new(), reportable: true }).unwrap_err();
    assert!(matches!(err, Error::Invalid(Message::DebriefNotOral { engagement }) if engagement == letter.id), "{err:?}");
    assert_eq!(t.lib.engagement(letter.id).unwrap().outcome, "");
    assert!(matches!(
        t.lib.debrief_engagement(999_999, &Debrief { outcome: String::new(), follow_ups: String::new(), reportable: true }),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn the_command_line_prints_a_day_and_debriefs_a_meeting() {
    let t = TempLibrary::new();
    let root = t.root();
    drop(t.lib);
    dossier_ok(&root, &["sample", "--as-of", "2026-11-28"]);
    let folder: PathBuf = t.dir.path().join("out");
    let out = dossier_ok(&root, &["packet", "day", "2026-12-02", "--out", folder.to_str().unwrap()]);
    assert!(out.contains("09:00") && out.contains("Walter Pryce") && out.contains("(new)"), "{out}");
    assert!(out.contains("2026-12-02 all packets.pdf"), "{out}");
    assert!(folder.join("2026-12-02 itinerary.pdf").is_file());
    let json = dossier_ok(&root, &["packet", "day", "2026-12-02", "--out", folder.to_str().unwrap(), "--lang", "fr", "--json"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["meetings"].as_array().unwrap().len(), 4);
    assert!(report["itinerary"].as_str().unwrap().ends_with("itinéraire.pdf"));

    let err = dossier_err(&root, &["packet", "day", "2026-12-03", "--out", folder.to_str().unwrap()]);
    assert!(err.contains("no meeting or call is planned on 2026-12-03") && err.contains("dossier engagement add"), "{err}");
    let err = dossier_err(&root, &["packet", "day", "2 December", "--out", folder.to_str().unwrap()]);
    assert!(err.contains("2 December"), "{err}");

    // Attendees when logged, then a debrief that keeps what it is not given.
    let logged = dossier_ok(
        &root,
        &["engagement", "add", "--kind", "meeting", "--date", "2026-12-04", "--time", "11:00", "--official", "1", "--subject", "Budget", "--attendees", "Hana Saleh", "--follow-ups", "Call back", "--json"],
    );
    let id = serde_json::from_str::<serde_json::Value>(&logged).unwrap()["id"].as_i64().unwrap().to_string();
    dossier_ok(&root, &["engagement", "debrief", &id, "--outcome", "Agreed to table a question", "--not-reportable"]);
    let shown = dossier_ok(&root, &["engagement", "show", &id]);
    for line in ["Hana Saleh", "Agreed to table a question", "Call back", "Reportable"] {
        assert!(shown.contains(line), "{line}: {shown}");
    }
    assert!(shown.lines().any(|l| l.contains("Reportable") && l.trim_end().ends_with("no")), "{shown}");
}
