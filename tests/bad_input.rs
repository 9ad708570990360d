//! Bad input gets a clear error on stderr, a non-zero exit, and leaves the
//! library exactly as it was.

use std::path::{Path, PathBuf};

use crate::import::fixture;
use crate::util::{dossier, dossier_err, dossier_ok, snapshot, TempLibrary};

/// Sets up a library with one paper through the CLI, runs `args`, and checks
/// the command failed with a message containing `expect` and wrote nothing.
fn refused(t: &TempLibrary, args: &[&str], expect: &str) {
    let before = snapshot(&t.root());
    let stderr = dossier_err(&t.root(), args);
    assert!(stderr.starts_with("error: "), "errors are labelled: {stderr}");
    assert!(
        stderr.contains(expect),
        "`dossier {}` should say `{expect}`, said: {stderr}",
        args.join(" ")
    );
    assert_eq!(stderr.trim().lines().count(), 1, "one clear line, not a trace: {stderr}");
    assert_eq!(snapshot(&t.root()), before, "`dossier {}` changed the library", args.join(" "));
}

fn with_paper() -> TempLibrary {
    let t = TempLibrary::new();
    let f = t.file("first.md", "# First\n\nSome text.\n");
    dossier_ok(&t.root(), &["paper", "add", f.to_str().unwrap()]);
    t
}

#[test]
fn unknown_ids_are_refused() {
    let t = with_paper();
    let f = t.file("v2.md", "# First\n\nOther text.\n");
    let f = f.to_str().unwrap();
    refused(&t, &["paper", "show", "99"], "paper 99 does not exist");
    refused(&t, &["paper", "update", "99", f], "paper 99 does not exist");
    refused(&t, &["paper", "show", "1", "--version", "7"], "version 7 of paper 1 does not exist");
    refused(&t, &["paper", "diff", "1", "1", "5"], "version 5 of paper 1 does not exist");
    refused(&t, &["paper", "restore", "1", "4"], "version 4 of paper 1 does not exist");
    refused(&t, &["paper", "publish", "1", "--version", "3"], "does not exist");
    refused(&t, &["campaign", "show", "3"], "campaign 3 does not exist");
    refused(&t, &["official", "show", "3"], "official 3 does not exist");
    refused(&t, &["engagement", "list", "--official", "3"], "official 3 does not exist");
    refused(
        &t,
        &["engagement", "add", "--kind", "meeting", "--date", "2026-10-01", "--official", "8", "--subject", "x"],
        "official 8 does not exist",
    );
    refused(&t, &["packet", "add", "5", "1"], "packet 5 does not exist");
}

#[test]
fn an_empty_file_is_refused() {
    let t = with_paper();
    let empty = t.file("empty.md", "");
    let blank = t.file("blank.txt", "  \n\n\t\n");
    refused(&t, &["paper", "add", empty.to_str().unwrap()], "the file is empty");
    refused(&t, &["paper", "add", blank.to_str().unwrap()], "the file is empty");
    refused(&t, &["paper", "update", "1", empty.to_str().unwrap()], "the file is empty");
    let heading_only = t.file("heading.md", "# Only a title\n");
    refused(&t, &["paper", "add", heading_only.to_str().unwrap()], "no text");
}

#[test]
fn a_file_that_is_not_utf8_is_read_as_windows_1252_with_a_warning() {
    let t = with_paper();
    // "Négociations" in Windows-1252: é is the single byte 0xE9.
    let latin = t.file("latin.txt", b"Title line\nN\xe9gociations \x93sur\x94 le caf\xe9\n".as_slice());
    let out = dossier(&t.root(), &["paper", "add", latin.to_str().unwrap(), "--title", "Latin"]);
    assert!(out.status.success(), "decoded, not refused");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("latin.txt") && stderr.contains("not UTF-8 (first bad byte 0xE9 on line 2); read as Windows-1252"), "{stderr}");
    let shown = dossier_ok(&t.root(), &["paper", "show", "2"]);
    assert!(shown.contains("Négociations “sur” le café"), "{shown}");
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let t = with_paper();
    let big = t.dir.path().join("big.md");
    let f = std::fs::File::create(&big).unwrap();
    // A sparse file: 51 MB on paper, nothing on disk.
    f.set_len(51 * 1024 * 1024).unwrap();
    refused(&t, &["paper", "add", big.to_str().unwrap()], "the limit is 50.0 MB");
    let two_mb = t.file("two.md", format!("# Big\n\n{}", "word ".repeat(420_000)));
    refused(&t, &["--max-file-mb", "1", "paper", "add", two_mb.to_str().unwrap()], "the limit is 1.0 MB");
    dossier_ok(&t.root(), &["--max-file-mb", "3", "paper", "add", two_mb.to_str().unwrap()]);
}

