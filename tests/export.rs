//! Briefing packet PDFs, checked by structure (lopdf) and by extracted text
//! (poppler's pdftotext and pdffonts, and qpdf, when installed), never by
//! bytes.

#[path = "support/packet_fixture.rs"]
mod fixture;

use std::path::Path;
use std::process::Command;

use chrono::{TimeZone, Utc};
use dossier::export::{Lang, ExportOptions, PaperSize};
use dossier::papers::Status;
use dossier::Message;
use lopdf::{Document, Object, ObjectId};

use fixture::{Fixture, ARABIC, DRAFT_TITLE, EN_TITLE, FR_TITLE, HEBREW};

mod tables;
pub(crate) mod tagged;

fn options(out: &Path) -> ExportOptions {
    ExportOptions {
        out: out.to_owned(),
        at: Some(Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap()),
        organisation: Some("Canadians for Justice Sample Group".into()),
        ..ExportOptions::default()
    }
}

/// Runs a poppler or qpdf tool, or returns `None` (with a note) when it is
/// not installed, so the structural checks still run everywhere.
fn tool(name: &str, args: &[&str]) -> Option<(bool, String)> {
    match Command::new(name).args(args).output() {
        Ok(out) => Some((out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned())),
        Err(_) => {
            eprintln!("note: `{name}` is not installed; skipping the checks that need it");
            None
        }
    }
}

/// The text of each page, as pdftotext extracts it.
fn page_texts(pdf: &Path) -> Option<Vec<String>> {
    let (ok, text) = tool("pdftotext", &[pdf.to_str()?, "-"])?;
    assert!(ok, "pdftotext reads the packet");
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Some(pages)
}

fn pages(doc: &Document) -> Vec<ObjectId> {
    doc.get_pages().into_values().collect()
}

fn text_string(obj: &Object) -> String {
    let Object::String(bytes, _) = obj else { return String::new() };
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// Every outline entry as (depth, title, page index).
fn outline(doc: &Document) -> Vec<(usize, String, usize)> {
    let page_ids = pages(doc);
    let mut out = Vec::new();
    let catalog = doc.catalog().unwrap();
    let root = doc.get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap()).unwrap();
    fn walk(doc: &Document, first: Option<ObjectId>, depth: usize, pages: &[ObjectId], out: &mut Vec<(usize, String, usize)>) {
        let mut next = first;
        while let Some(id) = next {
            let d = doc.get_dictionary(id).unwrap();
            let title = text_string(d.get(b"Title").unwrap());
            let dest = d.get(b"Dest").unwrap().as_array().unwrap();
            let page = pages.iter().position(|p| *p == dest[0].as_reference().unwrap()).unwrap();
            out.push((depth, title, page));
            walk(doc, d.get(b"First").and_then(Object::as_reference).ok(), depth + 1, pages, out);
            next = d.get(b"Next").and_then(Object::as_reference).ok();
        }
    }
    walk(doc, root.get(b"First").and_then(Object::as_reference).ok(), 0, &page_ids, &mut out);
    out
}

/// The pages that the links on page `index` point to.
fn link_targets(doc: &Document, index: usize) -> Vec<usize> {
    let page_ids = pages(doc);
    let page = doc.get_dictionary(page_ids[index]).unwrap();
    let Ok(annots) = page.get(b"Annots").and_then(Object::as_array) else { return Vec::new() };
    annots
        .iter()
        .filter_map(|a| {
            let d = doc.get_dictionary(a.as_reference().ok()?).ok()?;
            let dest = d.get(b"Dest").ok()?.as_array().ok()?;
            let target = dest[0].as_reference().ok()?;
            page_ids.iter().position(|p| *p == target)
        })
        .collect()
}

fn export(fx: &mut Fixture, packet: i64, name: &str, tweak: impl FnOnce(&mut ExportOptions)) -> (std::path::PathBuf, dossier::export::ExportReport) {
    let out = fx.dir.path().join(name);
    let mut opts = options(&out);
    tweak(&mut opts);
    let report = fx.lib.export_packet(packet, &opts).unwrap();
    // To look at what the tests export: DOSSIER_KEEP_PDFS=/some/folder.
    if let Some(keep) = std::env::var_os("DOSSIER_KEEP_PDFS") {
        let _ = std::fs::copy(&out, Path::new(&keep).join(name));
    }
    (out, report)
}

