//! The structure tree of a tagged PDF (PDF/UA-1): what a screen reader
//! reads, element by element, in reading order.
//!
//! Design:
//!
//! - **Elements.** A composer builds a [`Tags`] beside its blocks: one
//!   [`Elem`] per heading (H1–H6), paragraph (P), list (L → LI → Lbl and
//!   LBody), table (Table → TR → TH or TD), block quote, contents (TOC →
//!   TOCI → Link), figure (the logo, with its alternative text) and section
//!   (Sect: each paper, with its language when it is not the document's).
//!   An element knows its parent, never its children. Element 0 is the
//!   Document.
//! - **Content.** Every line of text names its element ([`Line::tag`]).
//!   A line with none is an artifact: the running header, the footer and
//!   its page number, a table's header row set again on a continuation
//!   page. Rules, fills, dot leaders and the DRAFT mark are artifacts too;
//!   the logo is its Figure's content.
//! - **Marks.** The PDF writer draws each tagged line as marked-content
//!   sequences numbered (MCID) from 0 on each page, one per piece: a line
//!   is cut where a link starts or ends (the piece belongs to a Link
//!   element under the line's, one per link, holding its annotations too)
//!   and where Arabic or Hebrew script starts or ends (a Span with that
//!   language). Each line's last piece ends with a space glyph, so pieces
//!   read back as words, not run together. The writer hands back, per page,
//!   the element of each MCID ([`Marks`]).
//! - **Order.** The tree is assembled from the marks ([`Tags::tree`]): an
//!   element joins its parent's children the first time content of it (or
//!   of anything below it) is met, walking pages and MCIDs in order. So
//!   the structure's order is the content's order by construction, though
//!   the cover and contents are composed after the pages they list. A table
//!   row's cells are *eager*: they all join the row, in column order, when
//!   the row joins, so an empty cell keeps its place.
//! - **Nothing dangling.** An element with no content never joins (an
//!   empty list leaves nothing); a link annotation whose link has no
//!   element gets none and is still drawn.
//!
//! [`Line::tag`]: super::layout::Line::tag

use std::collections::HashMap;

/// An element of the tree, by its index in [`Tags`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ElemId(pub u32);

/// The standard structure types Dossier writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Document,
    Part,
    Sect,
    /// A heading, level 1 to 6.
    H(u8),
    P,
    L,
    LI,
    Lbl,
    LBody,
    Table,
    TR,
    TH,
    TD,
    TOC,
    TOCI,
    Link,
    Figure,
    Span,
    BlockQuote,
}

impl Role {
    /// The structure type's name in the PDF.
    pub fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::Part => "Part",
            Role::Sect => "Sect",
            Role::H(1) => "H1",
            Role::H(2) => "H2",
            Role::H(3) => "H3",
            Role::H(4) => "H4",
            Role::H(5) => "H5",
            Role::H(_) => "H6",
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
            Role::TOC => "TOC",
            Role::TOCI => "TOCI",
            Role::Link => "Link",
            Role::Figure => "Figure",
            Role::Span => "Span",
            Role::BlockQuote => "BlockQuote",
        }
    }
}

/// A layout attribute of an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attr {
    /// A list's numbering: `Decimal` or `Disc`.
    ListNumbering(&'static str),
    /// A header cell heads its column.
    ColumnHeader,
}

/// One element of the tree.
#[derive(Debug, Clone)]
pub struct Elem {
    pub role: Role,
    /// `None` only for the Document.
    pub parent: Option<ElemId>,
    /// BCP 47, set where it differs from the enclosing element's.
    pub lang: Option<String>,
    /// Alternative text (a figure's).
    pub alt: Option<String>,
    /// The text in reading order, where the page draws it in another
    /// (a right-to-left run, drawn left to right).
    pub actual: Option<String>,
    pub attr: Option<Attr>,
    /// Joins its parent as soon as the parent joins (a table's cells).
    pub eager: bool,
}

/// The elements of one document, and the Link element of each link.
#[derive(Debug, Clone)]
pub struct Tags {
    elems: Vec<Elem>,
    /// Link index (as in `Composed::links`) → its Link element.
    links: HashMap<usize, ElemId>,
}

impl Default for Tags {
    fn default() -> Self {
        Tags::new()
    }
}

/// Which element each marked-content sequence belongs to: `pages[p][mcid]`.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    pub pages: Vec<Vec<ElemId>>,
}

/// What an element holds, in reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kid {
    Elem(ElemId),
    /// A marked-content sequence of page `page`.
    Content { page: usize, mcid: usize },
    /// The `k`th annotation passed to [`Tags::tree`].
    Annot(usize),
}

