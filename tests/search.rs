//! Full-text search against a real library and index in a temp folder.

use chrono::{NaiveDate, TimeZone, Utc};
use dossier::campaigns::NewCampaign;
use dossier::engagements::NewEngagement;
use dossier::officials::{Chamber, NewOfficial, NewRole};
use dossier::papers::{Draft, Lang, NewPaper, Status};
use dossier::search::{IndexStatus, SearchKind, SearchRequest, SearchResults};
use dossier::Library;

struct Fixture {
    _dir: tempfile::TempDir,
    lib: Library,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = Library::init(&dir.path().join("lib")).expect("init library");
    Fixture { _dir: dir, lib }
}

fn at(y: i32, m: u32, d: u32) -> Option<chrono::DateTime<Utc>> {
    Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).single()
}

fn paper(lib: &mut Library, lang: Lang, title: &str, body: &str, tags: &[&str], year: i32) -> i64 {
    lib.add_paper(NewPaper {
        lang,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        draft: Draft {
            title: title.into(),
            summary: String::new(),
            body: body.into(),
            author: "test".into(),
            note: String::new(),
            at: at(year, 3, 1),
        },
    })
    .expect("add paper")
    .paper_id
}

fn save(lib: &mut Library, id: i64, title: &str, body: &str, year: i32) -> i64 {
    lib.save_version(
        id,
        Draft { title: title.into(), body: body.into(), author: "test".into(), at: at(year, 6, 1), ..Draft::default() },
    )
    .expect("save version")
    .version
}

fn campaign(lib: &mut Library, title: &str, description: &str, tags: &[&str], year: i32) -> i64 {
    lib.add_campaign(NewCampaign {
        title: title.into(),
        started_on: NaiveDate::from_ymd_opt(year, 2, 1),
        description: description.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..NewCampaign::default()
    })
    .expect("add campaign")
    .id
}

fn official(lib: &mut Library, family: &str) -> i64 {
    lib.add_official(NewOfficial {
        given_name: "Anne".into(),
        family_name: family.into(),
        chamber: Chamber::House,
        party: String::new(),
        constituency: String::new(),
        roles: vec![NewRole {
            title: "Member of Parliament".into(),
            branch: String::new(),
            institution: String::new(),
            started_on: NaiveDate::from_ymd_opt(2010, 1, 1).expect("date"),
            ended_on: None,
        }],
    })
    .expect("add official")
    .id
}

fn engagement(lib: &mut Library, subject: &str, notes: &str, officials: Vec<i64>, year: i32) -> i64 {
    lib.add_engagement(NewEngagement {
        notes: notes.into(),
        ..crate::util::meeting(NaiveDate::from_ymd_opt(year, 5, 5).expect("date"), officials, subject)
    })
    .expect("add engagement")
    .id
}

fn search(lib: &mut Library, q: &str) -> SearchResults {
    lib.search(&SearchRequest::new(q)).expect("search answers")
}

fn ids(r: &SearchResults) -> Vec<(SearchKind, i64)> {
    r.hits.iter().map(|h| (h.kind, h.id)).collect()
}

fn finds(lib: &mut Library, q: &str, kind: SearchKind, id: i64) -> bool {
    ids(&search(lib, q)).contains(&(kind, id))
}

/// A small bilingual library used by many tests.
struct Bilingual {
    fx: Fixture,
    fr: i64,
    en: i64,
    other: i64,
}

fn bilingual() -> Bilingual {
    let mut fx = fixture();
    let fr = paper(
        &mut fx.lib,
        Lang::Fr,
        "Les élections et les colonies",
        "Les négociations sur les réfugiés palestiniens et le droit au retour ont repris après les élections.",
        &["réfugiés", "elections"],
        2009,
    );
    let en = paper(
        &mut fx.lib,
        Lang::En,
        "Settlement expansion and apartheid",
        "Every settlement built on occupied land and the apartheid wall violate the right of return for refugees.",
        &["settlements"],
        2012,
    );
    let other = paper(
        &mut fx.lib,
        Lang::En,
        "Housing policy",
        "Return to the question of the right to housing, a draft of our position.",
        &["housing"],
        2015,
    );
    Bilingual { fx, fr, en, other }
}

