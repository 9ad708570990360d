//! A committed version is never lost and the library always opens: the real
//! `dossier` binary is killed (SIGKILL) at random moments while it adds,
//! updates, publishes, logs, packs, exports, reindexes and searches, and two
//! processes write to one library at once. After every kill the database
//! passes `PRAGMA integrity_check`, every acknowledged write is there with
//! its exact text, an interrupted write is either absent or whole, the next
//! command succeeds, and search answers what a fresh rebuild answers.
//!
//! `DOSSIER_KILLS` (default 30) and `DOSSIER_SEED` choose the kill run;
//! `DOSSIER_WRITERS_SECS` (default 10) the length of the two-writer run.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::harness::{
    compare, integrity, new_library, next_command, pdf_is_whole, run_ok, run_until, search_matches_rebuild, env_number, Ctx,
    Effect, Rng, State, OPS,
};

/// Figures of a kill run.
#[derive(Debug, Default)]
struct Tally {
    kills: u64,
    mid_command: u64,
    mid_write: u64,
    interrupted_landed: u64,
    commands: u64,
    checks: u64,
    lost: u64,
}

/// Checks everything the promise covers after a kill, then adopts what the
/// database holds as the oracle's new state.
fn check_after_kill(root: &Path, scratch: &Path, files: &Path, state: &mut State, interrupted: Option<&Effect>, tally: &mut Tally, at: &str) {
    if let Err(e) = integrity(root) {
        panic!("{at}: {e}");
    }
    let actual = State::read(root).unwrap_or_else(|e| panic!("{at}: {e}"));
    let verdict = compare(state, &actual, interrupted);
    tally.checks += verdict.checked as u64;
    tally.lost += verdict.lost.len() as u64;
    assert!(verdict.lost.is_empty(), "{at}: acknowledged writes lost: {:?}", verdict.lost);
    assert!(verdict.unexplained.is_empty(), "{at}: writes nobody acknowledged or half-written: {:?} (interrupted: {interrupted:?})", verdict.unexplained);
    if verdict.interrupted_landed {
        tally.interrupted_landed += 1;
    }
    *state = actual;
    for (id, (_, path)) in &state.exports {
        pdf_is_whole(Path::new(path)).unwrap_or_else(|e| panic!("{at}: export {id}: {e}"));
    }
    for entry in std::fs::read_dir(files).expect("list exports") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "pdf") {
            pdf_is_whole(&path).unwrap_or_else(|e| panic!("{at}: a PDF left in place by a killed export: {e}"));
        }
    }
    // The next command works, and finds the database whole by its own check.
    run_ok(root, &["check", "--json"], scratch);
    search_matches_rebuild(root, scratch).unwrap_or_else(|e| panic!("{at}: {e}"));
}

/// How long each operation's command takes here, to aim the kills.
fn calibrate(root: &Path, files: &Path, scratch: &Path, state: &mut State, rng: &mut Rng) -> Duration {
    let mut total = Duration::ZERO;
    let mut n = 0u32;
    for round in 0..2 {
        for op in OPS {
            let mut ctx = Ctx { state, rng, files, serial: 900_000 + round * 100 + n as u64 };
            let Some((args, effect)) = (op.build)(&mut ctx) else { continue };
            let ran = run_until(root, &args, scratch, None);
            assert!(ran.success, "calibration: `dossier {}` failed: {}", args.join(" "), ran.stderr);
            effect.apply(state, &ran.stdout).expect("calibration effect");
            total += ran.took;
            n += 1;
        }
    }
    total / n.max(1)
}

