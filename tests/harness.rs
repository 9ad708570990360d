//! The machinery of the crash and concurrency tests: a seeded random source,
//! varied text, running the real `dossier` binary on a library, the table of
//! operations a run picks from, and an oracle of every acknowledged write
//! checked against what the database actually holds.
//!
//! An operation is one entry in [`OPS`]: a name, a weight and a function
//! that turns the oracle's state into a command line and the effect the
//! command promises once it exits 0.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};
use serde_json::Value;

/// A small seeded generator (splitmix64): the same seed gives the same run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

/// A number from the environment, else `default`.
pub fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default)
}

/// Words the generated text is made of: English and French with accents,
/// a few Arabic and Hebrew names, and words every search term list uses.
pub const WORDS: &[&str] = &[
    "élections", "colonies", "settlement", "trade", "apartheid", "négociations", "réfugiés", "Canada",
    "sanctions", "humanitarian", "ceasefire", "droits", "accountability", "Ottawa", "Québec", "naïve",
    "façade", "Gaza", "بيت لحم", "ירושלים", "labelling", "exportations", "Cisjordanie", "parliament",
    "committee", "sénateur", "boycott", "occupation", "tribunal", "coût", "être", "Noël", "housing",
    "water", "l'eau", "démolitions", "permits", "checkpoints", "embargo", "arms", "reconstruction",
];

/// Terms the search checks ask for.
pub const SEARCH_TERMS: &[&str] = &["élections", "settlement", "apartheid", "réfugiés", "water", "ceasefire", "naive", "Gaza"];

/// A paragraph-structured Markdown body of roughly `words` words.
pub fn body(rng: &mut Rng, words: usize) -> String {
    let mut out = String::new();
    let mut in_paragraph = 0;
    for i in 0..words {
        if in_paragraph == 0 && i > 0 {
            out.push_str(if rng.below(5) == 0 { "\n\n- " } else { "\n\n" });
        } else if i > 0 {
            out.push(' ');
        }
        out.push_str(rng.pick(WORDS));
        in_paragraph = (in_paragraph + 1) % 60;
        if in_paragraph % 12 == 11 {
            out.push('.');
        }
    }
    out.push_str(&format!(" Marker {}.\n", rng.next() % 1_000_000_007));
    out
}

/// A title with accents and a unique tail.
pub fn title(rng: &mut Rng) -> String {
    format!("{} et {} — n° {}", capital(rng.pick(WORDS)), rng.pick(WORDS), rng.next() % 100_000)
}

fn capital(word: &str) -> String {
    let mut c = word.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// One version as the oracle knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub title: String,
    pub body: String,
}

/// What the library holds, as far as the tests can tell: every table the
/// operations write to, in a form that compares exactly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    /// Paper id → its versions, version 1 first.
    pub papers: BTreeMap<i64, Vec<Text>>,
    /// Paper id → the version numbers published, in order.
    pub publications: BTreeMap<i64, Vec<i64>>,
    /// Engagement id → (subject, notes).
    pub engagements: BTreeMap<i64, (String, String)>,
    /// Packet id → (title, paper ids of its items in order).
    pub packets: BTreeMap<i64, (String, Vec<i64>)>,
    /// Export id → (packet id, path).
    pub exports: BTreeMap<i64, (i64, String)>,
}

impl State {
    /// How many acknowledged writes this state holds.
    pub fn writes(&self) -> usize {
        self.papers.values().map(Vec::len).sum::<usize>()
            + self.publications.values().map(Vec::len).sum::<usize>()
            + self.engagements.len()
            + self.packets.values().map(|(_, items)| 1 + items.len()).sum::<usize>()
            + self.exports.len()
    }