#[test]
fn a_folder_or_a_missing_path_given_as_a_file_is_refused() {
    let t = with_paper();
    let folder = t.dir.path().join("folder.md");
    std::fs::create_dir(&folder).unwrap();
    refused(&t, &["paper", "add", folder.to_str().unwrap()], "is a folder");
    let missing = t.dir.path().join("missing.md");
    refused(&t, &["paper", "add", missing.to_str().unwrap()], "no such file");
    let docx = t.file("paper.pages", "binary");
    refused(&t, &["paper", "add", docx.to_str().unwrap()], ".pages files are not supported");
}

#[test]
fn malformed_values_are_refused_with_the_expected_form() {
    let t = with_paper();
    let f = t.file("fr.md", "# Titre\n\nTexte.\n");
    let f = f.to_str().unwrap();
    refused(&t, &["paper", "add", f, "--lang", "de"], "unknown language `de`: use en or fr");
    refused(&t, &["paper", "show", "1", "--as-of", "June 2011"], "YYYY-MM-DD");
    refused(&t, &["paper", "list", "--status", "final"], "unknown status `final`");
    refused(&t, &["campaign", "add", "--title", "T", "--start", "2011-13-01"], "is not a date");
    refused(
        &t,
        &["engagement", "add", "--kind", "lunch", "--date", "2026-10-01", "--subject", "x"],
        "unknown kind `lunch`",
    );
    refused(&t, &["engagement", "add", "--kind", "call", "--date", "2026-10-01", "--subject", " "], "needs a subject");
    refused(&t, &["packet", "create", "--title", "P", "--date", "tomorrow"], "is not a date");
    refused(&t, &["official", "add", "--given-name", "A", "--family-name", "B", "--chamber", "lords", "--title", "Lord"], "unknown chamber");
}

#[test]
fn json_errors_carry_a_code_and_a_message() {
    let t = with_paper();
    let stderr = dossier_err(&t.root(), &["paper", "show", "42", "--json"]);
    let v: serde_json::Value = serde_json::from_str(stderr.trim()).expect("the error is JSON");
    assert_eq!(v["error"]["code"], "not_found");
    assert_eq!(v["error"]["message"], "paper 42 does not exist");
    assert_eq!(v["error"]["key"], "not_found", "and the message as data: {v}");
    assert_eq!(v["error"]["params"], serde_json::json!({ "what": "paper", "id": 42 }));
}

/// The core words its messages without command-line flags; the CLI puts
/// back the hints a terminal user can follow.
#[test]
fn the_cli_adds_its_flag_hints_to_the_messages_that_had_them() {
    let t = with_paper();
    let two_mb = t.file("big.md", &format!("# Big\n\n{}\n", "word ".repeat(420_000)));
    refused(&t, &["--max-file-mb", "1", "paper", "add", two_mb.to_str().unwrap()], "(raise it with --max-file-mb)");
    let de = t.file(
        "bericht.md",
        "# Bericht\n\nDie Bundesregierung muss jede Ausfuhrgenehmigung veröffentlichen und dem Parlament jedes Jahr darüber berichten.\n",
    );
    let out = crate::util::dossier(&t.root(), &["import", de.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("refused") && stdout.contains("(give --lang en or --lang fr to import it anyway)"), "{stdout}");
    refused(&t, &["report", "lobbying", "--month", "Oct"], "--month `Oct` is not a month");
    let author = t.file("a.md", "# A\n\nText.\n");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("--library")
        .arg(t.root())
        .args(["paper", "add", author.to_str().unwrap()])
        .env_remove("DOSSIER_LIBRARY")
        .env_remove("DOSSIER_AUTHOR")
        .env_remove("USER")
        .env_remove("USERNAME")
        .env_remove("LOGNAME")
        .args(["--json"])
        .output()
        .unwrap();
    // Regression: with neither $USER nor $LOGNAME (a service account, some
    // containers) the author is the login name the operating system gives,
    // not a refusal asking for --author.
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let saved: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(saved["author"], dossier::api::login_name(), "the OS login name: {saved}");
    assert!(!dossier::api::login_name().is_empty());
}

#[test]
fn a_missing_library_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let stderr = dossier_err(&dir.path().join("none"), &["paper", "list"]);
    assert!(stderr.contains("no library at") && stderr.contains("dossier init"), "{stderr}");
    assert!(!dir.path().join("none").exists(), "listing creates no library");
}

