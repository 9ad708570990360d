//! Writes laid-out pages with printpdf: glyphs by id with their text for
//! the ToUnicode map, rules, rectangles, the logo and the DRAFT mark.
//!
//! Promises: each glyph is placed with an absolute text matrix (printpdf
//! merges a line's glyphs into one `TJ`), fonts are embedded as subsets,
//! and the link areas of each page are handed back for the lopdf pass.
//! Every mark on a page is either tagged content or an artifact, as
//! `tags.rs` designs: each tagged line is drawn as numbered marked-content
//! pieces (cut at links and at Arabic or Hebrew script), the last ending
//! in a space glyph; untagged lines, shapes and the DRAFT mark are drawn
//! inside `/Artifact` sequences; the logo is its Figure's content. Which
//! element each piece belongs to is handed back as [`Marks`].

use std::sync::OnceLock;

use printpdf::{
    Codepoint, Color, FontId, Line as PdfLine, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, RawImage, Rect, TextItem, TextMatrix, WindingOrder, XObjectTransform,
};

use super::fonts::{Face, Fonts};
use super::layout::{Line, Placed, Row, Shape};
use super::shaping::Rgb;
use super::tags::{script_lang, ElemId, Marks, Role, Tags};

/// A row placed on a page: `x` from the left edge, `top` from the top edge.
#[derive(Debug, Clone)]
pub struct PageRow {
    pub x: f32,
    pub top: f32,
    pub row: Row,
}

/// Everything on one page.
#[derive(Debug, Clone, Default)]
pub struct PageOut {
    pub rows: Vec<PageRow>,
    /// Set diagonally across the page, behind the text.
    pub watermark: Option<Line>,
}

/// A link area on a page, in PDF user space (origin bottom left).
#[derive(Debug, Clone, Copy)]
pub struct LinkArea {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub link: usize,
}

const LOGO_PX: f32 = 240.0;

fn logo() -> Option<&'static RawImage> {
    static LOGO: OnceLock<Option<RawImage>> = OnceLock::new();
    LOGO.get_or_init(|| {
        let mut warnings = Vec::new();
        RawImage::decode_from_bytes(include_bytes!("../../assets/logo.png"), &mut warnings).ok()
    })
    .as_ref()
}

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb { r: c[0], g: c[1], b: c[2], icc_profile: None })
}

/// A document written: printpdf's, each page's link areas, and which
/// element each marked piece of each page belongs to.
pub struct Written {
    pub doc: PdfDocument,
    pub links: Vec<Vec<LinkArea>>,
    pub marks: Marks,
}

/// Builds the printpdf document. Link and Span elements met while drawing
/// are added to `tags`. `tick(k, n)` is called after each of the `n`
/// pages; an error from it stops the writing there.
pub fn write(
    fonts: &Fonts,
    pages: &[PageOut],
    (width, height): (f32, f32),
    title: &str,
    tags: &mut Tags,
    tick: &mut dyn FnMut(usize, usize) -> crate::Result<()>,
) -> crate::Result<Written> {
    let mut doc = PdfDocument::new(title);
    let font_ids: Vec<FontId> = Face::ALL.iter().map(|f| doc.add_font(&fonts.get(*f).pdf)).collect();
    let logo_id = logo().map(|img| doc.add_image(img));

    let mut out_pages = Vec::with_capacity(pages.len());
    let mut links = Vec::with_capacity(pages.len());
    let mut marks = Marks { pages: Vec::with_capacity(pages.len()) };
    for (k, page) in pages.iter().enumerate() {
        let mut ops: Vec<Op> = Vec::with_capacity(4096);
        let mut page_links = Vec::new();
        let mut mcids: Vec<ElemId> = Vec::new();
        if let Some(mark) = &page.watermark {
            ops.push(artifact());
            draw_watermark(&mut ops, mark, &font_ids, width, height);
            ops.push(Op::EndMarkedContent);
        }
        // Shapes first, so text is drawn over fills: one artifact
        // sequence, broken only around the logo's Figure.
        let mut in_artifact = false;
        for pr in &page.rows {
            for shape in &pr.row.shapes {
                let figure = match shape {
                    Shape::Logo { figure, .. } => *figure,
                    _ => None,
                };
                match figure {
                    Some(elem) => {
                        if in_artifact {
                            ops.push(Op::EndMarkedContent);
                            in_artifact = false;
                        }
                        ops.push(marked(Role::Figure, mcids.len()));
                        mcids.push(elem);
                        draw_shape(&mut ops, shape, pr.x, pr.top, height, logo_id.as_ref());
                        ops.push(Op::EndMarkedContent);
                    }
                    None => {
                        if !in_artifact {
                            ops.push(artifact());
                            in_artifact = true;
                        }
                        draw_shape(&mut ops, shape, pr.x, pr.top, height, logo_id.as_ref());
                    }
                }
            }
            for &(x, y, w, h, link) in &pr.row.links {
                page_links.push(LinkArea { x: pr.x + x, y: height - (pr.top + y + h), w, h, link });
            }
        }
        if in_artifact {
            ops.push(Op::EndMarkedContent);
        }
        draw_text(&mut ops, fonts, &font_ids, &page.rows, height, tags, &mut mcids);
        out_pages.push(PdfPage::new(Mm::from(Pt(width)), Mm::from(Pt(height)), ops));
        links.push(page_links);
        marks.pages.push(mcids);
        tick(k + 1, pages.len())?;
    }
    doc.with_pages(out_pages);
    Ok(Written { doc, links, marks })
}

