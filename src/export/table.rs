//! Tables: a grid of styled cells set as one block of the page flow.
//!
//! Column widths come from the content. Each column has three widths, the
//! widest over its cells, header included: its natural width (its longest
//! cell on one line), its narrowest (its longest word; narrower cuts a
//! word) and its floor (its widest letter; narrower runs a letter past the
//! column). Then, in the first case that fits the measure:
//!
//! 1. every column at its natural width: the table is only that wide;
//! 2. the columns share the measure at one level L: a column whose natural
//!    width is below L keeps it (short columns never wrap), the others are
//!    L wide, but never narrower than their longest word as long as that
//!    word is within an equal share of the measure. A longer word (a long
//!    address, a chemical name) is cut at its column's edge by the line
//!    breaker rather than squeezing the other columns to a word a line;
//! 3. the same keeping only each column's widest letter, when so many
//!    columns are narrow that even the words of case 2 do not fit;
//! 4. the type (and padding) is made smaller until every column holds its
//!    widest letter, and case 3 is applied at that size.
//!
//! So no text passes the measure, and none is lost. Cells wrap with the
//! line breaker, ragged (no justification or hyphenation), aligned as the
//! Markdown says.
//!
//! The table is one splittable [`Block`]: its first row is the header, and
//! [`Block::repeat_head`] has `paginate` set it again at the top of every
//! page the table continues onto. A row is one [`Row`], so it is never
//! split across pages, unless it is taller than a page less the header:
//! then it is cut between lines into rows that each fit. Every row says in
//! its [`TableRow`] which table and row it is and which column each of its
//! lines is in.

use super::fonts::Fonts;
use super::layout::{break_lines, extent, Block, Extent, Line, Measure, Row, SetLine, Shape, TableRow};
use super::markdown::Align;
use super::shaping::{shape, Rgb, Shaped, Span, Style};
use super::tags::{Attr, ElemId, Role, Tags};

/// A table's cells, styled: the header row, then the data rows, every row
/// with one cell per alignment.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub header: Vec<Vec<Span>>,
    pub rows: Vec<Vec<Vec<Span>>>,
    pub aligns: Vec<Align>,
}

/// Where a table is set.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    /// The table's left edge from the flow's, and the widest it may be.
    pub x: f32,
    pub width: f32,
    /// The height of a page's text area: rows taller than this, less the
    /// header, are cut.
    pub room: f32,
    /// Which table of the flow this is, for [`TableRow::table`].
    pub table: usize,
}

/// How a table looks.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    /// Line spacing, as a multiple of a cell's type size.
    pub leading: f32,
    /// Space inside each cell, left and right, above and below.
    pub pad_x: f32,
    pub pad_y: f32,
    /// The header row's shading and the rule under it (and under the
    /// table's last row).
    pub head_fill: Rgb,
    pub head_rule: Rgb,
    /// The thin rule between data rows.
    pub rule: Rgb,
}

/// The smallest a table's type is made to fit its columns' letters: past
/// this, more letters would not fit anyway.
const MIN_SCALE: f32 = 0.05;

/// Tags a table block under `parent` (`tags.rs`): a Table, a TR per row
/// (the pieces of a cut row share one), and `columns` cells in each, TH
/// heading its column in the header row, TD below; every line goes to its
/// cell. A header row repeated on a continuation page stays untagged: an
/// artifact, read once. Rows without a [`TableRow`] are left as they are.
pub fn tag_table(block: &mut Block, tags: &mut Tags, parent: ElemId, columns: usize) -> ElemId {
    let table = tags.add(Role::Table, parent);
    let mut current: Option<(usize, Vec<ElemId>)> = None;
    for row in &mut block.rows {
        let Some(t) = row.table.as_ref().filter(|t| !t.repeated) else { continue };
        if current.as_ref().is_none_or(|(r, _)| *r != t.row) {
            let tr = tags.add(Role::TR, table);
            let cells = (0..columns)
                .map(|_| {
                    let cell = tags.add(if t.is_header() { Role::TH } else { Role::TD }, tr);
                    if t.is_header() {
                        tags.attr(cell, Attr::ColumnHeader);
                    }
                    tags.eager(cell)
                })
                .collect();
            current = Some((t.row, cells));
        }
        let Some((_, cells)) = current.as_ref() else { continue };
        for (set, &column) in row.lines.iter_mut().zip(&t.columns) {
            if let Some(&cell) = cells.get(column) {
                set.line.tag.get_or_insert(cell);
            }
        }
    }
    table
}