/// The assembled tree: each element's children, empty for those that
/// never joined (and so are not written).
#[derive(Debug, Clone)]
pub struct Tree {
    pub kids: Vec<Vec<Kid>>,
    pub joined: Vec<bool>,
}

impl Tags {
    /// A tree holding only the Document.
    pub fn new() -> Tags {
        let document = Elem { role: Role::Document, parent: None, lang: None, alt: None, actual: None, attr: None, eager: false };
        Tags { elems: vec![document], links: HashMap::new() }
    }

    pub fn root(&self) -> ElemId {
        ElemId(0)
    }

    pub fn get(&self, id: ElemId) -> &Elem {
        &self.elems[id.0 as usize]
    }

    /// Adds an element under `parent`.
    pub fn add(&mut self, role: Role, parent: ElemId) -> ElemId {
        self.elems.push(Elem { role, parent: Some(parent), lang: None, alt: None, actual: None, attr: None, eager: false });
        ElemId(self.elems.len() as u32 - 1)
    }

    /// Sets an element's language (BCP 47).
    pub fn lang(&mut self, id: ElemId, lang: &str) -> ElemId {
        self.elems[id.0 as usize].lang = Some(lang.to_owned());
        id
    }

    /// Sets an element's alternative text.
    pub fn alt(&mut self, id: ElemId, alt: &str) -> ElemId {
        self.elems[id.0 as usize].alt = Some(alt.to_owned());
        id
    }

    /// Sets the text an element reads as, in reading order.
    pub fn actual(&mut self, id: ElemId, text: String) -> ElemId {
        self.elems[id.0 as usize].actual = Some(text);
        id
    }

    pub fn attr(&mut self, id: ElemId, attr: Attr) -> ElemId {
        self.elems[id.0 as usize].attr = Some(attr);
        id
    }

    /// Marks an element to join its parent as soon as the parent joins.
    pub fn eager(&mut self, id: ElemId) -> ElemId {
        self.elems[id.0 as usize].eager = true;
        id
    }

    /// The Link element of link `link`, made under `parent` the first time.
    pub fn link(&mut self, link: usize, parent: ElemId) -> ElemId {
        if let Some(&id) = self.links.get(&link) {
            return id;
        }
        let id = self.add(Role::Link, parent);
        self.links.insert(link, id);
        id
    }

    /// The Link element of link `link`, if one was made.
    pub fn link_elem(&self, link: usize) -> Option<ElemId> {
        self.links.get(&link).copied()
    }

    /// Appends `other`'s elements as a Part under `parent` (a packet in a
    /// Hill day's combined PDF), its links shifted by `link_offset`.
    /// Returns the amount to add to `other`'s element ids.
    pub fn graft(&mut self, other: &Tags, parent: ElemId, link_offset: usize) -> u32 {
        let offset = self.elems.len() as u32;
        for (k, e) in other.elems.iter().enumerate() {
            let mut e = e.clone();
            if k == 0 {
                e.role = Role::Part;
                e.parent = Some(parent);
            } else {
                e.parent = e.parent.map(|p| ElemId(p.0 + offset));
            }
            self.elems.push(e);
        }
        for (&link, &id) in &other.links {
            self.links.insert(link + link_offset, ElemId(id.0 + offset));
        }
        offset
    }

    /// Assembles the tree from the marks and the link annotations (the
    /// Link element of each, in order): see the module's design.
    pub fn tree(&self, marks: &Marks, annots: &[ElemId]) -> Tree {
        let n = self.elems.len();
        let mut eager: Vec<Vec<ElemId>> = vec![Vec::new(); n];
        for (k, e) in self.elems.iter().enumerate() {
            if let (true, Some(p)) = (e.eager, e.parent) {
                eager[p.0 as usize].push(ElemId(k as u32));
            }
        }
        let mut tree = Tree { kids: vec![Vec::new(); n], joined: vec![false; n] };
        tree.joined[0] = true;
        for (page, mcids) in marks.pages.iter().enumerate() {
            for (mcid, &e) in mcids.iter().enumerate() {
                self.join(&mut tree, &eager, e);
                tree.kids[e.0 as usize].push(Kid::Content { page, mcid });
            }
        }
        for (k, &e) in annots.iter().enumerate() {
            self.join(&mut tree, &eager, e);
            tree.kids[e.0 as usize].push(Kid::Annot(k));
        }
        tree
    }

