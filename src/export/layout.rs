//! Line breaking and pagination.
//!
//! Lines are broken where unicode-linebreak allows, measured with the real
//! advances of the shaped glyphs; a word wider than the line is cut at a
//! cluster boundary rather than run off the page. In justified text a word
//! may also break at a soft hyphen (`hyphenate.rs` puts them): only when
//! breaking at the last whole word would stretch the spaces too far, never
//! for more than two lines in a row, and the hyphen is drawn only there. Each line is reordered
//! for display by the bidi rule L2, so right-to-left runs read correctly.
//!
//! Pages are filled block by block. Promises: a heading is never the last
//! thing on a page (it moves with the first lines of what follows), and a
//! paragraph never leaves one line alone at the foot or the head of a page.
//! A table (`table.rs`) is one splittable block of rows, its header row
//! first and marked [`Block::repeat_head`]: wherever pagination carries the
//! table onto a new page it sets a copy of the header row there first, so
//! the repeat is decided where the page break is, and nothing after
//! pagination has to guess which rows a page continues.

use unicode_linebreak::{linebreaks, BreakOpportunity};

use super::fonts::Face;
use super::hyphenate::{MAX_HYPHENATED_LINES, SOFT_HYPHEN};
use super::shaping::{Rgb, Shaped, Style};
use super::tags::ElemId;

/// A glyph placed on a line.
#[derive(Debug, Clone)]
pub struct Placed {
    /// From the line's left edge, in points.
    pub x: f32,
    pub dy: f32,
    pub gid: u16,
    pub face: Face,
    pub size: f32,
    pub color: Rgb,
    pub link: Option<usize>,
    pub text: String,
}

/// One line of text.
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub glyphs: Vec<Placed>,
    pub width: f32,
    /// The structure element the line's text belongs to (`tags.rs`);
    /// `None` makes it an artifact (running header, footer).
    pub tag: Option<ElemId>,
}

impl Line {
    /// The horizontal extent of each link on the line, as (x0, x1, link).
    pub fn links(&self) -> Vec<(f32, f32, usize)> {
        let mut out: Vec<(f32, f32, usize)> = Vec::new();
        for g in &self.glyphs {
            if let Some(l) = g.link {
                match out.last_mut() {
                    Some((_, x1, last)) if *last == l => *x1 = x1.max(g.x + g.size * 0.6),
                    _ => out.push((g.x, g.x + g.size * 0.6, l)),
                }
            }
        }
        out
    }
}

/// How a paragraph's lines are set.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    pub width: f32,
    pub justify: bool,
}

/// Breaks a shaped paragraph into lines no wider than `measure.width`.
pub fn break_lines(shaped: &Shaped, measure: Measure) -> Vec<Line> {
    let text = &shaped.text;
    if text.is_empty() {
        return Vec::new();
    }
    let m = Metrics::new(shaped);
    // No measure is narrower than nothing: a negative one would have every
    // trailing space "wider than the line".
    let measure = Measure { width: measure.width.max(0.0), ..measure };
    let breaks = choose_breaks(text, &m, measure.width);
    breaks
        .into_iter()
        .filter_map(|(a, b, last)| {
            let end = m.trim_end(text, a, b);
            let natural = m.width(a, end) + m.hyphen(b);
            let line = assemble(shaped, a, end, natural, measure, last);
            (end > a || last).then_some(line)
        })
        .collect()
}

/// How wide a shaped paragraph sets, for sizing a table's columns.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Extent {
    /// Its longest unbreakable piece: any narrower measure cuts a word.
    pub narrowest: f32,
    /// Its longest line when nothing wraps.
    pub natural: f32,
    /// Its widest cluster: any narrower measure runs a letter past it.
    pub widest_cluster: f32,
}

