//! Reads a paper's Markdown (pulldown-cmark) into the few kinds of block a
//! briefing packet sets: headings, paragraphs, list items, block quotes,
//! rules, preformatted text and tables, each holding styled inline text.
//!
//! Promises: no text is lost — raw HTML and images keep their text,
//! anything this module does not style is set as a plain paragraph, and a
//! table row with more cells than its header keeps them all (the parser
//! drops the extra cells, so they are read back from the source and the
//! table widened to hold them; shorter rows are padded with empty cells).
//! A table wider than [`MAX_COLUMNS`] is no grid a page can hold: it is
//! read as [`MdBlock::Records`], its rows as they are, unpadded, so what it
//! costs follows the cells written, never rows × the widest row (nor does
//! a grid's, bounded by [`MAX_GRID_CELLS`]).

use std::ops::Range;

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A piece of inline text and how it is marked up.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inline {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
    pub link: Option<String>,
}

/// A block of a paper.
#[derive(Debug, Clone, PartialEq)]
pub enum MdBlock {
    Heading { level: u8, inlines: Vec<Inline> },
    /// A paragraph; `indent` counts list levels, `quote` block-quote levels.
    Paragraph { inlines: Vec<Inline>, indent: u8, quote: u8 },
    /// The first paragraph of a list item, with its bullet or number.
    Item { marker: String, inlines: Vec<Inline>, indent: u8, quote: u8 },
    Code { text: String, quote: u8 },
    Rule,
    /// A table: every row has as many cells as `aligns` has columns.
    Table { header: Vec<Vec<Inline>>, rows: Vec<Vec<Vec<Inline>>>, aligns: Vec<Align>, indent: u8, quote: u8 },
    /// A table of more than [`MAX_COLUMNS`] columns (or more than
    /// [`MAX_GRID_CELLS`] cells once padded), to be set row by row as a
    /// list of its cells: `columns` is its widest row's count, and the
    /// header and rows hold only the cells written.
    Records { header: Vec<Vec<Inline>>, rows: Vec<Vec<Vec<Inline>>>, columns: usize, indent: u8, quote: u8 },
}

/// The most columns a table is set as a grid. Past 100 on a Letter page's
/// 6.5-inch measure a column is under 5 points wide with its padding: no
/// letter a reader can read fits, and every cell of every row would still
/// be shaped and measured for columns nobody can use.
pub const MAX_COLUMNS: usize = 100;

/// The most cells a grid holds once its rows are padded to its widest:
/// four times the 3 MB table of figures a packet is meant to carry (86,000
/// cells). Past it the padding alone (a hundred-column header over a
/// million one-cell rows) would cost more than any body's text.
pub const MAX_GRID_CELLS: usize = 350_000;

/// How a table column's cells are aligned (Markdown's `:--`, `:-:`, `--:`;
/// a column with no colon is set left).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

impl MdBlock {
    /// The plain text of a heading, for contents and bookmarks.
    pub fn plain(inlines: &[Inline]) -> String {
        inlines.iter().map(|i| i.text.as_str()).collect::<String>().trim().to_owned()
    }
}

/// Parses `markdown` into blocks.
pub fn parse(markdown: &str) -> Vec<MdBlock> {
    let mut blocks = Blocks::default();
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        if !blocks.take_table(&event, range, markdown) {
            blocks.take(event);
        }
    }
    // Events come balanced, so no list or quote is open any more.
    blocks.flush(None);
    blocks.out
}

/// The blocks read so far, and where the reader stands in the Markdown.
#[derive(Default)]
struct Blocks {
    out: Vec<MdBlock>,
    /// The text of the block being read.
    inlines: Vec<Inline>,
    /// How many strong and emphasis spans are open.
    bold: u32,
    italic: u32,
    link: Option<String>,
    quote: u8,
    /// One entry per open list: the next number, or `None` for bullets.
    lists: Vec<Option<u64>>,
    /// The bullet or number of the item whose first block is being read.
    marker: Option<String>,
    heading: Option<u8>,
    /// The text of the code block being read.
    code: Option<String>,
    table: Option<TableRead>,
}

