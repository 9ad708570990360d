//! PDF files: the text layer, as paragraphs and headings.
//!
//! A PDF has no paragraphs, only glyphs placed on pages. This module walks
//! each page's content stream (lopdf parses it and decodes the fonts'
//! encodings) and keeps, for every run of text, where its baseline is and how
//! large its font is. From that: lines (runs on one baseline), running
//! headers and footers (the same line at the top or bottom of most pages,
//! page numbers and "Page N of M"), paragraphs (a gap between baselines
//! larger than the usual line spacing, or a change of font size), headings
//! (lines set clearly larger than the body text), and words split by a
//! hyphen at a line's end joined again.
//!
//! Refused: an encrypted PDF, a PDF with no text (a scan), and anything
//! lopdf cannot parse. Every stream is inflated under a limit.

use std::collections::HashMap;
use std::path::Path;

use lopdf::content::Content;
use lopdf::{Document, Encoding, LoadOptions, Object};

use super::markdown::{Block, MarkdownWriter};
use super::Extracted;
use crate::error::{Error, Result};
use crate::message::Message;

/// The most any one stream may inflate to.
const MAX_STREAM_BYTES: usize = 64 * 1024 * 1024;
/// Pages past this many are not read (no position paper is this long).
const MAX_PAGES: usize = 2_000;
/// Text past this many characters is not read.
const MAX_TEXT_CHARS: usize = 20_000_000;

/// Reads a `.pdf` file.
pub(super) fn read(bytes: &[u8], path: &Path) -> Result<Extracted> {
    let encrypted = || {
        Error::invalid(Message::PdfEncrypted { path: path.display().to_string() })
    };
    if !bytes.starts_with(b"%PDF-") && !bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-") {
        return Err(Error::invalid(Message::NotPdf { path: path.display().to_string() }));
    }
    let doc = match Document::load_mem_with_options(bytes, LoadOptions::with_max_decompressed_size(MAX_STREAM_BYTES)) {
        Ok(doc) => doc,
        Err(lopdf::Error::Decryption(_)) | Err(lopdf::Error::InvalidPassword) => return Err(encrypted()),
        Err(e) => {
            return Err(Error::invalid(Message::PdfDamaged { path: path.display().to_string(), detail: e.to_string() }))
        }
    };
    if doc.was_encrypted() || doc.is_encrypted() {
        return Err(encrypted());
    }
    let meta_title = info_title(&doc);
    let mut pages = Vec::new();
    let mut chars = 0;
    for (_, page_id) in doc.get_pages().into_iter().take(MAX_PAGES) {
        let lines = page_lines(&doc, page_id);
        chars += lines.iter().map(|l| l.text.len()).sum::<usize>();
        pages.push(lines);
        if chars > MAX_TEXT_CHARS {
            break;
        }
    }
    if pages.iter().all(|p| p.iter().all(|l| l.text.trim().is_empty())) {
        return Err(Error::invalid(Message::PdfNoText { path: path.display().to_string() }));
    }
    drop_running_lines(&mut pages);
    Ok(Extracted {
        meta_title,
        body: to_markdown(&pages),
        warnings: Vec::new(),
    })
}

/// The document information dictionary's `/Title`.
fn info_title(doc: &Document) -> Option<String> {
    let info = doc.trailer.get_deref(b"Info", doc).ok()?.as_dict().ok()?;
    let title = info.get_deref(b"Title", doc).ok()?;
    let text = lopdf::decode_text_string(title).ok()?;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// A line of text on a page: its baseline height, font size and text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Line {
    pub y: f32,
    pub size: f32,
    pub text: String,
}

/// A 2D affine matrix `[a b c d e f]` as PDF writes them.
#[derive(Debug, Clone, Copy)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self × other` (apply self, then other).
    fn then(self, other: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    fn from(operands: &[Object]) -> Option<Matrix> {
        if operands.len() < 6 {
            return None;
        }
        let mut m = [0.0; 6];
        for (slot, o) in m.iter_mut().zip(operands) {
            *slot = number(o)?;
        }
        Some(Matrix(m))
    }
}