/// Measures a shaped paragraph the way [`break_lines`] would break it
/// (a word is not broken after its hyphen; soft hyphens are not taken).
pub fn extent(shaped: &Shaped) -> Extent {
    let text = &shaped.text;
    let m = Metrics::new(shaped);
    let mut e = Extent::default();
    let (mut word, mut line) = (0, 0);
    for (pos, kind) in linebreaks(text) {
        if kind == BreakOpportunity::Allowed && text[..pos].ends_with('-') {
            continue;
        }
        e.narrowest = e.narrowest.max(m.line(text, word, pos));
        word = pos;
        if kind == BreakOpportunity::Mandatory {
            e.natural = e.natural.max(m.line(text, line, pos));
            line = pos;
        }
    }
    let mut starts = text.char_indices().map(|(i, _)| i).chain([text.len()]).peekable();
    while let (Some(a), Some(&b)) = (starts.next(), starts.peek()) {
        e.widest_cluster = e.widest_cluster.max(m.width(a, b));
    }
    e
}

/// Widths of any stretch of a shaped paragraph, in constant time.
struct Metrics {
    /// `prefix[i]`: the advance of the text before byte `i`.
    prefix: Vec<f32>,
    /// The hyphen drawn at a soft hyphen, by the byte just after it.
    hyphens: Vec<(usize, f32)>,
    /// The size of the paragraph's first glyph, for the stretch allowed.
    size: f32,
}

impl Metrics {
    fn new(shaped: &Shaped) -> Self {
        let text = &shaped.text;
        // Advance of each byte's cluster, then prefix sums.
        let mut adv = vec![0f32; text.len() + 1];
        let mut hyphens = Vec::new();
        for g in &shaped.glyphs {
            if let Some(a) = adv.get_mut(g.cluster) {
                *a += g.advance;
            }
            if let Some((_, width)) = g.hyphen {
                hyphens.push((g.cluster + SOFT_HYPHEN.len_utf8(), width));
            }
        }
        hyphens.sort_by_key(|h| h.0);
        let mut prefix = vec![0f32; text.len() + 1];
        for i in 0..text.len() {
            prefix[i + 1] = prefix[i] + adv[i];
        }
        let size = shaped.glyphs.first().map_or(10.0, |g| g.style.size);
        Metrics { prefix, hyphens, size }
    }

    fn width(&self, a: usize, b: usize) -> f32 {
        self.prefix[b] - self.prefix[a]
    }

    /// The width of the hyphen a line ending at `b` draws (none unless it
    /// ends at a soft hyphen).
    fn hyphen(&self, b: usize) -> f32 {
        self.hyphens.binary_search_by_key(&b, |h| h.0).map_or(0.0, |k| self.hyphens[k].1)
    }

    fn trim_end(&self, text: &str, a: usize, b: usize) -> usize {
        text[a..b].trim_end_matches(|c: char| c.is_whitespace()).len() + a
    }

    /// The width of a line from `a` to the break `b`, hyphen included.
    fn line(&self, text: &str, a: usize, b: usize) -> f32 {
        self.width(a, self.trim_end(text, a, b)) + self.hyphen(b)
    }
}

/// Where the lines of a paragraph break: (start, end, ends the paragraph
/// or is forced). Greedy: each line takes as much as fits. A soft hyphen
/// is taken only when breaking at the last word that fits would stretch
/// the spaces by more than [`GOOD_STRETCH`] of an em each, and never for
/// more than [`MAX_HYPHENATED_LINES`] lines in a row.
fn choose_breaks(text: &str, m: &Metrics, width: f32) -> Vec<(usize, usize, bool)> {
    let mut lines: Vec<(usize, usize, bool)> = Vec::new();
    let mut start = 0;
    let mut last_ok: Option<usize> = None;
    let mut last_word: Option<usize> = None;
    let mut hyphenated = 0;
    for (pos, kind) in linebreaks(text) {
        // Breaking after a hyphen splits names like Tremblay-Nadeau, and
        // text extraction then drops the hyphen: only a mandatory break or
        // a word too long for the line may cut there.
        if kind == BreakOpportunity::Allowed && text[..pos].ends_with('-') {
            continue;
        }
        let soft = text[..pos].ends_with(SOFT_HYPHEN);
        if m.line(text, start, pos) > width {
            if let Some(b) = last_ok.filter(|&b| b > start) {
                let b = match last_word.filter(|&w| w > start && w < b) {
                    Some(w) if !stretches(text, m, start, w, width) => w,
                    _ => b,
                };
                lines.push((start, b, false));
                hyphenated = if text[..b].ends_with(SOFT_HYPHEN) { hyphenated + 1 } else { 0 };
                start = b;
                (last_ok, last_word) = (None, None);
            }
            // Cut words that are wider than a whole line.
            while m.line(text, start, pos) > width && m.width(start, m.trim_end(text, start, pos)) > width {
                let cut = cut_point(text, start, pos, width, &m.prefix);
                if cut <= start {
                    break;
                }
                lines.push((start, cut, false));
                start = cut;
                hyphenated = 0;
            }
        }
        if !soft {
            last_word = Some(pos);
            last_ok = Some(pos);
        } else if hyphenated < MAX_HYPHENATED_LINES {
            last_ok = Some(pos);
        }
        if kind == BreakOpportunity::Mandatory {
            lines.push((start, pos, true));
            start = pos;
            (last_ok, last_word, hyphenated) = (None, None, 0);
        }
    }
    if start < text.len() {
        lines.push((start, text.len(), true));
    }
    lines
}