#[test]
fn a_packet_has_cover_contents_profile_talking_points_and_papers() {
    let mut fx = fixture::build();
    let (en, fr) = (fx.en_paper, fx.fr_paper);
    let packet = fx.packet(&[(en, None), (fr, Some(1))]);
    let (out, report) = export(&mut fx, packet, "packet.pdf", |_| {});

    let doc = Document::load(&out).unwrap();
    let page_ids = pages(&doc);
    assert_eq!(page_ids.len(), report.pages, "the report counts the pages the file holds");
    assert!(report.pages >= 5, "cover, contents, profile, talking points and two papers: {} pages", report.pages);
    assert!(!report.draft, "both items are published versions, so the packet is not a draft");

    // Letter is the default sheet.
    let mb = doc.get_dictionary(page_ids[0]).unwrap().get(b"MediaBox").unwrap().as_array().unwrap().clone();
    let (w, h) = (mb[2].as_float().unwrap(), mb[3].as_float().unwrap());
    assert!((w - 612.0).abs() < 0.01 && (h - 792.0).abs() < 0.01, "Letter is exactly 612 × 792 pt, got {w} × {h}");

    // Metadata with the date we set, not printpdf's 1970.
    let info = doc.get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap()).unwrap();
    assert_eq!(text_string(info.get(b"Title").unwrap()), "Hill day with Élise Tremblay-Nadeau", "the title is the packet's");
    assert_eq!(text_string(info.get(b"Author").unwrap()), "Samira Haddad", "the author is who prepared it");
    assert!(text_string(info.get(b"CreationDate").unwrap()).starts_with("D:20261127"), "creation date is the export's");
    assert!(text_string(info.get(b"Keywords").unwrap()).contains(EN_TITLE), "keywords name the papers");
    assert!(doc.catalog().unwrap().get(b"PageLabels").is_ok(), "pages are labelled");

    // The outline: every section and paper, with paper headings nested.
    let marks = outline(&doc);
    let titles: Vec<&str> = marks.iter().map(|m| m.1.as_str()).collect();
    for t in ["Cover", "Contents", "About the office holder", "Talking points and the ask", EN_TITLE, FR_TITLE] {
        assert!(titles.contains(&t), "the outline lists {t}: {titles:?}");
    }
    let paper_start = |t: &str| marks.iter().find(|m| m.1 == t && m.0 == 0).unwrap().2;
    assert!(
        marks.iter().any(|m| m.0 == 1 && m.1 == "Background" && m.2 >= paper_start(EN_TITLE)),
        "a paper's headings are nested under it: {marks:?}"
    );

    // The contents links to the pages where each section starts.
    let targets = link_targets(&doc, 1);
    for t in [EN_TITLE, FR_TITLE] {
        assert!(targets.contains(&paper_start(t)), "the contents links to the first page of {t}: {targets:?}");
    }

    let Some(texts) = page_texts(&out) else { return };
    assert_eq!(texts.len(), report.pages, "pdftotext sees every page");
    // A word hyphenated at a line's end comes out with a soft hyphen there
    // (U+00AD: "inserted, not part of the word", as the PDF standard asks).
    let all = texts.join("\n").replace("\u{ad}\n", "");
    for word in ["Élections", "équitables", "aujourd’hui", "Tremblay-Nadeau", "Laurier—Sainte-Marie", "Geneva", "neighbourhood"] {
        assert!(all.contains(word), "`{word}` comes out of the PDF exactly as written");
    }
    for word in ARABIC.split(' ').chain(HEBREW.split(' ')) {
        assert!(all.contains(word), "the right-to-left word `{word}` is extracted whole and in order");
    }
    assert!(texts[0].contains("Room 228, Valour Building, Ottawa") && texts[0].contains("2:30"), "the cover gives the meeting's time and place");
    assert!(texts[0].contains("3 December 2026"), "the cover gives the meeting date");
    assert!(texts[0].contains("Samira Haddad") && texts[0].contains("27 November 2026"), "prepared by and printed on");
    for (n, t) in texts.iter().enumerate() {
        assert!(t.contains(&format!("Page {} of {}", n + 1, report.pages)), "page {} has its footer", n + 1);
        assert!(!t.contains("DRAFT"), "no DRAFT mark when every item is published (page {})", n + 1);
    }
    // The contents prints the page numbers where the papers start.
    for t in [EN_TITLE, FR_TITLE] {
        let start = paper_start(t);
        assert!(texts[start].contains(t), "the outline points at the page where {t} starts");
        let line = texts[1].lines().find(|l| l.contains(t.split(' ').next().unwrap())).unwrap_or("");
        let number = format!("{}", start + 1);
        assert!(
            texts[1].contains(t) && texts[1].split_whitespace().any(|w| w == number),
            "the contents gives page {number} for {t}: {line:?}"
        );
    }
    let profile = texts.iter().find(|t| t.contains("About the office holder") && t.contains("Roles")).expect("a profile page");
    assert!(profile.contains("Parliamentary Secretary"), "roles over time are listed");
    let (a, b) = (profile.find("Call on evictions").unwrap(), profile.find("Introductory meeting").unwrap());
    assert!(a < b, "engagement history is newest first");
    assert!(texts[paper_start(EN_TITLE)].contains("Version 1, published 4 May 2021"), "each paper says which version it is");

    if let Some((ok, fonts)) = tool("pdffonts", &[out.to_str().unwrap()]) {
        assert!(ok, "pdffonts reads the packet");
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "the packet uses fonts");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert!(cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+', "font {} is a subset", cols[0]);
            assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "font {} is embedded, subset, with a ToUnicode map", cols[0]);
        }
    }
    if let Some((ok, report)) = tool("qpdf", &["--check", out.to_str().unwrap()]) {
        assert!(ok, "qpdf finds the file sound: {report}");
    }
}

