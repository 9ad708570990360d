//! Documents offered for import: PDFs that cost far more to read than their
//! size, folders with links out of them, ZIP containers with climbing entry
//! names, XML that expands or nests without end, HTML that never closes its
//! tags.
//!
//! Each attack must end quickly (well within [`SECONDS`] in a debug build: a
//! guard against a hang, not a speed goal), in bounded memory, with a clear
//! refusal naming the file (or, where the input is merely odd rather than
//! impossible, a bounded result) and a library unchanged by what was
//! refused. The hostile files are built here, in code, so the tests need no
//! tool and say exactly what they hold.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dossier::import::{parse_bytes, Format, ImportOptions, ImportReport, Outcome};
use dossier::papers::Lang;
use dossier::Message;

use crate::util::{snapshot, TempLibrary};

/// The most any attack may take, in a debug build on a loaded machine
/// (the budget for a release build is the README's: 5 s and 300 MB).
const SECONDS: u64 = 5;

/// Runs `attack`, failing the test when it takes longer than [`SECONDS`].
fn within_budget<T>(what: &str, attack: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = attack();
    let took = started.elapsed();
    assert!(took < Duration::from_secs(SECONDS), "{what} took {took:?}");
    eprintln!("{what}: {took:?}");
    result
}

fn options() -> ImportOptions {
    ImportOptions {
        // Forced, so that refusals come from the reader, never from a text
        // too short to tell its language.
        lang: Some(Lang::En),
        author: "Attacker".into(),
        ..ImportOptions::default()
    }
}

/// Imports `paths` into `t`'s library within the time budget.
fn import(t: &mut TempLibrary, what: &str, paths: &[PathBuf]) -> ImportReport {
    within_budget(what, || t.lib.import_paths(paths, &options(), &mut |_| true).expect("the batch runs"))
}

/// Imports the one hostile `file` and returns why it was refused, checking
/// the library did not change.
fn refused(t: &mut TempLibrary, what: &str, file: &Path) -> Message {
    let before = snapshot(&t.root());
    let report = import(t, what, &[file.to_owned()]);
    assert_eq!(report.outcomes.len(), 1, "{what}: one outcome");
    let Outcome::Refused { reason, message, .. } = &report.outcomes[0].outcome else {
        panic!("{what}: should be refused, was {:?}", report.outcomes[0].outcome);
    };
    assert!(message.starts_with(&file.display().to_string()), "{what}: the refusal names the file: {message}");
    assert_eq!(snapshot(&t.root()), before, "{what}: the library changed");
    reason.clone()
}

// ---- Documents offered for import: PDF.

/// A PDF of `pages` pages that all draw the one Flate-compressed content
/// stream `content`, with one font.
fn pdf_sharing_one_stream(pages: usize, content: &[u8]) -> Vec<u8> {
    pdf_sharing_one_font_dictionary(pages, content, 1)
}

/// A PDF of `pages` pages that all draw the one Flate-compressed content
/// stream `content`, and share one resource dictionary whose `/Font`
/// dictionary (an object of its own) names one font `fonts` times, as `F1`,
/// `F2` …
fn pdf_sharing_one_font_dictionary(pages: usize, content: &[u8], fonts: usize) -> Vec<u8> {
    use lopdf::{dictionary, Dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let mut names = Dictionary::new();
    for n in 1..=fonts {
        names.set(format!("F{n}"), font);
    }
    let names = doc.add_object(names);
    let resources = doc.add_object(dictionary! { "Font" => names });
    let stream = doc.add_object(Stream::new(dictionary! { "Filter" => "FlateDecode" }, deflate(content)));
    let kids: Vec<Object> = (0..pages)
        .map(|_| {
            let page = dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => stream, "Resources" => resources };
            doc.add_object(page).into()
        })
        .collect();
    let media_box: Vec<Object> = vec![0.into(), 0.into(), 595.into(), 842.into()];
    let tree = dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => pages as i64, "MediaBox" => media_box };
    doc.objects.insert(pages_id, Object::Dictionary(tree));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("the PDF is written");
    bytes
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    z.write_all(bytes).unwrap();
    z.finish().unwrap()
}