    fn join(&self, tree: &mut Tree, eager: &[Vec<ElemId>], e: ElemId) {
        // Ancestors first, iteratively: a deep tree must not recurse.
        let mut chain = vec![e];
        while let Some(p) = self.get(*chain.last().unwrap_or(&e)).parent {
            if tree.joined[p.0 as usize] {
                break;
            }
            chain.push(p);
        }
        for &id in chain.iter().rev() {
            if tree.joined[id.0 as usize] {
                continue; // joined as an eager sibling meanwhile
            }
            tree.joined[id.0 as usize] = true;
            if let Some(p) = self.get(id).parent {
                tree.kids[p.0 as usize].push(Kid::Elem(id));
            }
            for &c in &eager[id.0 as usize] {
                if !tree.joined[c.0 as usize] {
                    tree.joined[c.0 as usize] = true;
                    tree.kids[id.0 as usize].push(Kid::Elem(c));
                }
            }
        }
    }
}

/// The language of a script Dossier marks inside other text: Arabic or
/// Hebrew letters; `None` for any other character.
pub fn script_lang(c: char) -> Option<&'static str> {
    match c as u32 {
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Some("he"),
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Some("ar"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(elems: &[ElemId]) -> Vec<ElemId> {
        elems.to_vec()
    }

    #[test]
    fn elements_join_in_the_order_their_content_is_met_not_the_order_they_were_made() {
        let mut t = Tags::new();
        let root = t.root();
        // Made first, read second (the flow is composed before the cover).
        let body = t.add(Role::Sect, root);
        let para = t.add(Role::P, body);
        let cover = t.add(Role::Sect, root);
        let title = t.add(Role::H(1), cover);
        let unused = t.add(Role::P, body);
        let marks = Marks { pages: vec![page(&[title]), page(&[para, para])] };
        let tree = t.tree(&marks, &[]);
        assert_eq!(tree.kids[0], vec![Kid::Elem(cover), Kid::Elem(body)]);
        assert_eq!(tree.kids[para.0 as usize], vec![Kid::Content { page: 1, mcid: 0 }, Kid::Content { page: 1, mcid: 1 }]);
        assert!(!tree.joined[unused.0 as usize], "an element with no content is left out");
    }

    #[test]
    fn a_row_s_cells_join_together_so_an_empty_cell_keeps_its_place() {
        let mut t = Tags::new();
        let table = t.add(Role::Table, t.root());
        let tr = t.add(Role::TR, table);
        let cells: Vec<ElemId> = (0..3).map(|_| {
            let c = t.add(Role::TD, tr);
            t.eager(c)
        }).collect();
        // Only the last cell has text.
        let tree = t.tree(&Marks { pages: vec![page(&[cells[2]])] }, &[]);
        assert_eq!(tree.kids[tr.0 as usize], cells.iter().map(|&c| Kid::Elem(c)).collect::<Vec<_>>());
        assert_eq!(tree.kids[cells[2].0 as usize], vec![Kid::Content { page: 0, mcid: 0 }]);
        assert!(tree.kids[cells[0].0 as usize].is_empty());
    }

    #[test]
    fn a_link_holds_its_text_then_its_annotations() {
        let mut t = Tags::new();
        let p = t.add(Role::P, t.root());
        let link = t.link(7, p);
        assert_eq!(t.link(7, p), link, "one element per link");
        let tree = t.tree(&Marks { pages: vec![page(&[p, link, p])] }, &[link]);
        assert_eq!(tree.kids[p.0 as usize], vec![Kid::Content { page: 0, mcid: 0 }, Kid::Elem(link), Kid::Content { page: 0, mcid: 2 }]);
        assert_eq!(tree.kids[link.0 as usize], vec![Kid::Content { page: 0, mcid: 1 }, Kid::Annot(0)]);
    }

    #[test]
    fn a_grafted_tree_becomes_a_part_with_its_ids_and_links_shifted() {
        let mut one = Tags::new();
        let p = one.add(Role::P, one.root());
        one.link(0, p);
        let mut all = Tags::new();
        all.add(Role::P, all.root());
        let offset = all.graft(&one, all.root(), 5);
        assert_eq!(offset, 2);
        assert_eq!(all.get(ElemId(2)).role, Role::Part);
        assert_eq!(all.get(ElemId(p.0 + offset)).parent, Some(ElemId(2)));
        assert_eq!(all.link_elem(5).map(|l| all.get(l).role), Some(Role::Link));
        assert_eq!(all.link_elem(0), None);
    }

    #[test]
    fn arabic_and_hebrew_letters_name_their_language_and_nothing_else_does() {
        assert_eq!(script_lang('ש'), Some("he"));
        assert_eq!(script_lang('ج'), Some("ar"));
        assert_eq!(script_lang('é'), None);
    }
}