#[test]
fn diacritics_are_folded_and_words_stemmed_per_language() {
    let mut b = bilingual();
    let lib = &mut b.fx.lib;
    for (q, kind, id, why) in [
        ("elections", SearchKind::Paper, b.fr, "elections finds élections"),
        ("négociation", SearchKind::Paper, b.fr, "négociation finds négociations (French stem)"),
        ("negociation", SearchKind::Paper, b.fr, "unaccented negociation finds négociations"),
        ("colonie", SearchKind::Paper, b.fr, "colonie finds colonies"),
        ("refugies", SearchKind::Paper, b.fr, "refugies finds réfugiés (fold before stem)"),
        ("réfugié", SearchKind::Paper, b.fr, "réfugié finds réfugiés"),
        ("settlements", SearchKind::Paper, b.en, "settlements finds settlement (English stem)"),
        ("refugee", SearchKind::Paper, b.en, "refugee finds refugees in the English paper"),
    ] {
        assert!(finds(lib, q, kind, id), "{why}");
    }
    let r = search(lib, "refugee");
    assert!(!r.fuzzy, "a stemmed match is exact, not a typo retry");
}

#[test]
fn french_and_english_siblings_stay_in_their_language() {
    let mut b = bilingual();
    let r = search(&mut b.fx.lib, "réfugiés");
    assert!(ids(&r).contains(&(SearchKind::Paper, b.fr)), "the French word finds the French paper");
    let r = search(&mut b.fx.lib, "refugees");
    assert!(ids(&r).contains(&(SearchKind::Paper, b.en)), "the English word finds the English paper");
    let r = b.fx.lib.search(&SearchRequest { lang: Some(Lang::Fr), ..SearchRequest::new("refugees") }).expect("search");
    assert!(ids(&r).iter().all(|(_, id)| *id == b.fr), "the language filter keeps only French documents");
}

#[test]
fn all_words_must_match_and_phrases_keep_order() {
    let mut b = bilingual();
    let r = search(&mut b.fx.lib, "right return");
    assert!(ids(&r).contains(&(SearchKind::Paper, b.en)) && ids(&r).contains(&(SearchKind::Paper, b.other)), "both papers hold both words");
    let r = search(&mut b.fx.lib, "\"right of return\"");
    assert_eq!(ids(&r), vec![(SearchKind::Paper, b.en)], "only one paper has the exact phrase");
    let r = search(&mut b.fx.lib, "apartheid housing");
    assert!(r.hits.is_empty() || r.fuzzy, "no paper holds both apartheid and housing");
}

#[test]
fn prefixes_match_on_the_unstemmed_folded_field() {
    let mut b = bilingual();
    assert!(finds(&mut b.fx.lib, "electio*", SearchKind::Paper, b.fr), "electio* finds élections");
    assert!(finds(&mut b.fx.lib, "nég*", SearchKind::Paper, b.fr), "an accented prefix finds négociations");
    assert!(finds(&mut b.fx.lib, "apar*", SearchKind::Paper, b.en), "apar* finds apartheid");
}

#[test]
fn typos_are_retried_fuzzy_and_reported() {
    let mut b = bilingual();
    let r = search(&mut b.fx.lib, "apartide");
    assert!(ids(&r).contains(&(SearchKind::Paper, b.en)), "apartide finds apartheid");
    assert!(r.fuzzy, "the result says it is typo-tolerant");
    assert_eq!(r.corrected.as_deref(), Some("apartheid"), "the correction names the indexed word");
    let r = search(&mut b.fx.lib, "setlement");
    assert!(ids(&r).contains(&(SearchKind::Paper, b.en)), "one missing letter is forgiven");
}

#[test]
fn exclusions_remove_documents() {
    let mut b = bilingual();
    let r = search(&mut b.fx.lib, "return -housing");
    assert!(ids(&r).contains(&(SearchKind::Paper, b.en)), "the paper without housing stays");
    assert!(!ids(&r).contains(&(SearchKind::Paper, b.other)), "the paper with housing is excluded");
    let r = search(&mut b.fx.lib, "return -\"right to housing\"");
    assert!(!ids(&r).contains(&(SearchKind::Paper, b.other)), "an excluded phrase removes its paper");
}

