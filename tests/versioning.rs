//! Papers keep every version: saves append, restores append, publishing
//! appends to a log, and the schema itself refuses to rewrite history.

use dossier::dates::{parse_date, parse_moment};
use dossier::papers::{Lang, NewPaper, Status};
use dossier::Error;

use crate::util::{add_paper, draft, snapshot, TempLibrary};

#[test]
fn every_save_appends_a_version_and_keeps_the_old_text() {
    let mut t = TempLibrary::new();
    let v1 = add_paper(&mut t.lib, "Trade and settlements", "Canada should label goods.");
    let v2 = t
        .lib
        .save_version(v1.paper_id, draft("Trade and settlements", "Canada must label goods.", "Firmer"))
        .unwrap();
    let v3 = t
        .lib
        .save_version(v1.paper_id, draft("Trade, settlements and labels", "Canada must label all goods.", "Wider"))
        .unwrap();
    assert_eq!((v1.version, v2.version, v3.version), (1, 2, 3), "versions are numbered in order");
    assert_eq!(t.lib.version(v1.paper_id, 1).unwrap(), v1, "version 1 is exactly as saved");
    assert_eq!(t.lib.version(v1.paper_id, 2).unwrap().body, "Canada must label goods.");
    let paper = t.lib.paper(v1.paper_id).unwrap();
    assert_eq!(paper.latest_version, 3);
    assert_eq!(paper.title, "Trade, settlements and labels", "a paper is titled by its latest version");
    let history = t.lib.history(v1.paper_id).unwrap();
    assert_eq!(history.iter().map(|h| h.note.as_str()).collect::<Vec<_>>(), ["First version", "Firmer", "Wider"]);
}

#[test]
fn saving_unchanged_text_adds_nothing() {
    let mut t = TempLibrary::new();
    let v1 = add_paper(&mut t.lib, "UNRWA funding", "Restore the funding.");
    let before = snapshot(&t.root());
    let err = t
        .lib
        .save_version(v1.paper_id, draft("UNRWA funding", "Restore the funding.", "again"))
        .unwrap_err();
    assert_eq!(err.code(), "conflict", "unchanged text is a conflict, not a new version: {err}");
    assert_eq!(snapshot(&t.root()), before, "the refused save wrote nothing");
}

#[test]
fn restoring_appends_a_copy_of_the_old_version() {
    let mut t = TempLibrary::new();
    let v1 = add_paper(&mut t.lib, "Arms Trade Treaty", "Implement the treaty in full.");
    t.lib
        .save_version(v1.paper_id, draft("Arms Trade Treaty (revised)", "Implement it, with exceptions.", "Softer"))
        .unwrap();
    let v3 = t.lib.restore_version(v1.paper_id, 1, "Reviewer", "the board rejected v2").unwrap();
    assert_eq!(v3.version, 3, "a restore appends; it does not rewind");
    assert_eq!((v3.title.as_str(), v3.body.as_str()), (v1.title.as_str(), v1.body.as_str()), "v3 has v1's text");
    assert_eq!(v3.restored_from, Some(1));
    assert!(v3.note.starts_with("Restored version 1"), "the note says where the text came from: {}", v3.note);
    assert_eq!(t.lib.version(v1.paper_id, 2).unwrap().title, "Arms Trade Treaty (revised)", "v2 is still there");

    let err = t.lib.restore_version(v1.paper_id, 1, "Reviewer", "").unwrap_err();
    assert_eq!(err.code(), "conflict", "restoring the text the paper already has adds nothing: {err}");
}

#[test]
fn a_word_diff_shows_what_changed_between_two_versions() {
    let mut t = TempLibrary::new();
    let v1 = add_paper(&mut t.lib, "Goldstone findings", "Canada should support the report.\n\nAccountability matters.");
    t.lib
        .save_version(
            v1.paper_id,
            draft("Goldstone findings", "Canada should endorse the report.\n\nAccountability matters.", "Stronger verb"),
        )
        .unwrap();
    let d = t.lib.diff_versions(v1.paper_id, 1, 2).unwrap();
    assert!(d.title.is_unchanged(), "the title did not change");
    assert_eq!((d.body.words_deleted, d.body.words_inserted), (1, 1), "one word swapped");
    assert_eq!(d.body.side(false), v1.body, "the old side of the diff is version 1");
    let deleted: Vec<_> = d.body.segments.iter().filter(|s| s.kind == dossier::diff::SegmentKind::Delete).collect();
    assert_eq!(deleted[0].text, "support");
}

#[test]
fn the_version_in_force_on_a_date_follows_the_publication_log() {
    let mut t = TempLibrary::new();
    let v1 = add_paper(&mut t.lib, "Refugees", "First position.");
    let id = v1.paper_id;
    t.lib.save_version(id, draft("Refugees", "Second position.", "Update")).unwrap();
    t.lib.save_version(id, draft("Refugees", "Third position, unpublished.", "Draft")).unwrap();
    t.lib.publish(id, Some(1), Some(parse_moment("2011-01-10T09:00:00", "t").unwrap())).unwrap();
    t.lib.publish(id, Some(2), Some(parse_moment("2012-03-01T15:00:00", "t").unwrap())).unwrap();

    let on = |d: &str| t.lib.version_in_force(id, Some(parse_date(d, "d").unwrap()));
    assert_eq!(on("2011-06-01").unwrap().version, 1, "v1 was in force in mid-2011");
    assert_eq!(on("2012-03-01").unwrap().version, 2, "v2 is in force from the day it was published");
    assert_eq!(on("2026-01-01").unwrap().version, 2, "v3 was never published, so v2 stays in force");
    let err = on("2010-12-31").unwrap_err();
    assert_eq!(err.code(), "not_found", "nothing was in force before the first publication: {err}");

    let paper = t.lib.paper(id).unwrap();
    assert_eq!((paper.status, paper.version_in_force, paper.latest_version), (Status::Published, Some(2), 3));
    let history = t.lib.history(id).unwrap();
    assert_eq!(history[0].published_at, ["2011-01-10T09:00:00Z"], "history shows when v1 was published");
    assert!(history[2].published_at.is_empty(), "v3 was never published");
}