/// Sets a table.
pub fn table_block(fonts: &Fonts, grid: &Grid, look: &Look, frame: Frame) -> Block {
    let columns = grid.aligns.len();
    let mut scale = 1.0;
    let mut cells = shape_cells(fonts, grid, scale);
    let pad = |scale: f32| 2.0 * look.pad_x * scale * columns as f32;
    let mut widths = column_widths(&needs(&cells, columns), frame.width - pad(scale));
    if widths.is_none() {
        // Case 4: shrink so the floors, padding included, just fit.
        let floors: f32 = needs(&cells, columns).iter().map(|n| n.widest_cluster).sum();
        scale = (frame.width / (floors + pad(1.0)) * 0.99).clamp(MIN_SCALE, 1.0);
        cells = shape_cells(fonts, grid, scale);
        widths = column_widths(&needs(&cells, columns), frame.width - pad(scale));
    }
    let widths = widths.unwrap_or_else(|| needs(&cells, columns).iter().map(|n| n.widest_cluster).collect());
    let setter = Setter { look, frame, widths, aligns: &grid.aligns, scale };

    let mut rows_out = Vec::new();
    let mut head_height = 0.0;
    for (r, row) in cells.into_iter().enumerate() {
        let pieces = setter.row(row, r, head_height);
        if r == 0 {
            head_height = pieces.first().map_or(0.0, |p| p.height);
        }
        rows_out.extend(pieces);
    }
    setter.rule_last(&mut rows_out);
    Block { rows: rows_out, splittable: true, repeat_head: true, ..Block::default() }
}

/// One shaped cell and its type size (for the line spacing).
struct Cell {
    shaped: Shaped,
    extent: Extent,
    size: f32,
}

/// Every cell shaped at `scale` times its size, the header row first.
fn shape_cells(fonts: &Fonts, grid: &Grid, scale: f32) -> Vec<Vec<Cell>> {
    std::iter::once(&grid.header)
        .chain(&grid.rows)
        .map(|row| {
            row.iter()
                .map(|spans| {
                    let spans: Vec<Span> = spans
                        .iter()
                        .map(|s| Span { text: s.text.clone(), style: Style { size: s.style.size * scale, ..s.style } })
                        .collect();
                    let size = spans.iter().map(|s| s.style.size).fold(0.0, f32::max);
                    let shaped = shape(fonts, &spans);
                    Cell { extent: extent(&shaped), shaped, size }
                })
                .collect()
        })
        .collect()
}

/// Each column's widths: the widest of its cells'.
fn needs(cells: &[Vec<Cell>], columns: usize) -> Vec<Extent> {
    let mut out = vec![Extent::default(); columns];
    for row in cells {
        for (n, cell) in out.iter_mut().zip(row) {
            n.natural = n.natural.max(cell.extent.natural);
            n.narrowest = n.narrowest.max(cell.extent.narrowest);
            n.widest_cluster = n.widest_cluster.max(cell.extent.widest_cluster);
        }
    }
    out
}