#[test]
fn as_you_type_treats_the_last_word_as_a_prefix() {
    let mut b = bilingual();
    let req = SearchRequest { as_you_type: true, ..SearchRequest::new("wall apart") };
    let r = b.fx.lib.search(&req).expect("search");
    assert_eq!(ids(&r), vec![(SearchKind::Paper, b.en)], "apart completes to apartheid while typing");
    assert!(!r.fuzzy, "a prefix match is not a typo retry");
    let r = b.fx.lib.search(&SearchRequest { as_you_type: true, ..SearchRequest::new("hous") }).expect("search");
    assert_eq!(r.hits.first().map(|h| h.id), Some(b.other), "the housing paper ranks first for hous");
}

#[test]
fn malformed_queries_are_answered_not_refused() {
    let mut b = bilingual();
    for q in ["", "   ", "-", "\"", "?!…", "***", "-housing", "\"unbalanced right of"] {
        let r = b.fx.lib.search(&SearchRequest::new(q));
        assert!(r.is_ok(), "query {q:?} must be answered, not refused");
    }
    let r = search(&mut b.fx.lib, "\"right of return");
    assert!(ids(&r).contains(&(SearchKind::Paper, b.en)), "an unbalanced quote still searches the phrase");
    assert!(search(&mut b.fx.lib, "?!").hits.is_empty(), "punctuation finds nothing");
}

#[test]
fn filters_and_facets() {
    let mut b = bilingual();
    let lib = &mut b.fx.lib;
    let c = campaign(lib, "Right of return campaign", "We lobbied for the right of return of refugees.", &["refugees"], 2006);
    let o1 = official(lib, "Tremblay");
    let o2 = official(lib, "Singh");
    let e1 = engagement(lib, "Meeting on refugees", "Discussed the right of return with the MP.", vec![o1], 2011);
    let e2 = engagement(lib, "Call about return", "Follow-up call on the right of return.", vec![o2], 2013);
    lib.publish(b.en, None, at(2013, 1, 1)).expect("publish");

    let r = search(lib, "return");
    assert_eq!(r.total, 5, "two English papers, the campaign and two engagements say return: {:?}", ids(&r));
    assert_eq!(r.facets.kind.get("engagement"), Some(&2), "two engagements match");
    assert_eq!(r.facets.kind.get("campaign"), Some(&1), "one campaign matches");
    assert_eq!(r.facets.year.get("2006"), Some(&1), "the campaign is counted in its year");
    assert_eq!(r.facets.tag.get("refugees"), Some(&1), "the campaign's tag is counted");
    assert!(r.facets.lang.get("en").is_some_and(|n| *n >= 5), "English documents are counted");

    let run = |lib: &mut Library, req: SearchRequest| ids(&lib.search(&req).expect("search"));
    let base = || SearchRequest::new("return");
    assert_eq!(run(lib, SearchRequest { kind: Some(SearchKind::Campaign), ..base() }), vec![(SearchKind::Campaign, c)], "kind filter");
    let mut by_year = run(lib, SearchRequest { from_year: Some(2011), to_year: Some(2013), ..base() });
    by_year.sort();
    let mut expected = vec![(SearchKind::Paper, b.en), (SearchKind::Engagement, e1), (SearchKind::Engagement, e2)];
    expected.sort();
    assert_eq!(by_year, expected, "year range 2011–2013 is inclusive on both ends");
    assert_eq!(run(lib, SearchRequest { tag: Some("Settlements".into()), ..base() }), vec![(SearchKind::Paper, b.en)], "tag filter ignores case");
    assert_eq!(run(lib, SearchRequest { status: Some(Status::Published), ..base() }), vec![(SearchKind::Paper, b.en)], "status filter");
    assert_eq!(run(lib, SearchRequest { official: Some(o2), ..base() }), vec![(SearchKind::Engagement, e2)], "official filter");
    assert_eq!(run(lib, SearchRequest { lang: Some(Lang::Fr), ..SearchRequest::new("retour") }), vec![(SearchKind::Paper, b.fr)], "language filter");
    let r = lib.search(&SearchRequest { kind: Some(SearchKind::Engagement), ..base() }).expect("search");
    assert_eq!(r.facets.kind.len(), 1, "facets count the filtered set only");
}