const SHOWN: &[u8] = b"BT /F1 12 Tf 72 720 Td (A line of text that a page shows.) Tj ET\n";

#[test]
fn a_pdf_whose_2000_pages_share_one_dense_stream_is_refused_within_the_budget() {
    // 1 MB of content, 500,000 operators, used by every page: before the
    // document budget it was inflated and parsed 2,000 times.
    let mut content = SHOWN.to_vec();
    content.extend(b"q Q ".repeat(250_000));
    let mut t = TempLibrary::new();
    let file = t.file("shared.pdf", pdf_sharing_one_stream(2_000, &content));
    let reason = refused(&mut t, "2,000 pages sharing one 1 MB stream", &file);
    assert!(matches!(reason, Message::PdfTooComplex { .. }), "{reason:?}");
    assert!(reason.to_string().contains("may have been made to exhaust memory"), "{reason}");
}

#[test]
fn a_pdf_whose_2000_pages_share_one_font_dictionary_of_60000_entries_is_read_within_the_budget() {
    // 2,000 pages whose shared resources name 60,000 fonts (0.95 MB): before
    // shared resources were resolved once, each page walked all 60,000
    // again (over a minute). Now the dictionary is walked once, charged to
    // the document's budget, and every page's line is read with its font.
    let bytes = pdf_sharing_one_font_dictionary(2_000, SHOWN, 60_000);
    assert!(bytes.len() > 900_000, "the file is {} bytes", bytes.len());
    let doc = within_budget("2,000 pages sharing 60,000 font entries", || {
        parse_bytes(&bytes, Path::new("fonts.pdf"), Format::Pdf).expect("the document is read")
    });
    assert_eq!(doc.body.matches("A line of text that a page shows.").count(), 2_000, "every page's line, in its font");
}

#[test]
fn a_pdf_page_of_64_mb_of_short_operators_is_refused_at_the_page_limit() {
    // 64 MB that deflate to a few hundred kilobytes: the page's own limit
    // stops the inflating long before the end.
    let content = b"q Q\n".repeat(16 * 1024 * 1024);
    let mut t = TempLibrary::new();
    let file = t.file("dense.pdf", pdf_sharing_one_stream(1, &content));
    drop(content);
    let reason = refused(&mut t, "one page of 64 MB of operators", &file);
    let Message::PdfTooComplex { limit_mb, .. } = reason else { panic!("{reason:?}") };
    assert_eq!(limit_mb, 8, "the page's own limit, not the document's");
}

#[test]
fn a_pdf_page_of_millions_of_operators_under_the_limit_is_read_one_operation_at_a_time() {
    // 7 MB of operators (3.5 million) then a line of text: held as parsed
    // operators at once, that was gigabytes; one at a time, the text after
    // them is still found, in a fraction of a second.
    let mut content = b"q Q ".repeat(7 * 1024 * 1024 / 4);
    content.extend(SHOWN);
    let bytes = pdf_sharing_one_stream(1, &content);
    let doc = within_budget("one page of 3.5 million operators", || {
        parse_bytes(&bytes, Path::new("dense.pdf"), Format::Pdf).expect("the page is read")
    });
    assert_eq!(doc.body, "A line of text that a page shows.\n");
}

#[test]
fn a_pdf_whose_2000_fonts_share_one_large_character_map_is_refused_within_the_budget() {
    // Each page has a font of its own, so no cache of fonts helps; all name
    // the one 3 MB character map, charged each time one is read.
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let map = doc.add_object(Stream::new(dictionary! { "Filter" => "FlateDecode" }, deflate(&b" ".repeat(3 << 20))));
    let content = doc.add_object(Stream::new(dictionary! {}, SHOWN.to_vec()));
    let kids: Vec<Object> = (0..2_000)
        .map(|_| {
            let font = dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "ToUnicode" => map };
            let resources = dictionary! { "Font" => dictionary! { "F1" => doc.add_object(font) } };
            let page = dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content, "Resources" => resources };
            doc.add_object(page).into()
        })
        .collect();
    let tree = dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 2_000 };
    doc.objects.insert(pages_id, Object::Dictionary(tree));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let mut t = TempLibrary::new();
    let file = t.file("fonts.pdf", bytes);
    let reason = refused(&mut t, "2,000 fonts sharing one 3 MB character map", &file);
    let Message::PdfTooComplex { limit_mb, .. } = reason else { panic!("{reason:?}") };
    assert_eq!(limit_mb, 128, "the document's budget");
}