/// Opens an artifact sequence: marks that are not content.
fn artifact() -> Op {
    Op::BeginMarkedContent { tag: "Artifact".to_owned() }
}

/// Opens the marked-content sequence `mcid` of an element of `role`.
fn marked(role: Role, mcid: usize) -> Op {
    let mut props = std::collections::BTreeMap::new();
    props.insert("MCID".to_owned(), printpdf::DictItem::Int(mcid as i64));
    Op::BeginMarkedContentWithProperties { tag: role.name().to_owned(), properties: printpdf::DictItem::Dict { map: props } }
}

/// The DRAFT mark, rotated 45° about the page centre with the word centred
/// on it.
fn draw_watermark(ops: &mut Vec<Op>, mark: &Line, font_ids: &[FontId], width: f32, height: f32) {
    let k = std::f32::consts::FRAC_1_SQRT_2;
    let (cx, cy) = (width / 2.0, height / 2.0);
    let half = mark.width / 2.0;
    let size = mark.glyphs.first().map_or(0.0, |g| g.size);
    let ox = cx - half * k + size * 0.35 * k;
    let oy = cy - half * k - size * 0.35 * k;
    ops.push(Op::StartTextSection);
    let mut current: Option<(Face, f32)> = None;
    for g in &mark.glyphs {
        if current != Some((g.face, g.size)) {
            ops.push(Op::SetFont { font: PdfFontHandle::External(font_ids[g.face.index()].clone()), size: Pt(g.size) });
            ops.push(Op::SetFillColor { col: color(g.color) });
            current = Some((g.face, g.size));
        }
        let (x, y) = (ox + g.x * k, oy + g.x * k);
        ops.push(Op::SetTextMatrix { matrix: TextMatrix::Raw([k, k, -k, k, x, y]) });
        ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(vec![glyph(g.gid, &g.text)])] });
    }
    ops.push(Op::EndTextSection);
}

/// Every line of the page's rows, in one text section. One text matrix per
/// run of one font, size, colour and baseline; inside it each glyph's place
/// is kept by a TJ adjustment. A tagged line is drawn as its pieces (see
/// [`pieces`]), each a marked-content sequence whose element is pushed on
/// `mcids`; an untagged one as an artifact.
fn draw_text(ops: &mut Vec<Op>, fonts: &Fonts, font_ids: &[FontId], rows: &[PageRow], height: f32, tags: &mut Tags, mcids: &mut Vec<ElemId>) {
    ops.push(Op::StartTextSection);
    let mut pen = Pen { current: None, color: None };
    for pr in rows {
        for set in &pr.row.lines {
            let baseline = height - (pr.top + set.baseline);
            let glyphs = &set.line.glyphs;
            if glyphs.is_empty() {
                continue;
            }
            let Some(elem) = set.line.tag else {
                ops.push(artifact());
                pen.draw(ops, fonts, font_ids, glyphs, pr.x + set.x, baseline);
                ops.push(Op::EndMarkedContent);
                continue;
            };
            let cuts = pieces(glyphs);
            for (k, &(a, b, kind)) in cuts.iter().enumerate() {
                let owner = match kind {
                    Piece::Own => elem,
                    Piece::Link(l) => tags.link(l, elem),
                    Piece::Script(lang) => {
                        // Drawn left to right: read in the reverse order.
                        let span = tags.add(Role::Span, elem);
                        let mut read: String = glyphs[a..b].iter().rev().map(|g| g.text.as_str()).collect();
                        if k + 1 == cuts.len() {
                            read.push(' ');
                        }
                        tags.actual(span, read);
                        tags.lang(span, lang)
                    }
                };
                ops.push(marked(tags.get(owner).role, mcids.len()));
                mcids.push(owner);
                pen.draw(ops, fonts, font_ids, &glyphs[a..b], pr.x + set.x, baseline);
                if k + 1 == cuts.len() {
                    pen.space_after(ops, fonts, &glyphs[b - 1]);
                }
                ops.push(Op::EndMarkedContent);
            }
        }
    }
    ops.push(Op::EndTextSection);
}

