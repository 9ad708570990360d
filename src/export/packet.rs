//! What goes on which page: gathers a packet's data from the library and
//! composes the cover, the contents, the office holder's page, the talking
//! points and each paper into blocks, then pages with running header and
//! footer.
//!
//! Promises: the contents is laid out twice (once to learn how many pages
//! it takes, once with the real numbers), so every number it prints is the
//! page where its section starts; items resolve to the exact versions that
//! are printed; an archived paper or a "latest published" item with nothing
//! published is refused with a message saying what to do.

use rusqlite::OptionalExtension;

use crate::engagements::{Engagement, EngagementFilter, EngagementKind};
use crate::error::{Error, Result};
use crate::message::Message;
use crate::library::Library;
use crate::officials::{Chamber, Official, RoleKind};
use crate::packets::Packet;
use crate::papers::{Lang, Paper, PaperVersion, Status};

use super::fonts::{Face, Fonts};
use super::hyphenate::soft_hyphens;
use super::labels::{french_spacing, long_date_str, time_of_day, Labels};
use super::layout::{break_lines, paginate, text_block, Block, FlowPage, Line, LinkTarget, Measure, Row, SetLine, Shape, TableRow};
use super::markdown::{self, Align, Inline, MdBlock};
use super::outline::Bookmark;
use super::pdf::{PageOut, PageRow};
use super::shaping::{shape, width, Rgb, Span, Style};
use super::table::{table_block, tag_table, Frame, Grid, Look};
use super::tags::{Attr, ElemId, Role, Tags};

pub(crate) const NAVY: Rgb = [0.11, 0.20, 0.35];
pub(crate) const INK: Rgb = [0.13, 0.13, 0.15];
pub(crate) const GREY: Rgb = [0.40, 0.42, 0.46];
pub(crate) const RED: Rgb = [0.70, 0.15, 0.12];
const LINK: Rgb = [0.10, 0.30, 0.62];
pub(crate) const RULE: Rgb = [0.80, 0.82, 0.86];
const PANEL: Rgb = [0.93, 0.95, 0.98];
const WATERMARK: Rgb = [0.98, 0.88, 0.88];

const BODY: f32 = 10.5;
const BODY_LEADING: f32 = 15.0;

/// A paper's tables: header in bold on a light panel over a navy rule,
/// thin grey rules between rows.
const TABLE_LOOK: Look = Look { leading: 1.38, pad_x: 5.0, pad_y: 3.5, head_fill: PANEL, head_rule: NAVY, rule: RULE };
const TABLE_BODY: f32 = 9.5;
const TABLE_HEAD: f32 = 9.0;

/// The largest Markdown body a packet sets, in bytes: room for a 3 MB
/// table of figures (about 2,000 pages, a few seconds); past this a paper
/// is a data dump, not something to hand an MP.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// A paper as it will be printed.
#[derive(Debug, Clone)]
pub struct Item {
    pub paper: Paper,
    pub version: PaperVersion,
    pub version_id: i64,
    /// When this version was published, if ever.
    pub published_at: Option<String>,
}

impl Item {
    pub fn is_draft(&self) -> bool {
        self.published_at.is_none()
    }
}

/// Everything a packet prints.
#[derive(Debug, Clone)]
pub struct PacketData {
    pub packet: Packet,
    pub official: Option<Official>,
    pub engagement: Option<Engagement>,
    /// Past engagements with the official, newest first.
    pub history: Vec<Engagement>,
    pub items: Vec<Item>,
}

impl PacketData {
    pub fn is_draft(&self) -> bool {
        self.items.iter().any(Item::is_draft)
    }
}

/// Reads what packet `id` prints, resolving "latest published" items now.
/// A packet with no papers is refused.
pub fn gather(lib: &Library, id: i64) -> Result<PacketData> {
    let packet = lib.packet(id)?;
    if packet.items.is_empty() {
        return Err(Error::invalid(Message::PacketEmpty { packet: id }));
    }
    resolve(lib, packet)
}

/// Reads what `packet` prints (it may be one not yet stored: a Hill day's
/// packet for a meeting that has none), resolving "latest published" items
/// now.
pub fn resolve(lib: &Library, packet: Packet) -> Result<PacketData> {
    let id = packet.id;
    let engagement = packet.engagement_id.map(|e| lib.engagement(e)).transpose()?;
    let official_id = packet.official_id.or_else(|| engagement.as_ref().and_then(|e| e.officials.first()).map(|p| p.official_id));
    let official = official_id.map(|o| lib.official(o)).transpose()?;
    let mut history = match official_id {
        Some(o) => lib.engagements(&EngagementFilter { official_id: Some(o), ..EngagementFilter::default() })?,
        None => Vec::new(),
    };
    history.retain(|e| Some(e.id) != packet.engagement_id);
    history.sort_by(|a, b| (&b.date, &b.time).cmp(&(&a.date, &a.time)));

    let mut items = Vec::with_capacity(packet.items.len());
    for it in &packet.items {
        let paper = lib.paper(it.paper_id)?;
        if paper.status == Status::Archived {
            return Err(Error::conflict(Message::PacketPaperArchived {
                packet: id,
                item: it.id,
                paper: paper.id,
                title: paper.title.clone(),
            }));
        }
        let version = match it.pinned_version {
            Some(n) => lib.version(it.paper_id, n)?,
            None => lib.version_in_force(it.paper_id, None).map_err(|e| match e {
                Error::NotFound(_) => Error::conflict(Message::PacketPaperUnpublished {
                    packet: id,
                    item: it.id,
                    paper: paper.id,
                    title: paper.title.clone(),
                }),
                other => other,
            })?,
        };
        if version.body.len() > MAX_BODY_BYTES {
            return Err(Error::invalid(Message::PacketBodyTooLong {
                paper: paper.id,
                title: version.title.clone(),
                version: version.version,
                megabytes: version.body.len() as f64 / 1_048_576.0,
                limit_kb: (MAX_BODY_BYTES / 1024) as i64,
            }));
        }
        let (version_id, published_at): (i64, Option<String>) = lib.conn()?.query_row(
            "SELECT v.id, (SELECT max(published_at) FROM publications p WHERE p.version_id = v.id)
             FROM paper_versions v WHERE v.paper_id = ?1 AND v.number = ?2",
            rusqlite::params![it.paper_id, version.version],
            |r| Ok((r.get(0)?, r.get(1)?)),
        ).optional()?.ok_or_else(|| Error::NotFound(Message::NoVersion { paper: it.paper_id, version: version.version }))?;
        items.push(Item { paper, version, version_id, published_at });
    }
    Ok(PacketData { packet, official, engagement, history, items })
}