#[test]
fn cancelling_during_a_long_pdf_stops_between_its_pages() {
    let mut t = TempLibrary::new();
    let file = t.file("long.pdf", pdf_sharing_one_stream(50, SHOWN));
    let mut calls = 0;
    let report = t
        .lib
        .import_paths(&[file.clone()], &options(), &mut |_| {
            calls += 1;
            // Before the file, before its first page; stop before the second.
            calls < 3
        })
        .unwrap();
    assert!(report.cancelled, "the cancel was seen inside the file");
    assert_eq!(calls, 3, "asked before the file and before each page, until it stopped");
    assert!(report.outcomes.is_empty(), "the file cut short has no outcome: {:?}", report.outcomes);
    assert_eq!(t.lib.summary().unwrap().papers, 0, "nothing of it was imported");
    // The same file, not cancelled, imports: the cancel stopped a real read.
    let report = import(&mut t, "50 pages", &[file]);
    assert!(matches!(report.outcomes[0].outcome, Outcome::Imported { .. }), "{:?}", report.outcomes);
}

// ---- Documents offered for import: folders.

#[cfg(unix)]
#[test]
fn a_symbolic_link_in_an_imported_folder_is_refused_not_followed() {
    use std::os::unix::fs::symlink;
    let mut t = TempLibrary::new();
    let outside = t.dir.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("secret.md"), "# Secret\n\nPrivate notes that no folder import may reach.\n").unwrap();
    let folder = t.dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a-note.md"), "# A note\n\nThe minister's office answered our letter on Tuesday.\n").unwrap();
    symlink(outside.join("secret.md"), folder.join("b-secret.md")).unwrap();
    symlink(&outside, folder.join("c-outside")).unwrap();

    let report = import(&mut t, "a folder with links out of it", &[folder.clone()]);
    let seen: Vec<(String, Option<Message>)> = report
        .outcomes
        .iter()
        .map(|o| {
            let name = o.path.strip_prefix(&folder).unwrap().display().to_string();
            let reason = match &o.outcome {
                Outcome::Refused { reason, .. } => Some(reason.clone()),
                _ => None,
            };
            (name, reason)
        })
        .collect();
    let link = |name: &str| Message::LinkNotFollowed { path: folder.join(name).display().to_string() };
    assert_eq!(
        seen,
        vec![
            ("a-note.md".to_owned(), None),
            ("b-secret.md".to_owned(), Some(link("b-secret.md"))),
            ("c-outside".to_owned(), Some(link("c-outside"))),
        ],
        "each link is named and refused, in order"
    );
    assert!(matches!(report.outcomes[0].outcome, Outcome::Imported { .. }));
    assert_eq!(t.lib.summary().unwrap().papers, 1, "only the file inside the folder");
}

// ---- Documents offered for import: ZIP containers (DOCX, ODT).