/// The bullets drawn on the cover: its 3-point squares (`re` operators;
/// the contents' dot leaders are smaller, the accent bars taller).
fn cover_bullets(doc: &Document) -> usize {
    let content = doc.get_and_decode_page_content(pages(doc)[0]).expect("the cover's content");
    let three = |o: &Object| o.as_float().is_ok_and(|v| (v - 3.0).abs() < 0.01);
    content.operations.iter().filter(|op| op.operator == "re" && op.operands.len() == 4 && three(&op.operands[2]) && three(&op.operands[3])).count()
}

#[test]
fn the_cover_lists_each_paper_once_however_its_title_wraps() {
    let mut t = crate::util::TempLibrary::new();
    t.lib.load_sample(dossier::sample::WRITTEN_ON).expect("the sample library loads");
    let packet = t.lib.packets().unwrap().into_iter().find(|p| p.title == "Hill day with Chloé Bérubé").expect("the sample's packet").id;
    let items = t.lib.packet(packet).unwrap().items.len();
    assert_eq!(items, 3, "the sample packet holds three papers");
    for (paper, lang) in [(PaperSize::Letter, Lang::En), (PaperSize::A4, Lang::Fr)] {
        let out = t.dir.path().join(format!("cover-{}.pdf", lang.as_str()));
        let opts = ExportOptions { paper, lang, ..options(&out) };
        t.lib.export_packet(packet, &opts).unwrap();
        if let Some(keep) = std::env::var_os("DOSSIER_KEEP_PDFS") {
            let _ = std::fs::copy(&out, Path::new(&keep).join(out.file_name().unwrap()));
        }
        let doc = Document::load(&out).unwrap();
        assert_eq!(cover_bullets(&doc), items, "{paper:?}, {lang:?}: one bullet per paper, none for a wrapped line");
        let Some(texts) = page_texts(&out) else { continue };
        let cover = texts[0].split_whitespace().collect::<Vec<_>>().join(" ");
        // The long French title wraps on the cover, and reads whole.
        let title = "Au-delà de la solution à deux États";
        assert!(cover.contains(title) && cover.contains("pendant que les négociations sont au point mort"), "{lang:?}: the wrapped title is all on the cover: {cover}");
    }
}

#[test]
fn an_unpublished_version_marks_every_page_draft() {
    let mut fx = fixture::build();
    let (en, draft) = (fx.en_paper, fx.draft_paper);
    let packet = fx.packet(&[(en, None), (draft, Some(1))]);
    let (out, report) = export(&mut fx, packet, "draft.pdf", |_| {});
    assert!(report.draft, "an unpublished version makes the packet a draft");
    assert!(report.versions.iter().any(|v| v.title == DRAFT_TITLE && !v.published), "the report says which version is unpublished");
    let Some(texts) = page_texts(&out) else { return };
    for (n, t) in texts.iter().enumerate() {
        assert!(t.contains("DRAFT"), "page {} carries the DRAFT mark", n + 1);
    }
    assert!(texts.join("\n").contains("Version 1, not published"), "the draft paper says it is not published");
}

