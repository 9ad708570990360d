//! The public copy (`src/sync/public.rs`) while it is made: the unscrubbed
//! copy never sits in the volunteers' folder, what a killed run left is
//! removed by the next, only an earlier copy's own files are replaced, and
//! version notes stay out.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use dossier::papers::{Lang, NewPaper};
use dossier::Library;

use crate::util::{dossier_err, draft, meeting, TempLibrary};

/// Planted in everything that is not public. No analyzer changes it, so
/// the index would hold it whole too.
const MARK: &str = "qzxleakqzx";

/// A library whose published papers (`papers` of them, with long bodies)
/// each have a later draft, and with a meeting and a version note holding
/// [`MARK`]. Returns the id of the first published paper.
fn library_with_secrets(lib: &mut Library, papers: usize) -> i64 {
    let mut first = None;
    for i in 0..papers.max(1) {
        let body = format!("Published position {i}. ") + &"What we say in public about housing and transit. ".repeat(40);
        let paper = lib
            .add_paper(NewPaper { lang: Lang::En, tags: vec!["public".into()], draft: draft(&format!("Position {i}"), &body, &format!("legal said ok {MARK}")) })
            .unwrap()
            .paper_id;
        lib.publish(paper, None, None).unwrap();
        lib.save_version(paper, draft(&format!("Position {i}"), &format!("A draft of {i} with {MARK} in it."), "draft")).unwrap();
        first.get_or_insert(paper);
    }
    let mut meeting = meeting(chrono::NaiveDate::from_ymd_opt(2024, 5, 3).unwrap(), vec![], "Housing");
    meeting.notes = format!("Confidential: {MARK}");
    lib.add_engagement(meeting).unwrap();
    first.unwrap()
}

/// Every file under `dir`, links not followed.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_owned()];
    while let Some(path) = todo.pop() {
        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
        if meta.is_dir() {
            if let Ok(entries) = std::fs::read_dir(&path) {
                todo.extend(entries.flatten().map(|e| e.path()));
            }
        } else {
            out.push(path);
        }
    }
    out
}

/// True when the file at `path` holds [`MARK`] (a file gone meanwhile holds nothing).
fn holds_mark(path: &Path) -> bool {
    std::fs::read(path).is_ok_and(|bytes| String::from_utf8_lossy(&bytes).contains(MARK))
}

/// The names directly in `dir`.
fn names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir).map(|e| e.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect()).unwrap_or_default()
}

/// Every file under `dir` with a hash of its bytes, and every folder and
/// link: equal snapshots mean nothing there changed.
fn tree(dir: &Path) -> Vec<(PathBuf, Option<u64>)> {
    use std::hash::{Hash, Hasher};
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .flatten()
        .map(|e| {
            let hash = e.file_type().is_file().then(|| {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                std::fs::read(e.path()).unwrap().hash(&mut h);
                h.finish()
            });
            (e.path().to_owned(), hash)
        })
        .collect();
    out.sort();
    out
}

/// The mode bits of `path`.
#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(path).map(|m| m.permissions().mode() & 0o777).unwrap_or(0)
}

/// Checks that the public copy in `dir` opens as one, read-only, searchable,
/// and that none of its files holds [`MARK`].
fn opens_scrubbed(dir: &Path) {
    for file in files_under(dir) {
        assert!(!holds_mark(&file), "{} holds the marker", file.display());
    }
    let mut public = Library::open(dir).unwrap();
    assert!(public.is_read_only() && public.is_public_copy().unwrap());
    assert!(!public.search(&dossier::search::SearchRequest::new("housing")).unwrap().hits.is_empty(), "volunteers can search it");
    assert!(public.search(&dossier::search::SearchRequest::new(MARK)).unwrap().hits.is_empty());
}