/// A table being read.
#[derive(Default)]
struct TableRead {
    aligns: Vec<Align>,
    header: Vec<Vec<Inline>>,
    rows: Vec<Vec<Vec<Inline>>>,
    /// The cells of the row being read.
    row: Vec<Vec<Inline>>,
    /// Where the row being read ends in the source, and where the last
    /// cell the parser gave of it ended: any cells between were dropped.
    row_end: usize,
    cell_end: usize,
}

impl Blocks {
    fn take(&mut self, event: Event<'_>) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.flush(None);
                self.heading = Some(match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    _ => 4,
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                self.flush(self.heading);
                self.heading = None;
            }
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) => self.flush(None),
            Event::Start(Tag::BlockQuote(_)) => {
                self.flush(None);
                self.quote = self.quote.saturating_add(1);
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                self.flush(None);
                self.quote = self.quote.saturating_sub(1);
            }
            Event::Start(Tag::List(start)) => {
                self.flush(None);
                self.lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                self.flush(None);
                self.lists.pop();
            }
            Event::Start(Tag::Item) => {
                self.flush(None);
                self.marker = Some(self.next_marker());
            }
            Event::End(TagEnd::Item) => self.flush(None),
            Event::Start(Tag::CodeBlock(_)) => {
                self.flush(None);
                self.code = Some(String::new());
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(text) = self.code.take() {
                    self.out.push(MdBlock::Code { text: text.trim_end().to_owned(), quote: self.quote });
                }
            }
            Event::Start(Tag::Strong) => self.bold += 1,
            Event::End(TagEnd::Strong) => self.bold = self.bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => self.italic += 1,
            Event::End(TagEnd::Emphasis) => self.italic = self.italic.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => self.link = Some(dest_url.to_string()),
            Event::End(TagEnd::Link) => self.link = None,
            Event::Text(t) => match self.code.as_mut() {
                Some(c) => c.push_str(&t),
                None => self.text(&t, false),
            },
            Event::Code(t) => self.text(&t, true),
            Event::Html(t) | Event::InlineHtml(t) => self.text(&t, false),
            Event::SoftBreak => self.text(" ", false),
            // A line separator forces the break without ending the bidi paragraph.
            Event::HardBreak => self.text("\u{2028}", false),
            Event::Rule => {
                self.flush(None);
                self.out.push(MdBlock::Rule);
            }
            Event::TaskListMarker(done) => self.push(if done { "☑ " } else { "☐ " }, Inline::default()),
            Event::FootnoteReference(t) => self.text(&format!("[{t}]"), false),
            _ => {}
        }
    }

    /// Takes the events that build a table (the cells' text goes through
    /// [`Blocks::take`] like any other); false for any other event.
    fn take_table(&mut self, event: &Event<'_>, range: Range<usize>, source: &str) -> bool {
        match event {
            Event::Start(Tag::Table(aligns)) => {
                self.flush(None);
                let aligns = aligns
                    .iter()
                    .map(|a| match a {
                        Alignment::Center => Align::Center,
                        Alignment::Right => Align::Right,
                        Alignment::Left | Alignment::None => Align::Left,
                    })
                    .collect();
                self.table = Some(TableRead { aligns, ..TableRead::default() });
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                if let Some(t) = self.table.as_mut() {
                    (t.row_end, t.cell_end) = (range.end, range.start);
                }
            }
            Event::Start(Tag::TableCell) => self.inlines.clear(),
            Event::End(TagEnd::TableCell) => {
                let cell = std::mem::take(&mut self.inlines);
                if let Some(t) = self.table.as_mut() {
                    t.row.push(cell);
                    t.cell_end = t.cell_end.max(range.end);
                }
            }
            Event::End(end @ (TagEnd::TableHead | TagEnd::TableRow)) => {
                if let Some(t) = self.table.as_mut() {
                    let dropped = source.get(t.cell_end..t.row_end).unwrap_or("");
                    t.row.extend(dropped_cells(dropped));
                    let mut row = std::mem::take(&mut t.row);
                    // The parser pads every row to the header's width: the
                    // empty cells at its end are dropped here and put back
                    // by `finish` only for a grid, so a wide header over
                    // many short rows costs the cells written.
                    while row.last().is_some_and(Vec::is_empty) {
                        row.pop();
                    }
                    row.shrink_to_fit();
                    if matches!(end, TagEnd::TableHead) {
                        t.header = row;
                    } else {
                        t.rows.push(row);
                    }
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = self.table.take() {
                    self.out.push(t.finish(self.lists.len().min(6) as u8, self.quote));
                }
            }
            _ => return false,
        }
        true
    }

    /// The bullet or number of a new item of the innermost list: numbers
    /// count on, bullets alternate by depth.
    fn next_marker(&mut self) -> String {
        let depth = self.lists.len();
        match self.lists.last_mut() {
            Some(Some(n)) => {
                let m = format!("{n}.");
                *n += 1;
                m
            }
            _ => if depth % 2 == 1 { "•" } else { "–" }.to_owned(),
        }
    }

    /// Adds `text` in the style in force (`code` for inline code).
    fn text(&mut self, text: &str, code: bool) {
        let style = Inline { text: String::new(), bold: self.bold > 0, italic: self.italic > 0, code, link: self.link.clone() };
        self.push(text, style);
    }

    /// Adds `text` in `style` (an inline with no text), extending the last
    /// inline when it has the same style (compared field by field: cloning
    /// the last inline to compare would copy its text at every soft break,
    /// quadratic in a long paragraph).
    fn push(&mut self, text: &str, style: Inline) {
        if text.is_empty() {
            return;
        }
        let same = |last: &Inline| (last.bold, last.italic, last.code, &last.link) == (style.bold, style.italic, style.code, &style.link);
        match self.inlines.last_mut() {
            Some(last) if same(last) => last.text.push_str(text),
            _ => self.inlines.push(Inline { text: text.to_owned(), ..style }),
        }
    }

    /// Ends the block being read: a heading of `heading`'s level, a list
    /// item's first block, or a paragraph; nothing when it holds no text.
    fn flush(&mut self, heading: Option<u8>) {
        if self.inlines.iter().all(|i| i.text.trim().is_empty()) && self.marker.is_none() {
            self.inlines.clear();
            return;
        }
        let taken = std::mem::take(&mut self.inlines);
        let indent = self.lists.len().min(6) as u8;
        let quote = self.quote;
        if let Some(level) = heading {
            self.out.push(MdBlock::Heading { level, inlines: taken });
        } else if let Some(m) = self.marker.take() {
            self.out.push(MdBlock::Item { marker: m, inlines: taken, indent, quote });
        } else {
            self.out.push(MdBlock::Paragraph { inlines: taken, indent, quote });
        }
    }
}

