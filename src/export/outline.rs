//! The lopdf pass over the document printpdf wrote: what printpdf 0.12.8
//! cannot express.
//!
//! Promises: a nested outline (bookmarks) with one entry per section and
//! per paper heading, link annotations (contents → page, text → URL, only
//! for the schemes [`crate::links`] allows) with no visible border, page
//! labels matching the printed page numbers, the document language, and an Info dictionary with real dates instead of
//! printpdf's 1970 defaults.

use chrono::{DateTime, Utc};
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

use super::layout::LinkTarget;
use super::pdf::LinkArea;

/// A bookmark: `level` 0 is top level, `page` from 0, `y` in PDF space.
#[derive(Debug, Clone)]
pub struct Bookmark {
    pub title: String,
    pub level: u8,
    pub page: usize,
    pub y: f32,
}

/// The document's Info dictionary and language.
#[derive(Debug, Clone)]
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: String,
    pub created: DateTime<Utc>,
    /// BCP 47, e.g. `en-CA`.
    pub lang: String,
    /// Label of page 1 (the cover), later pages labelled 2, 3, …; `None`
    /// labels every page by its number.
    pub cover_label: Option<String>,
    /// Width and height of every page, in points.
    pub page_size: (f32, f32),
}

/// A PDF text string: UTF-16BE with a byte-order mark, so any script
/// survives in bookmarks and metadata.
fn text(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn pdf_date(t: DateTime<Utc>) -> Object {
    Object::string_literal(t.format("D:%Y%m%d%H%M%SZ").to_string())
}

/// Applies the pass and returns the final bytes.
pub fn finish(
    mut doc: Document,
    links: &[Vec<LinkArea>],
    targets: &[LinkTarget],
    bookmarks: &[Bookmark],
    meta: &Meta,
) -> lopdf::Result<Vec<u8>> {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    set_page_boxes(&mut doc, &pages, meta.page_size);
    add_links(&mut doc, &pages, links, targets);
    let outline = add_outline(&mut doc, &pages, bookmarks);
    set_catalog(&mut doc, outline, meta)?;
    set_info(&mut doc, meta);
    // The Info and XMP objects printpdf wrote are now unreferenced.
    doc.prune_objects();
    compress_streams(&mut doc);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)?;
    Ok(bytes)
}

/// printpdf stores page sizes in millimetres: puts back the exact points.
fn set_page_boxes(doc: &mut Document, pages: &[ObjectId], (width, height): (f32, f32)) {
    let boxes = Object::Array(vec![0.into(), 0.into(), width.into(), height.into()]);
    for &id in pages {
        if let Ok(page) = doc.get_dictionary_mut(id) {
            for key in ["MediaBox", "CropBox", "TrimBox", "BleedBox", "ArtBox"] {
                if page.has(key.as_bytes()) {
                    page.set(key, boxes.clone());
                }
            }
        }
    }
}

/// The top of a page in PDF space, where a link to it lands.
fn page_top(doc: &Document, id: ObjectId) -> f32 {
    doc.get_dictionary(id)
        .ok()
        .and_then(|d| d.get(b"MediaBox").ok())
        .and_then(|m| m.as_array().ok())
        .and_then(|a| a.get(3))
        .and_then(|h| h.as_float().ok())
        .unwrap_or(792.0)
}

/// Gives each page the link annotations of its areas (`links[i]` for page
/// `i`).
fn add_links(doc: &mut Document, pages: &[ObjectId], links: &[Vec<LinkArea>], targets: &[LinkTarget]) {
    for (i, areas) in links.iter().enumerate() {
        let Some(&page_id) = pages.get(i) else { continue };
        let mut annots = Vec::new();
        for a in areas {
            let Some(target) = targets.get(a.link) else { continue };
            let Some(annot) = link_annotation(doc, pages, a, target) else { continue };
            annots.push(Object::Reference(doc.add_object(annot)));
        }
        if let Ok(page) = doc.get_dictionary_mut(page_id) {
            page.set("Annots", Object::Array(annots));
        }
    }
}

/// One link annotation, or `None` when it points at a page the document
/// does not have.
fn link_annotation(doc: &Document, pages: &[ObjectId], a: &LinkArea, target: &LinkTarget) -> Option<Dictionary> {
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"Annot".to_vec()));
    d.set("Subtype", Object::Name(b"Link".to_vec()));
    d.set("Rect", Object::Array(vec![a.x.into(), a.y.into(), (a.x + a.w).into(), (a.y + a.h).into()]));
    // No border: a printed packet must not show boxes around links.
    d.set("Border", Object::Array(vec![0.into(), 0.into(), 0.into()]));
    match target {
        LinkTarget::Page(p) => {
            let &dest = pages.get(*p)?;
            let top = page_top(doc, dest);
            d.set("Dest", Object::Array(vec![dest.into(), Object::Name(b"XYZ".to_vec()), 0.into(), top.into(), Object::Null]));
        }
        // The composer already prints other schemes as text; this is the
        // last gate before a clickable annotation exists.
        LinkTarget::Uri(uri) if !crate::links::allowed_link(uri) => return None,
        LinkTarget::Uri(uri) => {
            let mut action = Dictionary::new();
            action.set("S", Object::Name(b"URI".to_vec()));
            action.set("URI", Object::string_literal(uri.as_bytes().to_vec()));
            d.set("A", action);
        }
    }
    Some(d)
}

/// The tree the bookmarks' levels describe: a bookmark's parent is the
/// nearest earlier one of a lower level.
struct Tree {
    parent: Vec<Option<usize>>,
    /// How many entries lie below each one, at any depth (the outline's
    /// `Count`).
    descendants: Vec<i64>,
}