    /// Reads the state from the database file with a read-only connection.
    pub fn read(root: &Path) -> Result<State, String> {
        let conn = read_only(root)?;
        let q = |e: rusqlite::Error| format!("reading the library: {e}");
        let mut s = State::default();
        let mut stmt = conn
            .prepare("SELECT paper_id, number, title, body FROM paper_versions ORDER BY paper_id, number")
            .map_err(q)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get(2)?, r.get(3)?)))
            .map_err(q)?;
        for row in rows {
            let (paper, number, title, body) = row.map_err(q)?;
            let versions = s.papers.entry(paper).or_default();
            if number != versions.len() as i64 + 1 {
                return Err(format!(
                    "paper {paper}: version {number} follows version {}: numbers must be contiguous",
                    versions.len()
                ));
            }
            versions.push(Text { title, body });
        }
        let orphans: i64 = conn
            .query_row("SELECT count(*) FROM papers WHERE id NOT IN (SELECT paper_id FROM paper_versions)", [], |r| r.get(0))
            .map_err(q)?;
        if orphans > 0 {
            return Err(format!("{orphans} papers have no version: a half-written paper"));
        }
        let mut stmt = conn.prepare("SELECT p.paper_id, v.number FROM publications p JOIN paper_versions v ON v.id = p.version_id ORDER BY p.id").map_err(q)?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))).map_err(q)? {
            let (paper, number) = row.map_err(q)?;
            s.publications.entry(paper).or_default().push(number);
        }
        let mut stmt = conn.prepare("SELECT id, subject, notes FROM engagements ORDER BY id").map_err(q)?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?))).map_err(q)? {
            let (id, subject, notes) = row.map_err(q)?;
            s.engagements.insert(id, (subject, notes));
        }
        let mut stmt = conn.prepare("SELECT id, title FROM packets ORDER BY id").map_err(q)?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?))).map_err(q)? {
            let (id, title) = row.map_err(q)?;
            s.packets.insert(id, (title, Vec::new()));
        }
        let mut stmt = conn.prepare("SELECT packet_id, paper_id FROM packet_items ORDER BY packet_id, position").map_err(q)?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))).map_err(q)? {
            let (packet, paper) = row.map_err(q)?;
            match s.packets.get_mut(&packet) {
                Some((_, items)) => items.push(paper),
                None => return Err(format!("an item of packet {packet}, which does not exist")),
            }
        }
        let mut stmt = conn.prepare("SELECT id, packet_id, path FROM packet_exports ORDER BY id").map_err(q)?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get(2)?))).map_err(q)? {
            let (id, packet, path) = row.map_err(q)?;
            s.exports.insert(id, (packet, path));
        }
        Ok(s)
    }
}

/// A read-only connection to the library's database, as a user's `sqlite3`
/// would open it.
pub fn read_only(root: &Path) -> Result<Connection, String> {
    Connection::open_with_flags(root.join("library.sqlite"), OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| format!("cannot open the database read-only: {e}"))
}

/// `PRAGMA integrity_check` on a read-only connection; `Ok` when "ok".
pub fn integrity(root: &Path) -> Result<(), String> {
    let conn = read_only(root)?;
    let rows: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| format!("integrity_check could not run: {e}"))?;
    if rows == ["ok"] {
        Ok(())
    } else {
        Err(format!("integrity_check: {}", rows.join("; ")))
    }
}

/// What a command promises once it exits 0.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Reads, searches and reindexing change no record.
    Nothing,
    AddPaper(Text),
    /// `dossier import` of one Markdown file: a new paper, like `AddPaper`,
    /// with its original file kept.
    Import(Text),
    Update { paper: i64, text: Text },
    Publish { paper: i64, number: i64 },
    Engagement { subject: String, notes: String },
    CreatePacket { title: String },
    PacketAdd { packet: i64, paper: i64 },
    Export { packet: i64, path: String },
}

impl Effect {
    /// True when the command writes to the database.
    pub fn writes(&self) -> bool {
        !matches!(self, Effect::Nothing)
    }

