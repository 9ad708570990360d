//! Word documents (`.docx`): headings, paragraphs, bold/italic and lists,
//! bulleted and numbered, nested, as Markdown; the title from
//! `docProps/core.xml`.
//!
//! A paragraph is a heading when its style is one (by name — "heading 2",
//! "Title" — or by outline level, following `w:basedOn`), a list item when it
//! has numbering (`w:numPr`; `numbering.xml` says bullet or number for each
//! level). Deleted revisions, field codes and the fallback copy of
//! alternate content are not text and are skipped.

use std::collections::HashMap;
use std::path::Path;

use super::markdown::{Block, MarkdownWriter};
use super::xml::{walk, Node};
use super::zipped::Container;
use super::Extracted;
use crate::error::Result;

/// Reads a `.docx` file.
pub(super) fn read(bytes: &[u8], path: &Path) -> Result<Extracted> {
    let mut zip = Container::open(bytes, path, "DOCX")?;
    let document = zip.required("word/document.xml")?;
    let headings = match zip.part("word/styles.xml")? {
        Some(xml) => heading_styles(&xml, path)?,
        None => HashMap::new(),
    };
    let numbering = match zip.part("word/numbering.xml")? {
        Some(xml) => Numbering::read(&xml, path)?,
        None => Numbering::default(),
    };
    let meta_title = match zip.part("docProps/core.xml")? {
        Some(xml) => core_title(&xml, path)?,
        None => None,
    };
    let body = body(&document, path, &headings, &numbering)?;
    Ok(Extracted {
        meta_title,
        body,
        warnings: Vec::new(),
    })
}

/// `dc:title` from `docProps/core.xml`.
pub(super) fn core_title(xml: &[u8], path: &Path) -> Result<Option<String>> {
    let mut title: Option<String> = None;
    let mut inside = false;
    walk(xml, path, "docProps/core.xml", |n| match n {
        Node::Open(t) => inside = t.name == "title",
        Node::Close(_) => inside = false,
        Node::Text(text) if inside => title.get_or_insert_with(String::new).push_str(text),
        Node::Text(_) => {}
    })?;
    Ok(title.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()))
}

/// The heading level of each paragraph style that is a heading.
fn heading_styles(xml: &[u8], path: &Path) -> Result<HashMap<String, u8>> {
    struct Style {
        id: String,
        name: String,
        outline: Option<u8>,
        based_on: Option<String>,
    }
    let mut styles: Vec<Style> = Vec::new();
    let mut current: Option<Style> = None;
    walk(xml, path, "word/styles.xml", |n| {
        let Node::Open(t) = n else {
            if let Node::Close("style") = n {
                styles.extend(current.take());
            }
            return;
        };
        match t.name.as_str() {
            "style" if t.attr("type") == Some("paragraph") => {
                current = Some(Style {
                    id: t.attr("styleId").unwrap_or_default().to_owned(),
                    name: String::new(),
                    outline: None,
                    based_on: None,
                })
            }
            "name" => {
                if let Some(s) = current.as_mut() {
                    s.name = t.attr("val").unwrap_or_default().to_lowercase();
                }
            }
            "basedOn" => {
                if let Some(s) = current.as_mut() {
                    s.based_on = t.attr("val").map(str::to_owned);
                }
            }
            "outlineLvl" => {
                if let Some(s) = current.as_mut() {
                    s.outline = t.attr("val").and_then(|v| v.parse::<u8>().ok()).filter(|&v| v < 6).map(|v| v + 1);
                }
            }
            _ => {}
        }
    })?;
    let own = |s: &Style| -> Option<u8> {
        if s.name == "title" {
            return Some(1);
        }
        if let Some(n) = s.name.strip_prefix("heading ") {
            return n.trim().parse::<u8>().ok().filter(|n| (1..=6).contains(n));
        }
        s.outline
    };
    let by_id: HashMap<&str, &Style> = styles.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut levels = HashMap::new();
    for style in &styles {
        // Follow `basedOn` a bounded number of steps: a cycle is possible.
        let mut at = Some(style);
        for _ in 0..10 {
            let Some(s) = at else { break };
            if let Some(level) = own(s) {
                levels.insert(style.id.clone(), level);
                break;
            }
            at = s.based_on.as_deref().and_then(|b| by_id.get(b).copied());
        }
    }
    Ok(levels)
}

/// Which numbering instances and levels are ordered (numbers, letters,
/// roman numerals) rather than bullets.
#[derive(Debug, Default)]
struct Numbering {
    /// (abstractNumId, level) → ordered.
    abstract_levels: HashMap<(String, u8), bool>,
    /// numId → abstractNumId.
    instances: HashMap<String, String>,
}

