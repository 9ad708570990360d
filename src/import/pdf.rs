//! PDF files: the text layer, as paragraphs and headings.
//!
//! A PDF has no paragraphs, only glyphs placed on pages. This module walks
//! each page's content stream (lopdf loads the file, inflates streams and
//! decodes the fonts' encodings; [`Operations`] reads the operators) and
//! keeps, for every run of text, where its baseline is and how large its
//! font is. From that: lines (runs on one baseline), running headers and
//! footers (the same line at the top or bottom of most pages,
//! page numbers and "Page N of M"), paragraphs (a gap between baselines
//! larger than the usual line spacing, or a change of font size), headings
//! (lines set clearly larger than the body text), and words split by a
//! hyphen at a line's end joined again.
//!
//! Refused: an encrypted PDF, a PDF with no text (a scan), anything lopdf
//! cannot parse, and a PDF that asks for more work than any document needs.
//! A PDF can make one small object cost a great deal: a stream inflating to
//! megabytes, used by every page; a font map shared by thousands of fonts;
//! a font dictionary of tens of thousands of entries shared by every page;
//! millions of two-byte operators. So the whole document reads under one
//! [`Budget`] — bytes inflated (page content and font maps) and content
//! items parsed, a shared stream charged each time it is used — and each
//! page's content is capped on its own. The resources pages share (font
//! dictionaries, and what a page inherits from the page tree) are resolved
//! once, by object, every entry walked charged to the same budget. Content is read one operation at a
//! time ([`Operations`]), so a page of millions of operators is never held
//! as objects at once, and costs no more than scanning it. Between pages
//! the caller may stop the reading.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::rc::Rc;

use lopdf::{DecompressError, Dictionary, Document, Encoding, LoadOptions, Object, ObjectId, StringFormat};

use super::markdown::{Block, MarkdownWriter};
use super::Extracted;
use crate::error::{Error, Result};
use crate::message::Message;

const MB: usize = 1024 * 1024;
/// The most an object or cross-reference stream may inflate to while the
/// file is loaded (they hold object numbers and small dictionaries).
const MAX_LOAD_STREAM_BYTES: usize = 16 * MB;
/// The most one page's content (all its streams, inflated) may hold. A page
/// of dense text is tens of kilobytes; a detailed chart, a few megabytes.
const MAX_PAGE_CONTENT_BYTES: usize = 8 * MB;
/// The most one font's character maps may inflate to.
const MAX_FONT_BYTES: usize = 4 * MB;
/// The most inflated for the whole document, page content and font maps
/// together, a stream counted each time a page or font uses it.
const MAX_DOCUMENT_BYTES: usize = 128 * MB;
/// The most content items (operators and their operands) parsed for the
/// whole document; a page of text has a few thousand.
const MAX_CONTENT_ITEMS: usize = 8_000_000;
/// Pages past this many are not read (no position paper is this long).
const MAX_PAGES: usize = 2_000;
/// Text past this many bytes is not read; each line also counts
/// [`LINE_OVERHEAD`], so a million one-letter lines stop it too.
const MAX_TEXT_BYTES: usize = 20_000_000;
const LINE_OVERHEAD: usize = 48;
/// Runs of text past this many on one page are not kept (a page of text
/// shows a few thousand, even set one glyph at a time).
const MAX_RUNS_PER_PAGE: usize = 100_000;