    /// Applies the effect of a command that exited 0 with `stdout` to the
    /// oracle's state.
    pub fn apply(&self, s: &mut State, stdout: &str) -> Result<(), String> {
        let json = || serde_json::from_str::<Value>(stdout).map_err(|e| format!("not JSON ({e}): {stdout}"));
        let id = |v: &Value, field: &str| v[field].as_i64().ok_or_else(|| format!("no `{field}` in {v}"));
        match self {
            Effect::Nothing => {}
            Effect::AddPaper(text) => {
                let v = json()?;
                s.papers.insert(id(&v, "paper_id")?, vec![text.clone()]);
            }
            Effect::Import(text) => {
                let v = json()?;
                let line = &v[0];
                if line["outcome"] != "imported" {
                    return Err(format!("the import answered {v}"));
                }
                s.papers.insert(id(line, "paper_id")?, vec![text.clone()]);
            }
            Effect::Update { paper, text } => {
                let v = json()?;
                let versions = s.papers.entry(*paper).or_default();
                versions.push(text.clone());
                if id(&v, "version")? != versions.len() as i64 {
                    return Err(format!("paper {paper}: the update answered {v}, the oracle expected version {}", versions.len()));
                }
            }
            Effect::Publish { paper, number } => s.publications.entry(*paper).or_default().push(*number),
            Effect::Engagement { subject, notes } => {
                s.engagements.insert(id(&json()?, "id")?, (subject.clone(), notes.clone()));
            }
            Effect::CreatePacket { title } => {
                s.packets.insert(id(&json()?, "id")?, (title.clone(), Vec::new()));
            }
            Effect::PacketAdd { packet, paper } => {
                s.packets.get_mut(packet).ok_or("unknown packet")?.1.push(*paper);
            }
            Effect::Export { packet, path } => {
                s.exports.insert(id(&json()?, "export_id")?, (*packet, path.clone()));
            }
        }
        Ok(())
    }

    /// True when `extra`, found in the database but not acknowledged, is
    /// exactly this (interrupted) command's whole effect.
    fn explains(&self, found: &Found) -> bool {
        match (self, found) {
            (Effect::AddPaper(t) | Effect::Import(t), Found::Paper(versions)) => versions.len() == 1 && &versions[0] == t,
            (Effect::Update { paper, text }, Found::Version(p, t)) => p == paper && t == text,
            (Effect::Publish { paper, number }, Found::Publication(p, n)) => p == paper && n == number,
            (Effect::Engagement { subject, notes }, Found::Engagement(s, n)) => s == subject && n == notes,
            (Effect::CreatePacket { title }, Found::Packet(t, items)) => t == title && items.is_empty(),
            (Effect::PacketAdd { packet, paper }, Found::Item(k, p)) => k == packet && p == paper,
            (Effect::Export { packet, path }, Found::Export(k, p)) => k == packet && p == path,
            _ => false,
        }
    }
}

/// Something in the database the oracle did not expect.
#[derive(Debug)]
enum Found {
    Paper(Vec<Text>),
    Version(i64, Text),
    Publication(i64, i64),
    Engagement(String, String),
    Packet(String, Vec<i64>),
    Item(i64, i64),
    Export(i64, String),
}

/// How `actual` compares with the acknowledged writes in `expected`.
#[derive(Debug, Default)]
pub struct Verdict {
    /// Acknowledged writes compared.
    pub checked: usize,
    /// Acknowledged writes missing or different.
    pub lost: Vec<String>,
    /// Writes present that no command acknowledged and the interrupted
    /// command does not explain (half-written or invented).
    pub unexplained: Vec<String>,
    /// The interrupted command's write was found whole.
    pub interrupted_landed: bool,
}