fn number(o: &Object) -> Option<f32> {
    let n = match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => return None,
    };
    n.is_finite().then_some(n)
}

/// A run of text as shown: where it starts and its size in page space.
struct Run {
    x: f32,
    y: f32,
    size: f32,
    text: String,
}

/// Deeper `q` nesting than this is ignored (the stack stops growing).
const MAX_STATE_DEPTH: usize = 256;

/// The runs of text on one page, in content order, grouped into lines.
fn page_lines(doc: &Document, page_id: lopdf::ObjectId) -> Vec<Line> {
    let Ok(data) = doc.get_page_content_with_limit(page_id, MAX_STREAM_BYTES) else {
        return Vec::new();
    };
    let Ok(content) = Content::decode(&data) else {
        return Vec::new();
    };
    let encodings = page_encodings(doc, page_id);
    let mut runs: Vec<Run> = Vec::new();
    let mut ctm = Matrix::IDENTITY;
    let mut stack: Vec<Matrix> = Vec::new();
    let mut tm = Matrix::IDENTITY;
    let mut tlm = Matrix::IDENTITY;
    let mut leading = 0.0f32;
    let mut font: Option<&Encoding<'_>> = None;
    let mut size = 0.0f32;
    for op in &content.operations {
        let args = &op.operands;
        let num = |i: usize| args.get(i).and_then(number);
        match op.operator.as_str() {
            "q" if stack.len() < MAX_STATE_DEPTH => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(Matrix::IDENTITY),
            "cm" => {
                if let Some(m) = Matrix::from(args) {
                    ctm = m.then(ctm);
                }
            }
            "BT" => {
                tm = Matrix::IDENTITY;
                tlm = Matrix::IDENTITY;
            }
            "Tf" => {
                font = args.first().and_then(|n| n.as_name().ok()).and_then(|n| encodings.get(n));
                size = num(1).unwrap_or(0.0);
            }
            "TL" => leading = num(0).unwrap_or(0.0),
            "Td" | "TD" => {
                let (x, y) = (num(0).unwrap_or(0.0), num(1).unwrap_or(0.0));
                if op.operator == "TD" {
                    leading = -y;
                }
                tlm = Matrix::translate(x, y).then(tlm);
                tm = tlm;
            }
            "Tm" => {
                if let Some(m) = Matrix::from(args) {
                    tlm = m;
                    tm = m;
                }
            }
            "T*" => {
                tlm = Matrix::translate(0.0, -leading).then(tlm);
                tm = tlm;
            }
            "Tj" | "TJ" | "'" | "\"" => {
                if op.operator != "Tj" && op.operator != "TJ" {
                    tlm = Matrix::translate(0.0, -leading).then(tlm);
                    tm = tlm;
                }
                let Some(encoding) = font else { continue };
                let shown = match op.operator.as_str() {
                    "\"" => args.get(2),
                    _ => args.first(),
                };
                let text = shown_text(encoding, shown);
                let at = tm.then(ctm);
                let scale = (at.0[2] * at.0[2] + at.0[3] * at.0[3]).sqrt();
                runs.push(Run {
                    x: at.0[4],
                    y: at.0[5],
                    size: (size * scale).abs(),
                    text,
                });
                // Without glyph widths the pen position after the run is
                // unknown; runs are placed by their own operators anyway.
            }
            _ => {}
        }
    }
    group_lines(runs)
}

/// The encoding of each font the page names, by its resource name.
fn page_encodings(doc: &Document, page_id: lopdf::ObjectId) -> HashMap<Vec<u8>, Encoding<'_>> {
    doc.get_page_fonts(page_id)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(name, font)| Some((name, font.get_font_encoding_with_limit(doc, MAX_STREAM_BYTES).ok()?)))
        .collect()
}

