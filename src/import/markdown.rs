//! A small Markdown writer shared by the readers of structured formats
//! (HTML, DOCX, ODT, PDF).
//!
//! A reader says where blocks start (heading, paragraph, list item at a
//! depth) and hands over text runs with their emphasis; the writer collapses
//! white space as a word processor shows it, escapes what Markdown would
//! otherwise read as syntax, numbers ordered lists, and puts blank lines
//! between blocks. Its promise: the output parses back (with pulldown-cmark)
//! into the same headings, paragraphs, emphasis and nested lists.

/// What kind of block text is going into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Block {
    Paragraph,
    /// A heading, level 1 to 6.
    Heading(u8),
    /// A list item; `depth` 0 is the outermost list.
    Item { depth: usize, ordered: bool },
}

#[derive(Debug, Clone, Default)]
struct Run {
    text: String,
    bold: bool,
    italic: bool,
}

/// Builds a Markdown document block by block.
#[derive(Debug, Default)]
pub(super) struct MarkdownWriter {
    blocks: Vec<String>,
    /// Whether each finished block was a list item, to know where blank
    /// lines go (items of one list are not separated).
    items: Vec<bool>,
    current: Option<Block>,
    runs: Vec<Run>,
    /// The next number of an ordered list, per depth.
    counters: Vec<u32>,
}

/// The deepest list nesting written; deeper items are kept at this depth
/// (Markdown renderers give up on very deep indentation anyway).
const MAX_DEPTH: usize = 8;

impl MarkdownWriter {
    pub(super) fn new() -> Self {
        Self::default()
    }

    /// Ends the current block (if any) and starts a new one.
    pub(super) fn start(&mut self, block: Block) {
        self.end();
        self.current = Some(block);
    }

    /// Ends the current block; text after it goes into a new paragraph.
    pub(super) fn end(&mut self) {
        let Some(block) = self.current.take() else {
            self.runs.clear();
            return;
        };
        let inline = render_runs(&std::mem::take(&mut self.runs), matches!(block, Block::Heading(_)));
        if inline.is_empty() {
            return;
        }
        let text = match block {
            Block::Paragraph => {
                self.counters.clear();
                escape_block_start(&inline)
            }
            Block::Heading(level) => {
                self.counters.clear();
                let level = level.clamp(1, 6) as usize;
                format!("{} {}", "#".repeat(level), inline.replace("\\\n", " "))
            }
            Block::Item { depth, ordered } => {
                let depth = depth.min(MAX_DEPTH);
                self.counters.truncate(depth + 1);
                self.counters.resize(depth + 1, 0);
                let marker = if ordered {
                    self.counters[depth] += 1;
                    format!("{}.", self.counters[depth])
                } else {
                    self.counters[depth] = 0;
                    "-".to_owned()
                };
                let indent = "    ".repeat(depth);
                // Continuation lines of an item sit under its text.
                let inline = inline.replace('\n', &format!("\n{indent}    "));
                format!("{indent}{marker} {}", escape_block_start(&inline))
            }
        };
        self.items.push(matches!(block, Block::Item { .. }));
        self.blocks.push(text);
    }

    /// Adds text to the current block (a paragraph if none was started).
    pub(super) fn text(&mut self, text: &str, bold: bool, italic: bool) {
        if text.is_empty() {
            return;
        }
        if self.current.is_none() {
            if text.trim().is_empty() {
                return;
            }
            self.current = Some(Block::Paragraph);
        }
        match self.runs.last_mut() {
            Some(run) if run.bold == bold && run.italic == italic => run.text.push_str(text),
            _ => self.runs.push(Run {
                text: text.to_owned(),
                bold,
                italic,
            }),
        }
    }

    /// A forced line break inside the current block.
    pub(super) fn line_break(&mut self) {
        if self.current.is_some() {
            self.runs.push(Run {
                text: "\u{0}".into(),
                bold: false,
                italic: false,
            });
        }
    }

