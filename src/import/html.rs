//! HTML files: headings, paragraphs, bold/italic and nested lists become
//! Markdown; scripts, styles and everything in `<head>` but the `<title>`
//! are dropped.
//!
//! It uses html5ever's tokenizer (already compiled in for ammonia) rather
//! than building a tree: a flat walk of tags is all the mapping needs, and a
//! tokenizer never fails, so any bytes give some text or "no text".

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::TokenizerResult;

use super::markdown::{Block, MarkdownWriter};
use super::Extracted;
use crate::error::Result;

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
pub(super) fn read(bytes: &[u8]) -> Result<Extracted> {
    let (text, warning) = super::text::decode(bytes);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure_survives_and_scripts_do_not() {
        let html = "<html><head><title>The  Title</title><style>p{}</style><script>if (a<b) x()</script></head>\
            <body><h1>Big</h1><p>Some <b>bold</b> and <em>soft</em> text &amp; more.</p>\
            <ul><li>one<ol><li>sub</li></ol></li><li>two</li></ul></body></html>";
        let e = read(html.as_bytes()).unwrap();
        assert_eq!(e.meta_title.as_deref(), Some("The  Title"));
        assert_eq!(e.body, "# Big\n\nSome **bold** and *soft* text & more.\n\n- one\n    1. sub\n- two\n");
    }
}