/// How much a justified line's spaces may stretch, each, before a hyphen
/// is better: a fraction of the type's size.
const GOOD_STRETCH: f32 = 0.15;

/// Whether the line `a..b` set justified would stretch its spaces by more
/// than [`GOOD_STRETCH`] em each (or has no space to stretch).
fn stretches(text: &str, m: &Metrics, a: usize, b: usize, width: f32) -> bool {
    let end = m.trim_end(text, a, b);
    let spaces = text[a..end].matches(' ').count();
    spaces == 0 || (width - m.width(a, end)) / spaces as f32 > GOOD_STRETCH * m.size
}

/// Where to cut a word too wide for the line: the last cluster start at
/// which the piece still fits (at least one character, so it progresses).
fn cut_point(text: &str, start: usize, end: usize, width: f32, prefix: &[f32]) -> usize {
    let mut best = None;
    for (i, _) in text[start..end].char_indices().skip(1) {
        let at = start + i;
        if prefix[at] - prefix[start] > width {
            break;
        }
        // A byte with no advance of its own continues a cluster: not a cut.
        best = Some(at);
    }
    best.unwrap_or_else(|| {
        text[start..end].char_indices().nth(1).map_or(end, |(i, _)| start + i)
    })
}

fn assemble(shaped: &Shaped, a: usize, b: usize, natural: f32, measure: Measure, last: bool) -> Line {
    // The pieces of each segment that fall on this line, in logical order.
    // Segments follow one another through the text: the line's first one is
    // found by bisection, so a paragraph of many style changes costs each
    // line only its own segments, not all of them.
    let mut pieces: Vec<(usize, usize, usize, u8)> = Vec::new(); // (segment, from, to, level)
    let first = shaped.segments.partition_point(|s| s.bytes.end <= a);
    for (k, s) in shaped.segments.iter().enumerate().skip(first) {
        if s.bytes.start >= b {
            break;
        }
        let from = s.bytes.start.max(a);
        let to = s.bytes.end.min(b);
        if from < to {
            pieces.push((k, from, to, s.level));
        }
    }
    // Rule L2: from the highest level down to the lowest odd one, reverse
    // every maximal sequence at that level or above.
    let max = pieces.iter().map(|p| p.3).max().unwrap_or(0);
    let min_odd = pieces.iter().map(|p| p.3).filter(|l| l % 2 == 1).min().unwrap_or(max + 1);
    let mut level = max;
    while level >= min_odd && level > 0 {
        let mut i = 0;
        while i < pieces.len() {
            if pieces[i].3 >= level {
                let mut j = i;
                while j < pieces.len() && pieces[j].3 >= level {
                    j += 1;
                }
                pieces[i..j].reverse();
                i = j;
            } else {
                i += 1;
            }
        }
        level -= 1;
    }

    let spaces = shaped.text[a..b].matches(' ').count();
    let slack = measure.width - natural;
    let extra = if measure.justify && !last && spaces > 0 && slack > 0.0 {
        let e = slack / spaces as f32;
        // A line with so few spaces that they would gape stays ragged.
        if e < 6.0 { e } else { 0.0 }
    } else {
        0.0
    };

    let mut line = Line { glyphs: Vec::with_capacity(b - a), width: 0.0, tag: None };
    let mut x = 0.0;
    for (k, from, to, _) in pieces {
        let seg = &shaped.segments[k];
        let glyphs = &shaped.glyphs[seg.glyphs.clone()];
        // Clusters run up (left to right) or down (right to left) through a
        // segment: find this line's glyphs by bisection, not a full scan.
        let (lo, hi) = if seg.level % 2 == 0 {
            (glyphs.partition_point(|g| g.cluster < from), glyphs.partition_point(|g| g.cluster < to))
        } else {
            (glyphs.partition_point(|g| g.cluster >= to), glyphs.partition_point(|g| g.cluster >= from))
        };
        for g in &glyphs[lo..hi.max(lo)] {
            if g.cluster < from || g.cluster >= to {
                continue;
            }
            // A soft hyphen is drawn, as a hyphen, only where the line ends.
            let gid = match g.hyphen {
                Some((hyphen, advance)) if g.cluster + SOFT_HYPHEN.len_utf8() == b => {
                    line.glyphs.push(Placed { x, dy: 0.0, gid: hyphen, face: g.face, size: g.style.size, color: g.style.color, link: g.style.link, text: g.text.clone() });
                    x += advance;
                    continue;
                }
                Some(_) => continue,
                None => g.gid,
            };
            line.glyphs.push(Placed {
                x: x + g.dx,
                dy: g.dy,
                gid,
                face: g.face,
                size: g.style.size,
                color: g.style.color,
                link: g.style.link,
                text: g.text.clone(),
            });
            x += g.advance;
            if extra > 0.0 && g.text == " " {
                x += extra;
            }
        }
    }
    line.width = x;
    line
}

