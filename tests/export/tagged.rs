//! Tagged PDF (PDF/UA-1), read back as a screen reader would get it: the
//! structure tree as poppler's `pdfinfo -struct-text` prints it, the
//! catalog and the XMP packet with lopdf. What is checked: the text of the
//! tree, in order, is the text of the pages less the running heads, footers
//! and repeated table headers; every heading, list, quote and table is the
//! element the Markdown made, where it put it; the languages are marked;
//! the logo has alternative text; every link annotation hangs under its
//! Link element. Used by the report and Hill day tests too.

use std::path::Path;

use lopdf::{Document, Object};

use super::fixture::{self, table_markdown, ARABIC, EN_TITLE, FR_TITLE, HEBREW};
use super::{export, page_texts, text_string, tool};

/// A piece of an element as pdfinfo prints it.
#[derive(Debug, Clone)]
pub enum Part {
    Text(String),
    Elem(Node),
    /// An object reference (`OBJR`): a link annotation.
    Object,
}

/// A structure element: its type, its attributes (`/Scope /Column`) and
/// its parts in order.
#[derive(Debug, Clone, Default)]
pub struct Node {
    pub role: String,
    pub attrs: Vec<String>,
    pub parts: Vec<Part>,
}

impl Node {
    /// The element's text, its descendants' included, in order.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Text(t) => out.push_str(t),
                Part::Elem(n) => out.push_str(&n.text()),
                Part::Object => {}
            }
        }
        out
    }

    /// The child elements.
    pub fn kids(&self) -> Vec<&Node> {
        self.parts.iter().filter_map(|p| if let Part::Elem(n) = p { Some(n) } else { None }).collect()
    }

    /// Every element of type `role` at any depth, in order.
    pub fn all(&self, role: &str) -> Vec<&Node> {
        let mut out = Vec::new();
        for k in self.kids() {
            if k.role == role {
                out.push(k);
            }
            out.extend(k.all(role));
        }
        out
    }

    /// How many link annotations hang directly under this element.
    pub fn objects(&self) -> usize {
        self.parts.iter().filter(|p| matches!(p, Part::Object)).count()
    }

    /// The text with runs of white space made one space, trimmed.
    pub fn words(&self) -> String {
        self.text().split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// The structure tree of `pdf` (its Document element), or `None` when
/// poppler is not installed. Panics when the PDF is not tagged.
pub fn structure(pdf: &Path) -> Option<Node> {
    let (ok, out) = tool("pdfinfo", &["-struct-text", pdf.to_str()?])?;
    assert!(ok, "pdfinfo reads {}", pdf.display());
    // stack[d] holds the open element at depth d - 1; stack[0] the root.
    let mut stack: Vec<Node> = vec![Node::default()];
    for line in out.lines() {
        let spaces = line.len() - line.trim_start().len();
        let content = line.trim();
        if content.is_empty() {
            continue;
        }
        if content.starts_with('/') {
            if let Some(open) = stack.last_mut() {
                open.attrs.push(content.to_owned());
            }
            continue;
        }
        let depth = spaces / 2;
        while stack.len() > depth + 1 {
            let done = stack.pop().expect("an open element");
            stack.last_mut().expect("a parent").parts.push(Part::Elem(done));
        }
        let parent = stack.last_mut().expect("a parent");
        if let Some(text) = content.strip_prefix('"') {
            parent.parts.push(Part::Text(text.strip_suffix('"').unwrap_or(text).to_owned()));
        } else if content.starts_with("Object ") {
            parent.parts.push(Part::Object);
        } else {
            let role = content.split([' ', ':']).next().unwrap_or_default().to_owned();
            stack.push(Node { role, ..Node::default() });
        }
    }
    while stack.len() > 1 {
        let done = stack.pop().expect("an open element");
        stack.last_mut().expect("a parent").parts.push(Part::Elem(done));
    }
    let root = stack.pop().expect("the root");
    let document = root.kids().first().map(|d| (*d).clone());
    let document = document.unwrap_or_else(|| panic!("{} has a structure tree", pdf.display()));
    assert_eq!(document.role, "Document", "the tree's root is the Document");
    Some(document)
}

/// The words of a text, to compare the structure's text with the pages':
/// a soft hyphen at a line's end joins the word's halves; Arabic and
/// Hebrew letters (drawn right to left, so ordered differently by each
/// reader; checked on their own) and punctuation are dropped.
pub fn comparable(text: &str) -> Vec<String> {
    let joined = text.replace("\u{ad}\n", "").replace('\u{ad}', "");
    joined
        .split_whitespace()
        .map(|w| w.chars().filter(|c| c.is_alphanumeric() && !matches!(*c as u32, 0x0590..=0x06FF)).collect::<String>())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Where a document's text is: the page width, and the band between the
/// running header and the footer (points from the top edge; page 1, which
/// has no header, from `cover_top`).
#[derive(Debug, Clone, Copy)]
pub struct Band {
    pub width: f32,
    pub cover_top: f32,
    pub top: f32,
    pub bottom: f32,
}

/// Letter with a packet's margins: the running header ends above 60 pt,
/// the footer starts below 740 pt; the cover has no header.
pub const LETTER: Band = Band { width: 612.0, cover_top: 0.0, top: 60.0, bottom: 740.0 };

/// The text of the pages inside `band`: what is on them less the running
/// header and the footer. Lines equal to one of `repeated` (a table's
/// header row set again on a continuation page) are left out after their
/// first appearance.
pub fn page_text(pdf: &Path, band: Band, repeated: &[&str]) -> Option<String> {
    let pages = Document::load(pdf).expect("the PDF loads").get_pages().len();
    let mut out = String::new();
    let mut seen = std::collections::BTreeSet::new();
    for page in 1..=pages {
        let from = if page == 1 { band.cover_top } else { band.top };
        let n = page.to_string();
        let (y, w, h) = (format!("{from}"), format!("{}", band.width), format!("{}", band.bottom - from));
        let (ok, text) = tool("pdftotext", &["-raw", "-f", &n, "-l", &n, "-x", "0", "-y", &y, "-W", &w, "-H", &h, pdf.to_str()?, "-"])?;
        assert!(ok, "pdftotext reads page {page}");
        for line in text.lines() {
            if repeated.contains(&line.trim()) && !seen.insert(line.trim().to_owned()) {
                continue;
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    Some(out)
}

/// Asserts the structure's text is the pages' text, word for word.
pub fn assert_reads_as_pages(tree: &Node, pages: &str) {
    let (read, seen) = (comparable(&tree.text()), comparable(pages));
    if let Some(k) = (0..read.len().min(seen.len())).find(|&k| read[k] != seen[k]) {
        panic!(
            "the structure reads {:?} where the page has {:?} (word {k})",
            &read[k.saturating_sub(6)..(k + 6).min(read.len())],
            &seen[k.saturating_sub(6)..(k + 6).min(seen.len())]
        );
    }
    assert_eq!(read.len(), seen.len(), "the structure and the pages hold as many words");
}

/// The catalog facts PDF/UA asks for, read with lopdf: marked, a
/// structure tree, the language, the title shown, PDF 1.7, and XMP with
/// the title and `pdfuaid:part` 1. Returns the document.
pub fn assert_pdf_ua_catalog(pdf: &Path, lang: &str, title: &str) -> Document {
    let doc = Document::load(pdf).expect("the PDF loads");
    assert_eq!(doc.version, "1.7", "PDF/UA-1 builds on PDF 1.7");
    let catalog = doc.catalog().expect("a catalog");
    let marked = catalog.get(b"MarkInfo").and_then(Object::as_dict).and_then(|m| m.get(b"Marked")).and_then(Object::as_bool);
    assert_eq!(marked.ok(), Some(true), "MarkInfo /Marked true");
    assert!(catalog.get(b"StructTreeRoot").and_then(Object::as_reference).is_ok(), "a structure tree");
    assert_eq!(text_string(catalog.get(b"Lang").expect("a language")), lang);
    let prefs = catalog.get(b"ViewerPreferences").and_then(Object::as_dict).expect("viewer preferences");
    assert_eq!(prefs.get(b"DisplayDocTitle").and_then(Object::as_bool).ok(), Some(true), "the title, not the file name, is shown");
    let xmp = doc.get_object(catalog.get(b"Metadata").and_then(Object::as_reference).expect("XMP metadata")).expect("the XMP stream");
    let Object::Stream(xmp) = xmp else { panic!("the metadata is a stream") };
    let xmp = String::from_utf8(xmp.content.clone()).expect("XMP is plain UTF-8");
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "the PDF/UA identifier: {xmp}");
    let escaped = title.replace('&', "&amp;").replace('<', "&lt;");
    assert!(xmp.contains(&format!(">{escaped}</rdf:li>")), "XMP carries the title {title:?}: {xmp}");
    for page in doc.get_pages().values() {
        let d = doc.get_dictionary(*page).expect("a page");
        assert!(d.get(b"StructParents").is_ok(), "each page maps its marked content back to the tree");
        if d.get(b"Annots").and_then(Object::as_array).is_ok_and(|a| !a.is_empty()) {
            assert_eq!(d.get(b"Tabs").and_then(Object::as_name).ok(), Some(&b"S"[..]), "links are tabbed through in structure order");
        }
    }
    doc
}

/// Asserts that every mark on every page (text, image, path) is inside a
/// marked-content sequence: tagged content or an artifact, nothing loose.
pub fn assert_everything_marked(pdf: &Path) {
    let doc = Document::load(pdf).expect("the PDF loads");
    for (n, page) in doc.get_pages() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(page)).expect("content decodes");
        let mut open: Vec<String> = Vec::new();
        let (mut artifacts, mut tagged, mut drawn) = (0, 0, 0);
        for op in &content.operations {
            match op.operator.as_str() {
                "BMC" | "BDC" => {
                    let tag = op.operands.first().and_then(|o| o.as_name().ok()).map(|t| String::from_utf8_lossy(t).into_owned()).unwrap_or_default();
                    if tag == "Artifact" { artifacts += 1 } else { tagged += 1 }
                    open.push(tag);
                }
                "EMC" => {
                    assert!(open.pop().is_some(), "page {n}: an EMC closes nothing");
                }
                "Tj" | "TJ" | "'" | "\"" | "Do" | "f" | "f*" | "S" | "B" => {
                    assert!(!open.is_empty(), "page {n}: `{}` draws outside any marked content", op.operator);
                    drawn += 1;
                }
                _ => {}
            }
        }
        assert!(open.is_empty(), "page {n}: every sequence is closed");
        if drawn == 0 {
            continue; // a blank page left for double-sided printing
        }
        assert!(tagged > 0, "page {n} holds tagged content");
        assert!(artifacts > 0, "page {n} has its footer as an artifact");
    }
}

/// Every structure element of `doc` as (type, language, alternative text,
/// actual text), read with lopdf.
pub fn elements(doc: &Document) -> Vec<(String, Option<String>, Option<String>, Option<String>)> {
    let mut out = Vec::new();
    for obj in doc.objects.values() {
        let Object::Dictionary(d) = obj else { continue };
        if d.get(b"Type").and_then(Object::as_name).ok() != Some(&b"StructElem"[..]) {
            continue;
        }
        let role = String::from_utf8_lossy(d.get(b"S").and_then(Object::as_name).unwrap_or_default()).into_owned();
        let get = |k: &[u8]| d.get(k).ok().map(text_string);
        out.push((role, get(b"Lang"), get(b"Alt"), get(b"ActualText")));
    }
    out
}

/// The kinds of a section's child elements with the start of their text,
/// for comparing with what the Markdown says.
fn outline_of(sect: &Node) -> Vec<(String, String)> {
    sect.kids().iter().map(|k| (k.role.clone(), k.words().chars().take(24).collect())).collect()
}

fn with_text<'a>(tree: &'a Node, role: &str, start: &str) -> &'a Node {
    tree.all(role).into_iter().find(|n| n.words().starts_with(start)).unwrap_or_else(|| panic!("a {role} starting {start:?}"))
}