#[test]
fn sigkill_at_random_moments_never_loses_an_acknowledged_write() {
    let kills = env_number("DOSSIER_KILLS", 30);
    let seed = env_number("DOSSIER_SEED", 20_261_127);
    let dir = tempfile::tempdir().expect("temp dir");
    let files = dir.path().join("files");
    std::fs::create_dir_all(&files).expect("files folder");
    let scratch = dir.path().join("scratch");
    let (root, mut state) = new_library(dir.path());
    let mut rng = Rng::new(seed);
    let typical = calibrate(&root, &files, &scratch, &mut state, &mut rng);
    // Kills are aimed over about two commands' length, so most land inside
    // one, at any point of it.
    let window = (typical.as_micros() as u64 * 2).max(2_000);
    let mut tally = Tally::default();
    let started = Instant::now();
    let mut serial = 0u64;
    for k in 0..kills {
        let deadline = Instant::now() + Duration::from_micros(rng.below(window));
        let mut interrupted = None;
        loop {
            serial += 1;
            let (name, args, effect) = next_command(OPS, &mut Ctx { state: &state, rng: &mut rng, files: &files, serial });
            let ran = run_until(&root, &args, &scratch, Some(deadline));
            tally.commands += 1;
            if ran.killed {
                tally.mid_command += 1;
                if effect.writes() {
                    tally.mid_write += 1;
                }
                interrupted = Some((name, effect));
                break;
            }
            assert!(ran.success, "seed {seed}, kill {k}: `dossier {}` failed without being killed: {}", args.join(" "), ran.stderr);
            effect.apply(&mut state, &ran.stdout).unwrap_or_else(|e| panic!("seed {seed}, kill {k}: {e}"));
            if Instant::now() >= deadline {
                break;
            }
        }
        tally.kills += 1;
        let at = format!("seed {seed}, kill {k} (during {})", interrupted.as_ref().map_or("nothing", |(n, _)| n));
        check_after_kill(&root, &scratch, &files, &mut state, interrupted.as_ref().map(|(_, e)| e), &mut tally, &at);
    }
    println!(
        "kill run (seed {seed}): {} kills, {} mid-command ({} during a write command; {} of those writes landed whole, the rest left no trace), {} commands, {} acknowledged writes held at the end, {} write checks, {} lost, window {} ms, {:.0} s",
        tally.kills,
        tally.mid_command,
        tally.mid_write,
        tally.interrupted_landed,
        tally.commands,
        state.writes(),
        tally.checks,
        tally.lost,
        window / 1000,
        started.elapsed().as_secs_f64()
    );
    assert_eq!(tally.lost, 0, "no acknowledged write may be lost");
    assert!(
        tally.mid_command * 2 >= tally.kills,
        "most kills should land inside a running command ({} of {})",
        tally.mid_command,
        tally.kills
    );
}

/// Figures of a writer in the concurrent run.
#[derive(Debug, Default)]
struct WriterTally {
    commands: u64,
    writes: u64,
    failures: Vec<String>,
}

/// One writer: its own papers, updates to any paper, engagements and
/// searches, each acknowledged write recorded in its own oracle.
fn writer(root: &Path, dir: &Path, seed: u64, until: Instant) -> (WriterTally, State) {
    let files = dir.join(format!("files-{seed}"));
    std::fs::create_dir_all(&files).expect("files folder");
    let scratch = dir.join(format!("scratch-{seed}"));
    let mut rng = Rng::new(seed);
    let mut mine = State::default();
    let mut tally = WriterTally::default();
    let ops: Vec<_> = OPS
        .iter()
        .filter(|o| ["paper add", "import", "paper update", "engagement add", "search", "paper publish"].contains(&o.name))
        .map(|o| crate::harness::Op { name: o.name, weight: o.weight, build: o.build })
        .collect();
    let mut serial = 0;
    while Instant::now() < until {
        serial += 1;
        // Updates go to this writer's own papers, so its oracle knows every
        // version number; the other writer's papers are never touched.
        let (_, args, effect) = next_command(&ops, &mut Ctx { state: &mine, rng: &mut rng, files: &files, serial });
        let ran = run_until(root, &args, &scratch, None);
        tally.commands += 1;
        if !ran.success {
            tally.failures.push(format!("`dossier {}`: {}", args.join(" "), ran.stderr.trim()));
            continue;
        }
        if effect.writes() {
            tally.writes += 1;
        }
        if let Err(e) = effect.apply(&mut mine, &ran.stdout) {
            tally.failures.push(e);
        }
    }
    (tally, mine)
}