/// Reads a `.pdf` file; `keep_going` is asked before each page, and
/// `false` stops the reading with [`Error::Cancelled`].
pub(super) fn read(bytes: &[u8], path: &Path, keep_going: &mut dyn FnMut() -> bool) -> Result<Extracted> {
    let doc = load(bytes, path)?;
    let meta_title = info_title(&doc);
    let mut reader = Reader::new(&doc, path);
    let mut pages = Vec::new();
    let mut kept = 0;
    for page_id in reader.pages.clone() {
        if !keep_going() {
            return Err(Error::Cancelled);
        }
        let lines = reader.page_lines(page_id)?;
        kept += lines.iter().map(|l| l.text.len() + LINE_OVERHEAD).sum::<usize>();
        pages.push(lines);
        if kept > MAX_TEXT_BYTES {
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

/// Parses the file, refusing what is not a PDF, is damaged or encrypted.
fn load(bytes: &[u8], path: &Path) -> Result<Document> {
    let encrypted = || Error::invalid(Message::PdfEncrypted { path: path.display().to_string() });
    if !bytes.starts_with(b"%PDF-") && !bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-") {
        return Err(Error::invalid(Message::NotPdf { path: path.display().to_string() }));
    }
    let options = LoadOptions { max_decompressed_size: Some(MAX_LOAD_STREAM_BYTES), ..LoadOptions::default() };
    let doc = match Document::load_mem_with_options(bytes, options) {
        Ok(doc) => doc,
        Err(lopdf::Error::Decryption(_)) | Err(lopdf::Error::InvalidPassword) => return Err(encrypted()),
        Err(e) => {
            return Err(Error::invalid(Message::PdfDamaged { path: path.display().to_string(), detail: e.to_string() }))
        }
    };
    if doc.was_encrypted() || doc.is_encrypted() {
        return Err(encrypted());
    }
    Ok(doc)
}

/// The document information dictionary's `/Title`.
fn info_title(doc: &Document) -> Option<String> {
    let info = doc.trailer.get_deref(b"Info", doc).ok()?.as_dict().ok()?;
    let title = info.get_deref(b"Title", doc).ok()?;
    let text = lopdf::decode_text_string(title).ok()?;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// What reading one document may still cost, whatever its pages share.
struct Budget<'p> {
    path: &'p Path,
    /// Bytes inflated so far: page content and font maps, a stream counted
    /// each time it is used.
    inflated: usize,
    /// Content operators and operands parsed so far.
    items: usize,
}

impl Budget<'_> {
    /// The refusal, naming the byte limit that was reached.
    fn refusal(&self, limit_bytes: usize) -> Error {
        Error::invalid(Message::PdfTooComplex {
            path: self.path.display().to_string(),
            limit_mb: (limit_bytes / MB) as i64,
            operations: MAX_CONTENT_ITEMS as i64,
        })
    }

    /// How many bytes may still be inflated, and the limit a refusal names:
    /// `cap` when it is the tighter (what is left of a page's or a font's
    /// own `limit`), else what is left of the document's.
    fn room(&self, cap: usize, limit: usize) -> (usize, usize) {
        let left = MAX_DOCUMENT_BYTES.saturating_sub(self.inflated);
        if cap <= left {
            (cap, limit)
        } else {
            (left, MAX_DOCUMENT_BYTES)
        }
    }

    fn spend_bytes(&mut self, n: usize) -> Result<()> {
        self.inflated += n;
        if self.inflated > MAX_DOCUMENT_BYTES {
            return Err(self.refusal(MAX_DOCUMENT_BYTES));
        }
        Ok(())
    }

    fn spend_items(&mut self, n: usize) -> Result<()> {
        self.items += n;
        if self.items > MAX_CONTENT_ITEMS {
            return Err(self.refusal(MAX_DOCUMENT_BYTES));
        }
        Ok(())
    }
}

/// Reads pages one at a time under one budget, remembering what pages
/// share so it is inflated or decoded once (and still charged each use).
struct Reader<'d> {
    doc: &'d Document,
    /// The pages to read, in order (at most [`MAX_PAGES`]).
    pages: Vec<ObjectId>,
    budget: Budget<'d>,
    /// Content streams more than one page uses, and their inflated bytes
    /// once read.
    shared: HashSet<ObjectId>,
    inflated: HashMap<ObjectId, Rc<Vec<u8>>>,
    /// Each font read, by the address of its dictionary (the document does
    /// not change while it is read, so an address names one dictionary):
    /// the index of its encoding in `encodings`, if it has a usable one.
    fonts: HashMap<usize, Option<usize>>,
    encodings: Vec<Encoding<'d>>,
    /// Each `/Font` dictionary walked, by where it is.
    font_tables: HashMap<FontsAt, Rc<FontTable>>,
    /// Each page-tree node's fonts, its own and those it inherits.
    node_fonts: HashMap<ObjectId, PageFonts>,
}

/// A `/Font` dictionary read: each resource name's index into the reader's
/// encodings, `None` for a font without a usable encoding.
type FontTable = HashMap<Vec<u8>, Option<usize>>;

/// The font tables a page may select from, nearest first.
type PageFonts = Rc<Vec<Rc<FontTable>>>;

/// Where a `/Font` dictionary is, which names it for as long as the
/// document is read: an object of its own, inside a resource dictionary
/// that is an object, or inside a page-tree node's own resources.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum FontsAt {
    Font(ObjectId),
    InResources(ObjectId),
    InNode(ObjectId),
}

/// The font a page's `Tf` names: the nearest table that has the name.
fn select_font(fonts: &[Rc<FontTable>], name: &[u8]) -> Option<usize> {
    fonts.iter().find_map(|table| table.get(name)).copied().flatten()
}

impl<'d> Reader<'d> {
    fn new(doc: &'d Document, path: &'d Path) -> Self {
        let pages: Vec<ObjectId> = doc.page_iter().take(MAX_PAGES).collect();
        let mut uses: HashMap<ObjectId, usize> = HashMap::new();
        for &page in &pages {
            for id in doc.get_page_contents(page) {
                *uses.entry(id).or_default() += 1;
            }
        }
        Reader {
            doc,
            pages,
            budget: Budget { path, inflated: 0, items: 0 },
            shared: uses.into_iter().filter(|&(_, n)| n > 1).map(|(id, _)| id).collect(),
            inflated: HashMap::new(),
            fonts: HashMap::new(),
            encodings: Vec::new(),
            font_tables: HashMap::new(),
            node_fonts: HashMap::new(),
        }
    }