/// Anything drawn that is not text, relative to its row's top-left corner
/// (y grows downward here; the PDF writer flips it).
#[derive(Debug, Clone)]
pub enum Shape {
    /// A filled rectangle.
    Rect { x: f32, y: f32, w: f32, h: f32, color: Rgb },
    /// A horizontal or vertical rule.
    Line { x1: f32, y1: f32, x2: f32, y2: f32, width: f32, color: Rgb },
    /// The organisation's logo, the content of its Figure element.
    Logo { x: f32, y: f32, size: f32, figure: Option<ElemId> },
}

/// A line of text set at (x, baseline) inside a row.
#[derive(Debug, Clone)]
pub struct SetLine {
    pub x: f32,
    pub baseline: f32,
    pub line: Line,
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkTarget {
    Page(usize),
    Uri(String),
}

/// A horizontal slice of a page that is never split: one line of a
/// paragraph, or one row of a table.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub height: f32,
    pub lines: Vec<SetLine>,
    pub shapes: Vec<Shape>,
    /// Clickable areas (x, y, w, h from the row's top-left) and their link.
    pub links: Vec<(f32, f32, f32, f32, usize)>,
    /// For a row of a table: which cell each of its lines is in.
    pub table: Option<TableRow>,
}

/// Where a row of a table sits in it, kept so a later pass (tagging the
/// PDF for screen readers) can tell header cells from data cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableRow {
    /// Which table of the flow, counted from 0.
    pub table: usize,
    /// The table's row: 0 is the header row, data rows count from 1.
    pub row: usize,
    /// The column (from 0) of each of the row's `lines`, in order.
    pub columns: Vec<usize>,
    /// A row taller than a page is cut between lines: which piece this is.
    pub piece: usize,
    /// A copy of the header row set again at the top of a page the table
    /// continues onto: a repeat, not content of its own.
    pub repeated: bool,
}

impl TableRow {
    pub fn is_header(&self) -> bool {
        self.row == 0
    }
}

impl Row {
    /// A row holding one line, with `leading` points from top to top.
    pub fn of_line(line: Line, x: f32, leading: f32, size: f32) -> Row {
        let baseline = leading * 0.5 + size * 0.35;
        let links = line
            .links()
            .into_iter()
            .map(|(x0, x1, l)| (x + x0, 0.0, x1 - x0, leading, l))
            .collect();
        Row { height: leading, lines: vec![SetLine { x, baseline, line }], shapes: Vec::new(), links, table: None }
    }