/// Each count the palette shows beside a filter is the number of hits that
/// filter gives, for every kind, language, year and tag, with the documents
/// spread over more than one index segment.
#[test]
fn every_facet_count_is_what_its_filter_finds() {
    let mut t = crate::util::TempLibrary::new();
    t.lib.load_sample(dossier::sample::WRITTEN_ON).unwrap();
    let base = || SearchRequest { as_you_type: true, limit: 1, ..SearchRequest::new("a") };
    t.lib.search(&base()).expect("the first search builds the index");
    // Indexed after the sample: a segment of its own.
    campaign(&mut t.lib, "Water rights campaign", "A campaign for aid: water for every village.", &["water", "children"], 2031);
    let lib = &mut t.lib;
    let r = lib.search(&base()).expect("search");
    assert!(r.total > 20, "a broad query: {}", r.total);
    for (name, counts) in [("kind", &r.facets.kind), ("lang", &r.facets.lang)] {
        assert_eq!(counts.values().sum::<u64>(), r.total, "every match has one {name}: {counts:?}");
    }
    assert_eq!(r.facets.year.values().sum::<u64>(), r.total, "every match has a year: {:?}", r.facets.year);
    assert_eq!(r.facets.year.get("2031"), Some(&1), "the later segment is counted: {:?}", r.facets.year);
    assert!(r.facets.tag.len() >= 3, "tags are counted: {:?}", r.facets.tag);
    let total = |lib: &mut Library, req: SearchRequest| lib.search(&req).expect("search").total;
    for (kind, n) in &r.facets.kind {
        assert_eq!(total(lib, SearchRequest { kind: Some(kind.parse().unwrap()), ..base() }), *n, "kind {kind}");
    }
    for (lang, n) in &r.facets.lang {
        assert_eq!(total(lib, SearchRequest { lang: Some(lang.parse().unwrap()), ..base() }), *n, "language {lang}");
    }
    for (year, n) in &r.facets.year {
        let y: i32 = year.parse().unwrap();
        assert_eq!(total(lib, SearchRequest { from_year: Some(y), to_year: Some(y), ..base() }), *n, "year {year}");
    }
    for (tag, n) in &r.facets.tag {
        assert_eq!(total(lib, SearchRequest { tag: Some(tag.clone()), ..base() }), *n, "tag {tag}");
    }
}

#[test]
fn snippets_mark_the_matched_words() {
    let mut b = bilingual();
    let r = search(&mut b.fx.lib, "elections");
    let hit = r.hits.iter().find(|h| h.id == b.fr).expect("the French paper is a hit");
    let marked: Vec<&str> = hit.snippet.iter().filter(|p| p.hit).map(|p| p.text.as_str()).collect();
    assert!(marked.contains(&"élections"), "the accented form is highlighted: {:?}", hit.snippet);
    assert_eq!(hit.title, "Les élections et les colonies", "the title comes from SQLite");
}

#[test]
fn as_of_searches_the_version_in_force_then() {
    let mut fx = fixture();
    let lib = &mut fx.lib;
    let id = paper(lib, Lang::En, "Water", "Our first position on aquifers.", &[], 2008);
    lib.publish(id, Some(1), at(2010, 1, 1)).expect("publish v1");
    save(lib, id, "Water", "Our revised position on desalination.", 2014);
    lib.publish(id, Some(2), at(2015, 1, 1)).expect("publish v2");
    let as_of = |lib: &mut Library, q: &str, y: i32| {
        let req = SearchRequest { as_of: NaiveDate::from_ymd_opt(y, 6, 1), ..SearchRequest::new(q) };
        lib.search(&req).expect("search").hits.iter().map(|h| h.version).collect::<Vec<_>>()
    };
    assert_eq!(as_of(lib, "aquifers", 2012), vec![Some(1)], "in 2012 version 1 was in force");
    assert!(as_of(lib, "desalination", 2012).is_empty(), "version 2 was not in force in 2012");
    assert_eq!(as_of(lib, "desalination", 2016), vec![Some(2)], "in 2016 version 2 was in force");
    assert!(as_of(lib, "aquifers", 2009).is_empty(), "before the first publication nothing was in force");
}