    /// The lines of text on one page.
    fn page_lines(&mut self, page_id: ObjectId) -> Result<Vec<Line>> {
        let content = self.content(page_id)?;
        let fonts = self.page_fonts(page_id)?;
        let mut page = Page::new();
        let mut operations = Operations::new(&content);
        while let Some((operator, items)) = operations.next_operation() {
            self.budget.spend_items(items)?;
            let Ok(operator) = std::str::from_utf8(operator) else { continue };
            page.apply(operator, &operations.operands, &fonts, &self.encodings);
        }
        Ok(group_lines(page.runs))
    }

    /// A page's content streams, inflated and joined, charged to the budget.
    fn content(&mut self, page_id: ObjectId) -> Result<Vec<u8>> {
        let doc = self.doc;
        let mut content = Vec::new();
        for id in doc.get_page_contents(page_id) {
            let page_left = MAX_PAGE_CONTENT_BYTES.saturating_sub(content.len());
            let (room, limit) = self.budget.room(page_left, MAX_PAGE_CONTENT_BYTES);
            let bytes = match self.inflated.get(&id) {
                Some(bytes) => Rc::clone(bytes),
                None => {
                    let Some(bytes) = inflate(doc, id, room).map_err(|()| self.budget.refusal(limit))? else {
                        continue;
                    };
                    let bytes = Rc::new(bytes);
                    if self.shared.contains(&id) {
                        self.inflated.insert(id, Rc::clone(&bytes));
                    }
                    bytes
                }
            };
            if bytes.len() > room {
                return Err(self.budget.refusal(limit));
            }
            self.budget.spend_bytes(bytes.len())?;
            content.extend_from_slice(&bytes);
            content.push(b'\n');
        }
        Ok(content)
    }

    /// The fonts a page may select, by resource name: the `/Font`
    /// dictionaries of its resources and those it inherits, nearest first
    /// (a name found nearer wins). What pages share is resolved once: each
    /// `/Font` dictionary is walked the first time a page uses it, every
    /// entry charged to the budget, and each page-tree node's inherited
    /// list is kept, so a page costs one step more than its parent.
    fn page_fonts(&mut self, page_id: ObjectId) -> Result<PageFonts> {
        let doc = self.doc;
        // Up the tree to the first node already known (or the root), each
        // step charged; a cycle of `/Parent` links ends the climb.
        let mut climbed: Vec<(ObjectId, &'d Dictionary)> = Vec::new();
        let mut seen = HashSet::new();
        let mut next = Some(page_id);
        let mut fonts: PageFonts = Rc::default();
        while let Some(id) = next.take() {
            if let Some(known) = self.node_fonts.get(&id) {
                fonts = Rc::clone(known);
                break;
            }
            if !seen.insert(id) {
                break;
            }
            self.budget.spend_items(1)?;
            let Ok(node) = doc.get_dictionary(id) else { break };
            climbed.push((id, node));
            next = node.get(b"Parent").and_then(Object::as_reference).ok();
        }
        // Down again: each node's list is its own table, if any, before
        // what it inherits.
        for (id, node) in climbed.into_iter().rev() {
            if let Some(table) = self.own_fonts(id, node)? {
                // A copy of the inherited list, charged: a tree of nodes
                // that each add fonts costs what their lists hold.
                self.budget.spend_items(fonts.len())?;
                let mut list = Vec::with_capacity(fonts.len() + 1);
                list.push(table);
                list.extend(fonts.iter().cloned());
                fonts = Rc::new(list);
            }
            self.node_fonts.insert(id, Rc::clone(&fonts));
        }
        Ok(fonts)
    }

    /// The font table of the node `id`'s own resources, if it has a
    /// `/Font` dictionary: read once for all the nodes that share it.
    fn own_fonts(&mut self, id: ObjectId, node: &'d Dictionary) -> Result<Option<Rc<FontTable>>> {
        let doc = self.doc;
        let (resources, at) = match node.get(b"Resources") {
            Ok(Object::Reference(rid)) => match doc.get_dictionary(*rid) {
                Ok(resources) => (resources, FontsAt::InResources(*rid)),
                Err(_) => return Ok(None),
            },
            Ok(Object::Dictionary(resources)) => (resources, FontsAt::InNode(id)),
            _ => return Ok(None),
        };
        let (fonts, at) = match resources.get(b"Font") {
            Ok(Object::Reference(fid)) => match doc.get_dictionary(*fid) {
                Ok(fonts) => (fonts, FontsAt::Font(*fid)),
                Err(_) => return Ok(None),
            },
            Ok(Object::Dictionary(fonts)) => (fonts, at),
            _ => return Ok(None),
        };
        if let Some(table) = self.font_tables.get(&at) {
            return Ok(Some(Rc::clone(table)));
        }
        let mut table = FontTable::new();
        for (name, value) in fonts.iter() {
            self.budget.spend_items(1)?;
            let font = match value {
                Object::Reference(fid) => doc.get_dictionary(*fid).ok(),
                Object::Dictionary(font) => Some(font),
                _ => None,
            };
            let Some(font) = font else { continue };
            let key = std::ptr::from_ref(font) as usize;
            let index = match self.fonts.get(&key) {
                Some(&index) => index,
                None => {
                    let index = self.read_font(font)?;
                    self.fonts.insert(key, index);
                    index
                }
            };
            table.insert(name.clone(), index);
        }
        let table = Rc::new(table);
        self.font_tables.insert(at, Rc::clone(&table));
        Ok(Some(table))
    }

    /// Reads a font's encoding, charging its character maps (the streams
    /// it names, inflated) to the budget: many fonts can name one map.
    fn read_font(&mut self, font: &'d Dictionary) -> Result<Option<usize>> {
        let (room, limit) = self.budget.room(MAX_FONT_BYTES, MAX_FONT_BYTES);
        let mut size = 0;
        for key in [b"ToUnicode".as_slice(), b"Encoding"] {
            let Ok(stream) = font.get_deref(key, self.doc).and_then(Object::as_stream) else { continue };
            match stream.decompressed_content_with_limit(room.saturating_sub(size)) {
                Ok(bytes) => size += bytes.len(),
                Err(lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. })) => {
                    return Err(self.budget.refusal(limit))
                }
                // lopdf reads such a font with the standard encoding.
                Err(_) => {}
            }
        }
        self.budget.spend_bytes(size)?;
        let Ok(encoding) = font.get_font_encoding_with_limit(self.doc, room) else { return Ok(None) };
        self.encodings.push(encoding);
        Ok(Some(self.encodings.len() - 1))
    }
}

