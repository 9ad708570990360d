//! One test per bug the reliability runs found, named for what it caught.

use std::time::{Duration, Instant};

use dossier::search::{SearchKind, SearchRequest};
use dossier::Library;

use crate::util::{add_paper, dossier, dossier_ok, TempLibrary};

/// Holds the index writer lock of `root`'s index, as another process in
/// the middle of a commit would, for `hold`.
fn hold_index_writer(root: &std::path::Path, hold: Duration) -> std::thread::JoinHandle<()> {
    let index = tantivy::Index::open_in_dir(root.join("index")).expect("open the index as another process");
    let writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).expect("take the writer lock");
    std::thread::spawn(move || {
        std::thread::sleep(hold);
        drop(writer);
    })
}

#[test]
fn a_long_lived_search_handle_does_not_keep_other_handles_from_updating_the_index() {
    // The desktop app keeps its library open for hours; it used to keep the
    // index writer as long, so every other process searched a stale index.
    let mut t = TempLibrary::new();
    add_paper(&mut t.lib, "Water", "Aquifers and permits.");
    t.lib.search(&SearchRequest::new("aquifers")).expect("first handle searches");
    let mut second = Library::open(&t.root()).expect("second handle");
    let v = add_paper(&mut second, "Housing", "Demolitions and permits.");
    let r = second.search(&SearchRequest::new("demolitions")).expect("second handle searches");
    assert!(
        r.hits.iter().any(|h| h.kind == SearchKind::Paper && h.id == v.paper_id),
        "the second handle finds the paper it just saved while the first is still open"
    );
    let r = t.lib.search(&SearchRequest::new("demolitions")).expect("first handle searches again");
    assert_eq!(r.hits.len(), 1, "and the first handle sees it too");
}

#[test]
fn reindex_while_another_process_holds_the_index_writer_waits_instead_of_failing() {
    let t = TempLibrary::new();
    let file = t.file("a.md", "# Colonies\n\nLes colonies et le droit.\n");
    dossier_ok(&t.root(), &["paper", "add", file.to_str().unwrap(), "--lang", "fr"]);
    dossier_ok(&t.root(), &["search", "colonies"]);
    let started = Instant::now();
    let holder = hold_index_writer(&t.root(), Duration::from_millis(1500));
    let out = dossier(&t.root(), &["reindex"]);
    holder.join().expect("holder");
    assert!(out.status.success(), "reindex waits for the writer: {}", String::from_utf8_lossy(&out.stderr));
    assert!(started.elapsed() >= Duration::from_millis(1400), "it did wait for the other writer");
}

/// A library whose index holds "Colonies" and whose outbox holds a newer
/// paper, "Ceasefire", not yet indexed.
fn indexed_paper_and_one_waiting() -> TempLibrary {
    let t = TempLibrary::new();
    let a = t.file("a.md", "# Colonies\n\nLes colonies et le droit.\n");
    dossier_ok(&t.root(), &["paper", "add", a.to_str().unwrap(), "--lang", "fr"]);
    dossier_ok(&t.root(), &["search", "colonies"]);
    let b = t.file("b.md", "# Ceasefire\n\nA ceasefire now.\n");
    dossier_ok(&t.root(), &["paper", "add", b.to_str().unwrap()]);
    t
}

#[test]
fn a_search_while_another_process_commits_waits_and_finds_the_new_paper() {
    let t = indexed_paper_and_one_waiting();
    let holder = hold_index_writer(&t.root(), Duration::from_millis(800));
    let out = dossier_ok(&t.root(), &["search", "ceasefire", "--json"]);
    holder.join().expect("holder");
    assert!(out.contains("\"title\": \"Ceasefire\""), "the search waited for the writer and applied the outbox: {out}");
}

#[test]
fn a_search_never_fails_when_another_process_keeps_the_index_writer() {
    let t = indexed_paper_and_one_waiting();
    // Longer than a search waits: it answers from the last commit and
    // leaves the change in the outbox.
    let holder = hold_index_writer(&t.root(), Duration::from_secs(7));
    let out = dossier_ok(&t.root(), &["search", "colonies", "--json"]);
    assert!(out.contains("\"title\": \"Colonies\""), "the committed index answers: {out}");
    holder.join().expect("holder");
    let out = dossier_ok(&t.root(), &["search", "ceasefire", "--json"]);
    assert!(out.contains("\"title\": \"Ceasefire\""), "the next search applies what was left in the outbox: {out}");
}

#[test]
fn a_write_into_a_moved_library_folder_is_refused_not_lost() {
    // SQLite keeps writing to the open file after its folder is moved or
    // deleted: the save "succeeded" into a file nobody would see again.
    let mut t = TempLibrary::new();
    add_paper(&mut t.lib, "Before", "Text.");
    std::fs::rename(t.root(), t.dir.path().join("elsewhere")).expect("move");
    let err = add_paper_result(&mut t.lib).expect_err("the save must not claim success");
    assert_eq!(err.code(), "no_library", "{err}");
}

fn add_paper_result(lib: &mut Library) -> dossier::Result<dossier::papers::PaperVersion> {
    lib.add_paper(dossier::papers::NewPaper {
        lang: dossier::papers::Lang::En,
        tags: vec![],
        draft: crate::util::draft("After", "Text after.", "note"),
    })
}

#[test]
fn concurrent_first_searches_on_a_library_without_an_index_both_answer() {
    // Two processes finding no index used to each empty the folder and
    // start one, deleting the files the other was writing.
    let t = TempLibrary::new();
    for i in 0..20 {
        let f = t.file(&format!("p{i}.md"), format!("# Paper {i}\n\nColonies and water, part {i}.\n"));
        dossier_ok(&t.root(), &["paper", "add", f.to_str().unwrap()]);
    }
    for round in 0..5 {
        let _ = std::fs::remove_dir_all(t.root().join("index"));
        let children: Vec<_> = (0..3)
            .map(|_| {
                std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
                    .arg("--library")
                    .arg(t.root())
                    .args(["search", "colonies", "--json", "--limit", "100"])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("start search")
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().expect("run search");
            assert!(out.status.success(), "round {round}: {}", String::from_utf8_lossy(&out.stderr));
        }
        let out = dossier_ok(&t.root(), &["check", "--json"]);
        assert!(out.contains("\"status\": \"ok\""), "round {round}: the index is sound: {out}");
        let out = dossier_ok(&t.root(), &["search", "colonies", "--json", "--limit", "100"]);
        assert!(out.contains("\"total\": 20"), "round {round}: every paper is indexed once: {out}");
    }
}