/// Compares the database with the oracle. `interrupted` is the effect of the
/// killed command, which may be present (whole) or absent.
pub fn compare(expected: &State, actual: &State, interrupted: Option<&Effect>) -> Verdict {
    let mut v = Verdict { checked: expected.writes(), ..Verdict::default() };
    let mut extra: Vec<Found> = Vec::new();
    for (id, versions) in &expected.papers {
        match actual.papers.get(id) {
            None => v.lost.push(format!("paper {id} ({} versions) is gone", versions.len())),
            Some(found) => {
                for (k, text) in versions.iter().enumerate() {
                    if found.get(k) != Some(text) {
                        v.lost.push(format!("paper {id} version {} is missing or changed", k + 1));
                    }
                }
                extra.extend(found.iter().skip(versions.len()).map(|t| Found::Version(*id, t.clone())));
            }
        }
    }
    for (id, versions) in &actual.papers {
        if !expected.papers.contains_key(id) {
            extra.push(Found::Paper(versions.clone()));
        }
    }
    let mut prefixed = |name: &str, exp: &BTreeMap<i64, Vec<i64>>, act: &BTreeMap<i64, Vec<i64>>, make: &dyn Fn(i64, i64) -> Found| {
        for (id, items) in exp {
            let found = act.get(id).map(Vec::as_slice).unwrap_or(&[]);
            if !found.starts_with(items) {
                v.lost.push(format!("{name} of {id}: expected {items:?} first, found {found:?}"));
            }
        }
        for (id, found) in act {
            let known = exp.get(id).map_or(0, Vec::len);
            extra.extend(found.iter().skip(known).map(|x| make(*id, *x)));
        }
    };
    prefixed("publications", &expected.publications, &actual.publications, &|p, n| Found::Publication(p, n));
    let expected_items: BTreeMap<i64, Vec<i64>> = expected.packets.iter().map(|(k, (_, i))| (*k, i.clone())).collect();
    let actual_items: BTreeMap<i64, Vec<i64>> = actual
        .packets
        .iter()
        .filter(|(k, _)| expected.packets.contains_key(k))
        .map(|(k, (_, i))| (*k, i.clone()))
        .collect();
    prefixed("items", &expected_items, &actual_items, &|k, p| Found::Item(k, p));
    for (id, (title, _)) in &expected.packets {
        if actual.packets.get(id).map(|(t, _)| t) != Some(title) {
            v.lost.push(format!("packet {id} is missing or renamed"));
        }
    }
    for (id, (title, items)) in &actual.packets {
        if !expected.packets.contains_key(id) {
            extra.push(Found::Packet(title.clone(), items.clone()));
        }
    }
    for (id, e) in &expected.engagements {
        if actual.engagements.get(id) != Some(e) {
            v.lost.push(format!("engagement {id} is missing or changed"));
        }
    }
    for (id, (s, n)) in &actual.engagements {
        if !expected.engagements.contains_key(id) {
            extra.push(Found::Engagement(s.clone(), n.clone()));
        }
    }
    for (id, e) in &expected.exports {
        if actual.exports.get(id) != Some(e) {
            v.lost.push(format!("export {id} is missing or changed"));
        }
    }
    for (id, (k, p)) in &actual.exports {
        if !expected.exports.contains_key(id) {
            extra.push(Found::Export(*k, p.clone()));
        }
    }
    match (extra.len(), interrupted) {
        (0, _) => {}
        (1, Some(effect)) if effect.explains(&extra[0]) => v.interrupted_landed = true,
        _ => v.unexplained.extend(extra.iter().map(|f| format!("{f:?}"))),
    }
    v
}

/// A complete PDF: the header, and the end-of-file marker after the last
/// cross-reference data.
pub fn pdf_is_whole(path: &Path) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let tail = &bytes[bytes.len().saturating_sub(64)..];
    if !bytes.starts_with(b"%PDF-") || !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(format!("{} is not a whole PDF ({} bytes)", path.display(), bytes.len()));
    }
    lopdf::Document::load_mem(&bytes).map_err(|e| format!("{} does not parse: {e}", path.display()))?;
    Ok(())
}

/// The `dossier` command on `library`, its output going to files so a
/// killed child never blocks on a full pipe.
pub fn command(library: &Path, args: &[String], out: &Path) -> std::io::Result<Child> {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("--library")
        .arg(library)
        .args(args)
        .env_remove("DOSSIER_LIBRARY")
        .env("DOSSIER_AUTHOR", "Crash Tester")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(File::create(out.with_extension("out"))?)
        .stderr(File::create(out.with_extension("err"))?)
        .spawn()
}

/// How a command run ended.
pub struct Ran {
    pub success: bool,
    pub killed: bool,
    pub stdout: String,
    pub stderr: String,
    pub took: Duration,
}