/// The font and colour last set in a text section.
struct Pen {
    current: Option<(Face, f32)>,
    color: Option<Rgb>,
}

impl Pen {
    /// Draws `glyphs` of a line starting `x` from the page's left edge.
    fn draw(&mut self, ops: &mut Vec<Op>, fonts: &Fonts, font_ids: &[FontId], glyphs: &[Placed], x: f32, baseline: f32) {
        let mut i = 0;
        while i < glyphs.len() {
            let g = &glyphs[i];
            let j = run_end(glyphs, i);
            if self.current != Some((g.face, g.size)) {
                ops.push(Op::SetFont { font: PdfFontHandle::External(font_ids[g.face.index()].clone()), size: Pt(g.size) });
                self.current = Some((g.face, g.size));
            }
            if self.color != Some(g.color) {
                ops.push(Op::SetFillColor { col: color(g.color) });
                self.color = Some(g.color);
            }
            ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(x + g.x), Pt(baseline + g.dy)) });
            let run = tj_run(fonts.get(g.face), &glyphs[i..j]);
            ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(run)] });
            i = j;
        }
    }

    /// A space glyph where the text stands after `last`, so the words of
    /// two lines read apart; none after a hyphen or a space. A glyph, not
    /// `ActualText`: it costs a few bytes and every reader sees it.
    fn space_after(&self, ops: &mut Vec<Op>, fonts: &Fonts, last: &Placed) {
        if last.text.ends_with(['-', '\u{ad}', '\u{2010}', ' ']) || last.dy != 0.0 {
            return;
        }
        let face = fonts.get(last.face);
        if let Some(space) = face.shaper.glyph_index(' ') {
            ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(vec![glyph(space.0, " ")])] });
        }
    }
}

/// What a piece of a line belongs to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Piece {
    /// The line's own element.
    Own,
    /// The Link element of this link.
    Link(usize),
    /// A Span of Arabic or Hebrew, with its language.
    Script(&'static str),
}

/// A line cut into pieces `(from, to, kind)` of its glyphs, in drawing
/// order: where a link starts or ends, and where Arabic or Hebrew letters
/// start or end outside a link. Spaces and punctuation between two letters
/// of one script belong to that script's piece; elsewhere, to the line.
fn pieces(glyphs: &[Placed]) -> Vec<(usize, usize, Piece)> {
    // Most lines: no link, no right-to-left letter, one piece.
    let plain = |g: &Placed| g.link.is_none() && g.text.chars().next().is_none_or(|c| script_lang(c).is_none());
    if glyphs.iter().all(plain) {
        return vec![(0, glyphs.len(), Piece::Own)];
    }
    let strong: Vec<Option<Option<&'static str>>> = glyphs
        .iter()
        .map(|g| {
            let c = g.text.chars().next()?;
            c.is_alphanumeric().then(|| script_lang(c))
        })
        .collect();
    // The nearest strong script before and after each glyph.
    let mut before = vec![None; glyphs.len()];
    let mut last = None;
    for (k, s) in strong.iter().enumerate() {
        if let Some(s) = s {
            last = Some(*s);
        }
        before[k] = last;
    }
    let mut after = vec![None; glyphs.len()];
    let mut next = None;
    for (k, s) in strong.iter().enumerate().rev() {
        if let Some(s) = s {
            next = Some(*s);
        }
        after[k] = next;
    }
    let kind = |k: usize| -> Piece {
        if let Some(l) = glyphs[k].link {
            return Piece::Link(l);
        }
        let script = match strong[k] {
            Some(s) => s,
            None if before[k] == after[k] => before[k].flatten(),
            None => None,
        };
        script.map_or(Piece::Own, Piece::Script)
    };
    let mut out: Vec<(usize, usize, Piece)> = Vec::new();
    for k in 0..glyphs.len() {
        let here = kind(k);
        match out.last_mut() {
            Some(last) if last.2 == here => last.1 = k + 1,
            _ => out.push((k, k + 1, here)),
        }
    }
    out
}