#[test]
fn latest_version_by_default_every_version_on_request() {
    let mut fx = fixture();
    let lib = &mut fx.lib;
    let id = paper(lib, Lang::En, "Water", "Our first position on aquifers.", &[], 2008);
    save(lib, id, "Water", "Our revised position on desalination.", 2014);
    assert!(search(lib, "aquifers").hits.iter().all(|h| h.version != Some(1)), "old versions are hidden by default");
    let r = lib.search(&SearchRequest { all_versions: true, ..SearchRequest::new("aquifers") }).expect("search");
    assert_eq!(r.hits.iter().map(|h| h.version).collect::<Vec<_>>(), vec![Some(1)], "all versions finds version 1");
    let r = lib.search(&SearchRequest { all_versions: true, ..SearchRequest::new("position") }).expect("search");
    assert_eq!(r.total, 2, "both versions match a shared word");
}

#[test]
fn an_edit_is_searchable_as_soon_as_the_save_returns() {
    let mut b = bilingual();
    assert!(search(&mut b.fx.lib, "aquaculture").hits.is_empty(), "not there yet");
    save(&mut b.fx.lib, b.other, "Housing policy", "Aquaculture and housing.", 2016);
    assert!(finds(&mut b.fx.lib, "aquaculture", SearchKind::Paper, b.other), "the new version is found at once");
    assert!(search(&mut b.fx.lib, "draft").hits.is_empty(), "the old text is no longer current");
}

#[test]
fn applied_outbox_rows_are_pruned_in_batches() {
    let mut b = bilingual();
    search(&mut b.fx.lib, "housing");
    for i in 0..40 {
        b.fx.lib.set_paper_tags(b.other, &[format!("tag{i}")]).expect("retag");
    }
    assert!(rusqlite_count(&b.fx.lib) >= 64, "each retag queues outbox rows");
    let r = b.fx.lib.search(&SearchRequest { tag: Some("tag39".into()), ..SearchRequest::new("housing") }).expect("search");
    assert_eq!(ids(&r), vec![(SearchKind::Paper, b.other)], "the last tag is searchable");
    assert_eq!(rusqlite_count(&b.fx.lib), 0, "a batch of applied rows is pruned");
}

fn rusqlite_count(lib: &Library) -> i64 {
    let conn = rusqlite::Connection::open(lib.database_path()).expect("open db");
    conn.query_row("SELECT count(*) FROM search_outbox", [], |r| r.get(0)).expect("count")
}

fn index_dir(lib: &Library) -> std::path::PathBuf {
    lib.root().join("index")
}

#[test]
fn a_deleted_index_is_rebuilt() {
    let mut b = bilingual();
    assert!(finds(&mut b.fx.lib, "apartheid", SearchKind::Paper, b.en), "found before");
    let root = b.fx.lib.root().to_owned();
    drop(b.fx.lib);
    std::fs::remove_dir_all(root.join("index")).expect("delete index");
    let mut lib = Library::open(&root).expect("reopen");
    assert_eq!(lib.check_index().expect("check").status, IndexStatus::Missing, "check sees the missing index");
    assert!(finds(&mut lib, "apartheid", SearchKind::Paper, b.en), "the next search rebuilds the index");
    assert_eq!(lib.check_index().expect("check").status, IndexStatus::Ok, "and then it is in step");
}

#[test]
fn warming_search_builds_and_opens_the_index_before_the_first_search() {
    let b = bilingual();
    let root = b.fx.lib.root().to_owned();
    drop(b.fx.lib);
    let mut lib = Library::open(&root).expect("reopen");
    assert_eq!(lib.check_index().expect("check").status, IndexStatus::Missing, "nothing has searched yet");
    let warmed = dossier::api::search::warm(&mut lib).expect("warm");
    assert_eq!(lib.check_index().expect("check").status, IndexStatus::Ok, "warming built the index");
    assert!(!warmed.hits.is_empty(), "and answers with a page of hits for the palette to lay out");
    assert!(finds(&mut lib, "apartheid", SearchKind::Paper, b.en), "and search finds what it holds");
}