/// Runs a command to its end, or kills it at `deadline` if it is still
/// running then.
pub fn run_until(library: &Path, args: &[String], scratch: &Path, deadline: Option<Instant>) -> Ran {
    let started = Instant::now();
    let mut child = command(library, args, scratch).expect("spawn dossier");
    let mut killed = false;
    let status = loop {
        if let Some(status) = child.try_wait().expect("poll child") {
            break Some(status);
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            // Child::kill sends SIGKILL: no destructor, no flush, no unlock.
            child.kill().expect("kill dossier");
            child.wait().expect("reap dossier");
            killed = true;
            break None;
        }
        std::thread::sleep(Duration::from_micros(300));
    };
    let read = |ext: &str| std::fs::read_to_string(scratch.with_extension(ext)).unwrap_or_default();
    Ran {
        success: status.is_some_and(|s| s.success()),
        killed,
        stdout: read("out"),
        stderr: read("err"),
        took: started.elapsed(),
    }
}

/// Runs a command to its end and fails the test unless it succeeds.
pub fn run_ok(library: &Path, args: &[&str], scratch: &Path) -> String {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let ran = run_until(library, &args, scratch, None);
    assert!(ran.success, "`dossier {}` should succeed; stderr: {}", args.join(" "), ran.stderr);
    ran.stdout
}

/// What one operation needs to build its command: the oracle's state, a
/// random source, and a folder for input files and exported PDFs.
pub struct Ctx<'a> {
    pub state: &'a State,
    pub rng: &'a mut Rng,
    pub files: &'a Path,
    pub serial: u64,
}

impl Ctx<'_> {
    fn file(&mut self, ext: &str, text: &str) -> String {
        let path = self.files.join(format!("input-{}.{ext}", self.serial));
        std::fs::write(&path, text).expect("write input file");
        path.to_string_lossy().into_owned()
    }

    fn some_paper(&mut self) -> Option<i64> {
        let ids: Vec<i64> = self.state.papers.keys().copied().collect();
        (!ids.is_empty()).then(|| self.rng.pick(&ids))
    }
}

/// Builds an operation's command line and its promised effect, or `None`
/// when the state does not allow it now (e.g. nothing to publish).
pub type Build = fn(&mut Ctx<'_>) -> Option<(Vec<String>, Effect)>;

/// One kind of command a run performs.
pub struct Op {
    pub name: &'static str,
    /// How often it is picked, relative to the others.
    pub weight: u64,
    pub build: Build,
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|a| a.to_string()).collect()
}

fn add_paper(c: &mut Ctx<'_>) -> Option<(Vec<String>, Effect)> {
    let words = 50 + c.rng.below(1500) as usize;
    let text = Text { title: title(c.rng), body: body(c.rng, words) };
    let md = format!("# {}\n\n{}", text.title, text.body);
    let file = c.file("md", &md);
    let lang = if c.rng.below(3) == 0 { "fr" } else { "en" };
    Some((args(&["paper", "add", &file, "--lang", lang, "--tag", "crash", "--json"]), Effect::AddPaper(text)))
}

fn import(c: &mut Ctx<'_>) -> Option<(Vec<String>, Effect)> {
    let words = 50 + c.rng.below(1500) as usize;
    let text = Text { title: title(c.rng), body: body(c.rng, words) };
    let file = c.file("md", &format!("# {}\n\n{}", text.title, text.body));
    let lang = if c.rng.below(3) == 0 { "fr" } else { "en" };
    Some((args(&["import", &file, "--lang", lang, "--tag", "crash", "--json"]), Effect::Import(text)))
}

fn update_paper(c: &mut Ctx<'_>) -> Option<(Vec<String>, Effect)> {
    let paper = c.some_paper()?;
    let words = 50 + c.rng.below(2500) as usize;
    let text = Text { title: title(c.rng), body: body(c.rng, words) };
    let file = c.file("md", &format!("# {}\n\n{}", text.title, text.body));
    Some((args(&["paper", "update", &paper.to_string(), &file, "--note", "révision", "--json"]), Effect::Update { paper, text }))
}

