//! HTML files: headings, paragraphs, bold/italic and nested lists become
//! Markdown; scripts, styles and everything in `<head>` but the `<title>`
//! are dropped.
//!
//! It uses html5ever's tokenizer (already compiled in for ammonia) rather
//! than building a tree: a flat walk of tags is all the mapping needs, and a
//! tokenizer never fails, so any bytes give some text or "no text".
//!
//! Promise: time and memory grow with the file, whatever it holds. Tags are
//! counted, never kept (a hundred thousand unclosed `<b>` cost a counter),
//! and lists deeper than [`MAX_LIST_DEPTH`] are written at that depth. The
//! one cost that grows faster is the tokenizer's own: it checks each new
//! attribute of a tag against every earlier one, so a tag of a million
//! attributes would take hours; such a file is refused before it is
//! tokenized ([`attribute_comparisons`]).

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::TokenizerResult;

use std::path::Path;

use super::markdown::{Block, MarkdownWriter};
use super::Extracted;
use crate::error::{Error, Result};
use crate::message::Message;

/// Lists nested deeper than this are written at this depth.
const MAX_LIST_DEPTH: usize = 16;

#[derive(Default)]
struct State {
    md: MarkdownWriter,
    title: Option<String>,
    in_title: bool,
    /// Inside `<script>`, `<style>` and the like: text is not the document's.
    hidden: usize,
    in_head: bool,
    bold: usize,
    italic: usize,
    /// The open lists, innermost last: `true` for ordered.
    lists: Vec<bool>,
}