#[test]
fn publishing_the_version_already_in_force_is_refused() {
    let mut t = TempLibrary::new();
    let v1 = add_paper(&mut t.lib, "Paper", "Text.");
    t.lib.publish(v1.paper_id, None, None).unwrap();
    let before = snapshot(&t.root());
    let err = t.lib.publish(v1.paper_id, None, None).unwrap_err();
    assert_eq!(err.code(), "conflict", "{err}");
    assert_eq!(snapshot(&t.root()), before, "the publication log did not grow");
}

#[test]
fn an_archived_paper_keeps_its_versions_and_can_be_republished() {
    let mut t = TempLibrary::new();
    let v1 = add_paper(&mut t.lib, "Old paper", "Text.");
    t.lib.publish(v1.paper_id, None, None).unwrap();
    t.lib.set_status(v1.paper_id, Status::Archived).unwrap();
    assert_eq!(t.lib.paper(v1.paper_id).unwrap().status, Status::Archived);
    assert_eq!(t.lib.history(v1.paper_id).unwrap().len(), 1, "archiving removes no version");
    t.lib.save_version(v1.paper_id, draft("Old paper", "Revived text.", "Revived")).unwrap();
    t.lib.publish(v1.paper_id, None, None).unwrap();
    assert_eq!(t.lib.paper(v1.paper_id).unwrap().status, Status::Published);
}

#[test]
fn the_schema_refuses_to_update_or_delete_a_version() {
    let t = TempLibrary::new();
    let mut lib = t.lib;
    let v1 = add_paper(&mut lib, "Immutable", "Original text.");
    lib.publish(v1.paper_id, None, None).unwrap();
    drop(lib);
    let conn = rusqlite::Connection::open(t.dir.path().join("lib").join("library.sqlite")).unwrap();
    for sql in [
        "UPDATE paper_versions SET body = 'rewritten' WHERE number = 1",
        "UPDATE paper_versions SET title = 'x'",
        "DELETE FROM paper_versions",
        "UPDATE publications SET version_id = 1",
        "DELETE FROM publications",
    ] {
        let err = conn.execute(sql, []).expect_err(sql);
        assert!(
            err.to_string().contains("immutable")
                || err.to_string().contains("permanent")
                || err.to_string().contains("append-only"),
            "`{sql}` is refused by a trigger, not by chance: {err}"
        );
    }
    let body: String = conn
        .query_row("SELECT body FROM paper_versions WHERE number = 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(body, "Original text.", "the version's text survived every attempt");
    let err = conn.execute("DELETE FROM papers", []).unwrap_err();
    assert!(err.to_string().contains("FOREIGN KEY") || err.to_string().contains("foreign key"),
        "a paper with versions cannot be deleted out from under them: {err}");
}

#[test]
fn translations_are_linked_both_ways_and_only_across_languages() {
    let mut t = TempLibrary::new();
    let en = add_paper(&mut t.lib, "Beyond the Two-State Solution", "Text.");
    let fr = t
        .lib
        .add_paper(NewPaper {
            lang: Lang::Fr,
            tags: vec![],
            draft: draft("Au-delà de la solution à deux États", "Texte.", "Traduction"),
        })
        .unwrap();
    let other_en = add_paper(&mut t.lib, "Another", "Text.");
    t.lib.link_translation(fr.paper_id, en.paper_id).unwrap();
    assert_eq!(t.lib.paper(en.paper_id).unwrap().translation_id, Some(fr.paper_id));
    assert_eq!(t.lib.paper(fr.paper_id).unwrap().translation_id, Some(en.paper_id));
    let err = t.lib.link_translation(en.paper_id, other_en.paper_id).unwrap_err();
    assert_eq!(err.code(), "invalid", "two English papers are not translations: {err}");
}

#[test]
fn tags_are_normalised_and_filter_the_list() {
    let mut t = TempLibrary::new();
    let v = t
        .lib
        .add_paper(NewPaper {
            lang: Lang::En,
            tags: vec!["  Settlements ".into(), "settlements".into(), "Trade".into()],
            draft: draft("Tagged", "Text.", ""),
        })
        .unwrap();
    add_paper(&mut t.lib, "Untagged", "Text.");
    assert_eq!(t.lib.paper(v.paper_id).unwrap().tags, ["settlements", "trade"]);
    let filter = dossier::papers::PaperFilter { tag: Some("SETTLEMENTS".into()), ..Default::default() };
    let found = t.lib.papers(&filter).unwrap();
    assert_eq!(found.iter().map(|p| p.id).collect::<Vec<_>>(), [v.paper_id], "the tag filter ignores case");
}

#[test]
fn unknown_ids_are_not_found_errors() {
    let t = TempLibrary::new();
    for err in [
        t.lib.paper(42).unwrap_err(),
        t.lib.version(42, 1).unwrap_err(),
        t.lib.history(42).unwrap_err(),
        t.lib.campaign(7).unwrap_err(),
        t.lib.official(7).unwrap_err(),
        t.lib.engagement(7).unwrap_err(),
        t.lib.packet(7).unwrap_err(),
    ] {
        assert!(matches!(err, Error::NotFound { .. }), "{err}");
        assert!(err.to_string().contains("does not exist"), "the message says so: {err}");
    }
}