fn publish(c: &mut Ctx<'_>) -> Option<(Vec<String>, Effect)> {
    let paper = c.some_paper()?;
    let latest = c.state.papers[&paper].len() as i64;
    if c.state.publications.get(&paper).and_then(|p| p.last()) == Some(&latest) {
        return None;
    }
    Some((args(&["paper", "publish", &paper.to_string(), "--json"]), Effect::Publish { paper, number: latest }))
}

fn engagement(c: &mut Ctx<'_>) -> Option<(Vec<String>, Effect)> {
    let subject = format!("Rencontre sur {} et {}", c.rng.pick(WORDS), c.rng.pick(WORDS));
    let words = 30 + c.rng.below(400) as usize;
    let notes = body(c.rng, words).trim().to_owned();
    let file = c.file("md", &notes);
    let mut a = args(&["engagement", "add", "--kind", "meeting", "--date", "2024-05-17", "--subject", &subject, "--official", "1", "--notes-file", &file, "--json"]);
    if let Some(paper) = c.some_paper() {
        a.extend(["--paper".to_owned(), paper.to_string()]);
    }
    Some((a, Effect::Engagement { subject, notes }))
}

fn create_packet(c: &mut Ctx<'_>) -> Option<(Vec<String>, Effect)> {
    let title = format!("Dossier pour le sénateur — {}", c.rng.next() % 10_000);
    Some((args(&["packet", "create", "--title", &title, "--official", "1", "--date", "2024-06-03", "--json"]), Effect::CreatePacket { title }))
}

fn packet_add(c: &mut Ctx<'_>) -> Option<(Vec<String>, Effect)> {
    let packets: Vec<i64> = c.state.packets.iter().filter(|(_, (_, items))| items.len() < 4).map(|(k, _)| *k).collect();
    if packets.is_empty() {
        return None;
    }
    let packet = c.rng.pick(&packets);
    let paper = c.some_paper()?;
    // Pinned, so the packet exports whether or not the paper is published.
    let pinned = format!("{paper}@{}", c.state.papers[&paper].len());
    Some((args(&["packet", "add", &packet.to_string(), &pinned, "--json"]), Effect::PacketAdd { packet, paper }))
}

fn export(c: &mut Ctx<'_>) -> Option<(Vec<String>, Effect)> {
    let packets: Vec<i64> = c.state.packets.iter().filter(|(_, (_, items))| !items.is_empty()).map(|(k, _)| *k).collect();
    if packets.is_empty() {
        return None;
    }
    let packet = c.rng.pick(&packets);
    let path = c.files.join(format!("packet-{}.pdf", c.serial)).to_string_lossy().into_owned();
    Some((
        args(&["packet", "export", &packet.to_string(), "--out", &path, "--lang", "fr", "--json"]),
        Effect::Export { packet, path },
    ))
}

fn reindex(_: &mut Ctx<'_>) -> Option<(Vec<String>, Effect)> {
    Some((args(&["reindex"]), Effect::Nothing))
}

fn search(c: &mut Ctx<'_>) -> Option<(Vec<String>, Effect)> {
    Some((args(&["search", c.rng.pick(SEARCH_TERMS), "--json"]), Effect::Nothing))
}

fn list(_: &mut Ctx<'_>) -> Option<(Vec<String>, Effect)> {
    Some((args(&["paper", "list", "--json"]), Effect::Nothing))
}

/// Every operation the crash and concurrency runs pick from.
pub const OPS: &[Op] = &[
    Op { name: "paper add", weight: 14, build: add_paper },
    Op { name: "import", weight: 8, build: import },
    Op { name: "paper update", weight: 24, build: update_paper },
    Op { name: "paper publish", weight: 8, build: publish },
    Op { name: "engagement add", weight: 12, build: engagement },
    Op { name: "packet create", weight: 4, build: create_packet },
    Op { name: "packet add", weight: 8, build: packet_add },
    Op { name: "packet export", weight: 8, build: export },
    Op { name: "reindex", weight: 5, build: reindex },
    Op { name: "search", weight: 12, build: search },
    Op { name: "paper list", weight: 5, build: list },
];

