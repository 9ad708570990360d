//! Turns styled text into shaped glyphs: per-character font fallback, bidi
//! levels (unicode-bidi), then rustybuzz shaping of each run of one face,
//! one style and one direction.
//!
//! Promises: every glyph knows the byte range of the text it came from
//! (its cluster), and exactly one glyph of each cluster carries that text
//! (the others carry none), so the PDF's ToUnicode map gives back the words
//! exactly as written, Arabic and Hebrew included.

use std::ops::Range;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use rustybuzz::{Direction, ShapePlan, UnicodeBuffer};
use unicode_bidi::BidiInfo;

use super::fonts::{face_for, Face, Fonts, LoadedFace};
use super::hyphenate::SOFT_HYPHEN;

/// An RGB colour, each channel 0..=1.
pub type Rgb = [f32; 3];

/// How a piece of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub face: Face,
    pub size: f32,
    pub color: Rgb,
    /// Index into the document's link table, when the text is a link.
    pub link: Option<usize>,
}

impl Style {
    pub fn new(face: Face, size: f32, color: Rgb) -> Self {
        Style { face, size, color, link: None }
    }
}

/// Text in one style.
#[derive(Debug, Clone)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

impl Span {
    pub fn new(text: impl Into<String>, style: Style) -> Self {
        Span { text: text.into(), style }
    }
}

/// One shaped glyph.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub gid: u16,
    pub face: Face,
    pub style: Style,
    /// Advance and offsets, in points.
    pub advance: f32,
    pub dx: f32,
    pub dy: f32,
    /// Byte offset of its cluster in the paragraph text.
    pub cluster: usize,
    /// The text this glyph stands for in the ToUnicode map: the whole
    /// cluster for the first glyph of a cluster, empty for the others.
    pub text: String,
    /// For a soft hyphen (which takes no room): the glyph and advance of
    /// the hyphen drawn when a line breaks there.
    pub hyphen: Option<(u16, f32)>,
}

/// A run of text shaped in one go.
#[derive(Debug, Clone)]
pub struct Segment {
    pub bytes: Range<usize>,
    pub glyphs: Range<usize>,
    /// Bidi embedding level; odd is right-to-left.
    pub level: u8,
}

/// A paragraph, shaped.
#[derive(Debug, Clone)]
pub struct Shaped {
    pub text: String,
    pub glyphs: Vec<Glyph>,
    pub segments: Vec<Segment>,
}

thread_local! {
    static PLANS: RefCell<HashMap<(usize, bool, u32), ShapePlan>> = RefCell::new(HashMap::new());
    /// Runs already shaped, by face and direction, then text: justified
    /// text is cut into many short runs at its soft hyphens ("gov", "ern",
    /// "ment"), and the same pieces come back page after page.
    static RUNS: RefCell<HashMap<(usize, bool), HashMap<String, Rc<[RunGlyph]>>>> = RefCell::new(HashMap::new());
}

/// How many shaped runs are kept before the cache starts over.
const RUNS_KEPT: usize = 40_000;

/// A glyph of a shaped run, in font units, as rustybuzz gave it.
#[derive(Debug, Clone, Copy)]
struct RunGlyph {
    gid: u16,
    cluster: u32,
    x_advance: i32,
    x_offset: i32,
    y_offset: i32,
}

/// `piece` shaped in `face`, from the cache or by rustybuzz. The result
/// depends on nothing else: the plan follows from the face, the direction
/// and the script the text itself gives.
fn shaped_run(loaded: &LoadedFace, face: Face, piece: &str, rtl: bool) -> Rc<[RunGlyph]> {
    let key = (face.index(), rtl);
    if let Some(hit) = RUNS.with(|runs| runs.borrow().get(&key).and_then(|m| m.get(piece)).cloned()) {
        return hit;
    }
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(piece);
    buffer.guess_segment_properties();
    let direction = if rtl { Direction::RightToLeft } else { Direction::LeftToRight };
    buffer.set_direction(direction);
    if piece.contains(SOFT_HYPHEN) {
        // Kept, not hidden, so each possible break has a glyph to become.
        buffer.set_flags(rustybuzz::BufferFlags::PRESERVE_DEFAULT_IGNORABLES);
    }
    // Building a shape plan costs more than shaping a short run, so plans
    // are kept per face, direction and script.
    let plan_key = (face.index(), rtl, buffer.script().tag().as_u32());
    let shaped = PLANS.with(|plans| {
        let mut plans = plans.borrow_mut();
        let plan = plans.entry(plan_key).or_insert_with(|| {
            ShapePlan::new(&loaded.shaper, direction, Some(buffer.script()), None, &[])
        });
        rustybuzz::shape_with_plan(&loaded.shaper, plan, buffer)
    });
    let glyphs: Rc<[RunGlyph]> = shaped
        .glyph_infos()
        .iter()
        .zip(shaped.glyph_positions())
        .map(|(info, pos)| RunGlyph {
            gid: info.glyph_id as u16,
            cluster: info.cluster,
            x_advance: pos.x_advance,
            x_offset: pos.x_offset,
            y_offset: pos.y_offset,
        })
        .collect();
    RUNS.with(|runs| {
        let mut runs = runs.borrow_mut();
        if runs.values().map(HashMap::len).sum::<usize>() >= RUNS_KEPT {
            runs.clear();
        }
        runs.entry(key).or_default().insert(piece.to_owned(), glyphs.clone());
    });
    glyphs
}

