//! Paper bodies shaped to make a packet export cost far more than their
//! size: a table of thousands of columns, a paragraph whose every word
//! changes style, lists and quotes nested thousands deep, a line of 4 MB
//! with no space, thousands of headings, tiny paragraphs and links.
//!
//! The rule they attack: any body the library accepts (up to the 4 MB a
//! packet sets, `MAX_BODY_BYTES`) exports within the budget, whatever its
//! structure. Each export here is bounded in time ([`SECONDS`], scaled for
//! a debug build) and in the heap it holds at its peak ([`heap_allowed`]),
//! counted by this binary's allocator on the exporting thread, so the
//! figure is the export's own whatever other tests run beside it (the
//! allocator is the system's, counting; it also stops an export that runs
//! away at [`CEILING_BYTES`] rather than let it take the machine).
//!
//! `generated_shapes_export_within_the_budget` draws bodies from a seeded
//! generator: a few small cases in the normal run; `DOSSIER_SHAPES=N`
//! (cases) with `DOSSIER_SHAPES_BYTES` (the largest body, up to 4 MB) and
//! `DOSSIER_SEED` run more, as the README's Security section says.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::{Duration, Instant};

use dossier::export::ExportOptions;
use dossier::papers::{Draft, Lang, NewPaper};
use dossier::packets::NewPacket;

use crate::util::TempLibrary;

/// The most an export of a 4 MB body may take in a release build on a
/// loaded machine: a guard against a hang or a quadratic (the alternating
/// styles took over 60 s), not the README's 5 s budget, which 4 MB of text
/// does not meet today (the README gives the figures); a debug build is
/// given [`DEBUG_SLOWER`] times more.
const SECONDS: f64 = 15.0;
const DEBUG_SLOWER: f64 = 3.0;

/// The most heap an export may hold at once: [`HEAP_BASE`] and
/// [`HEAP_PER_BYTE`] for each byte of body. A packet holds every page's
/// glyphs twice before it is written (laid out, then as printpdf's
/// operations), about 300 bytes of heap for each byte of text, so a body
/// past about 1 MB of text is over the README's 300 MB whatever its shape
/// (the README says so); what this bound catches is a shape that costs
/// more than its text: the 5,000-column table took 875 bytes a byte.
const HEAP_BASE: usize = 64 << 20;
const HEAP_PER_BYTE: usize = 400;

fn heap_allowed(bytes: usize) -> usize {
    HEAP_BASE + HEAP_PER_BYTE * bytes
}

/// The largest body a packet sets (`dossier::export::packet::MAX_BODY_BYTES`).
const FOUR_MB: usize = 4 * 1024 * 1024;

// ---- Counting the heap the exporting thread holds.

/// The system allocator, counting for each thread the bytes it holds and
/// the most it has held since [`Peak::start`].
struct Counting;

thread_local! {
    static HELD: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
    /// While an export is measured: the most it may hold before its next
    /// allocation fails (and the test binary aborts saying so), so a shape
    /// that blows up stops at a few GB instead of taking the machine.
    static CEILING: Cell<isize> = const { Cell::new(isize::MAX) };
}

/// The heap an export may reach before it is stopped: far past the budget,
/// only there to keep a failure from exhausting the machine.
const CEILING_BYTES: isize = 3 << 30;

/// Whether the thread may take `size` more bytes.
fn room_for(size: usize) -> bool {
    match (HELD.try_with(Cell::get), CEILING.try_with(Cell::get)) {
        (Ok(held), Ok(ceiling)) => held.saturating_add(chunk(size)) <= ceiling,
        _ => true,
    }
}

/// What an allocation of `size` bytes takes from the system: glibc's
/// chunk (the size and an 8-byte header, rounded up to 16, at least 32),
/// so a million one-letter strings count as the 32 MB they hold, not 1 MB.
fn chunk(size: usize) -> isize {
    ((size + 8).div_ceil(16) * 16).max(32) as isize
}

