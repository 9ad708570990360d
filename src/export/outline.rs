//! The lopdf pass over the document printpdf wrote: what printpdf 0.12.8
//! cannot express.
//!
//! Promises: a nested outline (bookmarks) with one entry per section and
//! per paper heading, link annotations (contents → page, text → URL, only
//! for the schemes [`crate::links`] allows) with no visible border, page
//! labels matching the printed page numbers, the document language, and an Info dictionary with real dates instead of
//! printpdf's 1970 defaults. And what makes it tagged PDF/UA-1: the
//! structure tree `tags.rs` designs (each element with its page, language,
//! alternative text and attributes; each link annotation under its Link
//! element by an object reference, with `/StructParent`, `/Contents` and
//! the page's tab order following the structure), `MarkInfo`, PDF 1.7, and
//! an XMP packet carrying the title, dates and the PDF/UA identifier.

use chrono::{DateTime, Utc};
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

use super::layout::LinkTarget;
use super::pdf::LinkArea;
use super::tags::{Attr, ElemId, Kid, Marks, Tags};

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

/// What the writer drew, for the pass: each page's link areas, where each
/// link goes, and the structure with its marks.
pub struct Drawn<'a> {
    pub links: &'a [Vec<LinkArea>],
    pub targets: &'a [LinkTarget],
    pub tags: &'a Tags,
    pub marks: &'a Marks,
}

