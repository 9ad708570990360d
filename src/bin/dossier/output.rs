//! How the command line prints: plain tables for people, JSON for scripts.
//!
//! Promises: every result reaches standard output through [`write_out`]
//! (the `outln!` and `out!` macros, used instead of `println!`), so a
//! reader that stops reading early (`dossier engagement list --json | head
//! -c 1`) ends the command quietly instead of with a panic and a backtrace.

use std::io::{IsTerminal, Write};

/// `println!` for the command line's results, through [`write_out`].
macro_rules! outln {
    () => {
        $crate::output::write_out(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::output::write_out(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `print!` for the command line's results, through [`write_out`].
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::output::write_out(format_args!($($arg)*))
    };
}

/// Writes text to standard output; see [`stop`] for when that fails.
pub fn write_out(text: std::fmt::Arguments<'_>) {
    if let Err(e) = std::io::stdout().lock().write_fmt(text) {
        stop(e);
    }
}

/// Writes bytes to standard output and flushes them; see [`stop`].
pub fn write_bytes(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(bytes).and_then(|()| out.flush()) {
        stop(e);
    }
}

/// Ends the command when standard output cannot be written. A reader that
/// went away wanted no more: exit at once, successfully and silently, as
/// `cat` and `grep` do (a command prints only after its work is done, so
/// nothing is left half made). Any other failure (a full disk behind
/// `> file`) is an error the user must see.
fn stop(e: std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    let e = dossier::Error::Io { path: "standard output".into(), source: e };
    eprintln!("error: {}", crate::wording::error(&e));
    std::process::exit(1);
}

use dossier::diff::{SegmentKind, WordDiff};
use serde::Serialize;

/// Prints `value` as pretty JSON on stdout.
pub fn json<T: Serialize>(value: &T) -> dossier::Result<()> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| dossier::Error::Invalid(dossier::Message::JsonFailed { detail: e.to_string() }))?;
    outln!("{text}");
    Ok(())
}

/// Prints rows as left-aligned columns under a header.
pub fn table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut text = String::new();
        for (i, cell) in cells.enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            text.push_str(cell);
            let pad = widths[i].saturating_sub(cell.chars().count());
            text.extend(std::iter::repeat_n(' ', pad));
        }
        outln!("{}", text.trim_end());
    };
    line(&mut header.iter().copied());
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
}

/// Prints `label: value` lines, skipping empty values.
pub fn fields(pairs: &[(&str, String)]) {
    let width = pairs.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (k, v) in pairs {
        if !v.is_empty() {
            outln!("{k:width$}  {v}");
        }
    }
}

/// Prints a word diff: coloured on a terminal, else with `[-old-]{+new+}`
/// markers as `git diff --word-diff` does.
pub fn word_diff(diff: &WordDiff) {
    let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut text = String::new();
    for seg in &diff.segments {
        match (seg.kind, colour) {
            (SegmentKind::Equal, _) => text.push_str(&seg.text),
            (SegmentKind::Delete, true) => text.push_str(&format!("\x1b[31;9m{}\x1b[0m", seg.text)),
            (SegmentKind::Insert, true) => text.push_str(&format!("\x1b[32;4m{}\x1b[0m", seg.text)),
            (SegmentKind::Delete, false) => text.push_str(&format!("[-{}-]", seg.text)),
            (SegmentKind::Insert, false) => text.push_str(&format!("{{+{}+}}", seg.text)),
        }
    }
    outln!("{}", text.trim_end());
}

/// Shortens a line of text to `max` characters.
pub fn clip(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or("");
    if line.chars().count() <= max {
        line.to_owned()
    } else {
        let cut: String = line.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The date part of a stored moment.
pub fn day(moment: &str) -> String {
    moment.get(..10).unwrap_or(moment).to_owned()
}

/// A progress bar on stderr, only for a person watching a terminal (and not
/// when JSON was asked for): scripts and pipes get the result lines alone.
pub fn progress_bar(json: bool) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    (std::io::stderr().is_terminal() && !json).then(|| {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    })
}