/// A ZIP of `entries`, stored uncompressed (so no ratio limit interferes).
fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        out.start_file(*name, stored).unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// A DOCX body with one paragraph holding `inner` (XML).
fn document_xml(prolog: &str, inner: &str) -> String {
    format!(r#"<?xml version="1.0"?>{prolog}<w:document {W}><w:body><w:p><w:r><w:t>{inner}</w:t></w:r></w:p></w:body></w:document>"#)
}

/// Every file under `dir`, as paths relative to it.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_owned()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                out.push(path.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn zip_entries_named_to_climb_out_of_the_folder_are_never_used_as_paths() {
    let mut t = TempLibrary::new();
    let deep = t.dir.path().join("in/a/b");
    std::fs::create_dir_all(&deep).unwrap();
    let text = "Entries named to climb out of the folder are only names.";
    let body = document_xml("", text);
    let hostile = zip(&[
        ("../../../escaped.txt", b"planted".as_slice()),
        ("word/../../../../escaped-too.txt", b"planted".as_slice()),
        ("word/document.xml", body.as_bytes()),
    ]);
    let file = deep.join("climbing.docx");
    std::fs::write(&file, &hostile).unwrap();
    let before = files_under(t.dir.path());
    let report = import(&mut t, "a DOCX with ../ entries", &[file]);
    assert!(matches!(report.outcomes[0].outcome, Outcome::Imported { .. }), "{:?}", report.outcomes);
    let doc = parse_bytes(&hostile, Path::new("climbing.docx"), Format::Docx).unwrap();
    assert_eq!(doc.body, format!("{text}\n"), "the document part is read, nothing else");
    let written: Vec<String> = files_under(t.dir.path()).into_iter().filter(|f| !before.contains(f)).collect();
    assert!(written.iter().all(|f| f.starts_with("lib/")), "only the library was written: {written:?}");
    assert!(!written.iter().any(|f| f.contains("escaped")), "{written:?}");

    // A climbing name is no way to the part either: it is not the part.
    let only_climbing = t.file("only-climbing.docx", zip(&[("../word/document.xml", body.as_bytes())]));
    let reason = refused(&mut t, "a DOCX whose document only climbs", &only_climbing);
    assert!(matches!(&reason, Message::ZipPartMissing { part, .. } if part == "word/document.xml"), "{reason:?}");
}

// ---- Documents offered for import: XML inside DOCX and ODT.