#[test]
fn a4_and_french_labels_are_honoured() {
    let mut fx = fixture::build();
    let fr = fx.fr_paper;
    let packet = fx.packet(&[(fr, None)]);
    let (out, report) = export(&mut fx, packet, "a4.pdf", |o| {
        o.paper = PaperSize::A4;
        o.lang = Lang::Fr;
    });
    let doc = Document::load(&out).unwrap();
    for id in pages(&doc) {
        let mb = doc.get_dictionary(id).unwrap().get(b"MediaBox").unwrap().as_array().unwrap().clone();
        let (w, h) = (mb[2].as_float().unwrap(), mb[3].as_float().unwrap());
        assert!((w - 595.28).abs() < 0.01 && (h - 841.89).abs() < 0.01, "every page is A4 (595.28 × 841.89 pt), got {w} × {h}");
    }
    let titles: Vec<String> = outline(&doc).into_iter().map(|m| m.1).collect();
    assert!(titles.iter().any(|t| t == "Table des matières"), "the outline is in French: {titles:?}");
    let Some(texts) = page_texts(&out) else { return };
    let all = texts.join("\n");
    assert!(all.contains("Table des matières") && all.contains(&format!("Page 1 de {}", report.pages)), "labels are French");
    assert!(all.contains("PRÉPARÉ PAR") && all.contains("3 décembre 2026"), "the cover is French, dates too");
    assert!(all.contains("Version 1, publiée le 2 avril 2021"), "the version line is French");
}

#[test]
fn every_export_is_recorded_with_the_versions_it_held() {
    let mut fx = fixture::build();
    let (en, fr) = (fx.en_paper, fx.fr_paper);
    let packet = fx.packet(&[(en, None), (fr, Some(1))]);
    let (_, first) = export(&mut fx, packet, "one.pdf", |_| {});
    let (_, second) = export(&mut fx, packet, "two.pdf", |o| o.paper = PaperSize::A4);
    let exports = fx.lib.packet_exports(packet).unwrap();
    assert_eq!(exports.len(), 2, "both exports are recorded");
    assert_eq!(exports[0].id, second.export_id, "newest first");
    assert_eq!(exports[1].id, first.export_id, "oldest last");
    assert_eq!(exports[0].paper, PaperSize::A4, "the paper size is recorded");
    assert_eq!(exports[1].pages as usize, first.pages, "the page count is recorded");
    let held: Vec<(i64, i64)> = exports[1].versions.iter().map(|v| (v.paper_id, v.version)).collect();
    assert_eq!(held, vec![(en, 1), (fr, 1)], "the exact versions, in packet order");
    assert!(exports[1].path.ends_with("one.pdf"), "the file is recorded");
}

#[test]
fn a_fifty_page_packet_stays_small() {
    let mut fx = fixture::build();
    let long = fx.long_paper(60);
    let en = fx.en_paper;
    let packet = fx.packet(&[(en, None), (long, None)]);
    let (_, report) = export(&mut fx, packet, "long.pdf", |_| {});
    assert!(report.pages >= 45, "the long paper fills about fifty pages: {}", report.pages);
    assert!(report.bytes <= 600 * 1024, "fonts are subset, so fifty pages stay under 600 KB: {} bytes", report.bytes);
}

fn no_pdf_left(dir: &Path) {
    let left: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf") || n.ends_with(".part"))
        .collect();
    assert!(left.is_empty(), "a refused export leaves no file behind: {left:?}");
}

#[test]
fn an_empty_packet_is_refused_with_what_to_do() {
    let mut fx = fixture::build();
    let packet = fx.packet(&[]);
    let out = fx.dir.path().join("empty.pdf");
    let err = fx.lib.export_packet(packet, &options(&out)).unwrap_err();
    assert_eq!(err.code(), "invalid", "an empty packet is invalid input: {err}");
    assert!(err.to_string().contains("add one before exporting"), "the message says what to do: {err}");
    assert_eq!(err.message(), Message::PacketEmpty { packet }, "the CLI words it with the command to run");
    no_pdf_left(fx.dir.path());
}

