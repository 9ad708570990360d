//! OpenDocument text (`.odt`): headings, paragraphs, bold/italic and lists,
//! bulleted and numbered, nested, as Markdown; the title from `meta.xml`.
//!
//! Formatting in ODT lives in styles: a span's automatic style says bold or
//! italic, a paragraph's style (or the style it inherits from) says heading,
//! a list's style says bullet or number per level. Styles come from
//! `styles.xml` (named) and from the automatic styles of `content.xml`.
//! Notes, annotations and tracked deletions are not body text and are
//! skipped.

use std::collections::HashMap;
use std::path::Path;

use super::markdown::{Block, MarkdownWriter};
use super::xml::{walk, Node, Tag};
use super::zipped::Container;
use super::Extracted;
use crate::error::Result;

/// Reads an `.odt` file.
pub(super) fn read(bytes: &[u8], path: &Path) -> Result<Extracted> {
    let mut zip = Container::open(bytes, path, "ODT")?;
    let content = zip.required("content.xml")?;
    let mut styles = Styles::default();
    if let Some(xml) = zip.part("styles.xml")? {
        styles.read(&xml, path, "styles.xml")?;
    }
    styles.read(&content, path, "content.xml")?;
    let meta_title = match zip.part("meta.xml")? {
        Some(xml) => super::docx::core_title(&xml, path)?,
        None => None,
    };
    let body = body(&content, path, &styles)?;
    Ok(Extracted {
        meta_title,
        body,
        warnings: Vec::new(),
    })
}

#[derive(Debug, Default, Clone)]
struct Style {
    parent: Option<String>,
    outline: Option<u8>,
    bold: Option<bool>,
    italic: Option<bool>,
    list_style: Option<String>,
}

#[derive(Debug, Default)]
struct Styles {
    styles: HashMap<String, Style>,
    /// (list style, level from 1) → ordered.
    list_levels: HashMap<(String, u8), bool>,
}

impl Styles {
    fn read(&mut self, xml: &[u8], path: &Path, part: &str) -> Result<()> {
        let mut current: Option<String> = None;
        let mut list: Option<String> = None;
        walk(xml, path, part, |n| match n {
            Node::Open(t) => match t.name.as_str() {
                "style" => {
                    let Some(name) = t.attr("name") else { return };
                    current = Some(name.to_owned());
                    self.styles.insert(
                        name.to_owned(),
                        Style {
                            parent: t.attr("parent-style-name").map(str::to_owned),
                            outline: t
                                .attr("default-outline-level")
                                .and_then(|v| v.parse::<u8>().ok())
                                .filter(|v| (1..=6).contains(v)),
                            list_style: t.attr("list-style-name").map(str::to_owned),
                            ..Style::default()
                        },
                    );
                }
                "text-properties" => {
                    if let Some(style) = current.as_ref().and_then(|c| self.styles.get_mut(c)) {
                        if let Some(w) = t.attr("font-weight") {
                            style.bold = Some(matches!(w, "bold" | "600" | "700" | "800" | "900"));
                        }
                        if let Some(s) = t.attr("font-style") {
                            style.italic = Some(matches!(s, "italic" | "oblique"));
                        }
                    }
                }
                "list-style" => list = t.attr("name").map(str::to_owned),
                "list-level-style-number" | "list-level-style-bullet" | "list-level-style-image" => {
                    if let (Some(l), Some(level)) = (&list, t.attr("level").and_then(|v| v.parse::<u8>().ok())) {
                        let numbered = t.name == "list-level-style-number"
                            && !matches!(t.attr("num-format"), None | Some(""));
                        self.list_levels.insert((l.clone(), level), numbered);
                    }
                }
                _ => {}
            },
            Node::Close("style") => current = None,
            Node::Close("list-style") => list = None,
            _ => {}
        })
    }

    /// Follows a style and its parents (a bounded number of steps: a
    /// damaged file can make a cycle) and returns the first answer.
    fn find<T>(&self, name: Option<&str>, get: impl Fn(&str, &Style) -> Option<T>) -> Option<T> {
        let mut at = name;
        for _ in 0..10 {
            let n = at?;
            let style = self.styles.get(n);
            if let Some(found) = get(n, style.unwrap_or(&Style::default())) {
                return Some(found);
            }
            at = style.and_then(|s| s.parent.as_deref());
        }
        None
    }