fn count(delta: isize) {
    // `try_with`: a thread being torn down has no counters left.
    let _ = HELD.try_with(|held| {
        let now = held.get() + delta;
        held.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if !room_for(layout.size()) {
            return std::ptr::null_mut();
        }
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            count(chunk(layout.size()));
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if !room_for(layout.size()) {
            return std::ptr::null_mut();
        }
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            count(chunk(layout.size()));
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        count(-chunk(layout.size()));
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() && !room_for(new_size - layout.size()) {
            return std::ptr::null_mut();
        }
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            count(chunk(new_size) - chunk(layout.size()));
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The heap the current thread holds beyond what it held at `start`; until
/// dropped, the thread may hold at most [`CEILING_BYTES`] more.
struct Peak(isize);

impl Peak {
    fn start() -> Peak {
        let held = HELD.with(Cell::get);
        PEAK.with(|p| p.set(held));
        CEILING.with(|c| c.set(held + CEILING_BYTES));
        Peak(held)
    }

    fn bytes(&self) -> usize {
        (PEAK.with(Cell::get) - self.0).max(0) as usize
    }
}

impl Drop for Peak {
    fn drop(&mut self) {
        let _ = CEILING.try_with(|c| c.set(isize::MAX));
    }
}

// ---- Exporting a body.

/// What one export cost.
struct Cost {
    took: Duration,
    peak: usize,
    pages: usize,
}

/// Exports a packet of the one paper whose body is `body`, returning what
/// it cost, or the export's error.
fn export(body: String) -> Result<Cost, dossier::Error> {
    let mut t = TempLibrary::new();
    let paper = t
        .lib
        .add_paper(NewPaper { lang: Lang::En, tags: vec![], draft: Draft { title: "Hostile shape".into(), body, author: "Attacker".into(), ..Draft::default() } })
        .expect("the paper is stored")
        .paper_id;
    t.lib.publish(paper, None, None).expect("published");
    let packet = t.lib.create_packet(NewPacket { title: "Shapes".into(), ..NewPacket::default() }).expect("a packet").id;
    t.lib.add_packet_item(packet, paper, None).expect("the paper is added");
    let opts = ExportOptions { out: t.dir.path().join("shape.pdf"), ..ExportOptions::default() };
    let peak = Peak::start();
    let started = Instant::now();
    let report = t.lib.export_packet(packet, &opts)?;
    Ok(Cost { took: started.elapsed(), peak: peak.bytes(), pages: report.pages })
}

/// The time an export of a body of `bytes` may take here: the budget,
/// scaled down with the body (never under a second) and up in a debug build.
fn allowed(bytes: usize) -> Duration {
    let scale = if cfg!(debug_assertions) { DEBUG_SLOWER } else { 1.0 };
    let share = (bytes as f64 / FOUR_MB as f64).clamp(0.2, 1.0);
    Duration::from_secs_f64(SECONDS * share * scale)
}

/// Exports `body` and fails when it takes longer than [`allowed`] or holds
/// more than [`PEAK_BYTES`]; returns the pages it printed.
fn within_budget(what: &str, body: String) -> usize {
    let bytes = body.len();
    assert!(bytes <= FOUR_MB, "{what}: the body is within the packet's limit ({bytes} bytes)");
    let cost = export(body).unwrap_or_else(|e| panic!("{what}: the export fails: {e}"));
    eprintln!("{what}: {bytes} bytes, {} pages, {:?}, peak heap {} MB", cost.pages, cost.took, cost.peak >> 20);
    assert!(cost.took <= allowed(bytes), "{what}: took {:?} for {bytes} bytes", cost.took);
    assert!(cost.peak <= heap_allowed(bytes), "{what}: held {} MB at its peak for {bytes} bytes", cost.peak >> 20);
    cost.pages
}

// ---- The shapes.

/// Repeats `unit(k)` for k = 0, 1, … while the body stays under `bytes`.
fn repeat(bytes: usize, head: &str, mut unit: impl FnMut(usize) -> String) -> String {
    let mut out = String::from(head);
    for k in 0.. {
        let u = unit(k);
        if out.len() + u.len() > bytes {
            break;
        }
        out.push_str(&u);
    }
    out
}

/// A table of `columns` columns and as many rows as fit in `bytes`.
fn wide_table(columns: usize, bytes: usize) -> String {
    let header: String = (0..columns).map(|j| format!("| H{j} ")).collect::<String>() + "|\n";
    let rule = "|---".repeat(columns) + "|\n";
    repeat(bytes, &(header + &rule), |i| (0..columns).map(|j| format!("| r{i}c{j} ")).collect::<String>() + "|\n")
}

/// A header of [`MAX_COLUMNS`] cells over as many one-cell rows as fit:
/// padded to a grid, the rows would hold a hundred times the cells written.
fn ragged_table(bytes: usize) -> String {
    let columns = dossier::export::markdown::MAX_COLUMNS;
    let header: String = (0..columns).map(|j| format!("| H{j} ")).collect::<String>() + "|\n" + &"|---".repeat(columns) + "|\n";
    repeat(bytes, &header, |i| format!("|{}\n", i % 10))
}

/// One paragraph of words alternately bold and italic.
fn alternating_styles(bytes: usize) -> String {
    repeat(bytes, "", |k| if k % 2 == 0 { format!("**w{k}** ") } else { format!("*w{k}* ") })
}

/// Bullet lists nested one in another as deep as `bytes` allows.
fn deep_list(bytes: usize) -> String {
    repeat(bytes, "", |k| format!("{}- level {k}\n", "  ".repeat(k)))
}

/// Block quotes nested `depth` deep, one line at each depth.
fn deep_quote(bytes: usize) -> String {
    repeat(bytes, "", |k| format!("{} quote {k}\n", ">".repeat(k + 1)))
}

/// Quotes and lists nested in each other on one line, then text.
fn deep_mixed(bytes: usize) -> String {
    let depth = (bytes / 8).min(200_000);
    let mut out = "> - ".repeat(depth);
    out.truncate(bytes.saturating_sub(8));
    out + "deepest\n"
}

/// A line of `bytes` letters with no space.
fn one_long_word(bytes: usize) -> String {
    "abcdefghij".chars().cycle().take(bytes).collect()
}

/// A line of `bytes` with no break anywhere: punctuation, digits, letters.
fn one_long_line(bytes: usize) -> String {
    "a1.b2,c3;d4".chars().cycle().take(bytes).collect()
}

fn many_headings(bytes: usize) -> String {
    repeat(bytes, "", |k| format!("{} Heading {k}\n\n", "#".repeat(k % 6 + 1)))
}

fn tiny_paragraphs(bytes: usize) -> String {
    repeat(bytes, "", |k| format!("p{}\n\n", k % 10))
}

fn many_links(bytes: usize) -> String {
    repeat(bytes, "", |k| format!("[l{k}](https://example.org/{k}) "))
}

fn many_items(bytes: usize) -> String {
    repeat(bytes, "", |k| format!("{}. x\n", k + 1))
}

fn plain_prose(bytes: usize) -> String {
    repeat(bytes, "", |k| format!("Canada's vote on resolution {k} at the United Nations was recorded. "))
}

fn long_code_block(bytes: usize) -> String {
    repeat(bytes, "```\n", |k| format!("let x{k} = {k};\n")) + "```\n"
}

/// Inline code and emphasis nested and alternated inside one long cell of
/// a narrow table.
fn styled_cells(bytes: usize) -> String {
    repeat(bytes, "| a | b |\n|---|---|\n", |k| format!("| **{k}** *i* `c` | [l](https://x.org) ~~s~~ |\n"))
}

// ---- The attacks named in the issue, at full size.

#[test]
fn a_table_of_five_thousand_columns_exports_within_the_budget() {
    let body = wide_table(5_000, FOUR_MB);
    within_budget("5,000 columns × ~200 rows", body);
}

#[test]
fn a_paragraph_of_alternating_bold_and_italic_words_exports_within_the_budget() {
    within_budget("4 MB of words alternating bold and italic", alternating_styles(FOUR_MB));
}

// ---- Every shape, and shapes drawn at random.

/// Each shape by name, made to a size in bytes.
const SHAPES: &[(&str, fn(usize) -> String)] = &[
    ("a table 5,000 columns wide", |b| wide_table(5_000, b)),
    ("a table 300 columns wide", |b| wide_table(300, b)),
    ("a table 40 columns wide", |b| wide_table(40, b)),
    ("a hundred-column header over one-cell rows", ragged_table),
    ("words alternating bold and italic", alternating_styles),
    ("a list nested ever deeper", deep_list),
    ("quotes nested ever deeper", deep_quote),
    ("quotes and lists nested on one line", deep_mixed),
    ("one word with no space", one_long_word),
    ("one line with no space", one_long_line),
    ("many headings", many_headings),
    ("many tiny paragraphs", tiny_paragraphs),
    ("many links", many_links),
    ("many numbered items", many_items),
    ("plain prose", plain_prose),
    ("one long code block", long_code_block),
    ("styled cells", styled_cells),
];

/// Every shape at the full 4 MB, one after the other (about a minute in a
/// release build): `cargo test --release --test tests every_shape -- --ignored --nocapture`.
#[test]
#[ignore]
fn every_shape_at_four_megabytes_exports_within_the_budget() {
    let only = std::env::var("DOSSIER_SHAPE").unwrap_or_default();
    for (name, make) in SHAPES.iter().filter(|(n, _)| n.contains(only.as_str())) {
        within_budget(name, make(FOUR_MB));
    }
}

/// A small seeded generator (xorshift), so a failing case can be replayed
/// from its seed.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Bodies made of one to three shapes of random sizes, joined as blocks,
/// each export bounded. The normal run tries a few small bodies; set
/// `DOSSIER_SHAPES` (cases), `DOSSIER_SHAPES_BYTES` (the largest body) and
/// `DOSSIER_SEED` for a longer one.
#[test]
fn generated_shapes_export_within_the_budget() {
    let cases = env_number("DOSSIER_SHAPES", 4);
    let largest = (env_number("DOSSIER_SHAPES_BYTES", 48 * 1024) as usize).min(FOUR_MB);
    let seed = env_number("DOSSIER_SEED", 0x5eed_2701);
    let mut rng = Seeded(seed | 1);
    for case in 0..cases {
        let parts = 1 + rng.below(3);
        let mut body = String::new();
        let mut names = Vec::new();
        for _ in 0..parts {
            let (name, make) = SHAPES[rng.below(SHAPES.len())];
            let room = largest.saturating_sub(body.len() + 2);
            let size = 1 + rng.below(room / parts);
            body.push_str(&make(size));
            body.push_str("\n\n");
            names.push(name);
        }
        let mut end = body.len().min(largest);
        while !body.is_char_boundary(end) {
            end -= 1;
        }
        body.truncate(end);
        within_budget(&format!("case {case} of seed {seed:#x}: {}", names.join(", ")), body);
    }
}