/// The text a `Tj`, `TJ`, `'` or `"` operator shows.
fn shown_text(encoding: &Encoding<'_>, shown: Option<&Object>) -> String {
    let mut text = String::new();
    match shown {
        Some(Object::String(bytes, _)) => push_decoded(&mut text, encoding, bytes),
        Some(Object::Array(items)) => {
            for item in items {
                match item {
                    Object::String(bytes, _) => push_decoded(&mut text, encoding, bytes),
                    // A large negative adjustment (thousandths of the font
                    // size) is a gap between words.
                    other => {
                        if number(other).is_some_and(|n| n < -200.0) && !text.ends_with(' ') {
                            text.push(' ');
                        }
                    }
                }
            }
        }
        _ => {}
    }
    text
}

fn push_decoded(out: &mut String, encoding: &Encoding<'_>, bytes: &[u8]) {
    if let Ok(text) = encoding.bytes_to_string(bytes) {
        out.extend(text.chars().filter(|c| !c.is_control() || *c == '\t').map(|c| if c == '\t' { ' ' } else { c }));
    }
}

/// Runs on (about) the same baseline make one line.
fn group_lines(runs: Vec<Run>) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut last_end: f32 = f32::MIN;
    for run in runs {
        if run.text.is_empty() {
            continue;
        }
        let same_line = lines
            .last()
            .is_some_and(|l| (l.y - run.y).abs() < 0.3 * l.size.max(run.size).max(1.0));
        // Where the previous run probably ended: half an em per character
        // is a fair average for text fonts.
        let estimate = run.text.chars().count() as f32 * run.size * 0.5;
        match lines.last_mut() {
            Some(line) if same_line => {
                let gap = run.x - last_end;
                if gap > 0.1 * run.size && !line.text.ends_with(' ') && !run.text.starts_with(' ') {
                    line.text.push(' ');
                }
                line.text.push_str(&run.text);
                line.size = line.size.max(run.size);
            }
            _ => lines.push(Line {
                y: run.y,
                size: run.size,
                text: run.text.clone(),
            }),
        }
        last_end = run.x + estimate;
    }
    for line in &mut lines {
        line.text = line.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    lines.retain(|l| !l.text.is_empty());
    lines
}

/// True for a line that is only a page number: "7", "- 7 -", "Page 7",
/// "Page 7 of 12", "7 / 12", "p. 7", "Page 7 sur 12".
pub(super) fn is_page_number(text: &str) -> bool {
    let t = text.trim().trim_matches(['-', '–', '—', ' ', '|']).to_lowercase();
    let words: Vec<&str> = t.split_whitespace().collect();
    let is_num = |w: &str| !w.is_empty() && (w.chars().all(|c| c.is_ascii_digit()) || is_roman(w));
    match words.as_slice() {
        [n] => is_num(n) || n.split('/').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())),
        ["page" | "p." | "pg." | "p", n] => is_num(n),
        [n, "/" | "of" | "sur" | "de", m] => is_num(n) && is_num(m),
        ["page" | "p.", n, "of" | "sur" | "de" | "/", m] => is_num(n) && is_num(m),
        _ => false,
    }
}

fn is_roman(w: &str) -> bool {
    w.len() <= 6 && w.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c'))
}

/// A line's text with digits masked, to recognise "Draft — 3 May" and
/// "Draft — 4 May" as the same running line.
fn shape(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
}