/// `dossier import FILE` on a bad file: exit status 1, one outcome line
/// naming the file and saying what is wrong, and the library unchanged.
/// `paper add FILE` refuses the same file with the same reason as an error.
fn import_refused(t: &TempLibrary, file: &Path, expect: &str) {
    let before = snapshot(&t.root());
    let f = file.to_str().unwrap();
    let out = dossier(&t.root(), &["import", f]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "a refused file fails the import: {stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "one line for the file and the totals: {stdout}");
    assert!(lines[0].starts_with(&format!("{f}: refused: ")), "the line names the file: {stdout}");
    assert!(lines[0].contains(expect), "`import {f}` should say `{expect}`, said: {stdout}");
    assert_eq!(lines[1], "0 imported, 0 duplicate, 1 refused");
    assert!(out.stderr.is_empty(), "no trace on stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(snapshot(&t.root()), before, "`import {f}` changed the library");
    refused(t, &["paper", "add", f], expect);
}

fn bad(name: &str) -> PathBuf {
    fixture(&format!("bad/{name}"))
}

#[test]
fn a_docx_that_is_not_a_zip_is_refused() {
    import_refused(&with_paper(), &bad("not-a-zip.docx"), "not a DOCX file: it is not a ZIP archive");
}

#[test]
fn a_zip_bomb_is_refused_without_inflating_it() {
    // 300 KB on disk, 300 MB of XML inside.
    import_refused(&with_paper(), &bad("bomb.docx"), "looks like a ZIP bomb");
}

#[test]
fn a_zip_bomb_that_lies_about_its_size_is_refused_by_what_comes_out() {
    // Its headers claim 1 KB; the inflater is cut off at the limit instead.
    import_refused(&with_paper(), &bad("lying-bomb.docx"), "looks like a ZIP bomb");
}

#[test]
fn a_docx_without_its_document_is_refused() {
    import_refused(&with_paper(), &bad("no-document.docx"), "not a DOCX file: it has no word/document.xml");
}

#[test]
fn an_odt_without_content_is_refused() {
    import_refused(&with_paper(), &bad("no-content.odt"), "not an ODT file: it has no content.xml");
}

#[test]
fn malformed_xml_inside_a_docx_is_refused() {
    import_refused(&with_paper(), &bad("malformed.docx"), "word/document.xml is not well-formed XML");
}

#[test]
fn an_encrypted_pdf_is_refused() {
    import_refused(&with_paper(), &bad("encrypted.pdf"), "the PDF is encrypted (password-protected)");
}

#[test]
fn an_image_only_pdf_is_refused_as_having_no_text_layer() {
    import_refused(&with_paper(), &bad("scanned.pdf"), "has no text layer");
}

#[test]
fn binary_bytes_named_as_text_are_refused_as_not_text() {
    let t = with_paper();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..2000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    for name in ["photo.txt", "photo.md"] {
        let file = t.file(name, &png);
        let ext = &name[6..];
        import_refused(&t, &file, &format!("{name} is named .{ext} but holds binary data, not text"));
    }
}

#[test]
fn a_pdf_of_garbage_bytes_is_refused() {
    let t = with_paper();
    import_refused(&t, &bad("garbage.pdf"), "not a PDF file");
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend(std::fs::read(bad("garbage.pdf")).unwrap());
    let damaged = t.file("damaged.pdf", bytes);
    import_refused(&t, &damaged, "the PDF is damaged and cannot be read");
}

#[test]
fn an_empty_file_or_a_missing_path_is_refused_by_import() {
    let t = with_paper();
    import_refused(&t, &bad("empty.md"), "the file is empty");
    let empty_docx = t.file("empty.docx", "");
    import_refused(&t, &empty_docx, "the file is empty");
    import_refused(&t, &t.dir.path().join("nowhere.odt"), "no such file");
}

#[test]
fn a_document_over_the_size_limit_is_refused_before_it_is_read() {
    let t = with_paper();
    let big = t.dir.path().join("big.docx");
    // Sparse: 51 MB on paper, nothing on disk, and not a ZIP: the size
    // check must come first.
    std::fs::File::create(&big).unwrap().set_len(51 * 1024 * 1024).unwrap();
    import_refused(&t, &big, "the limit is 50.0 MB");
}