    /// Gives every line not yet tagged to element `elem`.
    pub fn tag(&mut self, elem: ElemId) {
        for set in &mut self.lines {
            set.line.tag.get_or_insert(elem);
        }
    }
}

/// What the page flow keeps together or apart.
#[derive(Debug, Clone, Default)]
pub struct Block {
    pub rows: Vec<Row>,
    pub space_before: f32,
    pub space_after: f32,
    /// Never end a page with this block (headings).
    pub keep_with_next: bool,
    /// May be split across pages, leaving at least two rows on each side.
    pub splittable: bool,
    pub page_break_before: bool,
    /// An anchor the table of contents and the outline point at.
    pub anchor: Option<usize>,
    /// A table: the first row is its header, set again at the top of every
    /// page the block continues onto.
    pub repeat_head: bool,
}

impl Block {
    /// Gives every line of the block not yet tagged to element `elem`.
    pub fn tag(&mut self, elem: ElemId) {
        for row in &mut self.rows {
            row.tag(elem);
        }
    }

    /// The block, its lines given to `elem`.
    pub fn tagged(mut self, elem: ElemId) -> Block {
        self.tag(elem);
        self
    }
}

/// A row placed on a page, `top` points below the top of the text area.
#[derive(Debug, Clone)]
pub struct PlacedRow {
    pub top: f32,
    pub row: Row,
}

/// A page of the flow.
#[derive(Debug, Clone, Default)]
pub struct FlowPage {
    pub rows: Vec<PlacedRow>,
}

/// Pours blocks into pages of `height` points. Returns the pages and, for
/// each anchor, the page index (from 0) and the offset from the top of the
/// text area where its block starts.
pub fn paginate(blocks: Vec<Block>, height: f32, anchors: usize) -> (Vec<FlowPage>, Vec<Option<(usize, f32)>>) {
    const MIN_ROWS: usize = 2;
    let mut pages = vec![FlowPage::default()];
    let mut where_anchor = vec![None; anchors];
    let mut y = 0.0f32;
    let heights: Vec<f32> = blocks.iter().map(|b| b.rows.iter().map(|r| r.height).sum()).collect();

    let mut blocks = blocks.into_iter().enumerate().peekable();
    while let Some((i, block)) = blocks.next() {
        let page_empty = pages.last().is_none_or(|p| p.rows.is_empty());
        if block.page_break_before && !page_empty {
            pages.push(FlowPage::default());
            y = 0.0;
        }
        let page_empty = pages.last().is_none_or(|p| p.rows.is_empty());
        let before = if page_empty { 0.0 } else { block.space_before };
        let total = heights[i];

        // What must come along: for a heading, the start of the next block.
        let mut need = before + total;
        if block.keep_with_next {
            if let Some((j, next)) = blocks.peek() {
                let lead: f32 = if next.splittable {
                    next.rows.iter().take(MIN_ROWS).map(|r| r.height).sum()
                } else {
                    heights[*j].min(height)
                };
                need += block.space_after + next.space_before + lead;
            }
        }
        let fits_whole = y + need <= height;
        let head = block.rows.first().filter(|_| block.repeat_head).map(repeated);
        let mut rows = block.rows;
        if !fits_whole {
            // Split a long paragraph if both parts keep two rows and the
            // first part fits here; otherwise start a new page.
            let mut placed_here = 0;
            if block.splittable && !block.keep_with_next && rows.len() >= 2 * MIN_ROWS {
                let mut h = y + before;
                for r in &rows {
                    if h + r.height > height {
                        break;
                    }
                    h += r.height;
                    placed_here += 1;
                }
                if rows.len() - placed_here < MIN_ROWS {
                    placed_here = rows.len().saturating_sub(MIN_ROWS);
                }
                if placed_here < MIN_ROWS {
                    placed_here = 0;
                }
            }
            if placed_here == 0 {
                if page_empty {
                    // Nothing better is possible: flow it from the top.
                    y += before;
                } else {
                    pages.push(FlowPage::default());
                    y = 0.0;
                }
            } else {
                y += before;
                if let Some(a) = block.anchor {
                    where_anchor[a] = Some((pages.len() - 1, y));
                }
                let rest = rows.split_off(placed_here);
                for r in rows {
                    push_row(&mut pages, &mut y, r);
                }
                new_page(&mut pages, &mut y, head.as_ref());
                place_rest(&mut pages, &mut y, rest, height, head.as_ref());
                y += block.space_after;
                continue;
            }
        } else {
            y += before;
        }
        if let Some(a) = block.anchor {
            where_anchor[a] = Some((pages.len() - 1, y));
        }
        place_rest(&mut pages, &mut y, rows, height, head.as_ref());
        y += block.space_after;
    }
    if pages.len() > 1 && pages.last().is_some_and(|p| p.rows.is_empty()) {
        pages.pop();
    }
    (pages, where_anchor)
}