struct Sink(RefCell<State>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut s = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                let opening = tag.kind == TagKind::StartTag;
                if opening && !tag.self_closing {
                    return s.open(name);
                }
                if opening {
                    // A self-closing tag has no content to switch modes for.
                    let _ = s.open(name);
                }
                s.close(name);
            }
            Token::CharacterTokens(text) => s.text(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl State {
    fn open(&mut self, name: &str) -> TokenSinkResult<()> {
        match name {
            "script" => {
                self.hidden += 1;
                return TokenSinkResult::RawData(RawKind::ScriptData);
            }
            "style" | "noscript" | "noframes" | "iframe" | "xmp" => {
                self.hidden += 1;
                return TokenSinkResult::RawData(RawKind::Rawtext);
            }
            "template" | "svg" | "math" | "select" => self.hidden += 1,
            "head" => self.in_head = true,
            "body" => self.in_head = false,
            "title" => {
                self.in_title = true;
                return TokenSinkResult::RawData(RawKind::Rcdata);
            }
            "textarea" => {
                self.hidden += 1;
                return TokenSinkResult::RawData(RawKind::Rcdata);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name.as_bytes()[1] - b'0';
                self.md.start(Block::Heading(level));
            }
            "p" | "div" | "blockquote" | "section" | "article" | "header" | "footer" | "td" | "th" | "dd"
            | "dt" | "figcaption" | "pre" | "address" | "caption" | "tr" => self.md.start(Block::Paragraph),
            "ul" | "ol" | "menu" => {
                self.md.end();
                self.lists.push(name == "ol");
            }
            "li" => {
                let depth = self.lists.len().saturating_sub(1).min(MAX_LIST_DEPTH);
                let ordered = self.lists.last().copied().unwrap_or(false);
                self.md.start(Block::Item { depth, ordered });
            }
            "b" | "strong" => self.bold += 1,
            "i" | "em" | "cite" => self.italic += 1,
            "br" => self.md.line_break(),
            _ => {}
        }
        TokenSinkResult::Continue
    }

    fn close(&mut self, name: &str) {
        match name {
            "script" | "style" | "noscript" | "noframes" | "iframe" | "xmp" | "template" | "svg" | "math"
            | "select" | "textarea" => self.hidden = self.hidden.saturating_sub(1),
            "head" => self.in_head = false,
            "title" => self.in_title = false,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "div" | "blockquote" | "section" | "article"
            | "header" | "footer" | "td" | "th" | "dd" | "dt" | "figcaption" | "pre" | "address" | "caption"
            | "tr" | "li" => self.md.end(),
            "ul" | "ol" | "menu" => {
                self.md.end();
                self.lists.pop();
            }
            "b" | "strong" => self.bold = self.bold.saturating_sub(1),
            "i" | "em" | "cite" => self.italic = self.italic.saturating_sub(1),
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.in_title {
            self.title.get_or_insert_with(String::new).push_str(text);
        } else if self.hidden == 0 && !self.in_head {
            self.md.text(text, self.bold > 0, self.italic > 0);
        }
    }
}

/// Reads an HTML file (UTF-8, else Windows-1252 with a warning).
pub(super) fn read(bytes: &[u8], path: &Path) -> Result<Extracted> {
    let (text, warning) = super::text::decode(bytes);
    let (comparisons, attributes) = attribute_comparisons(text.as_bytes());
    if comparisons > MAX_ATTRIBUTE_COMPARISONS {
        return Err(Error::invalid(Message::HtmlTooComplex {
            path: path.display().to_string(),
            attributes: attributes as i64,
        }));
    }
    let tokenizer = Tokenizer::new(Sink(RefCell::new(State::default())), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(&text));
    while let TokenizerResult::Script(()) = tokenizer.feed(&input) {}
    tokenizer.end();
    let state = tokenizer.sink.0.into_inner();
    Ok(Extracted {
        meta_title: state.title,
        body: state.md.finish(),
        warnings: warning.into_iter().collect(),
    })
}

/// Attribute comparisons past which a file is refused: a fraction of a
/// second of the tokenizer's time.
pub(crate) const MAX_ATTRIBUTE_COMPARISONS: usize = 50_000_000;
/// Tags with at most this many attributes are not counted: their checks
/// grow with the file's size, not with its square.
const FEW_ATTRIBUTES: usize = 64;
/// The elements whose content the reader has the tokenizer take as raw
/// text (see [`State::open`]): no tags inside.
const RAW_TEXT: &[&[u8]] = &[b"script", b"style", b"noscript", b"noframes", b"iframe", b"xmp", b"title", b"textarea"];

/// The attribute comparisons the tokenizer would make for the tags of
/// many attributes in `text` (`n²/2` for a tag of `n`), and the most
/// attributes one tag has. A quick scan that finds tags as the tokenizer
/// does (comments, raw text and quoted values skipped); it stops counting
/// past the maximum.
pub(crate) fn attribute_comparisons(text: &[u8]) -> (usize, usize) {
    let (mut total, mut most) = (0usize, 0usize);
    let mut i = 0;
    while let Some(at) = find(text, i, |c| c == b'<') {
        i = at + 1;
        if text[i..].starts_with(b"!--") {
            i = text[i..].windows(3).position(|w| w == b"-->").map_or(text.len(), |e| i + e + 3);
            continue;
        }
        if matches!(text.get(i), Some(b'!' | b'?')) {
            i = find(text, i, |c| c == b'>').map_or(text.len(), |e| e + 1);
            continue;
        }
        let closing = text.get(i) == Some(&b'/');
        let name_at = i + usize::from(closing);
        if !text.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = skip(text, name_at, |c| !c.is_ascii_whitespace() && c != b'/' && c != b'>');
        let (end, attributes) = tag_attributes(text, name_end);
        i = end;
        most = most.max(attributes);
        if attributes > FEW_ATTRIBUTES {
            total += attributes * attributes / 2;
            if total > MAX_ATTRIBUTE_COMPARISONS {
                break;
            }
        }
        let name = text[name_at..name_end].to_ascii_lowercase();
        if !closing && RAW_TEXT.contains(&name.as_slice()) {
            // Raw text runs to the element's end tag, in any case.
            let mut close = b"</".to_vec();
            close.extend(&name);
            let lower = |w: &[u8]| w.eq_ignore_ascii_case(&close);
            i = text[i..].windows(close.len()).position(lower).map_or(text.len(), |e| i + e);
        }
    }
    (total, most)
}

/// From just after a tag's name: the index after its `>`, and how many
/// attributes it has.
fn tag_attributes(text: &[u8], mut i: usize) -> (usize, usize) {
    let mut count = 0;
    loop {
        i = skip(text, i, |c| c.is_ascii_whitespace() || c == b'/');
        match text.get(i) {
            None => return (i, count),
            Some(b'>') => return (i + 1, count),
            _ => {}
        }
        // A name (its first character may be `=`), then perhaps a value.
        count += 1;
        i = skip(text, i + 1, |c| !c.is_ascii_whitespace() && !matches!(c, b'/' | b'>' | b'='));
        let after = skip(text, i, |c| c.is_ascii_whitespace());
        if text.get(after) == Some(&b'=') {
            i = skip(text, after + 1, |c| c.is_ascii_whitespace());
            i = match text.get(i) {
                Some(&quote @ (b'"' | b'\'')) => find(text, i + 1, |c| c == quote).map_or(text.len(), |e| e + 1),
                _ => skip(text, i, |c| !c.is_ascii_whitespace() && c != b'>'),
            };
        }
    }
}

fn find(text: &[u8], from: usize, is: impl Fn(u8) -> bool) -> Option<usize> {
    text.get(from..)?.iter().position(|&c| is(c)).map(|p| from + p)
}

fn skip(text: &[u8], mut i: usize, keep: impl Fn(u8) -> bool) -> usize {
    while i < text.len() && keep(text[i]) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure_survives_and_scripts_do_not() {
        let html = "<html><head><title>The  Title</title><style>p{}</style><script>if (a<b) x()</script></head>\
            <body><h1>Big</h1><p>Some <b>bold</b> and <em>soft</em> text &amp; more.</p>\
            <ul><li>one<ol><li>sub</li></ol></li><li>two</li></ul></body></html>";
        let e = read(html.as_bytes(), Path::new("page.html")).unwrap();
        assert_eq!(e.meta_title.as_deref(), Some("The  Title"));
        assert_eq!(e.body, "# Big\n\nSome **bold** and *soft* text & more.\n\n- one\n    1. sub\n- two\n");
    }

    #[test]
    fn attributes_are_counted_as_the_tokenizer_finds_them() {
        let many = |n: usize| (0..n).map(|i| format!(" a{i}='x > y' b{i}=z")).collect::<String>();
        let tag = format!("<p{}>", many(30));
        assert_eq!(attribute_comparisons(tag.as_bytes()), (0, 60), "sixty: not counted");
        let tag = format!("<p{}>text</p>", many(100));
        assert_eq!(attribute_comparisons(tag.as_bytes()), (200 * 200 / 2, 200));
        // Not tags: comments, raw text, a lone `<`.
        let hidden = format!("<!-- <p{0}> --><script><p{0}></SCRIPT><title>a < b{0}</title>", many(100));
        assert_eq!(attribute_comparisons(hidden.as_bytes()), (0, 0));
    }
}