#[test]
fn an_archived_paper_is_refused() {
    let mut fx = fixture::build();
    let en = fx.en_paper;
    let packet = fx.packet(&[(en, Some(1))]);
    fx.lib.set_status(en, Status::Archived).unwrap();
    let err = fx.lib.export_packet(packet, &options(&fx.dir.path().join("archived.pdf"))).unwrap_err();
    assert_eq!(err.code(), "conflict", "the packet no longer matches the library: {err}");
    assert!(err.to_string().contains("archived") && err.to_string().contains("remove it from the packet"), "the message says what to do: {err}");
    assert!(matches!(err.message(), Message::PacketPaperArchived { packet: p, paper, .. } if p == packet && paper == en), "{err:?}");
    no_pdf_left(fx.dir.path());
}

#[test]
fn an_archived_paper_is_refused_when_added() {
    let mut fx = fixture::build();
    let (en, draft) = (fx.en_paper, fx.draft_paper);
    let packet = fx.packet(&[]);
    fx.lib.set_status(en, Status::Archived).unwrap();
    for version in [None, Some(1)] {
        let err = fx.lib.add_packet_item(packet, en, version).unwrap_err();
        assert_eq!(err.code(), "conflict");
        assert!(matches!(err.message(), Message::PacketAddArchived { paper, packet: p, .. } if paper == en && p == packet), "{err:?}");
        assert!(err.to_string().contains("is archived"), "{err}");
    }
    // A draft may go in for its latest published version: it may be
    // published before the meeting, and printing says if it was not.
    fx.lib.add_packet_item(packet, draft, None).unwrap();
    assert_eq!(fx.lib.packet(packet).unwrap().items.len(), 1, "only the draft was added");
}

#[test]
fn a_never_published_paper_added_for_its_latest_published_version_is_warned_about_when_added() {
    let mut fx = fixture::build();
    let (en, draft) = (fx.en_paper, fx.draft_paper);
    let packet = fx.packet(&[]);
    let added = fx.lib.add_packet_item(packet, draft, None).unwrap();
    assert_eq!(added.packet.items.len(), 1, "a warning, not a refusal: it may be published before the meeting");
    assert!(
        matches!(added.warnings.as_slice(), [Message::PacketAddUnpublished { packet: p, paper, title }] if *p == packet && *paper == draft && title == DRAFT_TITLE),
        "the warning names the packet and the paper: {:?}",
        added.warnings
    );
    let worded = added.warnings[0].to_string();
    assert!(worded.contains("no published version yet") && worded.contains("cannot be printed"), "{worded}");
    let pinned = fx.lib.add_packet_item(packet, draft, Some(1)).unwrap();
    assert!(pinned.warnings.is_empty(), "a pinned version prints as it is: {:?}", pinned.warnings);
    let published = fx.lib.add_packet_item(packet, en, None).unwrap();
    assert!(published.warnings.is_empty(), "a published paper prints: {:?}", published.warnings);
    assert_eq!(published.packet.items.len(), 3);
}

#[test]
fn latest_published_of_a_never_published_paper_is_refused() {
    let mut fx = fixture::build();
    let draft = fx.draft_paper;
    let packet = fx.packet(&[(draft, None)]);
    let err = fx.lib.export_packet(packet, &options(&fx.dir.path().join("x.pdf"))).unwrap_err();
    assert_eq!(err.code(), "conflict", "nothing is published to print: {err}");
    assert!(err.to_string().contains("no published version") && err.to_string().contains("publish"), "the message says what to do: {err}");
    no_pdf_left(fx.dir.path());
}

