//! Reads a paper's Markdown (pulldown-cmark) into the few kinds of block a
//! briefing packet sets: headings, paragraphs, list items, block quotes,
//! rules and preformatted text, each holding styled inline text.
//!
//! Promises: no text is lost — raw HTML and images keep their text, and
//! anything this module does not style is set as a plain paragraph.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

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
    for event in Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH) {
        blocks.take(event);
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
    /// inline when it has the same style.
    fn push(&mut self, text: &str, style: Inline) {
        if text.is_empty() {
            return;
        }
        match self.inlines.last_mut() {
            Some(last) if Inline { text: String::new(), ..last.clone() } == style => last.text.push_str(text),
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
}