#[test]
fn a_truncated_segment_file_is_detected_and_rebuilt() {
    let mut b = bilingual();
    search(&mut b.fx.lib, "apartheid");
    let root = b.fx.lib.root().to_owned();
    drop(b.fx.lib);
    let mut truncated = 0;
    for entry in std::fs::read_dir(root.join("index")).expect("list index") {
        let path = entry.expect("entry").path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ["idx", "pos", "term", "store"].contains(&ext) {
            let len = std::fs::metadata(&path).expect("meta").len();
            let f = std::fs::OpenOptions::new().write(true).open(&path).expect("open segment file");
            f.set_len(len / 2).expect("truncate");
            truncated += 1;
        }
    }
    assert!(truncated > 0, "the index has segment files to damage");
    let mut lib = Library::open(&root).expect("reopen");
    let status = lib.check_index().expect("check").status;
    assert!(matches!(status, IndexStatus::Damaged | IndexStatus::Unreadable), "check reports the damage, got {status}");
    assert!(finds(&mut lib, "apartheid", SearchKind::Paper, b.en), "the next search rebuilds and answers");
    assert_eq!(lib.check_index().expect("check").status, IndexStatus::Ok, "the rebuilt index is sound");
}

#[test]
fn a_kill_between_database_and_index_commit_is_caught_up() {
    let mut b = bilingual();
    search(&mut b.fx.lib, "apartheid");
    // The save commits to SQLite; the process "dies" before the index hears.
    save(&mut b.fx.lib, b.en, "Settlement expansion", "Checkpoints and permits.", 2016);
    let root = b.fx.lib.root().to_owned();
    drop(b.fx.lib);
    let mut lib = Library::open(&root).expect("reopen");
    assert_eq!(lib.check_index().expect("check").status, IndexStatus::Stale, "check sees the index behind");
    assert!(finds(&mut lib, "checkpoints", SearchKind::Paper, b.en), "the reopened library catches up");
    assert!(search(&mut lib, "apartheid").hits.iter().all(|h| h.id != b.en), "the old version is no longer current");
}