/// Applies the pass and returns the final bytes.
pub fn finish(mut doc: Document, drawn: &Drawn<'_>, bookmarks: &[Bookmark], meta: &Meta) -> lopdf::Result<Vec<u8>> {
    doc.version = "1.7".to_owned();
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    set_page_boxes(&mut doc, &pages, meta.page_size);
    let annots = add_links(&mut doc, &pages, drawn.links, drawn.targets);
    let outline = add_outline(&mut doc, &pages, bookmarks);
    let structure = add_structure(&mut doc, &pages, drawn, &annots);
    // printpdf's Info dictionary and XMP packet carry 1970 dates: removed
    // by id (lopdf's `prune_objects` walks the whole document with a
    // linear search per reference, quadratic in a tagged document).
    let old_info = doc.trailer.get(b"Info").and_then(Object::as_reference).ok();
    let old_xmp = doc.catalog().ok().and_then(|c| c.get(b"Metadata").and_then(Object::as_reference).ok());
    set_catalog(&mut doc, outline, structure, meta)?;
    set_info(&mut doc, meta);
    for id in [old_info, old_xmp].into_iter().flatten() {
        doc.objects.remove(&id);
    }
    compress_streams(&mut doc);
    // The structure tree is thousands of small dictionaries (a long table:
    // one per cell): packed into compressed object streams, with a
    // cross-reference stream (PDF 1.5), they take a fraction of the room.
    let options = lopdf::SaveOptions::builder().use_object_streams(true).use_xref_streams(true).max_objects_per_stream(200).compression_level(5).build();
    let mut bytes = Vec::new();
    doc.save_with_options(&mut bytes, options)?;
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

/// A link annotation written: its object, page and link.
struct Annot {
    id: ObjectId,
    page: usize,
    link: usize,
}

/// Gives each page the link annotations of its areas (`links[i]` for page
/// `i`) and returns them.
fn add_links(doc: &mut Document, pages: &[ObjectId], links: &[Vec<LinkArea>], targets: &[LinkTarget]) -> Vec<Annot> {
    let mut written = Vec::new();
    for (i, areas) in links.iter().enumerate() {
        let Some(&page_id) = pages.get(i) else { continue };
        let mut annots = Vec::new();
        for a in areas {
            let Some(target) = targets.get(a.link) else { continue };
            let Some(mut annot) = link_annotation(doc, pages, a, target) else { continue };
            annot.set("P", page_id);
            let id = doc.add_object(annot);
            annots.push(Object::Reference(id));
            written.push(Annot { id, page: i, link: a.link });
        }
        if let Ok(page) = doc.get_dictionary_mut(page_id) {
            if !annots.is_empty() {
                // Tab through the links in structure order.
                page.set("Tabs", Object::Name(b"S".to_vec()));
            }
            page.set("Annots", Object::Array(annots));
        }
    }
    written
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
            // What a screen reader announces for the link: the page label.
            d.set("Contents", text(&(p + 1).to_string()));
        }
        // The composer already prints other schemes as text; this is the
        // last gate before a clickable annotation exists.
        LinkTarget::Uri(uri) => {
            let uri = crate::links::allowed_link(uri)?;
            let mut action = Dictionary::new();
            action.set("S", Object::Name(b"URI".to_vec()));
            action.set("URI", Object::string_literal(uri.as_bytes().to_vec()));
            d.set("A", action);
            d.set("Contents", text(&uri));
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

/// Points the catalog at the outline and the structure tree and gives it
/// the page labels, the language, the viewer preferences, the marked flag
/// and the XMP metadata.
fn set_catalog(doc: &mut Document, outline: ObjectId, structure: ObjectId, meta: &Meta) -> lopdf::Result<()> {
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", true);
    let mut marked = Dictionary::new();
    marked.set("Marked", true);
    // printpdf's XMP packet carries 1970 dates: replaced by one that says
    // what the Info dictionary says.
    let mut xmp_dict = Dictionary::new();
    xmp_dict.set("Type", Object::Name(b"Metadata".to_vec()));
    xmp_dict.set("Subtype", Object::Name(b"XML".to_vec()));
    let xmp = lopdf::Stream::new(xmp_dict, xmp(meta).into_bytes());
    let xmp_id = doc.add_object(xmp);
    let catalog = doc.catalog_mut()?;
    catalog.set("Outlines", outline);
    catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    catalog.set("PageLabels", page_labels(meta.cover_label.as_deref()));
    catalog.set("Lang", text(&meta.lang));
    catalog.set("ViewerPreferences", prefs);
    catalog.set("StructTreeRoot", structure);
    catalog.set("MarkInfo", marked);
    catalog.set("Metadata", xmp_id);
    Ok(())
}

/// Escapes text for XML, dropping the control characters it forbids.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// The XMP packet: title, author, subject, language, dates, producer and
/// `pdfuaid:part` 1, the PDF/UA identifier.
fn xmp(meta: &Meta) -> String {
    let date = meta.created.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let (title, author, subject, lang) = (xml(&meta.title), xml(&meta.author), xml(&meta.subject), xml(&meta.lang));
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>Dossier</xmp:CreatorTool>
   <pdf:Producer>Dossier with printpdf and lopdf</pdf:Producer>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{feff}'
    )
}

/// Writes the structure tree (`tags.rs`): one dictionary per element that
/// joined, and the parent tree mapping each page's MCIDs and each link
/// annotation back to its element. Returns the StructTreeRoot.
fn add_structure(doc: &mut Document, pages: &[ObjectId], drawn: &Drawn<'_>, annots: &[Annot]) -> ObjectId {
    let tags = drawn.tags;
    // Annotations whose link has an element, in order.
    let tagged: Vec<(&Annot, ElemId)> = annots.iter().filter_map(|a| tags.link_elem(a.link).map(|e| (a, e))).collect();
    let tree = tags.tree(drawn.marks, &tagged.iter().map(|t| t.1).collect::<Vec<_>>());
    let root_id = doc.new_object_id();
    let ids: Vec<Option<ObjectId>> = tree.joined.iter().map(|&j| j.then(|| doc.new_object_id())).collect();
    let page_of = |kids: &[Kid]| {
        kids.iter().find_map(|k| match k {
            Kid::Content { page, .. } => Some(*page),
            Kid::Annot(a) => Some(tagged[*a].0.page),
            Kid::Elem(_) => None,
        })
    };
    for (k, kids) in tree.kids.iter().enumerate() {
        let Some(id) = ids[k] else { continue };
        let e = tags.get(ElemId(k as u32));
        let mut d = Dictionary::new();
        d.set("Type", Object::Name(b"StructElem".to_vec()));
        d.set("S", Object::Name(e.role.name().as_bytes().to_vec()));
        d.set("P", e.parent.and_then(|p| ids[p.0 as usize]).unwrap_or(root_id));
        let home = page_of(kids);
        if let Some(p) = home {
            d.set("Pg", pages[p]);
        }
        let mut out = Vec::with_capacity(kids.len());
        for kid in kids {
            out.push(match *kid {
                Kid::Elem(c) => match ids[c.0 as usize] {
                    Some(c) => Object::Reference(c),
                    None => continue,
                },
                Kid::Content { page, mcid } if Some(page) == home => Object::Integer(mcid as i64),
                Kid::Content { page, mcid } => {
                    let mut mcr = Dictionary::new();
                    mcr.set("Type", Object::Name(b"MCR".to_vec()));
                    mcr.set("Pg", pages[page]);
                    mcr.set("MCID", mcid as i64);
                    Object::Dictionary(mcr)
                }
                Kid::Annot(a) => {
                    let mut objr = Dictionary::new();
                    objr.set("Type", Object::Name(b"OBJR".to_vec()));
                    objr.set("Pg", pages[tagged[a].0.page]);
                    objr.set("Obj", tagged[a].0.id);
                    Object::Dictionary(objr)
                }
            });
        }
        d.set("K", Object::Array(out));
        if let Some(lang) = &e.lang {
            d.set("Lang", text(lang));
        }
        if let Some(alt) = &e.alt {
            d.set("Alt", text(alt));
        }
        if let Some(actual) = &e.actual {
            d.set("ActualText", text(actual));
        }
        match e.attr {
            Some(Attr::ListNumbering(n)) => d.set("A", attributes("List", "ListNumbering", n)),
            Some(Attr::ColumnHeader) => d.set("A", attributes("Table", "Scope", "Column")),
            None => {}
        }
        doc.objects.insert(id, Object::Dictionary(d));
    }

    // The parent tree: page i's MCIDs under key i, then one key per
    // tagged annotation.
    let mut nums = Vec::with_capacity(2 * (pages.len() + tagged.len()));
    for (i, &page) in pages.iter().enumerate() {
        let owners: Vec<Object> = drawn
            .marks
            .pages
            .get(i)
            .map(|m| m.iter().map(|e| ids[e.0 as usize].map_or(Object::Null, Object::Reference)).collect())
            .unwrap_or_default();
        nums.push(Object::Integer(i as i64));
        nums.push(Object::Array(owners));
        if let Ok(d) = doc.get_dictionary_mut(page) {
            d.set("StructParents", i as i64);
        }
    }
    for (k, (annot, elem)) in tagged.iter().enumerate() {
        let key = (pages.len() + k) as i64;
        nums.push(Object::Integer(key));
        nums.push(ids[elem.0 as usize].map_or(Object::Null, Object::Reference));
        if let Ok(d) = doc.get_dictionary_mut(annot.id) {
            d.set("StructParent", key);
        }
    }
    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", Object::Array(nums));
    let parent_tree = doc.add_object(parent_tree);
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    root.set("K", ids[0].map_or(Object::Null, Object::Reference));
    root.set("ParentTree", parent_tree);
    root.set("ParentTreeNextKey", (pages.len() + tagged.len()) as i64);
    doc.objects.insert(root_id, Object::Dictionary(root));
    root_id
}

/// An attribute dictionary of owner `owner` with one name-valued key.
fn attributes(owner: &str, key: &str, value: &str) -> Dictionary {
    let mut a = Dictionary::new();
    a.set("O", Object::Name(owner.as_bytes().to_vec()));
    a.set(key, Object::Name(value.as_bytes().to_vec()));
    a
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
/// lopdf's own pass uses the slowest Flate level; the fastest level costs
/// a quarter of the time of the default one, for pages a fifth larger
/// (the objects, in object streams, keep a middle level).
fn compress_streams(doc: &mut Document) {
    for obj in doc.objects.values_mut() {
        if let Object::Stream(stream) = obj {
            // The XMP packet stays plain text, for tools that look for it.
            let metadata = stream.dict.get(b"Type").and_then(Object::as_name).is_ok_and(|t| t == b"Metadata");
            if stream.dict.get(b"Filter").is_ok() || stream.content.len() < 64 || metadata {
                continue;
            }
            let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(1));
            if std::io::Write::write_all(&mut enc, &stream.content).is_ok() {
                if let Ok(packed) = enc.finish() {
                    stream.dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
                    stream.set_content(packed);
                }
            }
        }
    }
}