/// Removes running headers and footers: page numbers at the top or bottom
/// of a page, and lines that open or close at least half the pages (two or
/// more) with the same text; then, once more, page numbers and lines on the
/// edge of every page, for headers and footers of two lines.
pub(super) fn drop_running_lines(pages: &mut [Vec<Line>]) {
    for pass in 0..2 {
        for top in [true, false] {
            let edge = |lines: &Vec<Line>| -> Option<usize> {
                if lines.is_empty() {
                    return None;
                }
                // The top line is the highest on the page, the bottom the lowest.
                let mut best = 0;
                for (i, l) in lines.iter().enumerate() {
                    let better = if top { l.y > lines[best].y } else { l.y < lines[best].y };
                    if better {
                        best = i;
                    }
                }
                Some(best)
            };
            let mut counts: HashMap<String, usize> = HashMap::new();
            for lines in pages.iter() {
                if let Some(i) = edge(lines) {
                    *counts.entry(shape(&lines[i].text)).or_default() += 1;
                }
            }
            let pages_with_text = pages.iter().filter(|p| !p.is_empty()).count();
            for lines in pages.iter_mut() {
                let Some(i) = edge(lines) else { continue };
                let seen = counts.get(&shape(&lines[i].text)).copied().unwrap_or(0);
                // The second pass finds a header's second line; by then the
                // edges are body text, which can repeat by chance, so only
                // a line on every page counts.
                let repeated = if pass == 0 {
                    seen >= 2 && seen * 2 >= pages_with_text
                } else {
                    seen >= 3 && seen == pages_with_text
                };
                // A page's only line is its text, not a header.
                if lines.len() > 1 && (repeated || is_page_number(&lines[i].text)) {
                    lines.remove(i);
                }
            }
        }
    }
}

/// The most common value, rounded to half a point (ties: the smaller).
fn mode(values: impl Iterator<Item = (f32, usize)>) -> Option<f32> {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for (v, weight) in values {
        *counts.entry((v * 2.0).round() as i64).or_default() += weight;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(k, _)| k as f32 / 2.0)
}

const BULLETS: &[&str] = &["•", "◦", "▪", "‣", "–", "-", "*", "·"];

/// A line starting with a bullet: the text after it.
fn bullet(text: &str) -> Option<&str> {
    BULLETS.iter().find_map(|b| text.strip_prefix(b).and_then(|r| r.strip_prefix(' ')))
}

fn ends_sentence(text: &str) -> bool {
    text.ends_with(['.', '!', '?', ':', ';', '»', '"', '”', ')'])
}

/// Joins `next` onto a paragraph's text, undoing a hyphen that split a word
/// at the end of the line ("pro-" + "cessing"), but keeping one that joins
/// words ("Franco-" + "Ontarian" stays "Franco-Ontarian").
pub(super) fn join_line(text: &mut String, next: &str) {
    if text.is_empty() {
        text.push_str(next);
        return;
    }
    if let Some(stem) = text.strip_suffix('\u{ad}') {
        let stem = stem.to_owned();
        *text = stem;
        text.push_str(next);
        return;
    }
    let after_letter = text.ends_with('-') && text[..text.len() - 1].chars().last().is_some_and(char::is_alphabetic);
    let next_first = next.chars().next();
    if after_letter && next_first.is_some_and(char::is_lowercase) {
        text.pop();
        text.push_str(next);
    } else if after_letter && next_first.is_some_and(char::is_uppercase) {
        text.push_str(next);
    } else {
        text.push(' ');
        text.push_str(next);
    }
}