    fn heading_level(&self, name: Option<&str>) -> Option<u8> {
        self.find(name, |n, s| {
            if n == "Title" {
                return Some(1);
            }
            if let Some(level) = n.strip_prefix("Heading_20_").and_then(|l| l.parse::<u8>().ok()) {
                return Some(level.clamp(1, 6));
            }
            s.outline
        })
    }
}

#[derive(Default)]
struct Walk {
    md: MarkdownWriter,
    /// Open lists: their style (inherited from the enclosing list when unset).
    lists: Vec<Option<String>>,
    /// Whether the current list item has had its first paragraph.
    item_open: bool,
    /// Open paragraphs/headings (a text box can nest one in another).
    paragraphs: usize,
    /// The emphasis of open spans, innermost last; the paragraph's first.
    emphasis: Vec<(bool, bool)>,
    skipped: usize,
}

const SKIPPED: &[&str] = &["note", "annotation", "tracked-changes", "deletion", "sequence-decls", "bookmark-ref"];

fn body(xml: &[u8], path: &Path, styles: &Styles) -> Result<String> {
    let mut w = Walk::default();
    walk(xml, path, "content.xml", |n| match n {
        Node::Open(t) => w.open(t, styles),
        Node::Close(name) => w.close(name),
        Node::Text(text) => w.text(text),
    })?;
    Ok(w.md.finish())
}

impl Walk {
    fn open(&mut self, t: &Tag, styles: &Styles) {
        if SKIPPED.contains(&t.name.as_str()) {
            self.skipped += 1;
            return;
        }
        if self.skipped > 0 {
            return;
        }
        let (bold, italic) = self.emphasis.last().copied().unwrap_or((false, false));
        let style = t.attr("style-name");
        let emphasis = (
            styles.find(style, |_, s| s.bold).unwrap_or(bold),
            styles.find(style, |_, s| s.italic).unwrap_or(italic),
        );
        match t.name.as_str() {
            "list" => {
                let inherited = self.lists.last().cloned().flatten();
                self.lists.push(style.map(str::to_owned).or(inherited));
                self.md.end();
            }
            "list-item" | "list-header" => self.item_open = true,
            "h" | "p" => {
                self.paragraphs += 1;
                let block = self.block(t, style, styles);
                self.item_open = false;
                self.md.start(block);
                self.emphasis.push(emphasis);
            }
            "span" | "a" => self.emphasis.push(emphasis),
            "s" | "tab" => self.md.text(" ", bold, italic),
            "line-break" => self.md.line_break(),
            _ => {}
        }
    }

    /// What an `h` or `p` element starts: a heading (by its outline level
    /// or its style), the first paragraph of a list item, or a paragraph.
    fn block(&self, t: &Tag, style: Option<&str>, styles: &Styles) -> Block {
        let level = if t.name == "h" {
            Some(t.attr("outline-level").and_then(|l| l.parse::<u8>().ok()).unwrap_or(1).clamp(1, 6))
        } else {
            styles.heading_level(style)
        };
        match level {
            Some(level) => Block::Heading(level),
            None if self.item_open && !self.lists.is_empty() => {
                let depth = self.lists.len() - 1;
                let list_style = self.lists[depth].clone().or_else(|| styles.find(style, |_, s| s.list_style.clone()));
                let level = (depth + 1).min(10) as u8;
                let ordered = list_style.and_then(|l| styles.list_levels.get(&(l, level)).copied()).unwrap_or(false);
                Block::Item { depth, ordered }
            }
            None => Block::Paragraph,
        }
    }

    fn close(&mut self, name: &str) {
        if SKIPPED.contains(&name) {
            self.skipped = self.skipped.saturating_sub(1);
            return;
        }
        if self.skipped > 0 {
            return;
        }
        match name {
            "list" => {
                self.lists.pop();
                self.md.end();
            }
            "list-item" | "list-header" => self.item_open = false,
            "h" | "p" => {
                self.paragraphs = self.paragraphs.saturating_sub(1);
                self.emphasis.pop();
                self.md.end();
            }
            "span" | "a" => {
                self.emphasis.pop();
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.skipped == 0 && self.paragraphs > 0 {
            let (bold, italic) = self.emphasis.last().copied().unwrap_or((false, false));
            self.md.text(text, bold, italic);
        }
    }
}
