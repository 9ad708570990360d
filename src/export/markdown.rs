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
    let mut out = Vec::new();
    let mut inlines: Vec<Inline> = Vec::new();
    let (mut bold, mut italic) = (0u32, 0u32);
    let mut link: Option<String> = None;
    let mut quote = 0u8;
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut marker: Option<String> = None;
    let mut heading: Option<u8> = None;
    let mut code: Option<String> = None;

    let push_text = |inlines: &mut Vec<Inline>, text: &str, bold: u32, italic: u32, code: bool, link: &Option<String>| {
        if text.is_empty() {
            return;
        }
        let style = Inline { text: String::new(), bold: bold > 0, italic: italic > 0, code, link: link.clone() };
        match inlines.last_mut() {
            Some(last) if Inline { text: String::new(), ..last.clone() } == style => last.text.push_str(text),
            _ => inlines.push(Inline { text: text.to_owned(), ..style }),
        }
    };

    let flush = |out: &mut Vec<MdBlock>, inlines: &mut Vec<Inline>, marker: &mut Option<String>, heading: Option<u8>, lists: usize, quote: u8| {
        if inlines.iter().all(|i| i.text.trim().is_empty()) && marker.is_none() {
            inlines.clear();
            return;
        }
        let taken = std::mem::take(inlines);
        let indent = lists.min(6) as u8;
        if let Some(level) = heading {
            out.push(MdBlock::Heading { level, inlines: taken });
        } else if let Some(m) = marker.take() {
            out.push(MdBlock::Item { marker: m, inlines: taken, indent, quote });
        } else {
            out.push(MdBlock::Paragraph { inlines: taken, indent, quote });
        }
    };

    for event in Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut out, &mut inlines, &mut marker, None, lists.len(), quote);
                heading = Some(match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    _ => 4,
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut out, &mut inlines, &mut marker, heading, lists.len(), quote);
                heading = None;
            }
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) => flush(&mut out, &mut inlines, &mut marker, None, lists.len(), quote),
            Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut out, &mut inlines, &mut marker, None, lists.len(), quote);
                quote = quote.saturating_add(1);
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                flush(&mut out, &mut inlines, &mut marker, None, lists.len(), quote);
                quote = quote.saturating_sub(1);
            }
            Event::Start(Tag::List(start)) => {
                flush(&mut out, &mut inlines, &mut marker, None, lists.len(), quote);
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut out, &mut inlines, &mut marker, None, lists.len(), quote);
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut out, &mut inlines, &mut marker, None, lists.len(), quote);
                marker = Some(match lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}.");
                        *n += 1;
                        m
                    }
                    _ => if lists.len() % 2 == 1 { "•" } else { "–" }.to_owned(),
                });
            }
            Event::End(TagEnd::Item) => flush(&mut out, &mut inlines, &mut marker, None, lists.len(), quote),
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut out, &mut inlines, &mut marker, None, lists.len(), quote);
                code = Some(String::new());
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(text) = code.take() {
                    out.push(MdBlock::Code { text: text.trim_end().to_owned(), quote });
                }
            }
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => link = Some(dest_url.to_string()),
            Event::End(TagEnd::Link) => link = None,
            Event::Text(t) => match code.as_mut() {
                Some(c) => c.push_str(&t),
                None => push_text(&mut inlines, &t, bold, italic, false, &link),
            },
            Event::Code(t) => push_text(&mut inlines, &t, bold, italic, true, &link),
            Event::Html(t) | Event::InlineHtml(t) => push_text(&mut inlines, &t, bold, italic, false, &link),
            Event::SoftBreak => push_text(&mut inlines, " ", bold, italic, false, &link),
            // A line separator forces the break without ending the bidi paragraph.
            Event::HardBreak => push_text(&mut inlines, "\u{2028}", bold, italic, false, &link),
            Event::Rule => {
                flush(&mut out, &mut inlines, &mut marker, None, lists.len(), quote);
                out.push(MdBlock::Rule);
            }
            Event::TaskListMarker(done) => push_text(&mut inlines, if done { "☑ " } else { "☐ " }, 0, 0, false, &None),
            Event::FootnoteReference(t) => push_text(&mut inlines, &format!("[{t}]"), bold, italic, false, &link),
            _ => {}
        }
    }
    flush(&mut out, &mut inlines, &mut marker, None, 0, quote);
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
}