/// What a [`Watcher`] saw.
#[cfg(unix)]
#[derive(Default)]
struct Seen {
    /// Every name it saw directly in the volunteers' folder.
    names: BTreeSet<String>,
    /// Files of the volunteers' folder in which it read [`MARK`].
    leaked: Vec<PathBuf>,
    /// Staging folders seen in the library's folder, with their mode and
    /// their database's (0: not there yet).
    staging_modes: BTreeSet<(String, u32, u32)>,
    polls: u64,
}

/// A thread listing the volunteers' folder and the library's as fast as it
/// can, reading every file it sees in the volunteers' folder.
#[cfg(unix)]
struct Watcher {
    stop: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<Seen>,
}

#[cfg(unix)]
impl Watcher {
    fn start(dir: &Path, root: &Path) -> Watcher {
        let stop = Arc::new(AtomicBool::new(false));
        let (stopped, dir, root) = (stop.clone(), dir.to_owned(), root.to_owned());
        let thread = std::thread::spawn(move || {
            let mut seen = Seen::default();
            while !stopped.load(Ordering::Relaxed) {
                seen.names.extend(names(&dir));
                seen.leaked.extend(files_under(&dir).into_iter().filter(|f| holds_mark(f)));
                for name in names(&root).into_iter().filter(|n| n.starts_with(".public-copy-")) {
                    let staging = root.join(&name);
                    seen.staging_modes.insert((name, mode(&staging), mode(&staging.join("library.sqlite"))));
                }
                seen.polls += 1;
            }
            seen
        });
        Watcher { stop, thread }
    }

    fn stop(self) -> Seen {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().unwrap()
    }
}

#[test]
#[cfg(unix)]
fn the_unscrubbed_copy_is_made_in_private_and_the_volunteers_folder_only_ever_holds_a_whole_public_copy() {
    let t = TempLibrary::new();
    let root = t.root();
    let mut lib = t.lib;
    library_with_secrets(&mut lib, 150);
    let dir = t.dir.path().join("volunteers");
    std::fs::create_dir(&dir).unwrap();

    let watcher = Watcher::start(&dir, &root);
    let first = lib.public_copy(&dir).unwrap();
    let again = lib.public_copy(&dir).unwrap();
    let Seen { names: seen, leaked, staging_modes, polls } = watcher.stop();

    assert_eq!((first.papers, first.versions), (150, 150));
    assert_eq!(again.papers, 150);
    assert!(polls > 10, "the watcher looked {polls} times");
    assert!(leaked.is_empty(), "the watcher read the marker in {leaked:?}");
    let expected: BTreeSet<String> = ["index".to_owned(), "library.sqlite".to_owned()].into();
    assert!(seen.is_subset(&expected), "the volunteers' folder only ever held the copy itself: {seen:?}");
    assert!(staging_modes.iter().any(|(_, folder, _)| *folder == 0o700), "the watcher saw the staging folder in the library's folder");
    // 0: gone between listing and looking, or before the database is made.
    for (name, folder, db) in &staging_modes {
        assert!(*folder == 0o700 || *folder == 0, "{name} is private: {folder:o}");
        assert!(*db == 0o600 || *db == 0, "{name}/library.sqlite is private until it is in place: {db:o}");
    }
    // Done: nothing of the staging is left, and the copy is readable by
    // others as a new file of its owner would be.
    assert!(names(&root).iter().all(|n| !n.starts_with(".public-copy-")), "{:?}", names(&root));
    assert_eq!(names(&dir), expected);
    std::fs::write(dir.join("probe"), b"").unwrap();
    assert_eq!(mode(&dir.join("library.sqlite")), mode(&dir.join("probe")));
    std::fs::remove_file(dir.join("probe")).unwrap();
    opens_scrubbed(&dir);
}