#[test]
fn an_output_folder_that_does_not_exist_or_cannot_be_written_is_refused() {
    let mut fx = fixture::build();
    let en = fx.en_paper;
    let packet = fx.packet(&[(en, None)]);
    let missing = fx.dir.path().join("no-such-folder").join("p.pdf");
    let err = fx.lib.export_packet(packet, &options(&missing)).unwrap_err();
    assert!(err.to_string().contains("does not exist"), "the message names the missing folder: {err}");
    assert!(!missing.exists(), "nothing is written");

    // A file where a folder should be cannot be written into, even by root.
    let file = fx.dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let err = fx.lib.export_packet(packet, &options(&file.join("p.pdf"))).unwrap_err();
    assert!(err.to_string().contains("a-file"), "the message names the path: {err}");

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let ro = fx.dir.path().join("read-only");
        std::fs::create_dir(&ro).unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        if std::fs::write(ro.join("probe"), "x").is_ok() {
            eprintln!("note: running as a user who can write anywhere (root); skipping the read-only folder check");
        } else {
            let err = fx.lib.export_packet(packet, &options(&ro.join("p.pdf"))).unwrap_err();
            assert_eq!(err.code(), "io", "a folder we may not write is an I/O error: {err}");
            assert!(std::fs::read_dir(&ro).unwrap().next().is_none(), "no temporary file is left behind");
        }
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    assert_eq!(fx.lib.packet_exports(packet).unwrap().len(), 0, "a failed export is not recorded");
}

fn paper_with_body(fx: &mut Fixture, body: String) -> i64 {
    fx.paper_with_body("Odd input", body)
}

#[test]
fn a_ten_thousand_character_word_is_cut_to_fit_the_page() {
    let mut fx = fixture::build();
    let word: String = "Antidisestablishmentarianism".chars().cycle().take(10_000).collect();
    let id = paper_with_body(&mut fx, format!("Before.\n\n{word}\n\nAfter."));
    let packet = fx.packet(&[(id, None)]);
    let (out, report) = export(&mut fx, packet, "word.pdf", |_| {});
    assert!(report.pages < 20, "the word is cut across lines, not spread over many pages: {}", report.pages);
    let Some(texts) = page_texts(&out) else { return };
    // The pieces of the word are the lines made of letters only.
    let all = texts.join("\n");
    let (from, to) = (all.find("Before.").unwrap_or(0), all.find("After.").unwrap_or(all.len()));
    let joined: String = all[from..to]
        .lines()
        .filter(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphabetic()))
        .collect();
    assert!(joined == word, "the whole word is printed, cut at line ends, nothing lost: {} of {} letters", joined.len(), word.len());
}

#[test]
fn a_body_past_four_megabytes_is_refused_clearly() {
    let mut fx = fixture::build();
    let mut table = String::from("| a | b | c |\n|---|---|---|\n");
    while table.len() <= 4 * 1024 * 1024 {
        table.push_str("| cell one | cell two | cell three |\n");
    }
    let id = paper_with_body(&mut fx, table);
    let packet = fx.packet(&[(id, None)]);
    let err = fx.lib.export_packet(packet, &options(&fx.dir.path().join("big.pdf"))).unwrap_err();
    assert_eq!(err.code(), "invalid", "a body past 4 MB is refused: {err}");
    assert!(err.to_string().contains("MB") && err.to_string().contains("Odd input"), "the message names the paper and its size: {err}");
    no_pdf_left(fx.dir.path());
}

#[test]
fn a_moderate_table_prints_every_row() {
    let mut fx = fixture::build();
    let mut table = String::from("| a | b |\n|---|---|\n");
    for i in 0..200 {
        table.push_str(&format!("| row {i} | value {i} |\n"));
    }
    let id = paper_with_body(&mut fx, table);
    let packet = fx.packet(&[(id, None)]);
    let (out, report) = export(&mut fx, packet, "table.pdf", |_| {});
    assert!(report.pages >= 4, "the table's text is all there: {} pages", report.pages);
    let Some(texts) = page_texts(&out) else { return };
    assert!(texts.join("\n").contains("value 199"), "the last row is printed");
}

#[test]
fn a_packet_with_no_meeting_or_official_still_exports() {
    let mut fx = fixture::build();
    let en = fx.en_paper;
    let packet = fx
        .lib
        .create_packet(dossier::packets::NewPacket { title: "Reading pack".into(), ..Default::default() })
        .unwrap()
        .id;
    fx.lib.add_packet_item(packet, en, None).unwrap();
    let (out, report) = export(&mut fx, packet, "bare.pdf", |_| {});
    let doc = Document::load(&out).unwrap();
    let titles: Vec<String> = outline(&doc).into_iter().map(|m| m.1).collect();
    assert!(!titles.iter().any(|t| t == "About the office holder"), "no profile page without an official: {titles:?}");
    assert!(!titles.iter().any(|t| t == "Talking points and the ask"), "no talking points page without notes: {titles:?}");
    assert_eq!(report.pages, 3, "cover, contents and the one paper");
}