#[test]
fn an_index_of_an_older_schema_is_rebuilt() {
    let mut b = bilingual();
    let root = b.fx.lib.root().to_owned();
    search(&mut b.fx.lib, "apartheid");
    drop(b.fx.lib);
    // An index as an older Dossier would have left it: other fields, schema 0.
    std::fs::remove_dir_all(root.join("index")).expect("clear");
    std::fs::create_dir_all(root.join("index")).expect("mkdir");
    let mut sb = tantivy::schema::Schema::builder();
    let body = sb.add_text_field("body", tantivy::schema::TEXT);
    let index = tantivy::Index::create_in_dir(root.join("index"), sb.build()).expect("old index");
    let mut w: tantivy::IndexWriter = index.writer(15_000_000).expect("writer");
    let mut doc = tantivy::TantivyDocument::default();
    doc.add_text(body, "apartheid");
    w.add_document(doc).expect("add");
    let mut c = w.prepare_commit().expect("prepare");
    c.set_payload(r#"{"schema":0,"seq":999999}"#);
    c.commit().expect("commit");
    drop(w);
    let mut lib = Library::open(&root).expect("reopen");
    assert_eq!(lib.check_index().expect("check").status, IndexStatus::OldSchema, "check sees the old schema");
    let r = search(&mut lib, "apartheid");
    assert_eq!(ids(&r), vec![(SearchKind::Paper, b.en)], "the rebuilt index answers from the database");
}

#[test]
fn another_writer_does_not_stop_search() {
    let mut b = bilingual();
    search(&mut b.fx.lib, "apartheid");
    let mut second = Library::open(b.fx.lib.root()).expect("second handle");
    let r = search(&mut second, "apartheid");
    assert_eq!(ids(&r), vec![(SearchKind::Paper, b.en)], "a handle without the writer answers from the committed index");
}

#[test]
fn reindex_rebuilds_and_counts() {
    let mut b = bilingual();
    let report = b.fx.lib.reindex().expect("reindex");
    assert_eq!(report.documents, 3, "three paper versions");
    assert!(finds(&mut b.fx.lib, "apartheid", SearchKind::Paper, b.en), "search works after reindex");
}

fn dir_size(path: &std::path::Path) -> u64 {
    std::fs::read_dir(path)
        .map(|d| d.flatten().filter_map(|e| e.metadata().ok()).filter(|m| m.is_file()).map(|m| m.len()).sum())
        .unwrap_or(0)
}

#[test]
fn many_small_edits_do_not_grow_the_index_without_bound() {
    let mut b = bilingual();
    let body = "Housing and the right of return. ".repeat(200);
    for i in 0..200 {
        save(&mut b.fx.lib, b.other, "Housing policy", &format!("{body} Edit number {i}."), 2016);
        search(&mut b.fx.lib, "housing");
    }
    b.fx.lib.close_search().expect("close");
    let edited = dir_size(&index_dir(&b.fx.lib));
    b.fx.lib.reindex().expect("reindex");
    b.fx.lib.close_search().expect("close");
    let rebuilt = dir_size(&index_dir(&b.fx.lib));
    assert!(
        edited <= rebuilt * 4 + 64 * 1024,
        "after 200 edits the index ({edited} bytes) stays within a small multiple of a rebuild ({rebuilt} bytes)"
    );
    let r = b.fx.lib.search(&SearchRequest { all_versions: true, ..SearchRequest::new("housing") }).expect("search");
    assert_eq!(r.total, 201, "every version of the edited paper is still indexed");
}

#[test]
fn the_small_corpus_is_deterministic_and_searchable() {
    let mut fx = fixture();
    let counts = dossier::corpus::fill(&mut fx.lib, dossier::corpus::Size::Small, 7).expect("fill");
    assert!(counts.versions >= 150 && counts.records >= 1500, "the small corpus has its size: {counts:?}");
    let r = search(&mut fx.lib, "négociations");
    assert!(r.total > 0, "the French vocabulary is searchable");
    let mut fx2 = fixture();
    dossier::corpus::fill(&mut fx2.lib, dossier::corpus::Size::Small, 7).expect("fill");
    let r2 = search(&mut fx2.lib, "négociations");
    assert_eq!(r.total, r2.total, "the same seed gives the same corpus");
}

/// Every file of a folder under `dir`: its path and its bytes, in order.
fn folder_bytes(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let path = entry.path().strip_prefix(dir).expect("inside").to_owned();
            out.push((path, std::fs::read(entry.path()).expect("read")));
        }
    }
    out
}

#[test]
fn the_import_corpus_is_the_same_files_for_the_same_seed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b, c) = (dir.path().join("a"), dir.path().join("b"), dir.path().join("c"));
    dossier::corpus::write_files(&a, 30, 5).expect("write");
    dossier::corpus::write_files(&b, 30, 5).expect("write");
    dossier::corpus::write_files(&c, 30, 6).expect("write");
    let (a, b, c) = (folder_bytes(&a), folder_bytes(&b), folder_bytes(&c));
    assert_eq!(a.len(), 30, "one file each");
    assert_eq!(a, b, "the same seed writes the same files");
    assert_ne!(a, c, "another seed writes others");
    let distinct: std::collections::HashSet<&Vec<u8>> = a.iter().map(|(_, bytes)| bytes).collect();
    assert_eq!(distinct.len(), 30, "no two files are the same bytes, so none is skipped as a duplicate");
}

#[test]
fn an_import_returns_with_the_index_holding_every_paper_it_made() {
    let mut fx = fixture();
    search(&mut fx.lib, "settlement");
    let files = tempfile::tempdir().expect("temp dir");
    // Enough papers that the catch-up prunes the outbox (a batch is 64 rows).
    dossier::corpus::write_files(files.path(), 80, 11).expect("write the files");
    let options = dossier::import::ImportOptions { author: "test".into(), ..Default::default() };
    let report = fx.lib.import_paths(&[files.path().to_owned()], &options, &mut |_| true).expect("import");
    assert_eq!(report.imported(), 80, "every file is a paper: {:?}", report.outcomes.iter().find(|o| o.outcome.status() != dossier::import::ImportStatus::Imported));
    assert_eq!(rusqlite_count(&fx.lib), 0, "no change is left waiting in the outbox");
    // The next command is another process: a handle of its own.
    let root = fx.lib.root().to_owned();
    drop(fx.lib);
    let mut lib = Library::open(&root).expect("reopen");
    let check = lib.check_index().expect("check");
    assert_eq!(check.status, IndexStatus::Ok, "the index on disk is in step: {:?}", check.detail);
    assert_eq!(check.indexed_seq, Some(check.library_seq), "it reflects the last change");
    assert_eq!(check.documents, 80, "its committed reader sees every imported paper");
}