#[test]
fn a_packet_is_tagged_and_its_structure_reads_as_its_pages() {
    let mut fx = fixture::build();
    let (en, fr) = (fx.en_paper, fx.fr_paper);
    let packet = fx.packet(&[(en, None), (fr, Some(1))]);
    let (out, _) = export(&mut fx, packet, "tagged.pdf", |_| {});
    let doc = assert_pdf_ua_catalog(&out, "en-CA", "Hill day with Élise Tremblay-Nadeau");
    assert_everything_marked(&out);
    let Some(tree) = structure(&out) else { return };

    // The whole tree reads as the pages do, running heads and footers left
    // out as artifacts.
    let pages = page_text(&out, LETTER, &[]).expect("pdftotext");
    assert_reads_as_pages(&tree, &pages);
    let whole = page_texts(&out).expect("pdftotext").join("\n");
    assert!(whole.contains("Page 2 of") && !tree.text().contains("Page 2 of"), "page numbers are printed, as artifacts");
    assert!(whole.matches("Canadians for Justice Sample Group").count() > 2, "the running header names the organisation");
    assert_eq!(tree.text().matches("Canadians for Justice Sample Group").count(), 1, "read once, on the cover; the running header is an artifact");

    // The English paper: a section whose parts are where the Markdown put
    // them. Its first heading repeats the title and is not printed.
    let paper = tree.kids().into_iter().find(|s| s.kids().first().is_some_and(|h| h.role == "H1" && h.words() == EN_TITLE)).expect("the English paper's section");
    let roles: Vec<String> = outline_of(paper).into_iter().map(|(r, _)| r).collect();
    let body = &roles[roles.iter().position(|r| r == "H2").expect("a heading") - 1..];
    assert_eq!(
        body,
        ["P", "H2", "P", "BlockQuote", "H2", "L", "P", "L"],
        "paragraph, Background, paragraph, quote, What we ask, numbered list, Key facts, bullets: {:?}",
        outline_of(paper)
    );
    let headings: Vec<String> = paper.all("H2").iter().map(|h| h.words()).collect();
    assert_eq!(headings, ["Background", "What we ask"]);
    let lists = paper.all("L");
    assert!(lists[0].attrs.iter().any(|a| a.contains("/Decimal")), "the asks are a numbered list: {:?}", lists[0].attrs);
    assert!(lists[1].attrs.iter().any(|a| a.contains("/Disc")), "the facts a bulleted one");
    let items: Vec<Vec<String>> = lists[0].kids().iter().map(|li| li.kids().iter().map(|k| format!("{} {}", k.role, k.words())).collect()).collect();
    assert_eq!(items.len(), 3, "three asks");
    assert_eq!(items[0][0], "Lbl 1.", "each item's label first");
    assert!(items[0][1].starts_with("LBody Say publicly that forced evictions"), "then its body: {:?}", items[0]);
    assert!(paper.all("BlockQuote")[0].words().starts_with("Canada does not recognize"), "the quote holds its text");

    // Links: the OCHA link and every contents entry carry their annotation.
    let link = with_text(paper, "Link", "UN OCHA overview");
    let pieces = link.parts.iter().filter(|p| matches!(p, Part::Text(_))).count();
    assert!(link.objects() >= 1 && link.objects() == pieces, "the link holds its annotation on each line it is set on: {link:?}");
    let annots: usize = doc.get_pages().values().map(|p| doc.get_dictionary(*p).unwrap().get(b"Annots").and_then(Object::as_array).map_or(0, Vec::len)).sum();
    let objects: usize = tree.all("Link").iter().map(|l| l.objects()).sum();
    assert_eq!(objects, annots, "every link annotation hangs under a Link element");
    let toc = tree.all("TOC");
    assert_eq!(toc.len(), 1, "one table of contents");
    let entries: Vec<String> = toc[0].kids().iter().map(|i| format!("{} {}", i.role, i.words())).collect();
    assert!(entries.iter().all(|e| e.starts_with("TOCI ")), "{entries:?}");
    assert!(entries.iter().any(|e| e.contains(EN_TITLE)) && entries.iter().any(|e| e.contains(FR_TITLE)), "{entries:?}");

    // The office holder's roles: a table with a header row of column heads.
    let table = tree.all("Table").into_iter().next().expect("the roles table");
    let rows = table.kids();
    assert!(rows.iter().all(|r| r.role == "TR"));
    assert!(rows[0].kids().iter().all(|c| c.role == "TH" && c.attrs.iter().any(|a| a.contains("/Scope /Column"))), "header cells head their columns");
    assert!(rows[1..].iter().all(|r| r.kids().iter().all(|c| c.role == "TD")) && rows[1].kids().len() == rows[0].kids().len());

    // Languages: the French paper's section, the Arabic and Hebrew names
    // (with the text in reading order), the logo's alternative text.
    let all = elements(&doc);
    assert!(all.iter().any(|(r, l, _, _)| r == "Sect" && l.as_deref() == Some("fr-CA")), "the French paper is marked French");
    assert!(all.iter().any(|(r, l, _, _)| r == "TOCI" && l.as_deref() == Some("fr-CA")), "and its entry in the contents");
    assert!(all.iter().any(|(r, l, _, _)| r == "LBody" && l.as_deref() == Some("fr-CA")), "and its line on the cover");
    assert_eq!(all.iter().filter(|(_, l, _, _)| l.as_deref() == Some("en-CA")).count(), 0, "nothing repeats the document's language");
    let spans = |lang: &str| all.iter().filter(|(r, l, _, _)| r == "Span" && l.as_deref() == Some(lang)).filter_map(|e| e.3.clone()).collect::<Vec<_>>();
    assert!(spans("ar").iter().any(|t| t.trim() == ARABIC), "the Arabic name is marked Arabic and reads in order: {:?}", spans("ar"));
    assert!(spans("he").iter().any(|t| t.trim() == HEBREW), "the Hebrew name is marked Hebrew: {:?}", spans("he"));
    let figures: Vec<_> = all.iter().filter(|(r, ..)| r == "Figure").collect();
    assert_eq!(figures.len(), 1);
    assert_eq!(figures[0].2.as_deref(), Some("Logo of Canadians for Justice Sample Group"), "the logo says whose it is");
}