impl TableRead {
    /// The table with every row, the header's included, padded to the
    /// widest row; records when that is wider than [`MAX_COLUMNS`].
    fn finish(mut self, indent: u8, quote: u8) -> MdBlock {
        let columns = self.rows.iter().map(Vec::len).chain([self.header.len(), self.aligns.len()]).max().unwrap_or(0);
        if columns > MAX_COLUMNS || columns.saturating_mul(self.rows.len() + 1) > MAX_GRID_CELLS {
            return MdBlock::Records { header: self.header, rows: self.rows, columns, indent, quote };
        }
        self.aligns.resize(columns, Align::Left);
        self.header.resize(columns, Vec::new());
        for row in &mut self.rows {
            row.resize(columns, Vec::new());
        }
        MdBlock::Table { header: self.header, rows: self.rows, aligns: self.aligns, indent, quote }
    }
}

/// The cells the parser dropped from a row with more cells than its header:
/// `rest` is the source after the last cell it kept (`| e | f |`). Each is
/// read as the one cell of a table of its own, so its inline Markdown reads
/// as any cell's does.
fn dropped_cells(rest: &str) -> Vec<Vec<Inline>> {
    let mut pieces = split_cells(rest.trim());
    // The text before the first pipe (the end of the cell kept) and after
    // the closing pipe is no cell.
    if pieces.first().is_some_and(|p| p.trim().is_empty()) {
        pieces.remove(0);
    }
    if pieces.last().is_some_and(|p| p.trim().is_empty()) {
        pieces.pop();
    }
    pieces
        .into_iter()
        .map(|piece| {
            let alone = format!("| |\n|-|\n|{piece}|\n");
            match parse(&alone).into_iter().next() {
                Some(MdBlock::Table { mut rows, .. }) if !rows.is_empty() && !rows[0].is_empty() => rows[0].swap_remove(0),
                _ => vec![Inline { text: piece.trim().to_owned(), ..Inline::default() }],
            }
        })
        .collect()
}