/// Shapes a paragraph made of `spans`.
pub fn shape(fonts: &Fonts, spans: &[Span]) -> Shaped {
    let mut text = String::new();
    let mut span_of_byte: Vec<(usize, Style)> = Vec::new();
    for span in spans {
        span_of_byte.push((text.len(), span.style));
        text.push_str(&span.text);
    }
    let levels = bidi_levels(&text);

    // Cut the text into runs of one style, one face and one level.
    let mut runs: Vec<(Range<usize>, Style, Face, u8)> = Vec::new();
    let mut span_idx = 0;
    let mut prev_face: Option<Face> = None;
    let mut prev_char = None;
    for (i, ch) in text.char_indices() {
        while span_idx + 1 < span_of_byte.len() && span_of_byte[span_idx + 1].0 <= i {
            span_idx += 1;
            prev_face = None;
        }
        let Some(&(_, style)) = span_of_byte.get(span_idx) else { continue };
        // A space keeps the face of the word before it so that "الشيخ جراح"
        // stays one run and shapes as one.
        let face = match prev_face {
            Some(f) if ch.is_whitespace() && fonts.get(f).shaper.glyph_index(ch).is_some() => f,
            _ => face_for(fonts, style.face, ch),
        };
        prev_face = Some(face);
        let level = levels.as_ref().map_or(0, |l| l[i]);
        let end = i + ch.len_utf8();
        // A soft hyphen is a run of its own: no ligature or kerning may
        // join the letters either side of a place the line may break.
        let after_soft = prev_char.replace(ch) == Some(SOFT_HYPHEN);
        let soft = ch == SOFT_HYPHEN || after_soft;
        match runs.last_mut() {
            Some((r, s, f, l)) if r.end == i && *s == style && *f == face && *l == level && !soft => r.end = end,
            _ => runs.push((i..end, style, face, level)),
        }
    }

    let mut glyphs = Vec::with_capacity(text.len());
    let mut segments = Vec::with_capacity(runs.len());
    for (range, style, face, level) in runs {
        let first = glyphs.len();
        shape_run(fonts, &text, range.clone(), style, face, level % 2 == 1, &mut glyphs);
        segments.push(Segment { bytes: range, glyphs: first..glyphs.len(), level });
    }
    Shaped { text, glyphs, segments }
}

/// The bidi level of each byte, or `None` when the text holds nothing
/// right-to-left (the common case, which then skips the bidi algorithm).
fn bidi_levels(text: &str) -> Option<Vec<u8>> {
    if !text.chars().any(is_rtl_char) {
        return None;
    }
    // A line separator, unlike a newline, does not end the bidi paragraph.
    let info = BidiInfo::new(text, Some(unicode_bidi::Level::ltr()));
    Some(info.levels.iter().map(|l| l.number()).collect())
}