/// A content stream inflated to at most `limit` bytes: `Ok(None)` when the
/// object is no stream, `Err` when it holds more.
fn inflate(doc: &Document, id: ObjectId, limit: usize) -> std::result::Result<Option<Vec<u8>>, ()> {
    let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else { return Ok(None) };
    match stream.decompressed_content_with_limit(limit) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. })) => Err(()),
        // As lopdf does: a stream whose filter cannot be undone is read as
        // it is (often a filter it does not know on plain content).
        Err(_) if stream.content.len() <= limit => Ok(Some(stream.content.clone())),
        Err(_) => Err(()),
    }
}

/// Operands past this many in one operation (one array of a million
/// numbers) are read past, not kept.
const MAX_OPERANDS: usize = 4_096;

/// Reads a page's content one operation at a time, its operands as lopdf
/// objects in a buffer used again for each: numbers, names, strings and
/// arrays of them (dictionaries, which only mark content, as `null`;
/// inline images skipped whole). lopdf's own content parser builds every
/// operation of a page at once and takes microseconds for each; a page of
/// millions of operators needs neither.
struct Operations<'a> {
    data: &'a [u8],
    at: usize,
    /// The operands of the operation just read (at most [`MAX_OPERANDS`]).
    operands: Vec<Object>,
}

impl<'a> Operations<'a> {
    fn new(data: &'a [u8]) -> Self {
        Operations { data, at: 0, operands: Vec::new() }
    }

    /// The next operator, with how many items (the operator, its operands
    /// and their elements) were read for it; `None` at the end.
    fn next_operation(&mut self) -> Option<(&'a [u8], usize)> {
        let data = self.data;
        self.operands.clear();
        let mut items = 1;
        let mut inline_image = false;
        loop {
            self.at = skip_space(data, self.at);
            let &c = data.get(self.at)?;
            let operand = match c {
                b'(' | b'<' | b'[' | b'/' => {
                    let (operand, count) = read_operand(data, &mut self.at, 0);
                    items += count;
                    operand
                }
                _ if !is_regular(c) => {
                    // A stray `)`, `>`, `]`, `{` or `}`.
                    self.at += 1;
                    continue;
                }
                _ => {
                    let start = self.at;
                    self.at = skip_while(data, start, is_regular);
                    let word = &data[start..self.at];
                    if inline_image && word == b"ID" {
                        self.at = after_inline_image(data, self.at);
                        return Some((&b"BI"[..], items));
                    }
                    if is_operator(word) && !inline_image {
                        inline_image = word == b"BI";
                        if !inline_image {
                            return Some((word, items));
                        }
                        continue;
                    }
                    items += 1;
                    word_operand(word)
                }
            };
            if self.operands.len() < MAX_OPERANDS {
                self.operands.push(operand);
            }
        }
    }
}