/// With the volunteers' folder on another file system (here `/dev/shm`, a
/// tmpfs, when it is one), the finished copy is copied into a private
/// folder there and renamed from it: that folder only ever holds the
/// scrubbed copy, and is gone at the end.
#[test]
#[cfg(target_os = "linux")]
fn across_file_systems_only_the_scrubbed_copy_reaches_the_volunteers_file_system() {
    use std::os::unix::fs::MetadataExt;
    let t = TempLibrary::new();
    let root = t.root();
    let shm = Path::new("/dev/shm");
    let other = std::fs::metadata(shm).is_ok_and(|m| m.is_dir() && m.dev() != std::fs::metadata(&root).unwrap().dev());
    if !other {
        eprintln!("skipped: /dev/shm is not another file system here");
        return;
    }
    let volunteers = tempfile::tempdir_in(shm).unwrap();
    let dir = volunteers.path().join("copy");
    let mut lib = t.lib;
    library_with_secrets(&mut lib, 150);
    let watcher = Watcher::start(&dir, &root);
    lib.public_copy(&dir).unwrap();
    lib.public_copy(&dir).unwrap();
    let seen = watcher.stop();
    assert!(seen.leaked.is_empty(), "the watcher read the marker in {:?}", seen.leaked);
    assert!(seen.names.iter().all(|n| n == "index" || n == "library.sqlite" || n.starts_with(".public-copy-")), "{:?}", seen.names);
    assert_eq!(names(&dir), ["index".to_owned(), "library.sqlite".to_owned()].into());
    assert!(names(&root).iter().all(|n| !n.starts_with(".public-copy-")), "{:?}", names(&root));
    opens_scrubbed(&dir);
}

#[test]
fn what_a_killed_public_copy_left_is_removed_by_the_next_one_and_nothing_else_is() {
    let t = TempLibrary::new();
    let root = t.root();
    let mut lib = t.lib;
    library_with_secrets(&mut lib, 3);
    let dir = t.dir.path().join("volunteers");
    lib.public_copy(&dir).unwrap();

    // What a killed run leaves: an unscrubbed copy and its hot journal, in
    // the library's folder (this version) and in the target (earlier ones,
    // with the old index they had moved aside).
    let full = t.dir.path().join("full.sqlite");
    lib.backup(&full).unwrap();
    let plant = |staging: PathBuf| {
        std::fs::create_dir_all(staging.join("index")).unwrap();
        std::fs::copy(&full, staging.join("library.sqlite")).unwrap();
        std::fs::write(staging.join("library.sqlite-journal"), format!("hot journal {MARK}")).unwrap();
        std::fs::write(staging.join("index/meta.json"), "{}").unwrap();
        staging
    };
    let leftovers = [plant(root.join(".public-copy-Xk3j9aQ2mZ0p")), plant(dir.join(".public-copy-4242"))];
    std::fs::create_dir(dir.join(".old-index-4242")).unwrap();
    std::fs::write(dir.join(".old-index-4242/meta.json"), "{}").unwrap();
    std::fs::write(dir.join(".old-index-4242/.managed.json"), "[]").unwrap();
    // Look-alikes holding someone's own files.
    let keep = [
        (dir.join(".public-copy-notes"), "letter.txt"),
        (dir.join(".old-index-4243"), "notes.txt"),
        (root.join(".public-copy-mine"), "mine.odt"),
    ];
    for (folder, file) in &keep {
        std::fs::create_dir(folder).unwrap();
        std::fs::write(folder.join(file), "my own words").unwrap();
    }
    std::fs::write(dir.join(".public-copy-list.txt"), "a file of mine").unwrap();

    lib.public_copy(&dir).unwrap();
    for left in &leftovers {
        assert!(!left.exists(), "{} was removed", left.display());
    }
    assert!(!dir.join(".old-index-4242").exists());
    for (folder, file) in &keep {
        assert_eq!(std::fs::read_to_string(folder.join(file)).unwrap(), "my own words", "{} is left alone", folder.display());
    }
    assert_eq!(std::fs::read_to_string(dir.join(".public-copy-list.txt")).unwrap(), "a file of mine");
    opens_scrubbed(&dir);
}