impl Tree {
    fn new(bookmarks: &[Bookmark]) -> Tree {
        let mut parent: Vec<Option<usize>> = vec![None; bookmarks.len()];
        let mut stack: Vec<usize> = Vec::new();
        for (i, b) in bookmarks.iter().enumerate() {
            while stack.last().is_some_and(|&s| bookmarks[s].level >= b.level) {
                stack.pop();
            }
            parent[i] = stack.last().copied();
            stack.push(i);
        }
        let mut descendants = vec![0i64; bookmarks.len()];
        for i in (0..bookmarks.len()).rev() {
            if let Some(p) = parent[i] {
                descendants[p] += 1 + descendants[i];
            }
        }
        Tree { parent, descendants }
    }

    /// The children of `p` (of the root for `None`), in order.
    fn children(&self, p: Option<usize>) -> Vec<usize> {
        (0..self.parent.len()).filter(|&i| self.parent[i] == p).collect()
    }
}

/// Writes the outline as linked dictionaries and returns its root.
fn add_outline(doc: &mut Document, pages: &[ObjectId], bookmarks: &[Bookmark]) -> ObjectId {
    let outline_root = doc.new_object_id();
    let ids: Vec<ObjectId> = bookmarks.iter().map(|_| doc.new_object_id()).collect();
    let tree = Tree::new(bookmarks);
    for p in std::iter::once(None).chain((0..bookmarks.len()).map(Some)) {
        let kids = tree.children(p);
        for (k, &i) in kids.iter().enumerate() {
            let b = &bookmarks[i];
            let mut d = Dictionary::new();
            d.set("Title", text(&b.title));
            d.set("Parent", p.map_or(outline_root, |p| ids[p]));
            if k > 0 {
                d.set("Prev", ids[kids[k - 1]]);
            }
            if let Some(&n) = kids.get(k + 1) {
                d.set("Next", ids[n]);
            }
            let grandkids = tree.children(Some(i));
            if let (Some(&f), Some(&l)) = (grandkids.first(), grandkids.last()) {
                d.set("First", ids[f]);
                d.set("Last", ids[l]);
                // Top-level entries open, deeper ones closed.
                let count = tree.descendants[i];
                d.set("Count", if b.level == 0 { count } else { -count });
            }
            if let Some(&page) = pages.get(b.page) {
                d.set("Dest", Object::Array(vec![page.into(), Object::Name(b"XYZ".to_vec()), 0.into(), b.y.into(), Object::Null]));
            }
            doc.objects.insert(ids[i], Object::Dictionary(d));
        }
    }
    let top = tree.children(None);
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(&f), Some(&l)) = (top.first(), top.last()) {
        root.set("First", ids[f]);
        root.set("Last", ids[l]);
    }
    root.set("Count", top.len() as i64 + top.iter().map(|&i| tree.descendants[i]).sum::<i64>());
    doc.objects.insert(outline_root, Object::Dictionary(root));
    outline_root
}

/// Page labels: "Cover" (or whatever the cover is called), then the
/// printed numbers 2, 3, …; without a cover label, 1, 2, 3, …
fn page_labels(cover_label: Option<&str>) -> Dictionary {
    let mut numbers = Dictionary::new();
    numbers.set("S", Object::Name(b"D".to_vec()));
    let nums = match cover_label {
        Some(label) => {
            let mut cover = Dictionary::new();
            cover.set("P", text(label));
            numbers.set("St", 2);
            vec![0.into(), cover.into(), 1.into(), numbers.into()]
        }
        None => vec![0.into(), numbers.into()],
    };
    let mut labels = Dictionary::new();
    labels.set("Nums", Object::Array(nums));
    labels
}

/// Points the catalog at the outline and gives it the page labels, the
/// language and the viewer preferences.
fn set_catalog(doc: &mut Document, outline: ObjectId, meta: &Meta) -> lopdf::Result<()> {
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", true);
    let catalog = doc.catalog_mut()?;
    catalog.set("Outlines", outline);
    catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    catalog.set("PageLabels", page_labels(meta.cover_label.as_deref()));
    catalog.set("Lang", text(&meta.lang));
    catalog.set("ViewerPreferences", prefs);
    // printpdf's XMP packet carries 1970 dates; the Info dictionary is the
    // one source of metadata.
    catalog.remove(b"Metadata");
    Ok(())
}

/// Adds the Info dictionary and points the trailer at it.
fn set_info(doc: &mut Document, meta: &Meta) {
    let mut info = Dictionary::new();
    info.set("Title", text(&meta.title));
    info.set("Author", text(&meta.author));
    info.set("Subject", text(&meta.subject));
    info.set("Keywords", text(&meta.keywords));
    info.set("Creator", text("Dossier"));
    info.set("Producer", text("Dossier with printpdf and lopdf"));
    info.set("CreationDate", pdf_date(meta.created));
    info.set("ModDate", pdf_date(meta.created));
    let info_id = doc.add_object(info);
    doc.trailer.set("Info", info_id);
}

/// printpdf 0.12.8 leaves content streams and the logo uncompressed.
/// lopdf's own pass uses the slowest Flate level; the default level gives
/// nearly the same size in a fraction of the time.
fn compress_streams(doc: &mut Document) {
    for obj in doc.objects.values_mut() {
        if let Object::Stream(stream) = obj {
            if stream.dict.get(b"Filter").is_ok() || stream.content.len() < 64 {
                continue;
            }
            let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(5));
            if std::io::Write::write_all(&mut enc, &stream.content).is_ok() {
                if let Ok(packed) = enc.finish() {
                    stream.dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
                    stream.set_content(packed);
                }
            }
        }
    }
}