/// Reads the string, name, array or dictionary at `*at`, moving past it:
/// the object, and how many items it held.
fn read_operand(data: &[u8], at: &mut usize, depth: usize) -> (Object, usize) {
    match (data[*at], data.get(*at + 1)) {
        (b'(', _) => (Object::String(literal_string(data, at), StringFormat::Literal), 1),
        (b'<', Some(b'<')) => {
            *at = after_dictionary(data, *at);
            (Object::Null, 1)
        }
        (b'<', _) => (Object::String(hex_string(data, at), StringFormat::Hexadecimal), 1),
        (b'/', _) => {
            let start = *at + 1;
            *at = skip_while(data, start, is_regular);
            (Object::Name(name(&data[start..*at])), 1)
        }
        _ => array(data, at, depth),
    }
}

/// The array at `*at` (its `[`), moving past its `]`; nested arrays past
/// a few levels, and elements past [`MAX_OPERANDS`], are read past.
fn array(data: &[u8], at: &mut usize, depth: usize) -> (Object, usize) {
    *at += 1;
    let mut items = Vec::new();
    let mut count = 1;
    loop {
        *at = skip_space(data, *at);
        let Some(&c) = data.get(*at) else { break };
        let item = match c {
            b']' => {
                *at += 1;
                break;
            }
            b'[' if depth >= 4 => {
                *at += 1;
                continue;
            }
            b'(' | b'<' | b'[' | b'/' => {
                let (item, n) = read_operand(data, at, depth + 1);
                count += n;
                item
            }
            _ if !is_regular(c) => {
                *at += 1;
                continue;
            }
            _ => {
                let start = *at;
                *at = skip_while(data, start, is_regular);
                count += 1;
                word_operand(&data[start..*at])
            }
        };
        if items.len() < MAX_OPERANDS {
            items.push(item);
        }
    }
    (Object::Array(items), count)
}

/// A number, `true`, `false` or `null`; anything else (not PDF) as `null`.
fn word_operand(word: &[u8]) -> Object {
    match word {
        b"true" => Object::Boolean(true),
        b"false" => Object::Boolean(false),
        _ => {
            let text = std::str::from_utf8(word).unwrap_or_default();
            let numeric = matches!(word[0], b'0'..=b'9' | b'+' | b'-' | b'.');
            match (numeric, text.parse::<i64>(), text.parse::<f32>()) {
                (true, Ok(i), _) => Object::Integer(i),
                (true, _, Ok(r)) => Object::Real(r),
                _ => Object::Null,
            }
        }
    }
}