/// Lines of all pages to Markdown paragraphs and headings.
fn to_markdown(pages: &[Vec<Line>]) -> String {
    let all = || pages.iter().flatten();
    let body_size = mode(all().map(|l| (l.size, l.text.chars().count()))).unwrap_or(0.0);
    let gap = mode(pages.iter().flat_map(|p| {
        p.windows(2)
            .filter(|w| (w[0].size - w[1].size).abs() < 0.5 && w[0].y > w[1].y)
            .map(|w| (w[0].y - w[1].y, 1))
    }))
    .unwrap_or(body_size * 1.2);
    // Heading sizes, largest first: the largest is level 1.
    let mut heading_sizes: Vec<i64> = all()
        .filter(|l| l.size >= body_size * 1.15 + 0.5)
        .map(|l| (l.size * 2.0).round() as i64)
        .collect();
    heading_sizes.sort_unstable_by(|a, b| b.cmp(a));
    heading_sizes.dedup();
    let level_of = |size: f32| -> Option<u8> {
        let key = (size * 2.0).round() as i64;
        heading_sizes.iter().position(|&s| s == key).map(|i| (i + 1).min(6) as u8)
    };

    let mut md = MarkdownWriter::new();
    let mut paragraph = String::new();
    let mut kind = Block::Paragraph;
    let flush = |md: &mut MarkdownWriter, paragraph: &mut String, kind: Block| {
        if !paragraph.is_empty() {
            md.start(kind);
            md.text(paragraph, false, false);
            md.end();
            paragraph.clear();
        }
    };
    let mut previous: Option<&Line> = None;
    for (page_index, lines) in pages.iter().enumerate() {
        for (i, line) in lines.iter().enumerate() {
            let level = level_of(line.size);
            let (block, text) = match (level, bullet(&line.text)) {
                (Some(level), _) => (Block::Heading(level), line.text.as_str()),
                (None, Some(rest)) => (Block::Item { depth: 0, ordered: false }, rest),
                (None, None) => (Block::Paragraph, line.text.as_str()),
            };
            let continues = match previous {
                None => false,
                Some(prev) => {
                    let same_kind = std::mem::discriminant(&block) == std::mem::discriminant(&kind)
                        && !matches!(block, Block::Item { .. } if bullet(&line.text).is_some());
                    let same_size = (prev.size - line.size).abs() < 0.5;
                    if i == 0 && page_index > 0 {
                        // Across a page break: one paragraph when the last
                        // line did not end a sentence, or this one goes on
                        // in lower case.
                        same_kind
                            && same_size
                            && (!ends_sentence(paragraph.as_str())
                                || text.chars().next().is_some_and(char::is_lowercase))
                    } else {
                        // Body lines follow at the usual spacing; a
                        // heading's lines at about its own size.
                        let step = prev.y - line.y;
                        let within = (gap * 1.3).max(prev.size * 1.35);
                        same_kind && same_size && step > 0.0 && step <= within
                    }
                }
            };
            if !continues {
                flush(&mut md, &mut paragraph, kind);
                kind = block;
            }
            join_line(&mut paragraph, text);
            previous = Some(line);
        }
    }
    flush(&mut md, &mut paragraph, kind);
    md.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(y: f32, text: &str) -> Line {
        Line { y, size: 11.0, text: text.into() }
    }

    #[test]
    fn page_numbers_in_their_usual_forms_are_recognised() {
        for t in ["7", "- 7 -", "Page 7", "Page 7 of 12", "7 / 12", "7/12", "page 3 sur 9", "iv"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["7 recommendations", "Page seven", "2019 was the year"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn hyphens_at_line_ends_are_undone_only_inside_words() {
        let mut t = String::from("the pro-");
        join_line(&mut t, "cessing time");
        assert_eq!(t, "the processing time");
        let mut t = String::from("the Franco-");
        join_line(&mut t, "Ontarian community");
        assert_eq!(t, "the Franco-Ontarian community", "a capital after the hyphen: a compound");
        let mut t = String::from("pages 3 -");
        join_line(&mut t, "and more");
        assert_eq!(t, "pages 3 - and more");
    }

    #[test]
    fn running_headers_and_footers_go_and_body_lines_stay() {
        let page = |n: usize, body: &str| {
            vec![line(750.0, "Coalition brief"), line(700.0, body), line(40.0, &format!("Page {n} of 3"))]
        };
        let mut pages = vec![page(1, "One."), page(2, "Two."), page(3, "Three.")];
        drop_running_lines(&mut pages);
        let texts: Vec<Vec<&str>> = pages.iter().map(|p| p.iter().map(|l| l.text.as_str()).collect()).collect();
        assert_eq!(texts, vec![vec!["One."], vec!["Two."], vec!["Three."]]);
    }

    #[test]
    fn lines_join_into_paragraphs_split_by_wider_gaps() {
        let pages = vec![vec![
            line(700.0, "First line of a para-"),
            line(687.0, "graph that goes on."),
            line(666.0, "A second paragraph."),
        ]];
        assert_eq!(to_markdown(&pages), "First line of a paragraph that goes on.\n\nA second paragraph.\n");
    }
}