#[test]
fn two_writers_and_a_reader_at_once_lose_nothing_and_never_see_a_lock() {
    let secs = env_number("DOSSIER_WRITERS_SECS", 10);
    let dir = tempfile::tempdir().expect("temp dir");
    let (root, first) = new_library(dir.path());
    let until = Instant::now() + Duration::from_secs(secs);
    let done = Arc::new(AtomicBool::new(false));
    // A long-lived search process, as the desktop app is: it keeps its
    // search handle open and asks again and again.
    let reader = {
        let root = root.clone();
        let done = done.clone();
        std::thread::spawn(move || {
            let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
                .arg("--library")
                .arg(&root)
                .args(["search", "--stdin", "--json"])
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn the reader");
            let mut stdin = child.stdin.take().expect("stdin");
            let stdout = child.stdout.take().expect("stdout");
            let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stdout));
            let mut answered = 0u64;
            let mut errors = Vec::new();
            while !done.load(Ordering::Relaxed) {
                use std::io::Write;
                if writeln!(stdin, "élections").and_then(|_| stdin.flush()).is_err() {
                    errors.push("the reader's stdin closed".to_owned());
                    break;
                }
                match lines.next() {
                    Some(Ok(line)) if line.contains("\"hits\"") => answered += 1,
                    Some(Ok(line)) => errors.push(line),
                    _ => {
                        errors.push("the reader stopped answering".to_owned());
                        break;
                    }
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            drop(stdin);
            let out = child.wait_with_output().expect("reader exits");
            if !out.status.success() {
                errors.push(String::from_utf8_lossy(&out.stderr).into_owned());
            }
            (answered, errors)
        })
    };
    let writers: Vec<_> = [11u64, 22]
        .into_iter()
        .map(|seed| {
            let (root, dir) = (root.clone(), dir.path().to_owned());
            std::thread::spawn(move || writer(&root, &dir, seed, until))
        })
        .collect();
    let results: Vec<(WriterTally, State)> = writers.into_iter().map(|w| w.join().expect("writer thread")).collect();
    done.store(true, Ordering::Relaxed);
    let (answered, reader_errors) = reader.join().expect("reader thread");

    let failures: Vec<&String> = results.iter().flat_map(|(t, _)| &t.failures).collect();
    assert!(failures.is_empty(), "no command may fail while another process writes: {failures:?}");
    assert!(reader_errors.is_empty(), "the long-lived reader kept answering: {reader_errors:?}");
    integrity(&root).expect("the database is sound");
    let actual = State::read(&root).expect("read the library");
    let mut lost = Vec::new();
    let mut checked = 0;
    for expected in std::iter::once(&first).chain(results.iter().map(|(_, s)| s)) {
        let verdict = compare(expected, &actual, None);
        checked += verdict.checked;
        lost.extend(verdict.lost);
    }
    assert!(lost.is_empty(), "acknowledged writes lost: {lost:?}");
    let scratch = dir.path().join("scratch-final");
    run_ok(&root, &["check", "--json"], &scratch);
    search_matches_rebuild(&root, &scratch).expect("the index equals a fresh rebuild");
    let commands: u64 = results.iter().map(|(t, _)| t.commands).sum();
    let writes: u64 = results.iter().map(|(t, _)| t.writes).sum();
    println!(
        "two writers for {secs} s: {commands} commands ({writes} writes) by two processes at a time, {answered} searches by a long-lived reader, {checked} writes checked, 0 lost, 0 lock errors"
    );
    assert!(writes > 0 && answered > 0, "both writers and the reader did work");
}