/// The width of each column's text (padding excluded) in `avail` points,
/// by the first of cases 1–3 of the module's rule that fits; `None` when
/// even the columns' widest letters do not fit side by side (case 4).
pub fn column_widths(needs: &[Extent], avail: f32) -> Option<Vec<f32>> {
    if needs.iter().map(|n| n.natural).sum::<f32>() <= avail {
        return Some(needs.iter().map(|n| n.natural).collect());
    }
    let share = avail / needs.len().max(1) as f32;
    let words: Vec<(f32, f32)> = needs.iter().map(|n| (n.narrowest.min(share).max(n.widest_cluster), n.natural)).collect();
    let letters: Vec<(f32, f32)> = needs.iter().map(|n| (n.widest_cluster, n.natural)).collect();
    [words, letters].into_iter().find(|b| b.iter().map(|b| b.0).sum::<f32>() <= avail).map(|b| level(&b, avail))
}

/// Widths `L` clamped to each column's (low, high), at the level `L` where
/// they sum to `avail` (or just under), given Σlow ≤ avail ≤ Σhigh.
fn level(bounds: &[(f32, f32)], avail: f32) -> Vec<f32> {
    let at = |l: f32| bounds.iter().map(|&(lo, hi)| l.min(hi).max(lo)).collect::<Vec<f32>>();
    let (mut below, mut above) = (0.0f32, bounds.iter().map(|b| b.1).fold(avail, f32::max));
    // The sum grows with L: bisect, keeping the side that fits.
    for _ in 0..50 {
        let mid = (below + above) / 2.0;
        if at(mid).iter().sum::<f32>() > avail {
            above = mid;
        } else {
            below = mid;
        }
    }
    at(below)
}

/// What every row of one table shares.
struct Setter<'a> {
    look: &'a Look,
    frame: Frame,
    /// Each column's text width, padding excluded.
    widths: Vec<f32>,
    aligns: &'a [Align],
    scale: f32,
}