/// A name's characters, `#xx` hexadecimal escapes undone.
fn name(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let escaped = raw.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (raw[i], escaped) {
            (b'#', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// The literal string at `*at` (its `(`), escapes undone, moving past its
/// `)`: nested balanced parentheses are kept, `\ddd` is an octal byte,
/// a backslash before a line end joins the lines.
fn literal_string(data: &[u8], at: &mut usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut depth = 1usize;
    let mut i = *at + 1;
    while let Some(&c) = data.get(i) {
        i += 1;
        match c {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            b'\\' => {
                let Some(&e) = data.get(i) else { break };
                i += 1;
                match e {
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'b' => out.push(0x08),
                    b'f' => out.push(0x0c),
                    b'0'..=b'7' => {
                        let mut value = u32::from(e - b'0');
                        for _ in 0..2 {
                            match data.get(i) {
                                Some(&d) if (b'0'..=b'7').contains(&d) => value = value * 8 + u32::from(d - b'0'),
                                _ => break,
                            }
                            i += 1;
                        }
                        // High-order overflow is ignored, as the standard says.
                        out.push(value as u8);
                    }
                    b'\r' => i += usize::from(data.get(i) == Some(&b'\n')),
                    b'\n' => {}
                    other => out.push(other),
                }
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    *at = i;
    out
}

/// The hexadecimal string at `*at` (its `<`), moving past its `>`: white
/// space and other characters skipped, an odd last digit read as `x0`.
fn hex_string(data: &[u8], at: &mut usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut high: Option<u8> = None;
    let mut i = *at + 1;
    while let Some(&c) = data.get(i) {
        i += 1;
        if c == b'>' {
            break;
        }
        let Some(digit) = (c as char).to_digit(16) else { continue };
        match high.take() {
            Some(h) => out.push((h << 4) | digit as u8),
            None => high = Some(digit as u8),
        }
    }
    out.extend(high.map(|h| h << 4));
    *at = i;
    out
}

/// The index after the dictionary starting at `i` (its `<<`), nested ones
/// and the strings inside (which may hold `>`) included.
fn after_dictionary(data: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < data.len() {
        match (data[i], data.get(i + 1)) {
            (b'<', Some(b'<')) => {
                depth += 1;
                i += 2;
            }
            (b'>', Some(b'>')) => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            (b'(', _) => {
                literal_string(data, &mut i);
            }
            (b'<', _) => {
                hex_string(data, &mut i);
            }
            _ => i += 1,
        }
    }
    data.len()
}

/// Past white space and comments.
fn skip_space(data: &[u8], mut i: usize) -> usize {
    loop {
        i = skip_while(data, i, is_space);
        if data.get(i) != Some(&b'%') {
            return i;
        }
        i = skip_while(data, i, |c| c != b'\n' && c != b'\r');
    }
}

fn skip_while(data: &[u8], mut i: usize, keep: impl Fn(u8) -> bool) -> usize {
    while i < data.len() && keep(data[i]) {
        i += 1;
    }
    i
}

/// The index after the `EI` that ends inline image data starting at `i`
/// (just after `ID`): `EI` between white space, or at the end. The white
/// space after it is kept with it: lopdf looks for it when it skips an
/// image it cannot decode.
fn after_inline_image(data: &[u8], i: usize) -> usize {
    let mut at = i + 1;
    while at + 2 <= data.len() {
        let before = data[at - 1];
        let after = data.get(at + 2).copied();
        if &data[at..at + 2] == b"EI" && is_space(before) && after.is_none_or(|c| !is_regular(c)) {
            return at + 2 + usize::from(after.is_some_and(is_space));
        }
        at += 1;
    }
    data.len()
}

fn is_space(c: u8) -> bool {
    matches!(c, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn is_regular(c: u8) -> bool {
    !is_space(c) && !b"()<>[]{}/%".contains(&c)
}

/// A word lopdf reads as an operator (and not the keywords that are
/// operands).
fn is_operator(word: &[u8]) -> bool {
    let first = word[0];
    (first.is_ascii_alphabetic() || first == b'\'' || first == b'"') && !matches!(word, b"true" | b"false" | b"null")
}

/// A line of text on a page: its baseline height, font size and text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Line {
    /// Where the line starts (its first run), to tell a list item's
    /// indented continuation lines.
    pub x: f32,
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

/// The graphics and text state while a page's operators are applied, and
/// the runs of text shown so far.
struct Page {
    runs: Vec<Run>,
    ctm: Matrix,
    stack: Vec<Matrix>,
    tm: Matrix,
    tlm: Matrix,
    leading: f32,
    /// The current font: an index into the reader's encodings.
    font: Option<usize>,
    size: f32,
}

impl Page {
    fn new() -> Self {
        Page {
            runs: Vec::new(),
            ctm: Matrix::IDENTITY,
            stack: Vec::new(),
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            leading: 0.0,
            font: None,
            size: 0.0,
        }
    }

    /// Applies one operator; `fonts` maps the page's font names to
    /// indices into `encodings` (see [`select_font`]).
    fn apply(&mut self, operator: &str, args: &[Object], fonts: &[Rc<FontTable>], encodings: &[Encoding<'_>]) {
        let num = |i: usize| args.get(i).and_then(number);
        match operator {
            "q" if self.stack.len() < MAX_STATE_DEPTH => self.stack.push(self.ctm),
            "Q" => self.ctm = self.stack.pop().unwrap_or(Matrix::IDENTITY),
            "cm" => {
                if let Some(m) = Matrix::from(args) {
                    self.ctm = m.then(self.ctm);
                }
            }
            "BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            "Tf" => {
                self.font = args.first().and_then(|n| n.as_name().ok()).and_then(|n| select_font(fonts, n));
                self.size = num(1).unwrap_or(0.0);
            }
            "TL" => self.leading = num(0).unwrap_or(0.0),
            "Td" | "TD" => {
                let (x, y) = (num(0).unwrap_or(0.0), num(1).unwrap_or(0.0));
                if operator == "TD" {
                    self.leading = -y;
                }
                self.tlm = Matrix::translate(x, y).then(self.tlm);
                self.tm = self.tlm;
            }
            "Tm" => {
                if let Some(m) = Matrix::from(args) {
                    self.tlm = m;
                    self.tm = m;
                }
            }
            "T*" => self.next_line(),
            "Tj" | "TJ" | "'" | "\"" => self.show(operator, args, encodings),
            _ => {}
        }
    }

    fn next_line(&mut self) {
        self.tlm = Matrix::translate(0.0, -self.leading).then(self.tlm);
        self.tm = self.tlm;
    }

    /// A text-showing operator: a run at the current position.
    fn show(&mut self, operator: &str, args: &[Object], encodings: &[Encoding<'_>]) {
        if operator != "Tj" && operator != "TJ" {
            self.next_line();
        }
        let Some(encoding) = self.font.and_then(|i| encodings.get(i)) else { return };
        if self.runs.len() >= MAX_RUNS_PER_PAGE {
            return;
        }
        let shown = match operator {
            "\"" => args.get(2),
            _ => args.first(),
        };
        let mut text = String::new();
        match shown {
            Some(Object::String(bytes, _)) => push_decoded(&mut text, encoding, bytes),
            Some(Object::Array(items)) => {
                for item in items {
                    match item {
                        Object::String(bytes, _) => push_decoded(&mut text, encoding, bytes),
                        // A large negative adjustment (thousandths of the
                        // font size) is a gap between words.
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
        let at = self.tm.then(self.ctm);
        let scale = (at.0[2] * at.0[2] + at.0[3] * at.0[3]).sqrt();
        // Without glyph widths the pen position after the run is unknown;
        // runs are placed by their own operators anyway.
        self.runs.push(Run {
            x: at.0[4],
            y: at.0[5],
            size: (self.size * scale).abs(),
            text,
        });
    }
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
                x: run.x,
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

/// A line starting with a list number ("1." or "1)", up to 999): the
/// number and the text after it.
fn numbered(text: &str) -> Option<(u32, &str)> {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let rest = text[digits..].strip_prefix(['.', ')'])?.strip_prefix(' ')?;
    let n = text[..digits].parse().ok()?;
    (!rest.trim().is_empty()).then_some((n, rest))
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
    // In place: a paragraph of many lines must not be copied at each one.
    if text.ends_with('\u{ad}') {
        text.pop();
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

/// The list being read, if any: where its items' markers stand and the
/// number of its last numbered item.
#[derive(Default)]
struct ListState {
    marker_x: Option<f32>,
    last_number: Option<u32>,
}

impl ListState {
    /// What `line` is: a heading (its `level`), a bulleted item, a numbered
    /// item (one numbered 1, or the next number of the list being read: a
    /// sentence may well start with "12." on a line of its own), a line of
    /// the item being read (indented past its marker), or a paragraph's
    /// line; with its text and whether it starts a new item.
    fn classify<'l>(&mut self, line: &'l Line, level: Option<u8>, current: Block) -> (Block, &'l str, bool) {
        if let Some(level) = level {
            return (Block::Heading(level), line.text.as_str(), false);
        }
        if let Some(rest) = bullet(&line.text) {
            *self = ListState { marker_x: Some(line.x), last_number: None };
            return (Block::Item { depth: 0, ordered: false }, rest, true);
        }
        if let Some((n, rest)) = numbered(&line.text) {
            if n == 1 || self.last_number.is_some_and(|last| n == last + 1) {
                *self = ListState { marker_x: Some(line.x), last_number: Some(n) };
                return (Block::Item { depth: 0, ordered: true }, rest, true);
            }
        }
        let indented = self.marker_x.is_some_and(|x| line.x > x + 0.5 * line.size);
        if matches!(current, Block::Item { .. }) && indented {
            return (current, line.text.as_str(), false);
        }
        (Block::Paragraph, line.text.as_str(), false)
    }
}

/// Lines of all pages to Markdown paragraphs, headings and lists.
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
    let mut list = ListState::default();
    for (page_index, lines) in pages.iter().enumerate() {
        for (i, line) in lines.iter().enumerate() {
            let (block, text, starts_item) = list.classify(line, level_of(line.size), kind);
            let continues = match previous {
                None => false,
                Some(prev) => {
                    let same_kind = std::mem::discriminant(&block) == std::mem::discriminant(&kind) && !starts_item;
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
                if !matches!(block, Block::Item { .. }) {
                    list = ListState::default();
                }
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
    use lopdf::content::Content;

    fn line(y: f32, text: &str) -> Line {
        Line { x: 72.0, y, size: 11.0, text: text.into() }
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

    /// Numbers as reals, dictionaries as `null`, strings of either form:
    /// what the page's reading looks at.
    fn normal(o: &Object) -> Object {
        match o {
            Object::Integer(i) => Object::Real(*i as f32),
            Object::Dictionary(_) => Object::Null,
            Object::Array(items) => Object::Array(items.iter().map(normal).collect()),
            Object::String(bytes, _) => Object::String(bytes.clone(), StringFormat::Literal),
            other => other.clone(),
        }
    }

    fn read_all(content: &[u8]) -> Vec<(String, Vec<Object>)> {
        let mut operations = Operations::new(content);
        let mut out = Vec::new();
        while let Some((operator, _)) = operations.next_operation() {
            let operator = String::from_utf8(operator.to_vec()).unwrap();
            let operands = if operator == "BI" { Vec::new() } else { operations.operands.iter().map(normal).collect() };
            out.push((operator, operands));
        }
        out
    }

    #[test]
    fn operations_are_read_as_lopdf_reads_them() {
        // Operators inside strings, arrays, dictionaries, comments and image
        // data are not operators; escapes, hex digits and names are undone.
        let content: &[u8] = b"BT /F1 12 Tf 1 0 0 1 72.5 -700 Tm (a Tj \\) ET (b)) Tj [(Tj) -250 <546a 7>] TJ % Q\n\
            /Span <</ActualText (Q>>) /MCID 3>> BDC EMC BI /W 4 /H 1 /BPC 8 /CS /G ID aEIb EI\n\
            (line\\101\\n\\\\ joined\\\nhere) ' 2 3 (x) \" /F#31 .5 Tf T* ET";
        let lopdf: Vec<(String, Vec<Object>)> = Content::decode(content)
            .unwrap()
            .operations
            .iter()
            .map(|o| {
                let operands = if o.operator == "BI" { Vec::new() } else { o.operands.iter().map(normal).collect() };
                (o.operator.clone(), operands)
            })
            .collect();
        let ours = read_all(content);
        let operators: Vec<&str> = ours.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(operators, ["BT", "Tf", "Tm", "Tj", "TJ", "BDC", "EMC", "BI", "'", "\"", "Tf", "T*", "ET"]);
        assert_eq!(ours, lopdf);
        assert_eq!(ours[3].1, [Object::String(b"a Tj ) ET (b)".to_vec(), StringFormat::Literal)]);
        assert_eq!(ours[8].1, [Object::String(b"lineA\n\\ joinedhere".to_vec(), StringFormat::Literal)]);
        assert_eq!(ours[10].1[0], Object::Name(b"F1".to_vec()));
    }

    #[test]
    fn a_page_selects_its_own_fonts_before_those_it_inherits_from_the_page_tree() {
        use lopdf::{dictionary, Stream};
        // Byte 0x8E is `Ž` in WinAnsi and `é` in MacRoman: which font each
        // page selected shows in its text.
        let mut doc = Document::with_version("1.5");
        let root = doc.new_object_id();
        let font = |doc: &mut Document, encoding: &str| {
            doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => encoding })
        };
        let (win, mac) = (font(&mut doc, "WinAnsiEncoding"), font(&mut doc, "MacRomanEncoding"));
        let inherited = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => mac, "F2" => mac } });
        let mut kids = Vec::new();
        for (text, own) in [(&b"(Caf\\216 one) Tj /F2 12 Tf 0 -14 Td (and \\216) Tj"[..], true), (b"(Caf\\216 two) Tj", false)] {
            let mut content = b"BT /F1 12 Tf 72 700 Td ".to_vec();
            content.extend_from_slice(text);
            content.extend_from_slice(b" ET");
            let contents = doc.add_object(Stream::new(dictionary! {}, content));
            let mut page = dictionary! { "Type" => "Page", "Parent" => root, "Contents" => contents };
            if own {
                page.set("Resources", dictionary! { "Font" => dictionary! { "F1" => win } });
            }
            kids.push(Object::from(doc.add_object(page)));
        }
        let media_box: Vec<Object> = vec![0.into(), 0.into(), 595.into(), 842.into()];
        let tree = dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 2, "MediaBox" => media_box, "Resources" => inherited };
        doc.objects.insert(root, Object::Dictionary(tree));
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => root });
        doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        let read = read(&bytes, Path::new("fonts.pdf"), &mut || true).unwrap();
        assert_eq!(read.body, "Caf\u{17d} one and \u{e9} Caf\u{e9} two\n", "own F1 on page one, the tree's F2 there and F1 on page two");
    }

    #[test]
    fn an_operation_with_a_million_operands_keeps_a_few_thousand() {
        let mut content = b"[".to_vec();
        content.extend(b"1 ".repeat(1_000_000));
        content.extend(b"] TJ 2 3 4 5 BT (x) Tj");
        let mut operations = Operations::new(&content);
        let (operator, items) = operations.next_operation().unwrap();
        assert_eq!((operator, items), (&b"TJ"[..], 1_000_002), "every element is counted");
        let Object::Array(kept) = &operations.operands[0] else { panic!("{:?}", operations.operands) };
        assert_eq!(kept.len(), MAX_OPERANDS, "but only so many kept");
        assert_eq!(operations.next_operation().map(|(o, _)| o), Some(&b"BT"[..]), "what follows is read");
        assert_eq!(operations.next_operation().map(|(o, _)| o), Some(&b"Tj"[..]));
        assert_eq!(operations.operands, [Object::String(b"x".to_vec(), StringFormat::Literal)]);
        assert_eq!(operations.next_operation(), None);
    }

    #[test]
    fn numbered_lines_become_a_list_and_indented_lines_stay_in_their_item() {
        let at = |x: f32, y: f32, text: &str| Line { x, ..line(y, text) };
        let pages = vec![vec![
            line(700.0, "We ask for three things."),
            at(72.0, 679.0, "1. Publish every permit"),
            at(90.0, 666.0, "refused or granted."),
            at(72.0, 653.0, "2) Report each year."),
            at(72.0, 640.0, "3. Stop risky exports."),
            at(72.0, 619.0, "5. Not the next number, so a paragraph."),
        ]];
        assert_eq!(
            to_markdown(&pages),
            "We ask for three things.\n\n1. Publish every permit refused or granted.\n2. Report each year.\n3. Stop risky exports.\n\n5\\. Not the next number, so a paragraph.\n"
        );
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