/// Page size and margins, in points.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    pub margin_x: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Geometry {
    /// The page of `paper` with a packet's margins.
    pub fn of(paper: crate::vocab::PaperSize) -> Geometry {
        let (width, height) = paper.points();
        Geometry { width, height, margin_x: 72.0, top: 78.0, bottom: 66.0 }
    }
    pub(super) fn measure(&self) -> f32 {
        self.width - 2.0 * self.margin_x
    }
    pub(super) fn flow_height(&self) -> f32 {
        self.height - self.top - self.bottom
    }
}

/// A laid-out packet, ready for the PDF writer.
#[derive(Clone)]
pub struct Composed {
    pub pages: Vec<PageOut>,
    pub links: Vec<LinkTarget>,
    pub bookmarks: Vec<Bookmark>,
    /// The structure its lines are tagged with.
    pub tags: Tags,
}

struct Anchor {
    title: String,
    level: u8,
    in_contents: bool,
    /// The title's language where it is not the packet's (a paper's).
    lang: Option<Lang>,
}

pub(super) struct Composer<'a> {
    fonts: &'a Fonts,
    lang: Lang,
    l: &'static Labels,
    measure: f32,
    links: Vec<LinkTarget>,
    anchors: Vec<Anchor>,
    /// The height of a page's text area: no table row is set taller.
    room: f32,
    /// How many tables the flow holds so far.
    tables: usize,
    /// The structure tree, built as blocks are made (`tags.rs`).
    pub(super) tags: Tags,
}

/// Lays out the whole packet.
///
/// `tick(k, n)` is called after each of the `n` papers is laid out (the
/// slow part: shaping and breaking every line); an error from it stops the
/// layout there.
pub fn compose(
    fonts: &Fonts,
    data: &PacketData,
    geo: Geometry,
    lang: Lang,
    organisation: &str,
    printed_on: &str,
    tick: &mut dyn FnMut(usize, usize) -> crate::Result<()>,
) -> crate::Result<Composed> {
    let l = super::labels::labels(lang);
    let mut c = Composer::new(fonts, lang, geo);
    let draft = data.is_draft();

    let flow = c.flow(data, tick)?;
    let (flow_pages, where_flow) = paginate(flow, geo.flow_height(), c.anchors.len());
    let contents_anchor = c.anchor(l.contents, 0, false);
    let contents = c.contents_pages(&where_flow, geo);
    let first_flow_page = 1 + contents.len();
    let cover = c.cover(data, organisation, printed_on, draft);
    let (cover_pages, _) = paginate(cover, geo.flow_height() + geo.top - 36.0, 0);
    let bookmarks = c.bookmarks(contents_anchor, &where_flow, first_flow_page, geo);

    // Pages with header, footer and mark.
    let total = 1 + contents.len() + flow_pages.len();
    let mark = draft.then(|| c.watermark());
    let mut pages = Vec::with_capacity(total);
    let mut all = Vec::with_capacity(total);
    for p in cover_pages.into_iter().take(1) {
        all.push((p, true));
    }
    all.extend(contents.into_iter().map(|p| (p, false)));
    all.extend(flow_pages.into_iter().map(|p| (p, false)));
    for (n, (flow_page, is_cover)) in all.into_iter().enumerate() {
        let mut rows = Vec::new();
        let top = if is_cover { 36.0 } else { geo.top };
        for pr in flow_page.rows {
            rows.push(PageRow { x: geo.margin_x, top: top + pr.top, row: pr.row });
        }
        if !is_cover {
            rows.push(c.header(&data.packet.title, organisation, draft, geo));
        }
        rows.push(c.footer(n + 1, total, geo));
        pages.push(PageOut { rows, watermark: mark.clone() });
    }
    Ok(Composed { pages, links: c.links, bookmarks, tags: c.tags })
}

impl Composer<'_> {
    /// The flow after the contents: office holder, talking points, papers.
    fn flow(&mut self, data: &PacketData, tick: &mut dyn FnMut(usize, usize) -> crate::Result<()>) -> crate::Result<Vec<Block>> {
        let mut flow: Vec<Block> = Vec::new();
        if let Some(o) = &data.official {
            flow.extend(self.official_page(o, &data.history));
        }
        if !data.packet.notes.trim().is_empty() {
            let sect = self.tags.add(Role::Sect, self.tags.root());
            let title = self.section_title(self.l.talking_points, true);
            flow.push(self.heading_in(title, 1, sect));
            let md = markdown::parse(&data.packet.notes);
            flow.extend(self.markdown(&md, self.lang == Lang::Fr, None, sect));
        }
        for (k, item) in data.items.iter().enumerate() {
            flow.extend(self.paper(item));
            tick(k + 1, data.items.len())?;
        }
        Ok(flow)
    }

    /// The contents laid out on pages. Laid out again until its page count
    /// is stable (at most three times): the page numbers it prints depend on
    /// how many pages it takes itself.
    fn contents_pages(&mut self, where_flow: &[Option<(usize, f32)>], geo: Geometry) -> Vec<FlowPage> {
        let mut contents_pages = 1;
        let mut contents = Vec::new();
        for _ in 0..3 {
            let first_flow_page = 1 + contents_pages;
            let blocks = self.contents(where_flow, first_flow_page);
            let (pages, _) = paginate(blocks, geo.flow_height(), 0);
            let stable = pages.len() == contents_pages;
            contents_pages = pages.len();
            contents = pages;
            if stable {
                break;
            }
        }
        contents
    }

    /// The bookmarks in document order: the cover, the contents, then every
    /// anchor of the flow where it landed.
    fn bookmarks(&self, contents_anchor: usize, where_flow: &[Option<(usize, f32)>], first_flow_page: usize, geo: Geometry) -> Vec<Bookmark> {
        let mut bookmarks = vec![
            Bookmark { title: self.l.cover.to_owned(), level: 0, page: 0, y: geo.height },
            Bookmark { title: self.anchors[contents_anchor].title.clone(), level: 0, page: 1, y: geo.height },
        ];
        for (i, a) in self.anchors.iter().enumerate() {
            if let Some(Some((p, top))) = where_flow.get(i) {
                bookmarks.push(Bookmark {
                    title: a.title.clone(),
                    level: a.level,
                    page: first_flow_page + p,
                    y: geo.height - geo.top - top + 4.0,
                });
            }
        }
        bookmarks
    }
}