#[test]
fn a_public_copy_never_replaces_a_folder_or_file_that_is_not_an_earlier_copys() {
    let t = TempLibrary::new();
    let root = t.root();
    let mut lib = t.lib;
    library_with_secrets(&mut lib, 1);
    let refused = |lib: &mut Library, dir: &Path, key: &str| {
        let before = tree(dir);
        let err = lib.public_copy(dir).unwrap_err();
        assert_eq!((err.code(), err.message().key().as_str()), ("conflict", key), "{}: {err}", dir.display());
        assert_eq!(tree(dir), before, "nothing in {} changed", dir.display());
        assert!(names(&root).iter().all(|n| !n.starts_with(".public-copy-")), "no staging left: {:?}", names(&root));
        err.to_string()
    };

    // Someone's own `index` folder, where they asked for the copy.
    let documents = t.dir.path().join("Documents");
    std::fs::create_dir_all(documents.join("index")).unwrap();
    std::fs::write(documents.join("index/holiday.jpg"), b"\xff\xd8\xff photo").unwrap();
    std::fs::write(documents.join("index/todo.txt"), "call Ana").unwrap();
    let text = refused(&mut lib, &documents, "public_copy_over_foreign");
    assert!(text.contains(&documents.join("index").display().to_string()) && text.contains("nothing was changed"), "{text}");

    // An index's files, but no public copy beside them: not shown to be ours.
    let bare = t.dir.path().join("bare");
    std::fs::create_dir_all(bare.join("index")).unwrap();
    std::fs::write(bare.join("index/meta.json"), "{}").unwrap();
    refused(&mut lib, &bare, "public_copy_over_foreign");

    // A file named `index`, a link named `index`, a `library.sqlite` of
    // someone else's, a folder named `library.sqlite`.
    let file = t.dir.path().join("file");
    std::fs::create_dir(&file).unwrap();
    std::fs::write(file.join("index"), "my index of recipes").unwrap();
    refused(&mut lib, &file, "public_copy_over_foreign");
    #[cfg(unix)]
    {
        let linked = t.dir.path().join("linked");
        std::fs::create_dir(&linked).unwrap();
        std::os::unix::fs::symlink(&documents, linked.join("index")).unwrap();
        refused(&mut lib, &linked, "public_copy_over_foreign");
    }
    let other = t.dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("library.sqlite"), "SQLite format 3\0 of another program").unwrap();
    refused(&mut lib, &other, "public_copy_over_foreign");
    let folder = t.dir.path().join("folder");
    std::fs::create_dir_all(folder.join("library.sqlite")).unwrap();
    refused(&mut lib, &folder, "public_copy_over_foreign");

    // A library that is not a public copy, in a folder or the library itself.
    let library = t.dir.path().join("library");
    drop(Library::init(&library).unwrap());
    refused(&mut lib, &library, "public_copy_over_library");
    let err = lib.public_copy(&root).unwrap_err();
    assert_eq!(err.message().key(), "public_copy_over_library");

    // The command line says so too, and changes nothing.
    let before = tree(&documents);
    let stderr = dossier_err(&root, &["public-copy", documents.to_str().unwrap()]);
    assert!(stderr.contains("is not part of a public copy made by Dossier") && stderr.contains(&documents.join("index").display().to_string()), "{stderr}");
    assert_eq!(tree(&documents), before);

    // An empty `index` folder, or an earlier copy, is replaced.
    let empty = t.dir.path().join("empty");
    std::fs::create_dir_all(empty.join("index")).unwrap();
    lib.public_copy(&empty).unwrap();
    lib.public_copy(&empty).unwrap();
    opens_scrubbed(&empty);
}