/// Splits a row's source at the pipes that separate cells (not `\|`).
fn split_cells(row: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut escaped) = (0, false);
    for (i, c) in row.char_indices() {
        match c {
            '\\' => escaped = !escaped,
            '|' if !escaped => {
                out.push(&row[start..i]);
                start = i + 1;
            }
            _ => escaped = false,
        }
    }
    out.push(&row[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_quotes_and_emphasis_become_blocks() {
        let blocks = parse("# Title\n\nSome **bold** and *it*.\n\n1. one\n2. two\n\n> quoted\n\n- a [link](https://x.ca)\n");
        assert!(matches!(&blocks[0], MdBlock::Heading { level: 1, .. }), "a # line is a level-1 heading");
        let MdBlock::Paragraph { inlines, .. } = &blocks[1] else { panic!("second block is a paragraph: {blocks:?}") };
        assert!(inlines.iter().any(|i| i.bold && i.text == "bold"), "strong text is bold");
        assert!(matches!(&blocks[3], MdBlock::Item { marker, .. } if marker == "2."), "numbered items count up");
        assert!(matches!(&blocks[4], MdBlock::Paragraph { quote: 1, .. }), "a block quote is marked");
        let MdBlock::Item { inlines, .. } = &blocks[5] else { panic!("a bullet item: {blocks:?}") };
        assert_eq!(inlines.last().and_then(|i| i.link.as_deref()), Some("https://x.ca"), "links keep their target");
    }

    fn table(markdown: &str) -> (Vec<String>, Vec<Vec<String>>, Vec<Align>) {
        let blocks = parse(markdown);
        let Some(MdBlock::Table { header, rows, aligns, .. }) = blocks.iter().find(|b| matches!(b, MdBlock::Table { .. })) else {
            panic!("a table: {blocks:?}")
        };
        let text = |cell: &Vec<Inline>| MdBlock::plain(cell);
        (header.iter().map(text).collect(), rows.iter().map(|r| r.iter().map(text).collect()).collect(), aligns.clone())
    }

    #[test]
    fn a_table_keeps_its_header_rows_and_alignment() {
        let md = "Before.\n\n| Riding | Votes | Share |\n|:-------|------:|:-----:|\n| Laurier—Sainte-Marie | 21 345 | 42 % |\n| Outremont | 9 870 | 31 % |\n\nAfter.\n";
        let blocks = parse(md);
        assert!(matches!(&blocks[0], MdBlock::Paragraph { .. }) && matches!(&blocks[2], MdBlock::Paragraph { .. }), "the table stands between its paragraphs: {blocks:?}");
        let (header, rows, aligns) = table(md);
        assert_eq!(header, ["Riding", "Votes", "Share"]);
        assert_eq!(rows, [["Laurier—Sainte-Marie", "21 345", "42 %"], ["Outremont", "9 870", "31 %"]]);
        assert_eq!(aligns, [Align::Left, Align::Right, Align::Center], "colons set the alignment");
    }

    #[test]
    fn cells_keep_their_emphasis_code_links_and_escaped_pipes() {
        let blocks = parse("| a | b |\n|---|---|\n| **bold** and *it* | `x \\| y` [site](https://x.ca) |\n");
        let MdBlock::Table { rows, .. } = &blocks[0] else { panic!("a table: {blocks:?}") };
        assert!(rows[0][0].iter().any(|i| i.bold && i.text == "bold") && rows[0][0].iter().any(|i| i.italic && i.text == "it"));
        assert!(rows[0][1].iter().any(|i| i.code && i.text == "x | y"), "an escaped pipe is text, not a new cell: {:?}", rows[0][1]);
        assert!(rows[0][1].iter().any(|i| i.link.as_deref() == Some("https://x.ca")));
    }

    #[test]
    fn ragged_rows_are_padded_and_extra_cells_kept() {
        let (header, rows, aligns) = table("| a | b |\n|---|--:|\n| one |\n| 1 | 2 | 3 | **4** |\n| x | y | z\n");
        assert_eq!(header, ["a", "b", "", ""], "the header is widened to the widest row");
        assert_eq!(rows[0], ["one", "", "", ""], "a short row is padded");
        assert_eq!(rows[1], ["1", "2", "3", "4"], "cells past the header's count are kept, not dropped");
        assert_eq!(rows[2], ["x", "y", "z", ""], "a row without its closing pipe keeps its last cell");
        assert_eq!(aligns, [Align::Left, Align::Right, Align::Left, Align::Left]);
        let blocks = parse("| a |\n|---|\n| 1 | **bold** |\n");
        let MdBlock::Table { rows, .. } = &blocks[0] else { panic!() };
        assert!(rows[0][1].iter().any(|i| i.bold && i.text == "bold"), "an extra cell's Markdown is read: {:?}", rows[0][1]);
    }

    #[test]
    fn a_table_wider_than_a_page_can_hold_is_read_as_records_unpadded() {
        let columns = MAX_COLUMNS + 1;
        let header: String = (0..columns).map(|j| format!("| h{j} ")).collect::<String>() + "|\n";
        let md = format!("{header}{}|\n| short | row |\n| **bold** |\n", "|---".repeat(columns));
        let blocks = parse(&md);
        let [MdBlock::Records { header, rows, columns: n, .. }] = &blocks[..] else { panic!("records: {blocks:?}") };
        assert_eq!((*n, header.len()), (columns, columns), "the header keeps every cell");
        assert_eq!(rows.iter().map(Vec::len).collect::<Vec<_>>(), [2, 1], "rows keep their own cells, not padded to the widest");
        assert!(rows[1][0].iter().any(|i| i.bold && i.text == "bold"), "cells keep their Markdown");
        let blocks = parse(&md.replacen(&format!("| h{} ", columns - 1), "", 1).replacen("|---", "", 1));
        assert!(matches!(&blocks[0], MdBlock::Table { aligns, .. } if aligns.len() == MAX_COLUMNS), "a table of {MAX_COLUMNS} columns is a grid");
    }

    #[test]
    fn a_table_in_a_quote_or_list_is_marked_so() {
        let blocks = parse("> | a | b |\n> |---|---|\n> | 1 | 2 | 3 |\n");
        assert!(matches!(&blocks[0], MdBlock::Table { quote: 1, rows, .. } if rows[0].len() == 3), "{blocks:?}");
        let blocks = parse("- item\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n");
        assert!(blocks.iter().any(|b| matches!(b, MdBlock::Table { indent: 1, .. })), "{blocks:?}");
    }
}
