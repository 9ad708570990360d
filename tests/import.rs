//! Importing documents: each format's text as Markdown, titles and
//! languages, folders, duplicates, dry runs, cancelling, and the original
//! files kept byte for byte. Fixtures in `tests/fixtures/import/` are made
//! by `make-fixtures.sh` from the sources beside it.

use std::path::{Path, PathBuf};

use dossier::import::{read_document, sha256_hex, ImportOptions, ImportOutcome, Outcome};
use dossier::papers::Lang;
use dossier::Message;
use serde_json::Value;

use crate::util::{dossier, dossier_err, dossier_ok, snapshot, TempLibrary};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

fn options() -> ImportOptions {
    ImportOptions {
        author: "Importer".into(),
        ..ImportOptions::default()
    }
}

fn import(t: &mut TempLibrary, paths: &[PathBuf], options: &ImportOptions) -> Vec<ImportOutcome> {
    let report = t.lib.import_paths(paths, options, &mut |_| true).expect("the batch runs");
    assert!(!report.cancelled, "nothing asked to stop");
    report.outcomes
}

/// The Markdown the arms-trade source should come back as, from any format
/// that keeps structure (its `<h1>` is the title, so it is not repeated).
const ARMS_TRADE: &str = "\
Canada joined the **Arms Trade Treaty** in 2019. Its export permits must be *assessed case by case* against the risk of serious violations.

## What we ask

- Publish every permit refused or granted.
- Stop exports where there is a **substantial risk**:
    1. to civilians;
    2. to humanitarian workers.
- Report to Parliament each year.

## Background

The treaty entered into force in 2014 and now has more than one hundred states parties.
";

const LOGEMENT: &str = "\
Le gouvernement fédéral a reconnu le droit au logement dans la loi de 2019. Les locataires du Québec attendent pourtant des mesures concrètes.

## Nos recommandations

1. Créer un registre public des loyers.
2. Financer la construction de logements *sociaux* et **abordables**.

Nous demandons au comité d’étudier la question avant l’été.
";

#[test]
fn docx_odt_and_html_keep_headings_emphasis_and_nested_lists() {
    for name in ["arms-trade.docx", "arms-trade.odt", "arms-trade.html"] {
        let doc = read_document(&fixture(name), 1 << 20).unwrap();
        assert_eq!(doc.title.as_deref(), Some("Arms Exports and the Arms Trade Treaty"), "{name}: title from metadata");
        assert_eq!(doc.body, ARMS_TRADE, "{name}: the same Markdown whatever the format");
    }
}

#[test]
fn a_french_document_keeps_its_accents_and_is_detected_as_french() {
    let mut t = TempLibrary::new();
    let paths = ["logement.docx", "logement.odt", "logement.html"].map(fixture).to_vec();
    let outcomes = import(&mut t, &paths, &options());
    for (o, id) in outcomes.iter().zip(1..) {
        match &o.outcome {
            Outcome::Imported { paper_id, title, lang, .. } => {
                assert_eq!(*paper_id, Some(id));
                assert_eq!(title, "Le droit au logement au Québec");
                assert_eq!(*lang, Lang::Fr, "{}: French text is filed as French", o.path.display());
            }
            other => panic!("{}: {other:?}", o.path.display()),
        }
        let v = t.lib.latest_version(id).unwrap();
        assert_eq!(v.body, LOGEMENT, "{}", o.path.display());
        assert_eq!(t.lib.paper(id).unwrap().lang, Lang::Fr);
    }
}

#[test]
fn a_multi_page_pdf_comes_back_as_paragraphs_without_running_headers_or_page_numbers() {
    let doc = read_document(&fixture("resettlement.pdf"), 1 << 20).unwrap();
    assert_eq!(doc.title.as_deref(), Some("Refugee Resettlement: Delays and Remedies"), "title from the PDF's Info");
    let body = &doc.body;
    for gone in ["Coalition for Refugee Rights", "Page 1 of", "Page 2 of", "Page 4 of"] {
        assert!(!body.contains(gone), "the running line `{gone}` is dropped:\n{body}");
    }
    for heading in ["## Why resettlement matters", "## Processing delays", "## What we recommend"] {
        assert!(format!("\n{body}").contains(&format!("\n{heading}\n")), "`{heading}` is a heading:\n{body}");
    }
    let paragraphs: Vec<&str> = body.split("\n\n").map(str::trim).filter(|p| p.starts_with("Paragraph ")).collect();
    assert_eq!(paragraphs.len(), 24, "each source paragraph is one paragraph, across page breaks:\n{body}");
    for (i, p) in paragraphs.iter().enumerate() {
        assert!(p.starts_with(&format!("Paragraph {}. ", i + 1)), "paragraphs stay in order: {p}");
        assert!(!p.contains('\n'), "the lines of a paragraph are joined: {p}");
        assert!(p.ends_with('.'), "a paragraph is whole: {p}");
    }
    assert!(
        paragraphs[0].contains("Canada resettled more refugees than any other country in several recent years, and private sponsors"),
        "words are spaced as printed: {}",
        paragraphs[0]
    );
}

