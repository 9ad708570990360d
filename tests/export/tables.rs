//! Markdown tables in packet PDFs, read back with poppler: cells side by
//! side in columns, the header row on every page the table crosses, every
//! cell's text there, and no word past the margins.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

use super::fixture::{self, table_markdown, LETTER_MARGIN_X, LETTER_TEXT_FOOT, TABLE_HEADER};
use super::{export, paper_with_body, tool};

/// `pdftotext` run with `args` on `pdf`, or `None` when poppler is not
/// installed.
fn text_of(pdf: &Path, args: &[&str]) -> Option<String> {
    let mut all: Vec<&str> = args.to_vec();
    all.extend([pdf.to_str()?, "-"]);
    let (ok, text) = tool("pdftotext", &all)?;
    assert!(ok, "pdftotext reads the packet");
    Some(text)
}

/// The cell words (`R{i}C{j}`) on a line of text, in order.
fn cells_on(line: &str) -> Vec<(usize, usize)> {
    line.split_whitespace()
        .filter_map(|w| {
            let (i, j) = w.strip_prefix('R')?.split_once('C')?;
            Some((i.parse().ok()?, j.parse().ok()?))
        })
        .collect()
}

/// Checks a packet holding the table of `rows` rows made by
/// [`table_markdown`], as `pdftotext -layout` reads it: each row's cells on
/// one line in column order, the header on every page the table reaches,
/// and every cell somewhere. Returns how many rows start on each page the
/// table spans.
fn check_columns_and_headers(pdf: &Path, rows: usize) -> Option<Vec<usize>> {
    let text = text_of(pdf, &["-layout"])?;
    let mut found = BTreeSet::new();
    let mut in_columns = BTreeSet::new();
    let mut spanned = Vec::new();
    for (n, page) in text.split('\u{c}').enumerate() {
        let (mut here, mut starts) = (false, 0);
        for line in page.lines() {
            let cells = cells_on(line);
            here |= !cells.is_empty();
            if let Some(&(i, 0)) = cells.first() {
                starts += 1;
                if cells == (0..4).map(|j| (i, j)).collect::<Vec<_>>() {
                    in_columns.insert(i);
                }
            }
            found.extend(cells);
        }
        if here {
            spanned.push(starts);
            let header = page.lines().find(|l| l.contains(TABLE_HEADER[0])).unwrap_or("");
            let at: Vec<Option<usize>> = TABLE_HEADER.iter().map(|h| header.find(h)).collect();
            assert!(at.iter().all(Option::is_some) && at.windows(2).all(|w| w[0] < w[1]), "page {} of the table starts with the header row, in order: {header:?}", n + 1);
        }
    }
    let missing: Vec<(usize, usize)> = (1..=rows).flat_map(|i| (0..4).map(move |j| (i, j))).filter(|c| !found.contains(c)).take(5).collect();
    assert!(missing.is_empty(), "every cell is in the PDF; missing, first few: {missing:?}");
    let apart: Vec<usize> = (1..=rows).filter(|i| !in_columns.contains(i)).take(5).collect();
    assert!(apart.is_empty(), "each row's cells stand side by side in column order; not so, first few: {apart:?}");
    Some(spanned)
}

/// Checks that no word of the PDF is past Letter's left or right margin, or
/// below the text area but for the page footer.
fn check_margins(pdf: &Path) -> Option<()> {
    let html = text_of(pdf, &["-bbox"])?;
    let attr = |tag: &str, name: &str| -> f32 {
        let at = tag.find(&format!("{name}=\"")).map(|a| a + name.len() + 2).expect("a word's box");
        tag[at..].split('"').next().and_then(|v| v.parse().ok()).expect("a number")
    };
    let mut words = 0;
    for tag in html.split("<word ").skip(1) {
        let (x0, x1, y0, y1) = (attr(tag, "xMin"), attr(tag, "xMax"), attr(tag, "yMin"), attr(tag, "yMax"));
        let word = tag.split('>').nth(1).and_then(|t| t.split('<').next()).unwrap_or("");
        assert!(x0 >= LETTER_MARGIN_X - 0.5 && x1 <= 612.0 - LETTER_MARGIN_X + 0.5, "{word:?} is inside the margins: {x0}..{x1}");
        let footer = y0 > LETTER_TEXT_FOOT + 10.0;
        assert!(footer || y1 <= LETTER_TEXT_FOOT + 0.5, "{word:?} is above the page's foot: {y1}");
        words += 1;
    }
    assert!(words > 0, "pdftotext found the words");
    Some(())
}

