//! Writes laid-out pages with printpdf: glyphs by id with their text for
//! the ToUnicode map, rules, rectangles, the logo and the DRAFT mark.
//!
//! Promises: each glyph is placed with an absolute text matrix (printpdf
//! merges a line's glyphs into one `TJ`), fonts are embedded as subsets,
//! and the link areas of each page are handed back for the lopdf pass.

use std::sync::OnceLock;

use printpdf::{
    Codepoint, Color, FontId, Line as PdfLine, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, RawImage, Rect, TextItem, TextMatrix, WindingOrder, XObjectTransform,
};

use super::fonts::{Face, Fonts};
use super::layout::{Line, Placed, Row, Shape};
use super::shaping::Rgb;

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

/// Builds the printpdf document and returns it with each page's links.
/// `tick(k, n)` is called after each of the `n` pages; an error from it
/// stops the writing there.
pub fn write(
    fonts: &Fonts,
    pages: &[PageOut],
    width: f32,
    height: f32,
    title: &str,
    tick: &mut dyn FnMut(usize, usize) -> crate::Result<()>,
) -> crate::Result<(PdfDocument, Vec<Vec<LinkArea>>)> {
    let mut doc = PdfDocument::new(title);
    let font_ids: Vec<FontId> = Face::ALL.iter().map(|f| doc.add_font(&fonts.get(*f).pdf)).collect();
    let logo_id = logo().map(|img| doc.add_image(img));

    let mut out_pages = Vec::with_capacity(pages.len());
    let mut links = Vec::with_capacity(pages.len());
    for (k, page) in pages.iter().enumerate() {
        let mut ops: Vec<Op> = Vec::with_capacity(4096);
        let mut page_links = Vec::new();
        if let Some(mark) = &page.watermark {
            draw_watermark(&mut ops, mark, &font_ids, width, height);
        }
        // Shapes first, so text is drawn over fills.
        for pr in &page.rows {
            for shape in &pr.row.shapes {
                draw_shape(&mut ops, shape, pr.x, pr.top, height, logo_id.as_ref());
            }
            for &(x, y, w, h, link) in &pr.row.links {
                page_links.push(LinkArea { x: pr.x + x, y: height - (pr.top + y + h), w, h, link });
            }
        }
        draw_text(&mut ops, fonts, &font_ids, &page.rows, height);
        out_pages.push(PdfPage::new(Mm::from(Pt(width)), Mm::from(Pt(height)), ops));
        links.push(page_links);
        tick(k + 1, pages.len())?;
    }
    doc.with_pages(out_pages);
    Ok((doc, links))
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
/// is kept by a TJ adjustment.
fn draw_text(ops: &mut Vec<Op>, fonts: &Fonts, font_ids: &[FontId], rows: &[PageRow], height: f32) {
    ops.push(Op::StartTextSection);
    let mut current: Option<(Face, f32)> = None;
    let mut current_color: Option<Rgb> = None;
    for pr in rows {
        for set in &pr.row.lines {
            let baseline = height - (pr.top + set.baseline);
            let glyphs = &set.line.glyphs;
            let mut i = 0;
            while i < glyphs.len() {
                let g = &glyphs[i];
                let j = run_end(glyphs, i);
                if current != Some((g.face, g.size)) {
                    ops.push(Op::SetFont { font: PdfFontHandle::External(font_ids[g.face.index()].clone()), size: Pt(g.size) });
                    current = Some((g.face, g.size));
                }
                if current_color != Some(g.color) {
                    ops.push(Op::SetFillColor { col: color(g.color) });
                    current_color = Some(g.color);
                }
                let x = pr.x + set.x + g.x;
                ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(x), Pt(baseline + g.dy)) });
                let run = tj_run(fonts.get(g.face), &glyphs[i..j]);
                ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(run)] });
                i = j;
            }
        }
    }
    ops.push(Op::EndTextSection);
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
        Shape::Logo { x, y, size } => {
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