impl Setter<'_> {
    fn pad_x(&self) -> f32 {
        self.look.pad_x * self.scale
    }

    fn pad_y(&self) -> f32 {
        self.look.pad_y * self.scale
    }

    /// The table's width, padding included.
    fn width(&self) -> f32 {
        self.widths.iter().map(|w| w + 2.0 * self.pad_x()).sum()
    }

    /// Table row `r` (0: the header) as rows of the flow: one, or several
    /// when it is taller than a page less `head_height`.
    fn row(&self, cells: Vec<Cell>, r: usize, head_height: f32) -> Vec<Row> {
        let leading = cells.iter().map(|c| c.size).fold(0.0, f32::max) * self.look.leading;
        let lines: Vec<(Vec<Line>, f32)> = cells
            .iter()
            .zip(&self.widths)
            // A hair over the width: a cell measured at exactly this width
            // is not wrapped by rounding.
            .map(|(c, w)| (break_lines(&c.shaped, Measure { width: w + 0.01, justify: false }), c.size))
            .collect();
        let count = lines.iter().map(|(l, _)| l.len()).max().unwrap_or(0).max(1);
        let fit = ((self.frame.room - head_height - 2.0 * self.pad_y()) / leading.max(0.1)).floor();
        let per_piece = (fit as usize).max(1);
        let pieces = count.div_ceil(per_piece);
        let mut columns: Vec<(std::vec::IntoIter<Line>, f32)> = lines.into_iter().map(|(l, size)| (l.into_iter(), size)).collect();
        (0..pieces)
            .map(|piece| {
                let take = per_piece.min(count - piece * per_piece);
                let mut row = Row { height: take as f32 * leading + 2.0 * self.pad_y(), ..Row::default() };
                let mut table = TableRow { table: self.frame.table, row: r, piece, ..TableRow::default() };
                for (j, (iter, size)) in columns.iter_mut().enumerate() {
                    for (k, line) in iter.by_ref().take(take).enumerate() {
                        self.place(&mut row, line, j, k, leading, *size);
                        table.columns.push(j);
                    }
                }
                row.table = Some(table);
                self.decorate(&mut row, r == 0, piece + 1 == pieces);
                row
            })
            .collect()
    }

    /// Puts `line`, the `k`-th of its piece of a cell of column `j`, in the
    /// row, aligned in its column, with its links' areas.
    fn place(&self, row: &mut Row, line: Line, j: usize, k: usize, leading: f32, size: f32) {
        let left = self.frame.x + self.widths[..j].iter().map(|w| w + 2.0 * self.pad_x()).sum::<f32>() + self.pad_x();
        let slack = (self.widths[j] - line.width).max(0.0);
        let x = left
            + match self.aligns.get(j).copied().unwrap_or_default() {
                Align::Left => 0.0,
                Align::Center => slack / 2.0,
                Align::Right => slack,
            };
        let top = self.pad_y() + leading * k as f32;
        for (x0, x1, link) in line.links() {
            row.links.push((x + x0, top, x1 - x0, leading, link));
        }
        row.lines.push(SetLine { x, baseline: top + leading * 0.5 + size * 0.35, line });
    }

    /// The header's shading and rule, or a data row's thin rule under its
    /// last piece.
    fn decorate(&self, row: &mut Row, header: bool, last_piece: bool) {
        let (x, w, h) = (self.frame.x, self.width(), row.height);
        if header {
            row.shapes.push(Shape::Rect { x, y: 0.0, w, h, color: self.look.head_fill });
            row.shapes.push(Shape::Line { x1: x, y1: h, x2: x + w, y2: h, width: 0.8, color: self.look.head_rule });
        } else if last_piece {
            row.shapes.push(Shape::Line { x1: x, y1: h, x2: x + w, y2: h, width: 0.4, color: self.look.rule });
        }
    }

    /// The table's last row closes it with the header's rule.
    fn rule_last(&self, rows: &mut [Row]) {
        if let Some(last) = rows.last_mut().filter(|r| r.table.as_ref().is_some_and(|t| !t.is_header())) {
            if let Some(Shape::Line { width, color, .. }) = last.shapes.last_mut() {
                (*width, *color) = (0.8, self.look.head_rule);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fonts::{fonts, Face};
    use crate::export::layout::paginate;

    const LOOK: Look = Look { leading: 1.4, pad_x: 5.0, pad_y: 3.0, head_fill: [0.9; 3], head_rule: [0.0; 3], rule: [0.5; 3] };
    /// A Letter page's text measure and height, as packets set them.
    const FRAME: Frame = Frame { x: 0.0, width: 468.0, room: 648.0, table: 0 };

    fn grid(header: &[&str], rows: &[Vec<String>]) -> Grid {
        let style = |face| Style::new(face, 9.5, [0.0; 3]);
        Grid {
            header: header.iter().map(|h| vec![Span::new(*h, style(Face::SansBold))]).collect(),
            rows: rows.iter().map(|r| r.iter().map(|c| vec![Span::new(c.as_str(), style(Face::Serif))]).collect()).collect(),
            aligns: vec![Align::Left; header.len()],
        }
    }

    fn set(header: &[&str], rows: &[Vec<String>]) -> Block {
        table_block(fonts().expect("fonts"), &grid(header, rows), &LOOK, FRAME)
    }

    fn need(natural: f32, narrowest: f32, widest_cluster: f32) -> Extent {
        Extent { natural, narrowest, widest_cluster }
    }

    /// The text of each cell as drawn, by (table row, column).
    fn cell_texts(rows: &[Row]) -> std::collections::BTreeMap<(usize, usize), String> {
        let mut out = std::collections::BTreeMap::<(usize, usize), String>::new();
        for row in rows.iter().filter(|r| r.table.as_ref().is_some_and(|t| !t.repeated)) {
            let t = row.table.as_ref().unwrap();
            assert_eq!(t.columns.len(), row.lines.len(), "every line says which column it is in");
            for (set, &j) in row.lines.iter().zip(&t.columns) {
                let text: String = set.line.glyphs.iter().map(|g| g.text.as_str()).collect();
                let cell = out.entry((t.row, j)).or_default();
                if !cell.is_empty() {
                    cell.push(' ');
                }
                cell.push_str(&text);
            }
        }
        out
    }

    /// The right edge of the rightmost glyph of every line of the rows.
    fn right_edge(rows: &[Row]) -> f32 {
        rows.iter().flat_map(|r| &r.lines).map(|l| l.x + l.line.width).fold(0.0, f32::max)
    }

    #[test]
    fn short_columns_keep_their_width_and_long_ones_share_the_rest() {
        assert_eq!(column_widths(&[need(40.0, 20.0, 5.0), need(60.0, 30.0, 5.0)], 200.0), Some(vec![40.0, 60.0]), "a table that fits is as wide as its content");
        let w = column_widths(&[need(40.0, 20.0, 5.0), need(900.0, 50.0, 5.0), need(600.0, 80.0, 5.0)], 400.0).unwrap();
        assert!((w[0] - 40.0).abs() < 0.01, "the short column is not wrapped: {w:?}");
        assert!((w[1] - 180.0).abs() < 0.05 && (w[2] - 180.0).abs() < 0.05, "the long columns share what is left: {w:?}");
        let w = column_widths(&[need(130.0, 120.0, 5.0), need(900.0, 250.0, 5.0)], 200.0).unwrap();
        assert!(w.iter().sum::<f32>() <= 200.0 && (w[0] - 100.0).abs() < 0.05, "too-long words come down to a common width: {w:?}");
        let w = column_widths(&[need(400.0, 400.0, 5.0), need(300.0, 40.0, 5.0)], 448.0).unwrap();
        assert!((w[0] - 224.0).abs() < 0.05, "a long word is cut rather than squeeze prose to a word a line: {w:?}");
        let w = column_widths(&[need(300.0, 300.0, 5.0), need(30.0, 30.0, 5.0)], 250.0).unwrap();
        assert!((w[0] - 220.0).abs() < 0.05, "a long word takes what the short column leaves: {w:?}");
        assert_eq!(column_widths(&[need(90.0, 90.0, 60.0), need(90.0, 90.0, 60.0)], 100.0), None, "columns that cannot hold a letter ask for smaller type");
    }

    #[test]
    fn widths_come_from_the_content_and_never_pass_the_measure() {
        let prose = "Canada's votes at the United Nations on the status of the occupied territories since 2004, with the statements that explained them. ".repeat(3);
        let rows: Vec<Vec<String>> = (0..5).map(|i| vec![format!("{}", 2004 + i), "Yes".into(), prose.clone()]).collect();
        let block = set(&["Year", "Vote", "Explanation"], &rows);
        let columns = &block.rows[1].table.as_ref().unwrap().columns;
        assert_eq!(columns.iter().filter(|&&j| j == 0).count(), 1, "the short year column is not wrapped");
        assert!(block.rows[1].lines.len() > 3, "the long cell wraps");
        assert!(right_edge(&block.rows) <= FRAME.width + 0.01, "nothing passes the measure: {}", right_edge(&block.rows));
        assert!(block.rows.iter().all(|r| r.table.is_some()), "every row knows its place in the table");
        assert!(block.rows[0].table.as_ref().unwrap().is_header() && !block.rows[1].table.as_ref().unwrap().is_header());
    }

    #[test]
    fn a_word_wider_than_its_column_is_cut_inside_it_and_kept_whole() {
        let word: String = "Antidisestablishmentarianism".repeat(12);
        let rows = vec![vec![word.clone(), "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(4), "short".into()]];
        let block = set(&["Word", "Another", "Third"], &rows);
        assert!(right_edge(&block.rows) <= FRAME.width + 0.01, "the long words stay inside: {}", right_edge(&block.rows));
        let cells = cell_texts(&block.rows);
        assert_eq!(cells[&(1, 0)].replace(' ', ""), word, "every letter of the word is drawn, in order");
        assert_eq!(cells[&(1, 2)], "short");
        // Columns do not overlap: each line starts at or after the end of
        // the column before.
        let t = block.rows[1].table.as_ref().unwrap();
        let end_of = |j: usize| block.rows[1].lines.iter().zip(&t.columns).filter(|(_, &c)| c == j).map(|(l, _)| l.x + l.line.width).fold(0.0, f32::max);
        let start_of = |j: usize| block.rows[1].lines.iter().zip(&t.columns).filter(|(_, &c)| c == j).map(|(l, _)| l.x).fold(f32::MAX, f32::min);
        assert!(end_of(0) <= start_of(1) && end_of(1) <= start_of(2), "columns stay apart");
    }

    #[test]
    fn too_many_columns_for_the_measure_get_smaller_type() {
        let header: Vec<String> = (0..90).map(|j| format!("W{j}")).collect();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let rows = vec![(0..90).map(|j| format!("MMMM{j}")).collect::<Vec<_>>()];
        let block = set(&header, &rows);
        assert!(right_edge(&block.rows) <= FRAME.width + 0.01, "ninety columns still end at the margin: {}", right_edge(&block.rows));
        let cells = cell_texts(&block.rows);
        assert_eq!(cells[&(1, 89)].replace(' ', ""), "MMMM89", "the last column's text is all there");
        assert!(block.rows[1].lines[0].line.glyphs[0].size < 9.5, "the type was made smaller");
    }

    #[test]
    fn the_header_is_repeated_on_every_page_a_long_table_crosses() {
        let rows: Vec<Vec<String>> = (1..=300).map(|i| vec![format!("row {i}"), format!("value {i}")]).collect();
        let block = set(&["Name", "Value"], &rows);
        let (pages, _) = paginate(vec![block], FRAME.room, 0);
        assert!(pages.len() >= 5, "300 rows cross several pages: {}", pages.len());
        let mut seen = Vec::new();
        for (n, page) in pages.iter().enumerate() {
            let first = page.rows[0].row.table.as_ref().expect("a table row");
            assert!(first.is_header() && first.repeated == (n > 0), "page {n} opens with the header row, a repeat after the first page");
            assert!(page.rows.last().unwrap().top + page.rows.last().unwrap().row.height <= FRAME.room + 0.01, "page {n} ends inside the text area");
            seen.extend(page.rows.iter().filter_map(|r| r.row.table.as_ref()).filter(|t| !t.is_header()).map(|t| t.row));
        }
        assert_eq!(seen, (1..=300).collect::<Vec<_>>(), "every data row is placed once, in order");
    }

    #[test]
    fn a_row_taller_than_a_page_is_cut_between_lines() {
        let long = "A long cell that goes on and on about one thing. ".repeat(300);
        let rows = vec![vec!["first".into(), long.clone()], vec!["second".into(), "short".into()]];
        let block = set(&["Key", "Text"], &rows);
        let head = block.rows[0].height;
        let pieces: Vec<&Row> = block.rows.iter().filter(|r| r.table.as_ref().is_some_and(|t| t.row == 1)).collect();
        assert!(pieces.len() >= 2, "the tall row is cut: {} pieces", pieces.len());
        assert!(pieces.iter().all(|p| p.height + head <= FRAME.room), "each piece fits a page under the header");
        let cells = cell_texts(&block.rows);
        assert_eq!(cells[&(1, 1)].split_whitespace().collect::<Vec<_>>(), long.split_whitespace().collect::<Vec<_>>(), "no line is lost between pieces");
        let (pages, _) = paginate(vec![block], FRAME.room, 0);
        assert!(pages.iter().skip(1).all(|p| p.rows[0].row.table.as_ref().is_some_and(|t| t.repeated)), "each page of the tall row has the header");
    }
}