/// Places rows, starting a page whenever one would overflow (used for what
/// remains of a split block, and for blocks taller than a page); a table's
/// `head` goes first on each page it starts.
fn place_rest(pages: &mut Vec<FlowPage>, y: &mut f32, rows: Vec<Row>, height: f32, head: Option<&Row>) {
    for r in rows {
        let page_empty = pages.last().is_none_or(|p| p.rows.is_empty());
        if *y + r.height > height && !page_empty {
            new_page(pages, y, head);
        }
        push_row(pages, y, r);
    }
}

/// Starts a page, with a table's header row at its top when the table
/// continues onto it.
fn new_page(pages: &mut Vec<FlowPage>, y: &mut f32, head: Option<&Row>) {
    pages.push(FlowPage::default());
    *y = 0.0;
    if let Some(h) = head {
        push_row(pages, y, h.clone());
    }
}

/// A table's header row as repeated on a continuation page: an artifact
/// (its lines untagged), so a screen reader reads the header once.
fn repeated(head: &Row) -> Row {
    let mut row = head.clone();
    if let Some(t) = row.table.as_mut() {
        t.repeated = true;
    }
    for set in &mut row.lines {
        set.line.tag = None;
    }
    row
}

fn push_row(pages: &mut [FlowPage], y: &mut f32, row: Row) {
    let h = row.height;
    if let Some(p) = pages.last_mut() {
        p.rows.push(PlacedRow { top: *y, row });
    }
    *y += h;
}

/// A block of one style's lines, e.g. a paragraph.
pub fn text_block(lines: Vec<Line>, x: f32, leading: f32, size: f32) -> Block {
    Block {
        rows: lines.into_iter().map(|l| Row::of_line(l, x, leading, size)).collect(),
        splittable: true,
        ..Block::default()
    }
}