fn is_rtl_char(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

fn shape_run(fonts: &Fonts, text: &str, range: Range<usize>, style: Style, face: Face, rtl: bool, out: &mut Vec<Glyph>) {
    let loaded = fonts.get(face);
    let piece = &text[range.clone()];
    let shaped = shaped_run(loaded, face, piece, rtl);
    let scale = style.size / loaded.units_per_em;

    // Cluster starts in logical order give each cluster its text.
    let mut starts: Vec<usize> = shaped.iter().map(|g| g.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let text_of = |cluster: usize| -> &str {
        let next = match starts.binary_search(&cluster) {
            Ok(k) => starts.get(k + 1).copied().unwrap_or(piece.len()),
            Err(_) => piece.len(),
        };
        piece.get(cluster..next).unwrap_or("")
    };

    let mut seen: Vec<bool> = vec![false; piece.len() + 1];
    for g in shaped.iter() {
        let cluster = g.cluster as usize;
        let first = !std::mem::replace(&mut seen[cluster.min(piece.len())], true);
        let glyph_text = if first { text_of(cluster) } else { "" };
        // Line and paragraph separators draw nothing.
        let glyph_text = if glyph_text == "\u{2028}" { "" } else { glyph_text };
        let hyphen = (glyph_text == "\u{ad}").then(|| hyphen_glyph(loaded, scale));
        out.push(Glyph {
            gid: g.gid,
            face,
            style,
            advance: if hyphen.is_some() { 0.0 } else { g.x_advance as f32 * scale },
            dx: g.x_offset as f32 * scale,
            dy: g.y_offset as f32 * scale,
            cluster: range.start + cluster,
            text: glyph_text.to_owned(),
            hyphen,
        });
    }
}

/// The glyph drawn for a soft hyphen where a line breaks, and its advance in
/// points: the face's own soft-hyphen glyph when it has one apart from the
/// hyphen's (so the text taken from the PDF knows it was inserted), else
/// the hyphen.
fn hyphen_glyph(loaded: &LoadedFace, scale: f32) -> (u16, f32) {
    let f = &loaded.shaper;
    let gid = f.glyph_index(SOFT_HYPHEN).or_else(|| f.glyph_index('-')).unwrap_or_default();
    let advance = f.glyph_hor_advance(gid).map_or(0.0, |a| f32::from(a) * scale);
    (gid.0, advance)
}

/// Width of `text` in `style`, in points (for measuring labels and page
/// numbers; ignores bidi).
pub fn width(fonts: &Fonts, spans: &[Span]) -> f32 {
    shape(fonts, spans).glyphs.iter().map(|g| g.advance).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fonts::fonts;
    use crate::export::layout::{break_lines, Measure};

    #[test]
    fn arabic_is_joined_and_set_right_to_left_inside_english() {
        let fonts = fonts().expect("the bundled fonts load");
        let style = Style::new(Face::Serif, 10.0, [0.0; 3]);
        let shaped = shape(fonts, &[Span::new("in الشيخ جراح today", style)]);
        assert!(shaped.glyphs.iter().any(|g| g.face == Face::Arabic), "Arabic letters fall back to the Arabic face");
        let lines = break_lines(&shaped, Measure { width: 500.0, justify: false });
        assert_eq!(lines.len(), 1, "the sentence fits one line");
        let x_of = |c: char| lines[0].glyphs.iter().find(|g| g.text.starts_with(c)).map(|g| g.x).expect("glyph present");
        // ش is only in the first word, ج only in the second.
        assert!(x_of('ج') < x_of('ش'), "the second Arabic word is drawn left of the first: right to left");
        assert!(x_of('i') < x_of('ج') && x_of('ش') < x_of('t'), "the Arabic sits between the English words");
        let text: String = lines[0].glyphs.iter().map(|g| g.text.as_str()).collect::<Vec<_>>().concat();
        let mut logical: Vec<char> = text.chars().collect();
        let mut want: Vec<char> = "in الشيخ جراح today".chars().collect();
        logical.sort_unstable();
        want.sort_unstable();
        assert_eq!(logical, want, "every character is carried by exactly one glyph, none lost or doubled");
        // Joined: ش between ل and ي takes its medial form, not the isolated one.
        let gid_of = |sh: &Shaped| sh.glyphs.iter().find(|g| g.text.starts_with('ش')).map(|g| g.gid);
        let alone = shape(fonts, &[Span::new("ش", style)]);
        assert_ne!(gid_of(&shaped), gid_of(&alone), "letters inside a word are joined (contextual forms)");
    }

    #[test]
    fn a_soft_hyphen_takes_no_room_and_joins_no_ligature_across_it() {
        let fonts = fonts().expect("the bundled fonts load");
        let style = Style::new(Face::Serif, 10.0, [0.0; 3]);
        let shaped = shape(fonts, &[Span::new("Af\u{ad}fairs", style)]);
        let at_break: Vec<&Glyph> = shaped.glyphs.iter().filter(|g| g.cluster == 2).collect();
        assert_eq!(at_break.len(), 1, "one glyph stands for the soft hyphen");
        assert!(at_break[0].hyphen.is_some_and(|(_, w)| w > 0.0) && at_break[0].advance == 0.0, "it takes no room until a line breaks there");
        assert_eq!(at_break[0].text, "\u{ad}");
        let letters: Vec<&Glyph> = shaped.glyphs.iter().filter(|g| g.cluster != 2).collect();
        assert!(letters.iter().all(|g| g.hyphen.is_none()));
        assert_eq!(letters.len(), 7, "no ff ligature hides the break: one glyph per letter");
    }
}