/// Justified text's spans with the places their words may break marked
/// (`hyphenate.rs`); code and links are left whole.
fn hyphenated(spans: Vec<Span>, french: bool) -> Vec<Span> {
    let lang = if french { Lang::Fr } else { Lang::En };
    spans
        .into_iter()
        .map(|mut s| {
            if s.style.link.is_none() && !matches!(s.style.face, Face::Sans | Face::SansBold) {
                s.text = soft_hyphens(&s.text, lang);
            }
            s
        })
        .collect()
}

impl<'a> Composer<'a> {
    /// A composer for another document set like a packet (a Hill day's
    /// itinerary) on `geo`'s pages.
    pub(super) fn new(fonts: &'a Fonts, lang: Lang, geo: Geometry) -> Composer<'a> {
        let l = super::labels::labels(lang);
        Composer { fonts, lang, l, measure: geo.measure(), links: Vec::new(), anchors: Vec::new(), room: geo.flow_height(), tables: 0, tags: Tags::new() }
    }

    fn anchor(&mut self, title: &str, level: u8, in_contents: bool) -> usize {
        self.anchors.push(Anchor { title: title.trim().to_owned(), level, in_contents, lang: None });
        self.anchors.len() - 1
    }

    fn link(&mut self, target: LinkTarget) -> usize {
        self.links.push(target);
        self.links.len() - 1
    }

    pub(super) fn fix(&self, text: &str, french: bool) -> String {
        if french { french_spacing(text) } else { text.to_owned() }
    }

    pub(super) fn lines(&self, spans: &[Span], width: f32, justify: bool) -> Vec<Line> {
        break_lines(&shape(self.fonts, spans), Measure { width, justify })
    }

    pub(super) fn paragraph(&self, spans: &[Span], indent: f32, leading: f32, size: f32, justify: bool) -> Block {
        text_block(self.lines(spans, self.measure - indent, justify), indent, leading, size)
    }

    pub(super) fn simple(&self, text: &str, face: Face, size: f32, color: Rgb, leading: f32) -> Block {
        self.paragraph(&[Span::new(text, Style::new(face, size, color))], 0.0, leading, size, false)
    }

    /// A section title that opens a page, with a rule under it.
    fn section_title(&mut self, title: &str, in_contents: bool) -> Block {
        let anchor = self.anchor(title, 0, in_contents);
        let mut b = self.simple(title, Face::SansBold, 20.0, NAVY, 26.0);
        if let Some(last) = b.rows.last_mut() {
            last.height += 8.0;
            let y = last.height - 2.0;
            last.shapes.push(Shape::Line { x1: 0.0, y1: y, x2: self.measure, y2: y, width: 1.2, color: NAVY });
        }
        b.page_break_before = true;
        b.keep_with_next = true;
        b.splittable = false;
        b.space_after = 14.0;
        b.anchor = Some(anchor);
        b
    }

    fn subheading(&self, title: &str) -> Block {
        let mut b = self.simple(title, Face::SansBold, 12.5, NAVY, 17.0);
        b.space_before = 16.0;
        b.space_after = 6.0;
        b.keep_with_next = true;
        b.splittable = false;
        b
    }

    fn spans(&mut self, inlines: &[Inline], base: Face, size: f32, color: Rgb, french: bool) -> Vec<Span> {
        inlines
            .iter()
            .map(|i| {
                let base_bold = matches!(base, Face::SerifBold | Face::SerifBoldItalic | Face::SansBold);
                let base_italic = matches!(base, Face::SerifItalic | Face::SerifBoldItalic);
                let face = if i.code { Face::Sans } else { base };
                // Emphasis inside an italic quote turns upright, as in print.
                let face = face.bold(i.bold || base_bold).italic(i.italic != base_italic);
                let mut style = Style::new(face, if i.code { size * 0.92 } else { size }, color);
                // A link of another scheme (`file:`, `smb:`, `javascript:`)
                // is printed as plain text: no click may open it.
                // A mail link is followed as the rule rewrites it.
                if let Some(url) = i.link.as_deref().and_then(crate::links::allowed_link) {
                    style.color = LINK;
                    style.link = Some(self.link(LinkTarget::Uri(url.into_owned())));
                }
                let text = if i.code { i.text.clone() } else { self.fix(&i.text, french) };
                Span::new(text, style)
            })
            .collect()
    }

    /// A block's lines given to a new heading element of `level` under
    /// `parent`.
    fn heading_in(&mut self, block: Block, level: u8, parent: ElemId) -> Block {
        let h = self.tags.add(Role::H(level), parent);
        block.tagged(h)
    }

    /// A block's lines given to a new element of `role` under `parent`.
    pub(super) fn tag_in(&mut self, block: Block, role: Role, parent: ElemId) -> Block {
        let e = self.tags.add(role, parent);
        block.tagged(e)
    }

    /// Markdown blocks under structure element `parent` (a section whose
    /// own heading is H1): headings from H2 down, never skipping a level,
    /// lists as L → LI → Lbl + LBody (nested where the Markdown nests
    /// them), block quotes, tables; headings also become bookmarks.
    fn markdown(&mut self, md: &[MdBlock], french: bool, skip_title: Option<&str>, parent: ElemId) -> Vec<Block> {
        let mut out = Vec::new();
        let skipped = |k: usize, block: &MdBlock| match block {
            MdBlock::Heading { level, inlines } => k == 0 && *level == 1 && skip_title.is_some_and(|t| t.trim() == MdBlock::plain(inlines)),
            _ => false,
        };
        let top = md
            .iter()
            .enumerate()
            .filter(|(k, b)| !skipped(*k, b))
            .filter_map(|(_, b)| match b {
                MdBlock::Heading { level, .. } => Some(*level),
                _ => None,
            })
            .min()
            .unwrap_or(1);
        let mut structure = MdStructure { parent, quote: None, lists: Vec::new(), heading: 1 };
        for (k, block) in md.iter().enumerate() {
            match block {
                MdBlock::Heading { level, inlines } => {
                    let title = MdBlock::plain(inlines);
                    if skipped(k, block) {
                        continue;
                    }
                    let (size, leading) = match level {
                        1 => (15.0, 20.0),
                        2 => (13.0, 18.0),
                        3 => (11.5, 16.0),
                        _ => (10.5, 15.0),
                    };
                    let spans = self.spans(inlines, Face::SansBold, size, NAVY, french);
                    let mut b = self.paragraph(&spans, 0.0, leading, size, false);
                    b.space_before = if *level <= 2 { 14.0 } else { 10.0 };
                    b.space_after = 4.0;
                    b.keep_with_next = true;
                    b.splittable = false;
                    if *level <= 3 {
                        b.anchor = Some(self.anchor(&title, (*level).min(3), false));
                    }
                    let h = (2 + level.saturating_sub(top)).min(structure.heading + 1).min(6);
                    structure.heading = h;
                    let parent = structure.container(&mut self.tags, 0, 0);
                    out.push(self.heading_in(b, h, parent));
                }
                MdBlock::Paragraph { inlines, indent, quote } => {
                    let x = inset(*indent, *quote);
                    let face = if *quote > 0 { Face::SerifItalic } else { Face::Serif };
                    let color = if *quote > 0 { GREY } else { INK };
                    let spans = hyphenated(self.spans(inlines, face, BODY, color, french), french);
                    let mut b = self.paragraph(&spans, x, BODY_LEADING, BODY, true);
                    quote_bars(&mut b, *quote);
                    b.space_after = 7.0;
                    // A paragraph after a list stands apart from its last item.
                    if k > 0 && matches!(md[k - 1], MdBlock::Item { .. }) {
                        b.space_before = 6.0;
                    }
                    let parent = structure.container(&mut self.tags, *indent, *quote);
                    out.push(self.tag_in(b, Role::P, parent));
                }
                MdBlock::Item { marker, inlines, indent, quote } => {
                    out.push(self.item(&mut structure, marker, inlines, *indent, *quote, french));
                }
                MdBlock::Code { text, quote } => {
                    let x = 12.0 + inset(0, *quote);
                    let style = Style::new(Face::Sans, 9.0, INK);
                    let mut b = self.paragraph(&[Span::new(text.replace('\n', "\u{2028}"), style)], x, 12.5, 9.0, false);
                    for r in &mut b.rows {
                        r.shapes.insert(0, Shape::Rect { x: x - 8.0, y: 0.0, w: self.measure - x + 8.0, h: r.height, color: PANEL });
                    }
                    b.space_after = 7.0;
                    let parent = structure.container(&mut self.tags, 0, *quote);
                    out.push(self.tag_in(b, Role::P, parent));
                }
                MdBlock::Rule => {
                    let mut row = Row { height: 14.0, ..Row::default() };
                    row.shapes.push(Shape::Line { x1: self.measure * 0.3, y1: 7.0, x2: self.measure * 0.7, y2: 7.0, width: 0.6, color: RULE });
                    out.push(Block { rows: vec![row], ..Block::default() });
                }
                MdBlock::Records { header, rows, columns, indent, quote } => {
                    out.extend(self.records(&mut structure, header, rows, *columns, (*indent, *quote), french));
                }
                MdBlock::Table { header, rows, aligns, indent, quote } => {
                    let x = inset(*indent, *quote);
                    let mut b = self.md_table(header, rows, aligns, x, french);
                    quote_bars(&mut b, *quote);
                    let parent = structure.container(&mut self.tags, *indent, *quote);
                    tag_table(&mut b, &mut self.tags, parent, header.len());
                    out.push(b);
                }
            }
        }
        out
    }

    /// A list item: its marker in the margin left of its first line.
    fn item(&mut self, structure: &mut MdStructure, marker: &str, inlines: &[Inline], indent: u8, quote: u8, french: bool) -> Block {
        let x = inset(indent, quote);
        let face = if quote > 0 { Face::SerifItalic } else { Face::Serif };
        let spans = self.spans(inlines, face, BODY, INK, french);
        let mut b = self.paragraph(&spans, x, BODY_LEADING, BODY, false);
        let marker_line = self.lines(&[Span::new(marker, Style::new(Face::Serif, BODY, NAVY))], 18.0, false);
        let (label, body) = structure.item(&mut self.tags, marker, indent, quote);
        b.tag(body);
        if let (Some(first), Some(mut m)) = (b.rows.first_mut(), marker_line.into_iter().next()) {
            let baseline = first.lines.first().map_or(BODY, |l| l.baseline);
            let mx = x - 6.0 - m.width;
            m.tag = Some(label);
            first.lines.insert(0, SetLine { x: mx, baseline, line: m });
        }
        quote_bars(&mut b, quote);
        b.space_after = 3.0;
        b
    }

    /// A table too wide for a page ([`MdBlock::Records`]): a note saying
    /// so, then its header row and each data row as a numbered item of its
    /// cells in column order, `; ` between them (an empty cell stays an
    /// empty place; empty cells at a row's end are left out). Nothing is
    /// repeated per cell, so the text set is the table's own, about as long
    /// as its Markdown: a long header is not printed again in every row.
    fn records(&mut self, structure: &mut MdStructure, header: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>], columns: usize, (indent, quote): (u8, u8), french: bool) -> Vec<Block> {
        let x = inset(indent, quote);
        let note = self.l.wide_table.replace("{columns}", &columns.to_string());
        let face = if quote > 0 { Face::SerifItalic } else { Face::Sans };
        let mut b = self.paragraph(&[Span::new(self.fix(&note, self.lang == Lang::Fr), Style::new(face, 9.0, GREY))], x, 13.0, 9.0, false);
        quote_bars(&mut b, quote);
        b.space_before = 4.0;
        b.space_after = 4.0;
        b.keep_with_next = true;
        let parent = structure.container(&mut self.tags, indent, quote);
        let mut out = vec![self.tag_in(b, Role::P, parent)];
        let filled = |cell: &[Inline]| !MdBlock::plain(cell).is_empty();
        for (n, row) in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)).enumerate() {
            let used = row.iter().rposition(|c| filled(c)).map_or(0, |last| last + 1);
            if used == 0 {
                continue;
            }
            let mut inlines: Vec<Inline> = Vec::new();
            for (j, cell) in row[..used].iter().enumerate() {
                if j > 0 {
                    inlines.push(Inline { text: "; ".into(), ..Inline::default() });
                }
                // The header row in bold, as a grid would set it.
                inlines.extend(cell.iter().map(|i| Inline { bold: i.bold || n == 0, ..i.clone() }));
            }
            let marker = if n == 0 { "–".to_owned() } else { format!("{n}.") };
            out.push(self.item(structure, &marker, &inlines, indent.saturating_add(1), quote, french));
        }
        if let Some(last) = out.last_mut() {
            last.space_after = 10.0;
        }
        out
    }

    /// A paper's table, `x` points in from the measure's left edge.
    fn md_table(&mut self, header: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>], aligns: &[Align], x: f32, french: bool) -> Block {
        let grid = Grid {
            header: header.iter().map(|c| self.spans(c, Face::SansBold, TABLE_HEAD, NAVY, french)).collect(),
            rows: rows.iter().map(|r| r.iter().map(|c| self.spans(c, Face::Serif, TABLE_BODY, INK, french)).collect()).collect(),
            aligns: aligns.to_vec(),
        };
        let frame = Frame { x, width: self.measure - x, room: self.room, table: self.tables };
        self.tables += 1;
        let mut b = table_block(self.fonts, &grid, &TABLE_LOOK, frame);
        b.space_before = 4.0;
        b.space_after = 10.0;
        b
    }

    fn paper(&mut self, item: &Item) -> Vec<Block> {
        let french = item.paper.lang == Lang::Fr;
        let v = &item.version;
        let sect = self.tags.add(Role::Sect, self.tags.root());
        if item.paper.lang != self.lang {
            self.tags.lang(sect, item.paper.lang.tag());
        }
        let anchor = self.anchor(&v.title, 0, true);
        self.anchors[anchor].lang = (item.paper.lang != self.lang).then_some(item.paper.lang);
        let title_spans = [Span::new(self.fix(&v.title, french), Style::new(Face::SansBold, 18.0, NAVY))];
        let mut title = self.paragraph(&title_spans, 0.0, 23.0, 18.0, false);
        title.page_break_before = true;
        title.keep_with_next = true;
        title.splittable = false;
        title.anchor = Some(anchor);
        title.space_after = 4.0;

        let line = match &item.published_at {
            Some(at) => format!("{} {}, {} {}", self.l.version, v.version, self.l.published, long_date_str(at, self.lang)),
            None => format!("{} {}, {}", self.l.version, v.version, self.l.not_published),
        };
        let color = if item.is_draft() { RED } else { GREY };
        let mut version = self.simple(&line, Face::Sans, 9.5, color, 13.0);
        version.keep_with_next = true;
        version.splittable = false;
        if let Some(last) = version.rows.last_mut() {
            last.height += 10.0;
            let y = last.height - 3.0;
            last.shapes.push(Shape::Line { x1: 0.0, y1: y, x2: self.measure, y2: y, width: 0.6, color: RULE });
        }
        version.space_after = 8.0;

        let mut out = vec![self.heading_in(title, 1, sect), self.tag_in(version, Role::P, sect)];
        if !v.summary.trim().is_empty() {
            let spans = [Span::new(self.fix(v.summary.trim(), french), Style::new(Face::SerifItalic, 11.0, INK))];
            let mut s = self.paragraph(&spans, 0.0, 15.5, 11.0, false);
            s.space_after = 10.0;
            out.push(self.tag_in(s, Role::P, sect));
        }
        let md = markdown::parse(&v.body);
        let mut body = self.markdown(&md, french, Some(&v.title), sect);
        // Headings of a paper nest under the paper's bookmark.
        for b in &mut body {
            if let Some(a) = b.anchor {
                self.anchors[a].level = self.anchors[a].level.max(1);
            }
        }
        out.append(&mut body);
        out
    }

    fn official_page(&mut self, o: &Official, history: &[Engagement]) -> Vec<Block> {
        let l = self.l;
        let sect = self.tags.add(Role::Sect, self.tags.root());
        let title = self.section_title(l.office_holder, true);
        let mut out = vec![self.heading_in(title, 1, sect)];
        let mut name = self.simple(&o.name, Face::SansBold, 16.0, INK, 21.0);
        name.keep_with_next = true;
        out.push(self.tag_in(name, Role::P, sect));
        let chamber = match o.chamber {
            Chamber::House => l.house,
            Chamber::Senate => l.senate,
            Chamber::Staff => l.staff,
        };
        let mut facts = vec![o.title_in(self.lang).to_owned()];
        let place: Vec<&str> =
            [o.party_in(self.lang), o.constituency_in(self.lang)].into_iter().filter(|s| !s.is_empty()).collect();
        if !place.is_empty() {
            facts.push(place.join(" · "));
        }
        facts.push(chamber.to_owned());
        for f in facts.iter().filter(|f| !f.trim().is_empty()) {
            let b = self.simple(f, Face::Serif, 11.0, GREY, 15.0);
            out.push(self.tag_in(b, Role::P, sect));
        }

        let b = self.subheading(l.roles);
        out.push(self.heading_in(b, 2, sect));
        let rows: Vec<Vec<String>> = o
            .roles
            .iter()
            .rev()
            .map(|r| {
                let until = r.ended_on.as_deref().map_or(l.present.to_owned(), |e| long_date_str(e, self.lang));
                let place = [r.branch_in(self.lang), r.institution.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", ");
                let title = match r.kind {
                    RoleKind::Caucus => format!("{}: {}", l.caucus, r.title_in(self.lang)),
                    RoleKind::Committee => format!("{}: {}", l.committee, r.title_in(self.lang)),
                    _ => r.title_in(self.lang).to_owned(),
                };
                let role = if place.is_empty() { title } else { format!("{title} — {place}") };
                vec![format!("{} – {}", long_date_str(&r.started_on, self.lang), until), role]
            })
            .collect();
        let mut t = self.table(&[(l.period, 0.34), (l.role, 0.66)], rows);
        tag_table(&mut t, &mut self.tags, sect, 2);
        out.push(t);

        let b = self.subheading(l.history);
        out.push(self.heading_in(b, 2, sect));
        if history.is_empty() {
            let b = self.simple(l.no_history, Face::SerifItalic, BODY, GREY, BODY_LEADING);
            out.push(self.tag_in(b, Role::P, sect));
        } else {
            let rows = history
                .iter()
                .map(|e| {
                    vec![
                        long_date_str(&e.date, self.lang),
                        self.kind(e.kind).to_owned(),
                        e.campaign_title.clone().unwrap_or_default(),
                        e.subject.lines().next().unwrap_or("").to_owned(),
                    ]
                })
                .collect();
            let mut t = self.table(&[(l.date, 0.2), (l.kind, 0.13), (l.campaign, 0.27), (l.subject, 0.4)], rows);
            tag_table(&mut t, &mut self.tags, sect, 4);
            out.push(t);
        }
        out
    }

    fn kind(&self, k: EngagementKind) -> &'static str {
        match k {
            EngagementKind::Meeting => self.l.meeting_kind,
            EngagementKind::Call => self.l.call_kind,
            EngagementKind::Letter => self.l.letter_kind,
            EngagementKind::Mailing => self.l.mailing_kind,
        }
    }

    /// A table of fixed column shares (the office holder's page): one
    /// block, its header row first and repeated on each page it continues
    /// onto.
    fn table(&self, cols: &[(&str, f32)], rows: Vec<Vec<String>>) -> Block {
        let french = self.lang == Lang::Fr;
        let gap = 10.0;
        let widths: Vec<f32> = cols.iter().map(|(_, f)| f * self.measure).collect();
        let make = |index: usize, cells: Vec<(String, Style)>, leading: f32, rule: Rgb| -> Row {
            let mut row = Row::default();
            let mut table = TableRow { row: index, ..TableRow::default() };
            let mut x = 0.0;
            let mut height: f32 = 0.0;
            for (column, ((text, style), w)) in cells.into_iter().zip(&widths).enumerate() {
                let lines = self.lines(&[Span::new(text, style)], w - gap, false);
                let n = lines.len().max(1) as f32;
                for (k, line) in lines.into_iter().enumerate() {
                    let baseline = 4.0 + leading * k as f32 + leading * 0.5 + style.size * 0.35;
                    row.lines.push(SetLine { x, baseline, line });
                    table.columns.push(column);
                }
                height = height.max(n * leading + 8.0);
                x += w;
            }
            row.height = height;
            row.shapes.push(Shape::Line { x1: 0.0, y1: height, x2: self.measure, y2: height, width: 0.5, color: rule });
            row.table = Some(table);
            row
        };
        let head = make(
            0,
            cols.iter().map(|(t, _)| (t.to_string(), Style::new(Face::SansBold, 8.5, GREY))).collect(),
            12.0,
            NAVY,
        );
        let mut out = vec![head];
        for (k, r) in rows.into_iter().enumerate() {
            let cells = r.into_iter().map(|t| (self.fix(&t, french), Style::new(Face::Serif, 9.5, INK))).collect();
            out.push(make(k + 1, cells, 13.0, RULE));
        }
        Block { rows: out, splittable: true, repeat_head: true, ..Block::default() }
    }

    /// The contents: one row per section and paper, with dot leaders and
    /// the page number, the whole row a link to that page.
    fn contents(&mut self, where_flow: &[Option<(usize, f32)>], first_flow_page: usize) -> Vec<Block> {
        let mut title = self.simple(self.l.contents, Face::SansBold, 20.0, NAVY, 26.0);
        if let Some(last) = title.rows.last_mut() {
            last.height += 8.0;
            let y = last.height - 2.0;
            last.shapes.push(Shape::Line { x1: 0.0, y1: y, x2: self.measure, y2: y, width: 1.2, color: NAVY });
        }
        title.space_after = 18.0;
        let sect = self.tags.add(Role::Sect, self.tags.root());
        let mut out = vec![self.heading_in(title, 1, sect)];
        let toc = self.tags.add(Role::TOC, sect);
        let number_width = 44.0;
        let entries: Vec<(String, usize, Option<Lang>)> = self
            .anchors
            .iter()
            .enumerate()
            .filter(|(_, a)| a.in_contents)
            .filter_map(|(i, a)| where_flow.get(i).copied().flatten().map(|(p, _)| (a.title.clone(), first_flow_page + p, a.lang)))
            .collect();
        for (title, page, lang) in entries {
            let style = Style::new(Face::Serif, 11.5, INK);
            let lines = self.lines(&[Span::new(title, style)], self.measure - number_width - 16.0, false);
            let number = self.lines(&[Span::new((page + 1).to_string(), Style::new(Face::Sans, 11.0, NAVY))], number_width, false);
            let leading = 17.0;
            let link = self.link(LinkTarget::Page(page));
            let item = self.tags.add(Role::TOCI, toc);
            if let Some(lang) = lang {
                self.tags.lang(item, lang.tag());
            }
            let link_elem = self.tags.link(link, item);
            let n = lines.len();
            let mut row = Row { height: leading * n as f32 + 6.0, ..Row::default() };
            let mut last_end = 0.0;
            for (k, line) in lines.into_iter().enumerate() {
                last_end = line.width;
                row.lines.push(SetLine { x: 0.0, baseline: leading * k as f32 + leading * 0.5 + 4.0, line });
            }
            let baseline = leading * (n.max(1) - 1) as f32 + leading * 0.5 + 4.0;
            if let Some(num) = number.into_iter().next() {
                let nx = self.measure - num.width;
                // Dot leaders are drawn, not typed, so the text of the
                // contents reads "Title 5" when copied.
                let mut dx = last_end + 8.0;
                while dx < nx - 8.0 {
                    row.shapes.push(Shape::Rect { x: dx, y: baseline - 0.8, w: 0.9, h: 0.9, color: GREY });
                    dx += 4.5;
                }
                row.lines.push(SetLine { x: nx, baseline, line: num });
            }
            row.links.push((0.0, 0.0, self.measure, row.height, link));
            row.tag(link_elem);
            out.push(Block { rows: vec![row], ..Block::default() });
        }
        out
    }

    fn cover(&mut self, data: &PacketData, organisation: &str, printed_on: &str, draft: bool) -> Vec<Block> {
        let l = self.l;
        let french = self.lang == Lang::Fr;
        let mut out = Vec::new();
        let sect = self.tags.add(Role::Sect, self.tags.root());

        // Logo and organisation name.
        let org = self.lines(&[Span::new(organisation, Style::new(Face::SansBold, 15.0, NAVY))], self.measure - 70.0, false);
        let mut head = Row { height: 64.0, ..Row::default() };
        let figure = self.tags.add(Role::Figure, sect);
        self.tags.alt(figure, &format!("{} {organisation}", l.logo_of));
        head.shapes.push(Shape::Logo { x: 0.0, y: 4.0, size: 52.0, figure: Some(figure) });
        let n = org.len().max(1) as f32;
        for (k, line) in org.into_iter().enumerate() {
            head.lines.push(SetLine { x: 66.0, baseline: 30.0 - (n - 1.0) * 9.0 + 18.0 * k as f32 + 5.0, line });
        }
        head.shapes.push(Shape::Line { x1: 0.0, y1: 63.0, x2: self.measure, y2: 63.0, width: 0.8, color: RULE });
        let head = Block { rows: vec![head], ..Block::default() };
        out.push(self.tag_in(head, Role::P, sect));

        let mut kicker = self.simple(&l.briefing_packet.to_uppercase(), Face::SansBold, 10.0, RED, 14.0);
        kicker.space_before = 110.0;
        out.push(self.tag_in(kicker, Role::P, sect));
        let title_spans = [Span::new(self.fix(&data.packet.title, french), Style::new(Face::SansBold, 27.0, NAVY))];
        let mut title = self.paragraph(&title_spans, 0.0, 34.0, 27.0, false);
        title.space_before = 6.0;
        title.space_after = 28.0;
        out.push(self.heading_in(title, 1, sect));

        // Meeting details.
        let e = data.engagement.as_ref();
        let date = data.packet.meeting_on.clone().or_else(|| e.map(|e| e.date.clone()));
        let mut when = date.map(|d| long_date_str(&d, self.lang)).unwrap_or_default();
        if let Some(t) = e.and_then(|e| e.time.as_deref()) {
            when = format!("{when}, {}", time_of_day(t, self.lang));
        }
        let mut meeting = vec![when];
        if let Some(place) = e.map(|e| e.place.trim()).filter(|p| !p.is_empty()) {
            meeting.push(place.to_owned());
        }
        let mut facts = Vec::new();
        if meeting.iter().any(|m| !m.trim().is_empty()) {
            facts.push(self.fact(l.meeting, &meeting));
        }
        if let Some(o) = &data.official {
            let mut who = vec![o.name.clone()];
            if !o.title_in(self.lang).trim().is_empty() {
                who.push(o.title_in(self.lang).to_owned());
            }
            let place: Vec<&str> =
                [o.party_in(self.lang), o.constituency_in(self.lang)].into_iter().filter(|s| !s.is_empty()).collect();
            if !place.is_empty() {
                who.push(place.join(" · "));
            }
            facts.push(self.fact(l.with, &who));
        }
        if !data.packet.prepared_by.trim().is_empty() {
            facts.push(self.fact(l.prepared_by, std::slice::from_ref(&data.packet.prepared_by)));
        }
        facts.push(self.fact(l.printed_on, &[printed_on.to_owned()]));
        for f in facts {
            out.push(self.tag_in(f, Role::P, sect));
        }

        // What is enclosed, so the reader knows the packet at a glance.
        let mut enclosed = self.simple(&l.enclosed.to_uppercase(), Face::SansBold, 8.5, GREY, 14.0);
        enclosed.space_before = 26.0;
        enclosed.keep_with_next = true;
        out.push(self.tag_in(enclosed, Role::P, sect));
        let list = self.tags.add(Role::L, sect);
        self.tags.attr(list, Attr::ListNumbering("Disc"));
        for item in &data.items {
            let french = item.paper.lang == Lang::Fr;
            let status = match &item.published_at {
                Some(_) => format!("{} {}", l.version, item.version.version),
                None => format!("{} {}, {}", l.version, item.version.version, l.not_published),
            };
            let spans = [
                Span::new(self.fix(&item.version.title, french), Style::new(Face::Serif, 10.5, INK)),
                Span::new(format!("  ·  {status}"), Style::new(Face::Sans, 8.5, if item.is_draft() { RED } else { GREY })),
            ];
            let mut b = self.paragraph(&spans, 14.0, 15.0, 10.5, false);
            b.splittable = false;
            // One bullet per item, on its first line: the lines a long
            // title wraps onto continue it under the same indent.
            if let Some(first) = b.rows.first_mut() {
                first.shapes.push(Shape::Rect { x: 4.0, y: first.height / 2.0 - 1.5, w: 3.0, h: 3.0, color: NAVY });
            }
            let li = self.tags.add(Role::LI, list);
            let body = self.tags.add(Role::LBody, li);
            if item.paper.lang != self.lang {
                self.tags.lang(body, item.paper.lang.tag());
            }
            out.push(b.tagged(body));
        }
        if draft {
            let mut d = self.simple(l.draft_notice, Face::SansBold, 10.5, RED, 15.0);
            d.space_before = 22.0;
            out.push(self.tag_in(d, Role::P, sect));
        }
        out
    }

    /// A label and its lines, with an accent bar on the left.
    pub(super) fn fact(&self, label: &str, values: &[String]) -> Block {
        let french = self.lang == Lang::Fr;
        let label_w = 118.0;
        let mut row = Row::default();
        let head = self.lines(&[Span::new(label.to_uppercase(), Style::new(Face::SansBold, 8.5, GREY))], label_w, false);
        if let Some(h) = head.into_iter().next() {
            row.lines.push(SetLine { x: 14.0, baseline: 16.0, line: h });
        }
        let mut y = 0.0;
        for (k, v) in values.iter().filter(|v| !v.trim().is_empty()).enumerate() {
            let (face, size) = if k == 0 { (Face::SerifBold, 12.5) } else { (Face::Serif, 11.0) };
            let lines = self.lines(&[Span::new(self.fix(v, french), Style::new(face, size, INK))], self.measure - label_w - 20.0, false);
            for line in lines {
                row.lines.push(SetLine { x: label_w + 14.0, baseline: y + 16.5, line });
                y += 16.5;
            }
        }
        row.height = y.max(16.5) + 8.0;
        row.shapes.push(Shape::Rect { x: 0.0, y: 0.0, w: 3.0, h: row.height - 4.0, color: NAVY });
        Block { rows: vec![row], space_after: 10.0, ..Block::default() }
    }

    pub(super) fn header(&self, title: &str, organisation: &str, draft: bool, geo: Geometry) -> PageRow {
        let mut row = Row { height: 20.0, ..Row::default() };
        let right = if draft { self.l.draft } else { organisation };
        let right_style = if draft { Style::new(Face::SansBold, 8.5, RED) } else { Style::new(Face::Sans, 8.5, GREY) };
        let right_w = width(self.fonts, &[Span::new(right, right_style)]).min(self.measure * 0.4);
        let left = self.lines(&[Span::new(title, Style::new(Face::Sans, 8.5, GREY))], self.measure - right_w - 24.0, false);
        if let Some(first) = left.into_iter().next() {
            row.lines.push(SetLine { x: 0.0, baseline: 10.0, line: first });
        }
        if let Some(r) = self.lines(&[Span::new(right, right_style)], self.measure * 0.4, false).into_iter().next() {
            row.lines.push(SetLine { x: self.measure - r.width, baseline: 10.0, line: r });
        }
        row.shapes.push(Shape::Line { x1: 0.0, y1: 15.0, x2: self.measure, y2: 15.0, width: 0.5, color: RULE });
        PageRow { x: geo.margin_x, top: geo.top - 42.0, row }
    }

    pub(super) fn footer(&self, n: usize, total: usize, geo: Geometry) -> PageRow {
        let text = format!("{} {n} {} {total}", self.l.page, self.l.of);
        let mut row = Row { height: 14.0, ..Row::default() };
        if let Some(line) = self.lines(&[Span::new(text, Style::new(Face::Sans, 8.5, GREY))], self.measure, false).into_iter().next() {
            row.lines.push(SetLine { x: (self.measure - line.width) / 2.0, baseline: 10.0, line });
        }
        PageRow { x: geo.margin_x, top: geo.height - geo.bottom + 30.0, row }
    }

    fn watermark(&self) -> Line {
        self.lines(&[Span::new(self.l.draft, Style::new(Face::SansBold, 110.0, WATERMARK))], 2000.0, false)
            .into_iter()
            .next()
            .unwrap_or_default()
    }
}