#[test]
fn a_french_packet_marks_its_english_paper_and_speaks_french() {
    let mut fx = fixture::build();
    let (en, fr) = (fx.en_paper, fx.fr_paper);
    let packet = fx.packet(&[(fr, Some(1)), (en, None)]);
    let (out, _) = export(&mut fx, packet, "tagged-fr.pdf", |o| o.lang = dossier::export::Lang::Fr);
    let doc = assert_pdf_ua_catalog(&out, "fr-CA", "Hill day with Élise Tremblay-Nadeau");
    let all = elements(&doc);
    assert!(all.iter().any(|(r, l, _, _)| r == "Sect" && l.as_deref() == Some("en-CA")), "the English paper is marked English");
    assert!(!all.iter().any(|(r, l, _, _)| r == "Sect" && l.as_deref() == Some("fr-CA")), "the French one takes the document's language");
    assert!(all.iter().any(|(r, _, alt, _)| r == "Figure" && alt.as_deref() == Some("Logo de Canadians for Justice Sample Group")));
    let Some(tree) = structure(&out) else { return };
    let pages = page_text(&out, LETTER, &[]).expect("pdftotext");
    assert_reads_as_pages(&tree, &pages);
    assert!(tree.all("H1").iter().any(|h| h.words() == "Table des matières"), "the contents heading in French");
}