/// Convenience: the style of a run of text.
pub fn style(face: Face, size: f32, color: Rgb) -> Style {
    Style::new(face, size, color)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(n: usize, h: f32) -> Vec<Row> {
        (0..n).map(|_| Row { height: h, ..Row::default() }).collect()
    }

    fn para(n: usize) -> Block {
        Block { rows: rows(n, 10.0), splittable: true, ..Block::default() }
    }

    fn heading(anchor: usize) -> Block {
        Block { rows: rows(1, 20.0), keep_with_next: true, anchor: Some(anchor), ..Block::default() }
    }

    #[test]
    fn a_heading_is_never_the_last_thing_on_a_page() {
        // 85 of 100 points used, then a heading (20) and a paragraph: the
        // heading alone would fit, but not with two lines after it.
        let (pages, anchors) = paginate(vec![para(8), heading(0), para(5)], 100.0, 1);
        assert_eq!(anchors[0].map(|a| a.0), Some(1), "the heading moves to the next page with its paragraph");
        assert_eq!(pages[0].rows.len(), 8, "the first page keeps only the first paragraph");
    }

    #[test]
    fn a_paragraph_never_leaves_one_line_alone() {
        // 9 lines fit on the page (90 of 100 points taken by lines); a
        // 10-line paragraph would leave one widow: the break moves up.
        let (pages, _) = paginate(vec![para(10)], 95.0, 0);
        let counts: Vec<usize> = pages.iter().map(|p| p.rows.len()).collect();
        assert_eq!(counts, vec![8, 2], "two lines carry over rather than one");

        // One line would fit at the foot of a page: no orphan, the whole
        // paragraph moves on.
        let (pages, _) = paginate(vec![para(8), para(4)], 95.0, 0);
        let counts: Vec<usize> = pages.iter().map(|p| p.rows.len()).collect();
        assert_eq!(counts, vec![8, 4], "a single first line is not left at the foot");
    }

    #[test]
    fn a_block_taller_than_a_page_still_flows() {
        let (pages, _) = paginate(vec![Block { rows: rows(25, 10.0), ..Block::default() }], 100.0, 0);
        assert_eq!(pages.len(), 3, "an unsplittable block taller than a page is cut rather than lost");
    }

    /// A table of `n` data rows of 10 points under a 12-point header.
    fn table(n: usize) -> Block {
        let row = |r: usize, h: f32| Row { height: h, table: Some(TableRow { row: r, ..TableRow::default() }), ..Row::default() };
        let rows = std::iter::once(row(0, 12.0)).chain((1..=n).map(|r| row(r, 10.0))).collect();
        Block { rows, splittable: true, repeat_head: true, ..Block::default() }
    }

    fn table_rows(page: &FlowPage) -> Vec<(usize, bool)> {
        page.rows.iter().filter_map(|r| r.row.table.as_ref()).map(|t| (t.row, t.repeated)).collect()
    }

    #[test]
    fn a_table_continued_on_a_new_page_starts_it_with_its_header_row() {
        // 60 points of paragraph, then the header and two rows fill the
        // first page (92 of 100); every later page opens with the header.
        let (pages, _) = paginate(vec![para(6), table(20)], 100.0, 0);
        assert_eq!(table_rows(&pages[0]), vec![(0, false), (1, false), (2, false)]);
        let mut data = vec![1, 2];
        for page in &pages[1..] {
            let rows = table_rows(page);
            assert_eq!(rows[0], (0, true), "a continuation page starts with the header, marked a repeat");
            let last = page.rows.last().unwrap();
            assert!(last.top + last.row.height <= 100.0, "the repeated header takes room from the page, not past it");
            data.extend(rows[1..].iter().map(|r| r.0));
        }
        assert_eq!(data, (1..=20).collect::<Vec<_>>(), "each data row once, in order");

        // A heading moves on with the header and the first data row; the
        // header is then the table's own, not a repeat.
        let (pages, _) = paginate(vec![para(8), heading(0), table(3)], 100.0, 1);
        assert_eq!(table_rows(&pages[1]), vec![(0, false), (1, false), (2, false), (3, false)]);
        assert!(table_rows(&pages[0]).is_empty(), "no header is left at the foot of a page");
    }

    use crate::export::fonts::fonts;
    use crate::export::hyphenate::soft_hyphens;
    use crate::export::labels::french_spacing;
    use crate::export::shaping::{shape, Span};
    use crate::vocab::Lang;

    /// The text measure of a Letter page, and the body type, as packets set them.
    const MEASURE: f32 = 468.0;
    const BODY: f32 = 10.5;

    fn set(text: &str, lang: Lang, hyphenate: bool, width: f32) -> Vec<Line> {
        let text = if lang == Lang::Fr { french_spacing(text) } else { text.to_owned() };
        let text = if hyphenate { soft_hyphens(&text, lang) } else { text };
        let style = Style::new(Face::Serif, BODY, [0.0; 3]);
        break_lines(&shape(fonts().expect("fonts"), &[Span::new(text, style)]), Measure { width, justify: true })
    }

    fn ends_hyphenated(line: &Line) -> bool {
        line.glyphs.last().is_some_and(|g| g.text == "\u{ad}")
    }

    #[test]
    fn words_break_at_soft_hyphens_drawn_only_at_line_ends_and_never_three_lines_running() {
        let text = "Internationally coordinated humanitarian organisations acknowledged extraordinary administrative responsibilities. ".repeat(12);
        let lines = set(&text, Lang::En, true, 150.0);
        let hyphenated: Vec<bool> = lines.iter().map(ends_hyphenated).collect();
        assert!(hyphenated.iter().filter(|&&h| h).count() >= 3, "a narrow measure of long words hyphenates: {hyphenated:?}");
        assert!(!hyphenated.windows(3).any(|w| w.iter().all(|&h| h)), "never three hyphenated lines in a row: {hyphenated:?}");
        for line in &lines {
            let drawn: Vec<&Placed> = line.glyphs.iter().filter(|g| g.text == "\u{ad}").collect();
            assert!(drawn.len() <= 1 && (drawn.is_empty() || ends_hyphenated(line)), "a soft hyphen is drawn only at the end of a line");
            assert!(line.width <= 150.0 + 0.01, "the hyphen fits in the measure: {}", line.width);
        }
        let back: String = lines.iter().flat_map(|l| l.glyphs.iter().map(|g| g.text.as_str())).collect::<String>().replace('\u{ad}', "");
        let want: String = text.split_whitespace().collect();
        assert_eq!(back.split_whitespace().collect::<String>(), want, "every letter is drawn once, the words whole once the hyphens are taken out");
    }

    #[test]
    fn a_measure_of_nothing_or_less_still_ends_with_each_letter_once() {
        for width in [0.0, -3000.0] {
            let lines = set("ab cd  ", Lang::En, false, width);
            let letters: String = lines.iter().flat_map(|l| l.glyphs.iter().map(|g| g.text.as_str())).collect::<String>().replace(' ', "");
            assert_eq!(letters, "abcd", "width {width}: every letter once, and the breaking ends");
            assert!(lines.len() <= 7, "width {width}: at most a line a character: {}", lines.len());
        }
    }

    #[test]
    fn a_line_that_sets_well_without_a_hyphen_is_not_hyphenated() {
        let lines = set("The committee will study the question before the summer recess.", Lang::En, true, 2000.0);
        assert_eq!(lines.len(), 1);
        assert!(!lines.iter().any(ends_hyphenated));
    }

    /// The widest space between words on a page of justified text, each
    /// language, without and with hyphenation (README, Speed and quality):
    /// `cargo test -p dossier --lib word_spaces -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn word_spaces_on_a_page_with_and_without_hyphenation() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample/papers");
        for (paper, lang) in [("settlements-trade/v4.md", Lang::En), ("unrwa-refugies/v2.md", Lang::Fr)] {
            let text = std::fs::read_to_string(root.join(paper)).unwrap();
            let paragraphs: Vec<&str> = text.split("\n\n").map(str::trim).filter(|p| p.chars().next().is_some_and(char::is_alphabetic)).collect();
            for hyphenate in [false, true] {
                let (widest, ragged, hyphens) = page_spaces(&paragraphs, lang, hyphenate);
                // What hyphenating costs: the whole paper set 20 times.
                let started = std::time::Instant::now();
                for _ in 0..20 {
                    for p in &paragraphs {
                        std::hint::black_box(set(p, lang, hyphenate, MEASURE));
                    }
                }
                let per_pass = started.elapsed().as_secs_f64() * 1000.0 / 20.0;
                println!(
                    "{paper} ({lang:?}), hyphenation {}: widest word space {widest:.2} pt ({:.2} em), lines left ragged {ragged}, hyphenated lines {hyphens}; whole paper set in {per_pass:.2} ms",
                    if hyphenate { "on" } else { "off" },
                    widest / BODY
                );
            }
        }
    }

    /// Over the first page's worth of lines (43 at 15 pt leading): the widest
    /// word space of a justified line, the lines too loose to justify, and
    /// the hyphenated lines.
    fn page_spaces(paragraphs: &[&str], lang: Lang, hyphenate: bool) -> (f32, usize, usize) {
        let (mut widest, mut ragged, mut hyphens, mut count) = (0f32, 0, 0, 0);
        for p in paragraphs {
            let lines = set(p, lang, hyphenate, MEASURE);
            for (k, line) in lines.iter().enumerate() {
                count += 1;
                if count > 43 {
                    return (widest, ragged, hyphens);
                }
                hyphens += usize::from(ends_hyphenated(line));
                if k + 1 == lines.len() {
                    continue;
                }
                if line.width < MEASURE - 0.5 {
                    ragged += 1;
                }
                for w in line.glyphs.windows(2) {
                    if w[0].text == " " {
                        widest = widest.max(w[1].x - w[0].x);
                    }
                }
            }
        }
        (widest, ragged, hyphens)
    }
}