#[test]
fn an_import_into_a_library_never_searched_leaves_its_index_built() {
    let mut fx = fixture();
    let files = tempfile::tempdir().expect("temp dir");
    dossier::corpus::write_files(files.path(), 5, 12).expect("write the files");
    let options = dossier::import::ImportOptions { author: "test".into(), ..Default::default() };
    let report = fx.lib.import_paths(&[files.path().to_owned()], &options, &mut |_| true).expect("import");
    assert_eq!(report.imported(), 5, "every file is a paper");
    let check = fx.lib.check_index().expect("check");
    assert_eq!((check.status, check.documents), (IndexStatus::Ok, 5), "the import built the index: {:?}", check.detail);
    let dry = dossier::import::ImportOptions { dry_run: true, ..options };
    let other = tempfile::tempdir().expect("temp dir");
    dossier::corpus::write_files(other.path(), 3, 13).expect("write the files");
    fx.lib.import_paths(&[other.path().to_owned()], &dry, &mut |_| true).expect("dry run");
    assert_eq!(fx.lib.check_index().expect("check").documents, 5, "a dry run indexes nothing");
}

#[test]
fn a_sync_returns_with_the_other_devices_papers_in_the_index() {
    let mut team = crate::sync::Team::new(2, |_| {});
    for i in 0..5 {
        crate::util::add_paper(&mut team.devices[0], &format!("Olive harvest {i}"), "Permits for the olive harvest.");
    }
    team.devices[0].sync().expect("sync the writer");
    let report = team.devices[1].sync().expect("sync the reader");
    assert!(report.rows_applied > 0, "the second device applied the papers: {report:?}");
    let check = team.devices[1].check_index().expect("check");
    assert_eq!(check.status, IndexStatus::Ok, "the index is in step once the sync returns: {:?}", check.detail);
    assert_eq!(check.documents, 5, "and holds the five papers");
}

#[test]
fn a_rebuild_reports_its_progress_up_to_every_document() {
    let mut t = crate::util::TempLibrary::new();
    t.lib.load_sample(dossier::sample::WRITTEN_ON).unwrap();
    let mut seen: Vec<(u64, u64)> = Vec::new();
    let report = t.lib.reindex_reporting(&mut |done, total| seen.push((done, total))).unwrap();
    let first = seen.first().copied().unwrap();
    let last = seen.last().copied().unwrap();
    assert_eq!(first.0, 0, "the first report comes before any document: {seen:?}");
    assert!(first.1 > 0, "and already knows how many there will be: {seen:?}");
    assert_eq!(last, (report.documents, report.documents), "the last report is the whole: {seen:?}");
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "progress never goes back: {seen:?}");
    assert_eq!(first.1, report.documents, "the count made up front is the number indexed");
}

/// Random input of the characters the query language cares about (and
/// some it does not) never panics the parser, as typed or as you type.
#[test]
fn random_queries_never_panic_the_parser() {
    let alphabet: Vec<char> = "ab é\"-* \t«»'\u{0}\u{301}ـש1.".chars().collect();
    let mut state: u64 = 0xA076_1D64_78BD_642F;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let rounds: usize = std::env::var("DOSSIER_MUTATION_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(2000);
    for _ in 0..rounds {
        let len = (next() % 24) as usize;
        let input: String = (0..len).map(|_| alphabet[(next() as usize) % alphabet.len()]).collect();
        for as_you_type in [false, true] {
            let parsed = dossier::search::query::parse(&input, as_you_type);
            let _ = parsed.is_empty();
        }
    }
}