#[test]
fn a_paper_table_is_set_in_columns_with_its_header_on_every_page() {
    let mut fx = fixture::build();
    let rows = 300;
    let body = format!("Before the table.\n\n{}\nAfter the table.\n", table_markdown(rows));
    let id = paper_with_body(&mut fx, body);
    let packet = fx.packet(&[(id, None)]);
    let (out, report) = export(&mut fx, packet, "tables.pdf", |_| {});
    assert!(report.pages >= 8, "300 rows take several pages: {}", report.pages);
    let Some(spanned) = check_columns_and_headers(&out, rows) else { return };
    assert!(spanned.len() >= 6, "the table crosses pages: {spanned:?}");
    check_margins(&out);
    let all = text_of(&out, &[]).unwrap_or_default();
    assert!(all.contains("Before the table.") && all.contains("After the table."), "the text around the table is kept");
}

/// 21,500 rows of four cells: 3 MB of Markdown, exported as any packet is
/// (about 15 s in a debug build, most of it poppler reading 2,000 pages).
/// Timed in `benches/export.rs`; the time in a debug build:
/// `cargo test --test tests three_megabyte_table -- --nocapture`.
#[test]
fn a_three_megabyte_table_is_set_in_sane_pages() {
    let mut fx = fixture::build();
    let rows = 21_500;
    let body = table_markdown(rows);
    assert!(body.len() >= 3 * 1024 * 1024, "the table is 3 MB: {} bytes", body.len());
    let id = paper_with_body(&mut fx, body);
    let packet = fx.packet(&[(id, None)]);
    let started = Instant::now();
    let (out, report) = export(&mut fx, packet, "big.pdf", |_| {});
    let pages = report.pages;
    eprintln!("3 MB table: {pages} pages, {} bytes, exported in {:.1} s", report.bytes, started.elapsed().as_secs_f64());
    if let Some(keep) = std::env::var_os("DOSSIER_KEEP_PDFS") {
        let _ = std::fs::copy(&out, Path::new(&keep).join("big.pdf"));
    }
    let Some(spanned) = check_columns_and_headers(&out, rows) else { return };
    assert!(spanned.len() + 5 >= pages, "the table fills the packet's pages: {} of {pages}", spanned.len());
    // Rows of two or three lines: a full page holds ten or more.
    let thin = spanned[..spanned.len() - 1].iter().filter(|&&n| n < 10).count();
    assert_eq!(thin, 0, "every page but the table's last is full of rows");
    check_margins(&out);
}

#[test]
fn a_table_too_wide_for_the_page_is_set_row_by_row_with_every_cell() {
    let mut fx = fixture::build();
    let (columns, rows) = (dossier::export::markdown::MAX_COLUMNS + 20, 3);
    let header: String = (0..columns).map(|j| format!("| H{j} ")).collect::<String>() + "|\n" + &"|---".repeat(columns) + "|\n";
    let body: String = (1..=rows).map(|i| (0..columns).map(|j| format!("| R{i}C{j} ")).collect::<String>() + "|\n").collect();
    let id = paper_with_body(&mut fx, format!("Before.\n\n{header}{body}\nAfter.\n"));
    let packet = fx.packet(&[(id, None)]);
    let (out, _) = export(&mut fx, packet, "wide.pdf", |_| {});
    check_margins(&out);
    let Some(text) = text_of(&out, &[]) else { return };
    let words: BTreeSet<&str> = text.split(|c: char| c.is_whitespace() || c == ';').filter(|w| !w.is_empty()).collect();
    let missing: Vec<String> = (1..=rows).flat_map(|i| (0..columns).map(move |j| format!("R{i}C{j}"))).filter(|w| !words.contains(w.as_str())).take(5).collect();
    assert!(missing.is_empty(), "every cell's text is printed; missing, first few: {missing:?}");
    assert!((0..columns).all(|j| words.contains(format!("H{j}").as_str())), "the header row is printed once, whole");
    assert!(text.contains(&format!("A table of {columns} columns, too wide for the page")), "a note says why the table is a list");
    // Each row's cells read in column order.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let at = |w: &str| flat.find(&format!("{w};")).or_else(|| flat.find(w)).unwrap_or(usize::MAX);
    assert!((1..columns).all(|j| at(&format!("R2C{}", j - 1)) < at(&format!("R2C{j}"))), "a row's cells follow in column order");
}