impl Numbering {
    fn read(xml: &[u8], path: &Path) -> Result<Numbering> {
        let mut n = Numbering::default();
        let mut abstract_id: Option<String> = None;
        let mut level: Option<u8> = None;
        let mut num_id: Option<String> = None;
        walk(xml, path, "word/numbering.xml", |node| match node {
            Node::Open(t) => match t.name.as_str() {
                "abstractNum" => abstract_id = t.attr("abstractNumId").map(str::to_owned),
                "lvl" => level = t.attr("ilvl").and_then(|v| v.parse().ok()),
                "numFmt" => {
                    if let (Some(a), Some(l)) = (&abstract_id, level) {
                        let ordered = !matches!(t.attr("val"), Some("bullet") | Some("none") | None);
                        n.abstract_levels.insert((a.clone(), l), ordered);
                    }
                }
                "num" => num_id = t.attr("numId").map(str::to_owned),
                "abstractNumId" => {
                    if let (Some(id), Some(a)) = (&num_id, t.attr("val")) {
                        n.instances.insert(id.clone(), a.to_owned());
                    }
                }
                _ => {}
            },
            Node::Close("abstractNum") => abstract_id = None,
            Node::Close("lvl") => level = None,
            Node::Close("num") => num_id = None,
            _ => {}
        })?;
        Ok(n)
    }

    fn ordered(&self, num_id: &str, level: u8) -> bool {
        self.instances
            .get(num_id)
            .and_then(|a| self.abstract_levels.get(&(a.clone(), level)))
            .copied()
            .unwrap_or(false)
    }
}

/// The state of the walk through `word/document.xml`.
#[derive(Default)]
struct Walk {
    md: MarkdownWriter,
    /// The current paragraph's style, numbering and whether its block began.
    style: Option<String>,
    outline: Option<u8>,
    num_id: Option<String>,
    ilvl: u8,
    started: bool,
    in_ppr: bool,
    in_rpr: bool,
    bold: bool,
    italic: bool,
    in_text: bool,
    /// Inside content that is not the document's visible text.
    skipped: usize,
}

fn on(flag: &super::xml::Tag) -> bool {
    !matches!(flag.attr("val"), Some("0" | "false" | "off" | "none"))
}

impl Walk {
    fn begin_block(&mut self, headings: &HashMap<String, u8>, numbering: &Numbering) {
        if self.started {
            return;
        }
        self.started = true;
        let level = self.outline.or_else(|| self.style.as_ref().and_then(|s| headings.get(s).copied()));
        let block = match (&self.num_id, level) {
            (_, Some(level)) => Block::Heading(level),
            // numId 0 means "numbering removed".
            (Some(id), None) if id != "0" => Block::Item {
                depth: self.ilvl as usize,
                ordered: numbering.ordered(id, self.ilvl),
            },
            _ => Block::Paragraph,
        };
        self.md.start(block);
    }
}

fn body(xml: &[u8], path: &Path, headings: &HashMap<String, u8>, numbering: &Numbering) -> Result<String> {
    let mut w = Walk::default();
    walk(xml, path, "word/document.xml", |n| match n {
        Node::Open(t) => {
            if w.skipped > 0 {
                if matches!(t.name.as_str(), "del" | "Fallback" | "instrText" | "delText") {
                    w.skipped += 1;
                }
                return;
            }
            match t.name.as_str() {
                "del" | "Fallback" | "instrText" | "delText" => w.skipped += 1,
                "p" => {
                    w.md.end();
                    w.style = None;
                    w.outline = None;
                    w.num_id = None;
                    w.ilvl = 0;
                    w.started = false;
                }
                "pPr" => w.in_ppr = true,
                "pStyle" if w.in_ppr => w.style = t.attr("val").map(str::to_owned),
                "outlineLvl" if w.in_ppr => {
                    w.outline = t.attr("val").and_then(|v| v.parse::<u8>().ok()).filter(|&v| v < 6).map(|v| v + 1)
                }
                "numId" if w.in_ppr => w.num_id = t.attr("val").map(str::to_owned),
                "ilvl" if w.in_ppr => w.ilvl = t.attr("val").and_then(|v| v.parse().ok()).unwrap_or(0).min(8),
                "r" => {
                    w.bold = false;
                    w.italic = false;
                }
                "rPr" if !w.in_ppr => w.in_rpr = true,
                "b" if w.in_rpr => w.bold = on(t),
                "i" if w.in_rpr => w.italic = on(t),
                "t" => {
                    w.begin_block(headings, numbering);
                    w.in_text = true;
                }
                "tab" if !w.in_ppr => {
                    w.begin_block(headings, numbering);
                    w.md.text(" ", w.bold, w.italic);
                }
                "br" | "cr" if t.attr("type").is_none_or(|k| k == "textWrapping") => {
                    w.begin_block(headings, numbering);
                    w.md.line_break();
                }
                _ => {}
            }
        }
        Node::Close(name) => {
            if w.skipped > 0 {
                if matches!(name, "del" | "Fallback" | "instrText" | "delText") {
                    w.skipped -= 1;
                }
                return;
            }
            match name {
                "pPr" => w.in_ppr = false,
                "rPr" => w.in_rpr = false,
                "t" => w.in_text = false,
                "p" => {
                    w.md.end();
                    w.started = false;
                }
                _ => {}
            }
        }
        Node::Text(text) => {
            if w.in_text && w.skipped == 0 {
                w.md.text(text, w.bold, w.italic);
            }
        }
    })?;
    Ok(w.md.finish())
}