/// Picks an operation by weight among `ops` and builds its command.
pub fn next_command(ops: &[Op], c: &mut Ctx<'_>) -> (&'static str, Vec<String>, Effect) {
    let total: u64 = ops.iter().map(|o| o.weight).sum();
    loop {
        let mut roll = c.rng.below(total);
        for op in ops {
            if roll < op.weight {
                if let Some((a, e)) = (op.build)(c) {
                    return (op.name, a, e);
                }
                break;
            }
            roll -= op.weight;
        }
    }
}

/// A fresh library made by the CLI: one official (for engagements and
/// packets) and one paper (for updates).
pub fn new_library(dir: &Path) -> (PathBuf, State) {
    let root = dir.join("lib");
    let scratch = dir.join("setup");
    run_ok(&root, &["init"], &scratch);
    run_ok(
        &root,
        &["official", "add", "--given-name", "Élise", "--family-name", "Côté-Nadeau", "--chamber", "senate", "--title", "Senator"],
        &scratch,
    );
    let text = Text { title: "Première note".into(), body: "Les élections et les colonies.\n".into() };
    let file = dir.join("first.md");
    std::fs::write(&file, format!("# {}\n\n{}", text.title, text.body)).expect("write first paper");
    let out = run_ok(&root, &["paper", "add", &file.to_string_lossy(), "--json"], &scratch);
    let mut state = State::default();
    Effect::AddPaper(text).apply(&mut state, &out).expect("first paper");
    (root, state)
}

/// The hits of `terms` as `kind:id:version` lines, one list per term, from
/// `dossier search --stdin --json` on `library`.
pub fn search_hits(library: &Path, scratch: &Path) -> Result<Vec<Vec<String>>, String> {
    let input = scratch.with_extension("queries");
    std::fs::write(&input, SEARCH_TERMS.join("\n") + "\n").map_err(|e| e.to_string())?;
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("--library")
        .arg(library)
        .args(["search", "--stdin", "--json", "--limit", "10000", "--all-versions"])
        .env_remove("DOSSIER_LIBRARY")
        .stdin(File::open(&input).map_err(|e| e.to_string())?)
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("search failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut all = Vec::new();
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).map_err(|e| format!("search JSON: {e}"))?;
        let mut hits: Vec<String> = v["hits"]
            .as_array()
            .map(|hits| {
                hits.iter()
                    .map(|h| format!("{}:{}:{}", h["kind"].as_str().unwrap_or("?"), h["id"], h["version"]))
                    .collect()
            })
            .unwrap_or_default();
        hits.sort();
        all.push(hits);
    }
    if all.len() != SEARCH_TERMS.len() {
        return Err(format!("search answered {} of {} queries", all.len(), SEARCH_TERMS.len()));
    }
    Ok(all)
}

/// Copies the database files of `from` (not the index) into `to`, so the
/// copy's first search builds its index from scratch.
pub fn copy_database(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("make copy folder");
    for name in ["library.sqlite", "library.sqlite-wal", "library.sqlite-shm"] {
        let src = from.join(name);
        if src.exists() {
            std::fs::copy(&src, to.join(name)).expect("copy database file");
        }
    }
}

/// Search on `library` answers exactly what a fresh rebuild of its index
/// from the same database answers.
pub fn search_matches_rebuild(library: &Path, scratch: &Path) -> Result<(), String> {
    let live = search_hits(library, &scratch.with_extension("live"))?;
    let copy = scratch.with_extension("rebuilt");
    let _ = std::fs::remove_dir_all(&copy);
    copy_database(library, &copy);
    let fresh = search_hits(&copy, &scratch.with_extension("fresh"))?;
    let _ = std::fs::remove_dir_all(&copy);
    for ((term, a), b) in SEARCH_TERMS.iter().zip(&live).zip(&fresh) {
        if a != b {
            let missing: Vec<&String> = b.iter().filter(|h| !a.contains(h)).collect();
            let stale: Vec<&String> = a.iter().filter(|h| !b.contains(h)).collect();
            return Err(format!("search `{term}`: the index misses {missing:?} and has extra {stale:?} compared with a rebuild"));
        }
    }
    Ok(())
}