#[test]
fn a_table_across_pages_is_one_table_its_repeated_header_an_artifact() {
    let mut fx = fixture::build();
    let rows = 120;
    let paper = fx.paper_with_body("A long table", table_markdown(rows));
    let packet = fx.packet(&[(paper, None)]);
    let (out, report) = export(&mut fx, packet, "tagged-table.pdf", |_| {});
    assert!(report.pages >= 6, "the table crosses pages: {} pages", report.pages);
    let Some(tree) = structure(&out) else { return };
    let table = tree.all("Table").into_iter().find(|t| t.words().starts_with("Number")).expect("the paper's table");
    let trs = table.kids();
    assert_eq!(trs.len(), rows + 1, "one row element per row, the header once");
    let heads: Vec<String> = tree.all("TH").iter().map(|h| h.words()).collect();
    assert_eq!(heads.iter().filter(|h| *h == "Number").count(), 1, "the header set again on each page is not read again: {heads:?}");
    for (k, tr) in trs.iter().enumerate().skip(1) {
        let cells: Vec<String> = tr.kids().iter().map(|c| c.words()).collect();
        assert_eq!(cells.len(), 4);
        assert!(cells[0].starts_with(&format!("R{k}C0")), "row {k} in order with its cells: {cells:?}");
    }
}

#[test]
fn a_draft_s_mark_on_every_page_is_an_artifact_and_its_notice_is_read_once() {
    let mut fx = fixture::build();
    let draft = fx.draft_paper;
    let packet = fx.packet(&[(draft, Some(1))]);
    let (out, report) = export(&mut fx, packet, "tagged-draft.pdf", |_| {});
    assert!(report.draft);
    let Some(tree) = structure(&out) else { return };
    let whole = page_texts(&out).expect("pdftotext").join("\n");
    assert!(whole.matches("DRAFT").count() >= report.pages, "the running header says DRAFT on every page after the cover");
    assert_everything_marked(&out);
    let read: Vec<String> = tree.all("P").iter().map(|p| p.words()).filter(|w| w.contains("DRAFT")).collect();
    assert_eq!(read, ["DRAFT: this packet holds text that is not published."], "only the cover's notice is read, not the marks");
    assert!(tree.all("Sect").iter().any(|s| s.kids().first().is_some_and(|h| h.role == "H1" && h.words() == fixture::DRAFT_TITLE)));
}