/// A DTD whose entities each expand into ten of the one before: `&lol9;`
/// is a billion `lol`s.
fn billion_laughs() -> String {
    let mut dtd = String::from(r#"<!DOCTYPE lolz [<!ENTITY lol0 "lol">"#);
    for i in 1..=9 {
        dtd.push_str(&format!(r#"<!ENTITY lol{i} "{}">"#, format!("&lol{};", i - 1).repeat(10)));
    }
    dtd.push(']');
    dtd.push('>');
    dtd
}

#[test]
fn nested_entity_definitions_in_a_docx_or_odt_are_refused_without_expanding() {
    let mut t = TempLibrary::new();
    let docx = t.file("laughs.docx", zip(&[("word/document.xml", document_xml(&billion_laughs(), "&lol9;").as_bytes())]));
    let content = format!(
        r#"<?xml version="1.0"?>{}<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>&lol9;</text:p></office:text></office:body></office:document-content>"#,
        billion_laughs()
    );
    let odt = t.file("laughs.odt", zip(&[("content.xml", content.as_bytes())]));
    for (file, part) in [(docx, "word/document.xml"), (odt, "content.xml")] {
        let reason = refused(&mut t, "a billion laughs", &file);
        let Message::XmlMalformed { part: named, detail, .. } = &reason else { panic!("{reason:?}") };
        assert_eq!(named, part);
        assert!(detail.contains("document type (DTD)"), "{detail}");
    }
}

#[test]
fn a_docx_body_nested_100000_deep_is_refused_without_recursing() {
    let mut t = TempLibrary::new();
    let depth = 100_000;
    let inner = format!("{}deep{}", "<w:sdt>".repeat(depth), "</w:sdt>".repeat(depth));
    let xml = format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{inner}</w:body></w:document>"#);
    let file = t.file("deep.docx", zip(&[("word/document.xml", xml.as_bytes())]));
    let reason = refused(&mut t, "a DOCX nested 100,000 deep", &file);
    let Message::XmlMalformed { detail, .. } = &reason else { panic!("{reason:?}") };
    assert!(detail.contains("nested more than 512 deep"), "{detail}");
}

// ---- Documents offered for import: HTML.

#[test]
fn an_html_file_of_100000_unclosed_formatting_tags_is_read_in_bounded_time() {
    // Browsers show this; so does Dossier: the tags are counted, never
    // kept as a tree, and the text comes out once.
    let mut html = String::from("<html><body><p>");
    html.push_str(&"<b><i><em><strong><u>".repeat(20_000));
    html.push_str("Text inside a hundred thousand formatting tags that are never closed.");
    html.push_str(&"<ul><li><div>".repeat(20_000));
    html.push_str("And a list nested twenty thousand deep.");
    let mut t = TempLibrary::new();
    let file = t.file("unclosed.html", &html);
    let doc = within_budget("100,000 unclosed formatting tags", || {
        parse_bytes(html.as_bytes(), &file, Format::Html).expect("the text is read")
    });
    assert!(
        doc.body.starts_with("***Text inside a hundred thousand formatting tags that are never closed.***"),
        "{}",
        &doc.body[..doc.body.len().min(300)]
    );
    assert!(doc.body.contains("***And a list nested twenty thousand deep.***"), "{}", &doc.body[..doc.body.len().min(300)]);
    assert!(doc.body.len() < 300, "the output holds the text, not the tags: {} bytes", doc.body.len());
    let report = import(&mut t, "importing 100,000 unclosed tags", &[file]);
    assert!(matches!(report.outcomes[0].outcome, Outcome::Imported { .. }), "{:?}", report.outcomes);
}

#[test]
fn an_html_tag_with_a_million_attributes_is_refused_before_it_is_tokenized() {
    // The tokenizer checks each attribute against all the tag's earlier
    // ones: a million of them would be half a trillion comparisons.
    let mut html = String::from("<html><body><p");
    for i in 0..1_000_000 {
        html.push_str(&format!(" a{i}"));
    }
    html.push_str(">Text after the tag.</p>");
    let mut t = TempLibrary::new();
    let file = t.file("attributes.html", &html);
    let reason = refused(&mut t, "a tag of a million attributes", &file);
    assert_eq!(reason, Message::HtmlTooComplex { path: file.display().to_string(), attributes: 1_000_000 });
}

// ---- Parliament's files.

/// A House Members CSV (English headers) of `members` distinct Members,
/// each with a riding of their own.
fn members_csv(members: usize) -> String {
    let provinces = ["Ontario", "Quebec", "British Columbia", "Alberta", "Manitoba", "Nova Scotia"];
    let caucuses = ["Liberal", "Conservative", "Bloc Québécois", "NDP", "Green Party"];
    let mut csv = String::from(
        "Honorific Title,First Name,Last Name,Constituency,Province / Territory,Political Affiliation,Start Date,End Date\n",
    );
    for i in 0..members {
        csv.push_str(&format!(
            ",Given{i},Family-{i},Riding {i}—North,{},{},2021-09-20 12:00:00 AM,\n",
            provinces[i % provinces.len()],
            caucuses[i % caucuses.len()]
        ));
    }
    csv
}

#[test]
fn a_members_csv_of_20000_members_is_planned_in_time_linear_in_its_records() {
    // 1.5 MB: before the planner kept its officials by PersonId and folded
    // name, each record was compared with every official (over a minute;
    // 10,000 took 18 s). Planned into an empty library, then planned again
    // over the 20,000 it added: every one found, none doubled.
    use dossier::parliament::OfficialImport;
    let mut t = TempLibrary::new();
    let csv = members_csv(20_000);
    assert!(csv.len() > 1_400_000, "the file is {} bytes", csv.len());
    let file = t.file("members.csv", csv);
    let request = OfficialImport { files: vec![file], lang: None, today: chrono::NaiveDate::from_ymd_opt(2025, 1, 10).unwrap() };
    let first = within_budget("a Members CSV of 20,000", || t.lib.import_officials(&request).expect("imported"));
    assert_eq!((first.new.len(), first.changed.len(), first.ambiguous.len()), (20_000, 0, 0));
    let before = snapshot(&t.root());
    let again = within_budget("the same 20,000 again", || t.lib.plan_official_import(&request).expect("planned"));
    assert_eq!((again.new.len(), again.changed.len(), again.unchanged), (0, 0, 20_000), "each Member found once");
    assert_eq!(snapshot(&t.root()), before, "a plan writes nothing");
}