/// Where the run starting at glyph `i` ends: the first glyph after it of
/// another font, size or colour, or one raised or lowered (which gets a
/// text matrix of its own, as does a raised or lowered glyph at `i`).
fn run_end(glyphs: &[Placed], i: usize) -> usize {
    let g = &glyphs[i];
    let mut j = i + 1;
    if g.dy == 0.0 {
        while j < glyphs.len() {
            let h = &glyphs[j];
            if h.face != g.face || h.size != g.size || h.color != g.color || h.dy != 0.0 {
                break;
            }
            j += 1;
        }
    }
    j
}

/// The glyphs of one run as a TJ array: each glyph with the adjustment
/// that puts the next one where the layout placed it (zero when the
/// advance is the font's own).
fn tj_run(face: &super::fonts::LoadedFace, run: &[Placed]) -> Vec<Codepoint> {
    run.iter()
        .enumerate()
        .map(|(k, here)| {
            let mut cp = glyph(here.gid, &here.text);
            if let Some(next) = run.get(k + 1) {
                let own = pdf_width(face, here.gid);
                let wanted = (next.x - here.x) * 1000.0 / here.size;
                let adjust = ((own - wanted) * 100.0).round() / 100.0;
                cp.offset = if adjust.abs() < 0.01 { 0.0 } else { adjust };
            }
            cp
        })
        .collect()
}

/// A glyph's advance as printpdf writes it in the `/W` array: thousandths
/// of an em, truncated.
fn pdf_width(face: &super::fonts::LoadedFace, gid: u16) -> f32 {
    let advance = face.shaper.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(gid)).unwrap_or(0);
    (f32::from(advance) * 1000.0 / face.units_per_em).trunc()
}

fn glyph(gid: u16, text: &str) -> Codepoint {
    Codepoint { gid, offset: 0.0, cid: Some(text.to_owned()) }
}

fn draw_shape(ops: &mut Vec<Op>, shape: &Shape, ox: f32, top: f32, height: f32, logo: Option<&printpdf::XObjectId>) {
    match *shape {
        Shape::Rect { x, y, w, h, color: c } => {
            ops.push(Op::SetFillColor { col: color(c) });
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(ox + x),
                    y: Pt(height - (top + y + h)),
                    width: Pt(w),
                    height: Pt(h),
                    mode: Some(PaintMode::Fill),
                    winding_order: Some(WindingOrder::NonZero),
                },
            });
        }
        Shape::Line { x1, y1, x2, y2, width, color: c } => {
            ops.push(Op::SetOutlineColor { col: color(c) });
            ops.push(Op::SetOutlineThickness { pt: Pt(width) });
            let p = |x: f32, y: f32| LinePoint { p: Point { x: Pt(ox + x), y: Pt(height - (top + y)) }, bezier: false };
            ops.push(Op::DrawLine { line: PdfLine { points: vec![p(x1, y1), p(x2, y2)], is_closed: false } });
        }
        Shape::Logo { x, y, size, .. } => {
            if let Some(id) = logo {
                ops.push(Op::UseXobject {
                    id: id.clone(),
                    transform: XObjectTransform {
                        translate_x: Some(Pt(ox + x)),
                        translate_y: Some(Pt(height - (top + y + size))),
                        dpi: Some(LOGO_PX * 72.0 / size),
                        ..XObjectTransform::default()
                    },
                });
            }
        }
    }
}

/// Serialises to a lopdf document for the post-processing pass.
pub fn to_lopdf(doc: &PdfDocument) -> lopdf::Document {
    let mut warnings = Vec::new();
    let opts = PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: None };
    doc.to_lopdf_document(&opts, &mut warnings)
}