    /// The whole document.
    pub(super) fn finish(mut self) -> String {
        self.end();
        let mut out = String::new();
        for (i, block) in self.blocks.iter().enumerate() {
            if i > 0 {
                let both_items = self.items[i - 1] && self.items[i];
                out.push_str(if both_items { "\n" } else { "\n\n" });
            }
            out.push_str(block);
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out
    }
}

/// Inline Markdown for a block's runs: white space collapsed, emphasis
/// markers hugging the words (Markdown ignores `** word**`), line breaks as
/// a backslash before the newline. Headings drop emphasis: their style is
/// already bold.
fn render_runs(runs: &[Run], plain: bool) -> String {
    // Collapse white space across run boundaries first, so that a space at
    // the end of one run and the start of the next becomes one space.
    let mut pieces: Vec<(String, bool, bool)> = Vec::new();
    let mut last_space = true;
    for run in runs {
        let mut text = String::new();
        for c in run.text.chars() {
            if c == '\u{0}' {
                // A line break swallows the spaces around it.
                while text.ends_with(' ') {
                    text.pop();
                }
                text.push('\n');
                last_space = true;
            } else if c.is_whitespace() && c != '\u{a0}' {
                if !last_space {
                    text.push(' ');
                    last_space = true;
                }
            } else if !c.is_control() {
                text.push(c);
                last_space = false;
            }
        }
        let (bold, italic) = if plain { (false, false) } else { (run.bold, run.italic) };
        match pieces.last_mut() {
            Some(p) if p.1 == bold && p.2 == italic => p.0.push_str(&text),
            _ => pieces.push((text, bold, italic)),
        }
    }
    let mut out = String::new();
    for (text, bold, italic) in &pieces {
        let core = text.trim_matches([' ', '\n']);
        if core.is_empty() {
            out.push_str(if text.contains('\n') { "\n" } else { text });
            continue;
        }
        let start = text.len() - text.trim_start_matches([' ', '\n']).len();
        out.push_str(&text[..start]);
        let marker = match (bold, italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        out.push_str(marker);
        out.push_str(&escape_inline(core));
        out.push_str(marker);
        out.push_str(&text[start + core.len()..]);
    }
    let out = out.trim_matches([' ', '\n']);
    // Drop the blank lines a run of breaks would make, and mark each break
    // as a hard break.
    let lines: Vec<&str> = out.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect();
    lines.join("\\\n")
}

/// Escapes the characters that would start emphasis, code or a link.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what Markdown would read as a heading, quote, list marker or
/// rule at the start of a block of ordinary text.
fn escape_block_start(text: &str) -> String {
    let first = text.chars().next();
    match first {
        Some('#' | '>' | '+' | '-' | '=' | '|') => format!("\\{text}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = text.chars().take_while(char::is_ascii_digit).count();
            let rest = &text[digits..];
            if rest.starts_with(". ") || rest.starts_with(") ") || rest == "." || rest == ")" {
                format!("{}\\{}", &text[..digits], rest)
            } else {
                text.to_owned()
            }
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_hugs_the_words_and_spaces_collapse() {
        let mut w = MarkdownWriter::new();
        w.start(Block::Paragraph);
        w.text("Canada joined the ", false, false);
        w.text("Arms Trade  Treaty ", true, false);
        w.text(" in\n2019.", false, false);
        assert_eq!(w.finish(), "Canada joined the **Arms Trade Treaty** in 2019.\n");
    }

    #[test]
    fn nested_lists_are_indented_and_numbered_per_level() {
        let mut w = MarkdownWriter::new();
        w.start(Block::Heading(2));
        w.text("Ask", true, false);
        for (depth, ordered, text) in [(0, false, "a"), (1, true, "b"), (1, true, "c"), (0, false, "d")] {
            w.start(Block::Item { depth, ordered });
            w.text(text, false, false);
        }
        w.start(Block::Paragraph);
        w.text("After.", false, false);
        assert_eq!(w.finish(), "## Ask\n\n- a\n    1. b\n    2. c\n- d\n\nAfter.\n");
    }

    #[test]
    fn text_that_looks_like_syntax_is_escaped() {
        let mut w = MarkdownWriter::new();
        w.start(Block::Paragraph);
        w.text("1. not a list * star _under_", false, false);
        w.start(Block::Paragraph);
        w.text("# not a heading", false, false);
        assert_eq!(w.finish(), "1\\. not a list \\* star \\_under\\_\n\n\\# not a heading\n");
    }

    #[test]
    fn empty_blocks_leave_nothing() {
        let mut w = MarkdownWriter::new();
        w.start(Block::Paragraph);
        w.text("   ", true, false);
        w.start(Block::Heading(1));
        w.line_break();
        assert_eq!(w.finish(), "");
    }
}