/// Where the blocks of a Markdown body go in the structure tree: the
/// current block quote, the lists open at each indent, the last heading
/// level.
struct MdStructure {
    parent: ElemId,
    quote: Option<ElemId>,
    /// Open lists, outermost first: (indent, L, the last item's LBody).
    lists: Vec<(u8, ElemId, Option<ElemId>)>,
    heading: u8,
}

impl MdStructure {
    /// The element a block at `indent` and `quote` depth goes under: the
    /// LBody of the list item it continues, else the block quote, else
    /// the section. Lists deeper than `indent` are closed.
    fn container(&mut self, tags: &mut Tags, indent: u8, quote: u8) -> ElemId {
        self.enter_quote(tags, quote);
        self.lists.retain(|l| l.0 <= indent);
        match self.lists.last() {
            Some(&(i, _, Some(body))) if i == indent && indent > 0 => body,
            _ => self.quote.unwrap_or(self.parent),
        }
    }

    /// Opens or closes the block quote; a change closes the open lists.
    fn enter_quote(&mut self, tags: &mut Tags, quote: u8) {
        let inside = self.quote.is_some();
        if (quote > 0) != inside {
            self.lists.clear();
            self.quote = (quote > 0).then(|| tags.add(Role::BlockQuote, self.parent));
        }
    }