#[test]
fn version_notes_stay_out_of_a_public_copy() {
    let t = TempLibrary::new();
    let mut lib = t.lib;
    let paper = library_with_secrets(&mut lib, 1);
    lib.save_version(paper, draft("Position 0", "The second public text on housing.", &format!("legal said ok again {MARK}"))).unwrap();
    lib.publish(paper, None, None).unwrap();
    assert!(lib.history(paper).unwrap().iter().any(|v| v.note.contains(MARK)), "the library keeps its notes");

    let dir = t.dir.path().join("volunteers");
    let copy = lib.public_copy(&dir).unwrap();
    assert_eq!(copy.versions, 2, "both published versions");
    let public = Library::open(&dir).unwrap();
    let history = public.history(paper).unwrap();
    assert_eq!(history.len(), 2);
    assert!(history.iter().all(|v| v.note.is_empty()), "{history:?}");
    assert_eq!(public.latest_version(paper).unwrap().body, "The second public text on housing.");
    drop(public);
    opens_scrubbed(&dir);
    assert!(lib.history(paper).unwrap().iter().any(|v| v.note.contains(MARK)), "the library's own notes are untouched");
}

/// `dossier public-copy` SIGKILLed at moments spread over its run, on a
/// library of a few megabytes: after every kill the volunteers' folder holds
/// nothing but a whole public copy (or nothing yet), no file there holds a
/// private byte, the library is untouched, and the next run leaves no
/// staging anywhere. `DOSSIER_PUBLIC_KILLS` (default 8) sets the kills.
#[test]
fn a_public_copy_killed_at_any_moment_leaves_no_private_byte_in_the_volunteers_folder() {
    use crate::harness::{env_number, run_until, Rng};

    let t = TempLibrary::new();
    let root = t.root();
    let mut lib = t.lib;
    library_with_secrets(&mut lib, 400);
    drop(lib);
    let dir = t.dir.path().join("volunteers");
    let scratch = t.dir.path().join("run");
    let args: Vec<String> = vec!["public-copy".into(), dir.display().to_string()];
    let library_before = crate::util::snapshot(&root);

    let started = Instant::now();
    let ran = run_until(&root, &args, &scratch, None);
    assert!(ran.success, "{}", ran.stderr);
    let took = started.elapsed();
    let expected: BTreeSet<String> = ["index".to_owned(), "library.sqlite".to_owned()].into();

    let mut rng = Rng::new(env_number("DOSSIER_SEED", 11));
    let kills = env_number("DOSSIER_PUBLIC_KILLS", 8);
    let mut killed = 0;
    for k in 0..kills {
        // Spread over the run, a little random within each slice.
        let slice = took.as_micros() as u64 / kills.max(1);
        let at = Duration::from_micros(slice * k + rng.below(slice.max(1)));
        let ran = run_until(&root, &args, &scratch, Some(Instant::now() + at));
        killed += u64::from(ran.killed);
        let held = names(&dir);
        assert!(held.is_subset(&expected), "after a kill at {at:?} the folder holds {held:?}");
        for file in files_under(&dir) {
            assert!(!holds_mark(&file), "after a kill at {at:?}, {} holds the marker", file.display());
        }
        if dir.join("library.sqlite").exists() {
            let public = Library::open(&dir).unwrap_or_else(|e| panic!("after a kill at {at:?}: {e}"));
            assert!(public.is_public_copy().unwrap());
        }
        #[cfg(unix)]
        for name in names(&root).into_iter().filter(|n| n.starts_with(".public-copy-")) {
            assert_eq!(mode(&root.join(&name)), 0o700, "a leftover {name} is private");
        }
    }
    assert!(killed > 0, "some runs were killed");
    let ran = run_until(&root, &args, &scratch, None);
    assert!(ran.success, "{}", ran.stderr);
    assert!(ran.stdout.contains("Wrote the public copy"), "{}", ran.stdout);
    assert!(names(&root).iter().all(|n| !n.starts_with(".public-copy-")), "{:?}", names(&root));
    assert_eq!(names(&dir), expected);
    assert_eq!(crate::util::snapshot(&root), library_before, "the library itself is never written");
    opens_scrubbed(&dir);
    println!("{killed} of {kills} runs of {took:?} killed");
}