#[test]
fn a_folder_is_walked_in_order_with_one_outcome_per_file_and_duplicates_skipped() {
    let t = TempLibrary::new();
    let dir = t.dir.path().join("docs");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::create_dir_all(dir.join(".hidden")).unwrap();
    std::fs::copy(fixture("arms-trade.docx"), dir.join("b-arms.docx")).unwrap();
    std::fs::copy(fixture("logement.odt"), dir.join("sub/c-logement.odt")).unwrap();
    std::fs::copy(fixture("arms-trade.docx"), dir.join("sub/d-copy.docx")).unwrap();
    std::fs::write(dir.join("a-notes.md"), "# Notes on the treaty\n\nWe met the minister's staff on Tuesday.\n").unwrap();
    std::fs::write(dir.join("e-photo.jpg"), b"\xff\xd8\xff").unwrap();
    std::fs::write(dir.join(".draft.md"), "# Hidden\n\nNot imported.\n").unwrap();
    std::fs::write(dir.join(".hidden/x.md"), "# Hidden\n\nNot imported.\n").unwrap();

    let out = dossier(&t.root(), &["import", dir.to_str().unwrap(), "--tag", "Imported"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "a refused file makes the exit status 1:\n{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    let d = dir.display();
    assert_eq!(
        lines,
        vec![
            format!("{d}/a-notes.md: imported as paper 1: “Notes on the treaty” (en, markdown)"),
            format!("{d}/b-arms.docx: imported as paper 2: “Arms Exports and the Arms Trade Treaty” (en, docx)"),
            format!("{d}/e-photo.jpg: refused: .jpg files are not supported (supported: .md, .txt, .html, .htm, .docx, .odt, .pdf)"),
            format!("{d}/sub/c-logement.odt: imported as paper 3: “Le droit au logement au Québec” (fr, odt)"),
            format!("{d}/sub/d-copy.docx: skipped: same content as paper 2"),
            "3 imported, 1 duplicate, 1 refused".to_owned(),
        ],
        "sorted, hidden files skipped, one line each"
    );
    assert_eq!(t.lib.paper(3).unwrap().tags, vec!["imported".to_owned()], "--tag applies to every paper");

    // Again, as JSON: everything is now a duplicate but the refusal.
    let out = dossier(&t.root(), &["import", dir.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let outcomes = json.as_array().expect("one JSON array");
    assert_eq!(outcomes.len(), 5);
    assert_eq!(outcomes[0]["outcome"], "duplicate");
    assert_eq!(outcomes[0]["paper_id"], 1);
    assert_eq!(outcomes[2]["outcome"], "refused");
    assert_eq!(outcomes[2]["code"], "invalid");
    assert!(outcomes[2]["message"].as_str().unwrap().contains("e-photo.jpg"));
    let keys = |v: &Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&outcomes[0]), ["outcome", "paper_id", "path", "same_as", "warnings"]);
    assert_eq!(keys(&outcomes[2]), ["code", "message", "outcome", "path", "reason", "warnings"]);
    assert_eq!(outcomes[2]["reason"]["key"], "unsupported_extension", "the refusal as a message: {}", outcomes[2]);

    // Only the good files: exit status 0.
    let out = dossier(&t.root(), &["import", dir.join("sub").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "duplicates are not failures");
}

#[test]
fn imported_paper_json_names_its_fields() {
    let t = TempLibrary::new();
    let out = dossier_ok(&t.root(), &["import", fixture("arms-trade.odt").to_str().unwrap(), "--json"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    let o = &json[0];
    assert_eq!(o["outcome"], "imported");
    assert_eq!(o["paper_id"], 1);
    assert_eq!(o["version"], 1);
    assert_eq!(o["title"], "Arms Exports and the Arms Trade Treaty");
    assert_eq!(o["lang"], "en");
    assert_eq!(o["format"], "odt");
    assert!(o["path"].as_str().unwrap().ends_with("arms-trade.odt"));
}

#[test]
fn a_dry_run_reads_everything_and_writes_nothing() {
    let t = TempLibrary::new();
    let before = snapshot(&t.root());
    let dir = t.dir.path().join("docs");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(fixture("arms-trade.docx"), dir.join("a.docx")).unwrap();
    std::fs::copy(fixture("arms-trade.docx"), dir.join("b.docx")).unwrap();
    std::fs::copy(fixture("resettlement.pdf"), dir.join("c.pdf")).unwrap();
    let out = dossier(&t.root(), &["import", dir.to_str().unwrap(), "--dry-run"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let d = dir.display();
    assert_eq!(
        stdout,
        format!(
            "{d}/a.docx: would be imported: “Arms Exports and the Arms Trade Treaty” (en, docx)\n\
             {d}/b.docx: skipped: same content as {d}/a.docx\n\
             {d}/c.pdf: would be imported: “Refugee Resettlement: Delays and Remedies” (en, pdf)\n\
             2 imported, 1 duplicate, 0 refused (dry run: nothing was written)\n"
        )
    );
    assert_eq!(snapshot(&t.root()), before, "a dry run writes nothing");
}

#[test]
fn returning_false_from_progress_cancels_between_files() {
    let mut t = TempLibrary::new();
    let paths = ["arms-trade.docx", "logement.docx", "resettlement.pdf"].map(fixture).to_vec();
    let mut seen = Vec::new();
    let report = t
        .lib
        .import_paths(&paths, &options(), &mut |p| {
            seen.push((p.done, p.total));
            p.done < 2
        })
        .unwrap();
    assert!(report.cancelled);
    assert_eq!(seen, vec![(0, 3), (1, 3), (2, 3)], "progress says how far, before each file");
    assert_eq!(report.outcomes.len(), 2, "the files before the cancel were imported");
    assert_eq!(t.lib.summary().unwrap().papers, 2, "and they stay");
}

#[test]
fn the_original_file_comes_back_byte_for_byte() {
    let t = TempLibrary::new();
    let root = t.root();
    let docx = fixture("arms-trade.docx");
    dossier_ok(&root, &["paper", "add", docx.to_str().unwrap()]);
    let odt = fixture("logement.odt");
    dossier_ok(&root, &["paper", "update", "1", odt.to_str().unwrap(), "--note", "From the ODT"]);
    dossier_ok(&root, &["import", fixture("resettlement.pdf").to_str().unwrap()]);

    let got = t.dir.path().join("got.docx");
    let out = dossier_ok(&root, &["paper", "original", "1", "--version", "1", "--out", got.to_str().unwrap()]);
    assert!(out.contains("arms-trade.docx"), "{out}");
    let sha = |p: &Path| sha256_hex(&std::fs::read(p).unwrap());
    assert_eq!(sha(&got), sha(&docx), "version 1 gives back the DOCX it was imported from");
    let latest = t.dir.path().join("latest");
    dossier_ok(&root, &["paper", "original", "1", "--out", latest.to_str().unwrap()]);
    assert_eq!(sha(&latest), sha(&odt), "without --version: the newest imported file");
    let pdf = t.dir.path().join("p.pdf");
    dossier_ok(&root, &["paper", "original", "2", "--out", pdf.to_str().unwrap()]);
    assert_eq!(sha(&pdf), sha(&fixture("resettlement.pdf")));
    // An existing file is replaced only when asked, and never through a link.
    let err = dossier_err(&root, &["paper", "original", "1", "--out", pdf.to_str().unwrap()]);
    assert!(err.contains("exists already") && err.contains("--force"), "{err}");
    assert_eq!(sha(&pdf), sha(&fixture("resettlement.pdf")), "left as it was");
    dossier_ok(&root, &["paper", "original", "1", "--out", pdf.to_str().unwrap(), "--force"]);
    assert_eq!(sha(&pdf), sha(&odt), "replaced when asked");
    #[cfg(unix)]
    {
        let victim = t.dir.path().join("victim.txt");
        std::fs::write(&victim, "keep").unwrap();
        let link = t.dir.path().join("link.docx");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let err = dossier_err(&root, &["paper", "original", "1", "--out", link.to_str().unwrap(), "--force"]);
        assert!(err.contains("not a plain file"), "{err}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    }

    let v2 = dossier_ok(&root, &["paper", "show", "1", "--version", "2"]);
    assert!(v2.contains("1. Créer un registre public des loyers."), "paper update reads ODT too:\n{v2}");
}

#[test]
fn the_same_bytes_are_stored_once() {
    let t = TempLibrary::new();
    let root = t.root();
    let f = fixture("arms-trade.html");
    dossier_ok(&root, &["paper", "add", f.to_str().unwrap()]);
    dossier_ok(&root, &["paper", "add", f.to_str().unwrap()]);
    let conn = rusqlite::Connection::open(root.join("library.sqlite")).unwrap();
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    assert_eq!(count("SELECT count(*) FROM originals"), 1, "one stored copy");
    assert_eq!(count("SELECT count(*) FROM version_sources"), 2, "two versions point at it");
}

#[test]
fn windows_1252_text_is_read_with_a_warning() {
    let mut t = TempLibrary::new();
    let outcomes = import(&mut t, &[fixture("bad/windows-1252.txt")], &options());
    let o = &outcomes[0];
    assert!(matches!(&o.outcome, Outcome::Imported { lang: Lang::Fr, title, .. } if title == "Note sur le café"), "its first line is its title: {o:?}");
    assert_eq!(o.warnings.len(), 1, "the decoding is worth a warning, not a refusal");
    assert!(o.warnings[0].to_string().contains("read as Windows-1252"), "{}", o.warnings[0]);
    assert!(matches!(&o.warnings[0], Message::NotUtf8 { line: 1, .. }), "a warning the app can word: {:?}", o.warnings[0]);
    let body = t.lib.latest_version(1).unwrap().body;
    assert_eq!(body, "Le « dossier » du ministère : “une priorité”, dit-elle — en 2024.\n");

    let out = dossier(&t.root(), &["import", fixture("bad/windows-1252.txt").to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("skipped: same content as paper 1"), "{stdout}");
}

#[test]
fn a_numbered_list_in_a_pdf_comes_back_as_a_markdown_list() {
    // Made by our own packet export (see make-fixtures.sh): items of one
    // and two lines, the second line under the item's text.
    let doc = read_document(&fixture("numbered-list.pdf"), 1 << 20).unwrap();
    let list = "\
1. Publish the allocation for each region before the fiscal year begins, so that agencies can hire and train staff in time for the arrivals they expect.
2. Count private sponsorships when arrivals are forecast.
3. Review the formula every three years with the agencies that deliver the services, and publish what the review found.
";
    assert!(doc.body.contains(list), "the items are a list, each whole:\n{}", doc.body);
    assert!(!doc.body.contains("1\\."), "no escaped number starts a paragraph:\n{}", doc.body);
    assert!(
        doc.body.contains("\n\nEach request costs little and spares agencies a year of uncertainty.\n"),
        "the paragraph after the list is a paragraph:\n{}",
        doc.body
    );
}

#[test]
fn an_imported_body_does_not_repeat_its_title_as_its_first_heading() {
    let t = TempLibrary::new();
    let html = t.file(
        "housing.html",
        "<html><head><title>Housing First</title></head><body><h2>Housing first</h2><p>Homes come before treatment.</p><h2>Housing first</h2><p>Again.</p></body></html>",
    );
    let doc = read_document(&html, 1 << 20).unwrap();
    assert_eq!(doc.title.as_deref(), Some("Housing First"));
    assert_eq!(doc.body, "Homes come before treatment.\n\n## Housing first\n\nAgain.\n", "only the heading opening the body repeats the title");
    let md = t.file("treaty.md", "# Arms Trade Treaty\n\n## Arms Trade Treaty\n\nCanada joined in 2019.\n");
    let doc = read_document(&md, 1 << 20).unwrap();
    assert_eq!((doc.title.as_deref(), doc.body.as_str()), (Some("Arms Trade Treaty"), "Canada joined in 2019.\n"));
}

#[test]
fn a_text_file_whose_first_line_is_a_title_is_named_by_it() {
    let mut t = TempLibrary::new();
    let titled = t.file(
        "note-2024.txt",
        "Housing First in Montreal\n\nThe city housed four hundred people last winter. Each of them had a key within a month.\n",
    );
    let sentence = t.file(
        "winter_note.txt",
        "The city housed four hundred people last winter.\n\nEach of them had a key within a month, and most kept it.\n",
    );
    let outcomes = import(&mut t, &[titled, sentence], &options());
    let titles: Vec<&str> = outcomes
        .iter()
        .map(|o| match &o.outcome {
            Outcome::Imported { title, .. } => title.as_str(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(titles, ["Housing First in Montreal", "winter note"], "a title-like first line names the paper; a sentence does not");
    assert_eq!(
        t.lib.latest_version(1).unwrap().body,
        "The city housed four hundred people last winter. Each of them had a key within a month.\n",
        "the title is not repeated in the body"
    );
    assert!(t.lib.latest_version(2).unwrap().body.starts_with("The city housed"), "a sentence stays in the body");
}

#[test]
fn a_notepad_unicode_text_file_is_read_as_utf16_in_either_byte_order() {
    let mut t = TempLibrary::new();
    let text = "Le droit au logement\r\n\r\nLe gouvernement fédéral a reconnu le droit au logement. Les locataires du Québec attendent « des mesures concrètes ».\r\n";
    let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    let paths = [t.file("logement-le.txt", le), t.file("logement-be.txt", be)];
    let outcomes = import(&mut t, &paths, &options());
    for (o, id) in outcomes.iter().zip(1..) {
        assert!(o.warnings.is_empty(), "UTF-16 with a mark is no guess: {:?}", o.warnings);
        match &o.outcome {
            Outcome::Imported { title, lang, .. } => assert_eq!((title.as_str(), *lang), ("Le droit au logement", Lang::Fr)),
            other => panic!("{}: {other:?}", o.path.display()),
        }
        assert_eq!(
            t.lib.latest_version(id).unwrap().body,
            "Le gouvernement fédéral a reconnu le droit au logement. Les locataires du Québec attendent « des mesures concrètes ».\n"
        );
    }
}

#[test]
fn binary_bytes_named_txt_or_md_are_refused_as_not_text_and_nothing_changes() {
    let mut t = TempLibrary::new();
    let before = snapshot(&t.root());
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0".to_vec();
    png.extend((0..4000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    let paths = [t.file("photo.txt", &png), t.file("photo.md", &png)];
    let outcomes = import(&mut t, &paths, &options());
    for (o, ext) in outcomes.iter().zip(["txt", "md"]) {
        match &o.outcome {
            Outcome::Refused { code, message, reason } => {
                assert_eq!(code, "invalid");
                assert!(matches!(reason, Message::NotText { extension, .. } if extension == ext), "{reason:?}");
                assert!(message.contains(&format!("photo.{ext}")) && message.contains("not text"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(snapshot(&t.root()), before, "a refused file changes nothing");
}

#[test]
fn the_language_can_be_forced_and_other_languages_are_refused_clearly() {
    let mut t = TempLibrary::new();
    let de = t.file(
        "bericht.md",
        "# Bericht\n\nDie Bundesregierung muss jede Ausfuhrgenehmigung veröffentlichen und dem Parlament jedes Jahr darüber berichten.\n",
    );
    let outcomes = import(&mut t, std::slice::from_ref(&de), &options());
    match &outcomes[0].outcome {
        Outcome::Refused { code, message, reason } => {
            assert_eq!(code, "invalid");
            assert!(message.contains("bericht.md") && message.contains("German") && message.contains("English or French"), "{message}");
            assert!(matches!(reason, Message::OtherLanguage { language, .. } if language == "German"), "{reason:?}");
        }
        other => panic!("{other:?}"),
    }
    let forced = ImportOptions { lang: Some(Lang::En), ..options() };
    let outcomes = import(&mut t, &[de, fixture("logement.html")], &forced);
    assert!(outcomes.iter().all(|o| matches!(o.outcome, Outcome::Imported { lang: Lang::En, .. })), "{outcomes:?}");
}

/// A small, deterministic mutation run over every fixture (bytes flipped,
/// cut short, chunks repeated): no reader may panic, whatever it is given.
/// The cargo-fuzz targets in `fuzz/` go much further; this keeps the
/// promise checked on every test run.
#[test]
fn mutated_documents_are_refused_or_read_but_never_panic() {
    use dossier::import::{parse_bytes, Format};
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let fixtures = [
        ("arms-trade.docx", Format::Docx),
        ("logement.odt", Format::Odt),
        ("resettlement.pdf", Format::Pdf),
        ("arms-trade.html", Format::Html),
        ("bad/windows-1252.txt", Format::Markdown),
    ];
    // More rounds on request, e.g. DOSSIER_MUTATION_ROUNDS=20000.
    let rounds: usize = std::env::var("DOSSIER_MUTATION_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(150);
    for (name, format) in fixtures {
        let original = std::fs::read(fixture(name)).unwrap();
        for round in 0..rounds {
            let mut bytes = original.clone();
            match next() % 3 {
                0 => {
                    for _ in 0..1 + next() % 8 {
                        let at = (next() as usize) % bytes.len();
                        bytes[at] ^= 1 << (next() % 8);
                    }
                }
                1 => bytes.truncate((next() as usize) % bytes.len()),
                _ => {
                    let at = (next() as usize) % bytes.len();
                    let len = ((next() as usize) % 512).min(bytes.len() - at);
                    let chunk = bytes[at..at + len].to_vec();
                    bytes.splice(at..at, chunk);
                }
            }
            let result = std::panic::catch_unwind(|| parse_bytes(&bytes, Path::new(name), format));
            if result.is_err() {
                let kept = std::env::temp_dir().join(format!("dossier-panic-{round}-{}", name.replace('/', "-")));
                std::fs::write(&kept, &bytes).unwrap();
                panic!("{name}, round {round}: the reader panicked; input kept in {}", kept.display());
            }
        }
    }
}

/// The same for the XML inside DOCX and ODT files: flipping bytes of a ZIP
/// mostly breaks its checksums, so here the document part itself is
/// mutated (tags cut, bytes changed, chunks repeated) and zipped again, to
/// reach the XML walk and the readers' state machines.
#[test]
fn mutated_xml_inside_docx_and_odt_never_panics() {
    use std::io::{Cursor, Read, Write};

    use dossier::import::{parse_bytes, Format};
    let mut state: u64 = 0xD1B5_4A32_D192_ED03;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let rounds: usize = std::env::var("DOSSIER_MUTATION_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(100);
    for (name, format, part) in [
        ("arms-trade.docx", Format::Docx, "word/document.xml"),
        ("arms-trade.docx", Format::Docx, "word/numbering.xml"),
        ("arms-trade.docx", Format::Docx, "word/styles.xml"),
        ("logement.odt", Format::Odt, "content.xml"),
        ("logement.odt", Format::Odt, "styles.xml"),
    ] {
        let original = std::fs::read(fixture(name)).unwrap();
        let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
        let mut zip = zip::ZipArchive::new(Cursor::new(&original)).unwrap();
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            parts.push((entry.name().to_owned(), bytes));
        }
        for round in 0..rounds {
            let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
            for (entry, bytes) in &parts {
                let mut bytes = bytes.clone();
                if entry == part {
                    for _ in 0..1 + next() % 4 {
                        let at = (next() as usize) % bytes.len();
                        match next() % 4 {
                            0 => bytes[at] = b"<>/=\"&;: x"[(next() % 10) as usize],
                            1 => bytes.truncate(at),
                            2 => {
                                let len = ((next() as usize) % 200).min(bytes.len() - at);
                                let chunk = bytes[at..at + len].to_vec();
                                bytes.splice(at..at, chunk);
                            }
                            _ => {
                                let len = ((next() as usize) % 50).min(bytes.len() - at);
                                bytes.drain(at..at + len);
                            }
                        }
                        if bytes.is_empty() {
                            break;
                        }
                    }
                }
                out.start_file(entry.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
                out.write_all(&bytes).unwrap();
            }
            let bytes = out.finish().unwrap().into_inner();
            let result = std::panic::catch_unwind(|| parse_bytes(&bytes, Path::new(name), format));
            if result.is_err() {
                let kept = std::env::temp_dir().join(format!("dossier-panic-xml-{round}-{name}"));
                std::fs::write(&kept, &bytes).unwrap();
                panic!("{name} ({part}), round {round}: the reader panicked; input kept in {}", kept.display());
            }
        }
    }
}