    /// A new list item at `indent`: its Lbl and LBody, in the list open at
    /// that indent or a new one (nested in the enclosing item's body).
    fn item(&mut self, tags: &mut Tags, marker: &str, indent: u8, quote: u8) -> (ElemId, ElemId) {
        self.enter_quote(tags, quote);
        self.lists.retain(|l| l.0 <= indent);
        let list = match self.lists.last() {
            Some(&(i, l, _)) if i == indent => l,
            last => {
                let parent = last.and_then(|l| l.2).unwrap_or(self.quote.unwrap_or(self.parent));
                let l = tags.add(Role::L, parent);
                let numbering = if marker.starts_with(|c: char| c.is_ascii_digit()) { "Decimal" } else { "Disc" };
                tags.attr(l, Attr::ListNumbering(numbering));
                self.lists.push((indent, l, None));
                l
            }
        };
        let li = tags.add(Role::LI, list);
        let label = tags.add(Role::Lbl, li);
        let body = tags.add(Role::LBody, li);
        if let Some(last) = self.lists.last_mut() {
            last.2 = Some(body);
        }
        (label, body)
    }
}

/// How deep a block quote is drawn: deeper quotes are set as this one is,
/// so text nested hundreds deep keeps the measure a reader can read
/// (lists are held to 6 levels by `markdown.rs`).
const DRAWN_QUOTES: u8 = 6;

/// How far in from the measure's left edge a block at list level `indent`
/// and quote depth `quote` is set.
fn inset(indent: u8, quote: u8) -> f32 {
    f32::from(indent) * 18.0 + f32::from(quote.min(DRAWN_QUOTES)) * 16.0
}

/// Draws a bar left of each row of a block quote.
fn quote_bars(b: &mut Block, quote: u8) {
    if quote == 0 {
        return;
    }
    for r in &mut b.rows {
        let x = inset(0, quote) - 10.0;
        r.shapes.push(Shape::Rect { x, y: 0.0, w: 2.0, h: r.height, color: RULE });
    }
}
