//! Office holders from Parliament's files (`dossier official import`):
//! matching without duplicates, roles over time, both languages, and every
//! bad file refused with the library unchanged.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dossier::engagements::NewEngagement;
use dossier::officials::{Chamber, NewOfficial, NewRole, Official, RoleKind};
use dossier::parliament::plan::AmbiguityReason;
use dossier::parliament::{ImportField, ImportPlan, OfficialImport};
use dossier::vocab::Lang;
use dossier::{Error, Library};

use crate::util::{dossier_err, dossier_ok, snapshot, TempLibrary};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/parliament").join(name)
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn import(lib: &mut Library, files: &[PathBuf], today: &str) -> ImportPlan {
    lib.import_officials(&OfficialImport { files: files.to_vec(), lang: None, today: day(today) }).expect("import")
}

fn meeting_with(official: i64, date: &str) -> NewEngagement {
    NewEngagement { logged_by: "Test".into(), ..crate::util::meeting(day(date), vec![official], "Budget") }
}

fn by_name<'a>(all: &'a [Official], family: &str) -> &'a Official {
    all.iter().find(|o| o.family_name == family).unwrap_or_else(|| panic!("{family} is in the library"))
}

fn roles_of(o: &Official, kind: RoleKind) -> Vec<(String, String, Option<String>)> {
    o.roles.iter().filter(|r| r.kind == kind).map(|r| (r.title.clone(), r.started_on.clone(), r.ended_on.clone())).collect()
}

#[test]
fn a_members_list_adds_every_member_once_and_the_same_file_again_changes_nothing() {
    let mut t = TempLibrary::new();
    let plan = import(&mut t.lib, &[fixture("commons-members.xml")], "2025-01-10");
    assert_eq!((plan.new.len(), plan.changed.len(), plan.unchanged), (12, 0, 0));
    let all = t.lib.officials().unwrap();
    assert_eq!(all.len(), 12);
    let berube = by_name(&all, "Bérubé");
    assert_eq!(berube.chamber, Chamber::House);
    assert_eq!(berube.constituency, "Abitibi—Baie-James—Nunavik—Eeyou");
    assert_eq!(berube.province, "Quebec");
    assert_eq!(berube.party, "Bloc Québécois");
    assert_eq!(berube.title, "Member of Parliament");
    assert_eq!(roles_of(berube, RoleKind::Seat), vec![("Member of Parliament".into(), "2021-09-20".into(), None)]);
    assert_eq!(roles_of(berube, RoleKind::Caucus), vec![("Bloc Québécois".into(), "2021-09-20".into(), None)]);
    assert_eq!(by_name(&all, "Anandasangaree").honorific, "Hon.");
    assert_eq!(by_name(&all, "Barron").given_name, "Lisa Marie");

    let before = snapshot(&t.root());
    let again = import(&mut t.lib, &[fixture("commons-members.xml")], "2025-02-10");
    assert_eq!((again.new.len(), again.changed.len(), again.unchanged, again.ambiguous.len()), (0, 0, 12, 0));
    assert_eq!(snapshot(&t.root()), before, "importing the same file again writes nothing");
}

#[test]
fn a_later_list_updates_by_person_id_ends_a_seat_and_moves_a_caucus_keeping_engagements_on_the_same_people() {
    let mut t = TempLibrary::new();
    import(&mut t.lib, &[fixture("commons-members.xml")], "2025-01-10");
    let all = t.lib.officials().unwrap();
    let majumdar = by_name(&all, "Majumdar").id;
    let met = t
        .lib
        .add_engagement(meeting_with(majumdar, "2025-02-03"))
        .unwrap();

    let plan = import(&mut t.lib, &[fixture("commons-members-later.xml")], "2025-06-01");
    assert_eq!(plan.new.len(), 1, "{:?}", plan.new);
    assert!(plan.ambiguous.is_empty(), "{:?}", plan.ambiguous);
    assert_eq!(plan.new[0].name, "Alex Tremblay-Côté");
    assert_eq!(plan.changed.len(), 12, "every Member gets their PersonId");
    let all = t.lib.officials().unwrap();
    assert_eq!(all.len(), 13, "updated, never duplicated");

    let m = by_name(&all, "Majumdar");
    assert_eq!(m.id, majumdar);
    assert_eq!(m.person_id, Some(118616));
    assert_eq!(m.party, "Independent");
    assert_eq!(
        roles_of(m, RoleKind::Caucus),
        vec![
            ("Conservative".into(), "2023-07-24".into(), Some("2025-05-31".into())),
            ("Independent".into(), "2025-06-01".into(), None)
        ],
        "the list cannot say when: the old caucus ends the day before the import"
    );
    let change = plan.changed.iter().find(|c| c.official_id == majumdar).unwrap();
    assert!(change.changes.iter().any(|c| c.field == ImportField::Party && c.old == "Conservative" && c.new == "Independent"));

    let sousa = by_name(&all, "Sousa");
    assert_eq!(roles_of(sousa, RoleKind::Seat), vec![("Member of Parliament".into(), "2022-12-12".into(), Some("2025-03-23".into()))]);
    assert_eq!(roles_of(sousa, RoleKind::Caucus)[0].2.as_deref(), Some("2025-03-23"), "the caucus ends with the seat");

    let e = t.lib.engagement(met.id).unwrap();
    assert_eq!(e.officials[0].official_id, majumdar, "the engagement keeps pointing at the same person");

    let before = snapshot(&t.root());
    let again = import(&mut t.lib, &[fixture("commons-members-later.xml")], "2025-07-01");
    assert_eq!((again.new.len(), again.changed.len(), again.unchanged), (0, 0, 13));
    assert_eq!(snapshot(&t.root()), before);

    // A Member missing from a list is left as they are.
    let plan = import(&mut t.lib, &[fixture("commons-members.xml")], "2025-08-01");
    assert!(plan.new.is_empty());
    assert!(by_name(&t.lib.officials().unwrap(), "Tremblay-Côté").roles.iter().all(|r| r.ended_on.is_none()));
}

#[test]
fn english_and_french_lists_keep_both_names_and_a_french_reader_gets_the_french_ones() {
    let mut t = TempLibrary::new();
    import(&mut t.lib, &[fixture("commons-members-later.xml")], "2025-06-01");
    let plan = import(&mut t.lib, &[fixture("commons-members-later-fr.xml")], "2025-06-02");
    assert_eq!(plan.files[0].lang, Lang::Fr, "told by the provinces' spelling");
    assert!(plan.new.is_empty() && plan.ambiguous.is_empty(), "{:?} {:?}", plan.new, plan.ambiguous);
    let all = t.lib.officials().unwrap();
    assert_eq!(all.len(), 13);
    let dong = by_name(&all, "Dong");
    assert_eq!((dong.party_in(Lang::En), dong.party_in(Lang::Fr)), ("Independent", "Indépendant"));
    assert_eq!((dong.constituency_in(Lang::En), dong.constituency_in(Lang::Fr)), ("Don Valley North", "Don Valley-Nord"));
    assert_eq!(dong.title_in(Lang::Fr), "Député");
    assert_eq!(dong.honorific, "", "honorifics come from English files");
    let may = by_name(&all, "May");
    assert_eq!((may.province_in(Lang::En), may.province_in(Lang::Fr)), ("British Columbia", "Colombie-Britannique"));
    let caucus = may.roles.iter().find(|r| r.kind == RoleKind::Caucus).unwrap();
    assert_eq!((caucus.title_in(Lang::En), caucus.title_in(Lang::Fr)), ("Green Party", "Parti vert"));
    assert_eq!(may.roles.iter().filter(|r| r.kind == RoleKind::Caucus).count(), 1, "a name in French is not a new caucus");
    let majumdar = by_name(&all, "Majumdar");
    assert_eq!(majumdar.party_in(Lang::Fr), "Indépendant");
    let sousa = by_name(&all, "Sousa");
    assert!(sousa.roles.iter().all(|r| r.ended_on.is_some()), "a list never reopens a seat: {:?}", sousa.roles);
    // The monthly report gives a French reader the French title and riding.
    let dong_id = dong.id;
    t.lib.add_engagement(meeting_with(dong_id, "2025-06-10")).unwrap();
    let report = t.lib.lobbying_report("2025-06".parse().unwrap(), day("2025-07-01")).unwrap();
    let row = report.rows.iter().find(|r| r.official_id == dong_id).unwrap();
    assert_eq!((row.position_title.as_str(), row.branch.as_str()), ("Member of Parliament", "Don Valley North"));
    assert_eq!((row.position_title_fr.as_str(), row.branch_fr.as_str()), ("Député", "Don Valley-Nord"));

    // Only English known: English in a French reading too.
    let mut t2 = TempLibrary::new();
    import(&mut t2.lib, &[fixture("commons-members.xml")], "2025-01-10");
    assert_eq!(by_name(&t2.lib.officials().unwrap(), "May").party_in(Lang::Fr), "Green Party");
    // The French list with PersonIds over an English one without: matched
    // by name and riding, else province (Don Valley-Nord is in Ontario).
    let plan = import(&mut t2.lib, &[fixture("commons-members-later-fr.xml")], "2025-06-01");
    assert_eq!(plan.new.len(), 1, "only the new Member: {:?}", plan.new);

    let before = snapshot(&t.root());
    let again = import(&mut t.lib, &[fixture("commons-members-later-fr.xml"), fixture("commons-members-later.xml")], "2025-07-01");
    assert_eq!((again.new.len(), again.changed.len()), (0, 0), "{:?}", again.changed);
    assert_eq!(snapshot(&t.root()), before);
}

#[test]
fn the_csv_exports_read_by_their_headers_in_english_and_french_windows_1252_included() {
    let mut t = TempLibrary::new();
    let plan = import(&mut t.lib, &[fixture("commons-members.csv")], "2025-01-10");
    assert_eq!((plan.new.len(), plan.files[0].lang), (12, Lang::En));
    let plan = import(&mut t.lib, &[fixture("commons-members-fr.csv")], "2025-01-10");
    assert_eq!(plan.files[0].lang, Lang::Fr);
    assert!(plan.new.is_empty(), "{:?}", plan.new);
    let all = t.lib.officials().unwrap();
    assert_eq!(all.len(), 12);
    assert_eq!(by_name(&all, "Bérubé").province_in(Lang::Fr), "Québec");
    assert_eq!(by_name(&all, "Carr").constituency_in(Lang::Fr), "Winnipeg-Centre-Sud");
    // The XML of the same Members matches what the CSV added.
    let plan = import(&mut t.lib, &[fixture("commons-members.xml")], "2025-01-10");
    assert_eq!((plan.new.len(), plan.changed.len()), (0, 0), "{:?}", plan.changed);
}

fn hand_typed(lib: &mut Library, given: &str, family: &str, riding: &str) -> i64 {
    lib.add_official(NewOfficial {
        given_name: given.into(),
        family_name: family.into(),
        chamber: Chamber::House,
        party: String::new(),
        constituency: riding.into(),
        roles: vec![NewRole {
            title: "Member of Parliament".into(),
            branch: "House of Commons".into(),
            institution: "House of Commons".into(),
            started_on: day("2019-10-21"),
            ended_on: None,
        }],
    })
    .unwrap()
    .id
}

#[test]
fn officials_typed_by_hand_match_by_folded_name_and_riding_and_doubtful_ones_are_left_alone() {
    let mut t = TempLibrary::new();
    let berube = hand_typed(&mut t.lib, "Sylvie", "BERUBE", "Abitibi - Baie-James - Nunavik - Eeyou");
    let cooper = hand_typed(&mut t.lib, "Michael", "Cooper", "St Albert-Edmonton (Alberta)");
    let beaulieu_1 = hand_typed(&mut t.lib, "Mario", "Beaulieu", "La Pointe-de-l'Île");
    let beaulieu_2 = hand_typed(&mut t.lib, "Mario", "Beaulieu", "la pointe-de-l’ile");
    let arseneault = hand_typed(&mut t.lib, "René", "Arseneault", "");
    let sousa = hand_typed(&mut t.lib, "Charles", "Sousa", "Somewhere Else");
    let plan = t
        .lib
        .plan_official_import(&OfficialImport { files: vec![fixture("commons-members.xml")], lang: None, today: day("2025-01-10") })
        .unwrap();
    let ambiguous: Vec<(&str, AmbiguityReason, usize)> =
        plan.ambiguous.iter().map(|a| (a.name.as_str(), a.reason, a.candidates.len())).collect();
    assert!(ambiguous.contains(&("Mario Beaulieu", AmbiguityReason::SameName, 2)), "{ambiguous:?}");
    assert!(ambiguous.contains(&("René Arseneault", AmbiguityReason::NoPlace, 1)), "{ambiguous:?}");
    let changed: Vec<i64> = plan.changed.iter().map(|c| c.official_id).collect();
    assert!(changed.contains(&berube) && changed.contains(&cooper), "{changed:?}");
    assert!(!changed.contains(&beaulieu_1) && !changed.contains(&beaulieu_2) && !changed.contains(&arseneault));
    assert!(plan.new.iter().any(|n| n.name == "Charles Sousa"), "a namesake in another riding and no province is another person");
    assert!(!changed.contains(&sousa));

    let before = snapshot(&t.root());
    let _ = t.lib.officials().unwrap();
    assert_eq!(snapshot(&t.root()), before, "a dry run writes nothing");
    import(&mut t.lib, &[fixture("commons-members.xml")], "2025-01-10");
    let all = t.lib.officials().unwrap();
    let b = all.iter().find(|o| o.id == berube).unwrap();
    assert_eq!(b.family_name, "Bérubé", "the official spelling wins");
    assert_eq!(b.constituency, "Abitibi—Baie-James—Nunavik—Eeyou");
    assert_eq!(b.roles.iter().filter(|r| r.kind == RoleKind::Seat).count(), 1, "the typed seat became the seat: {:?}", b.roles);
    assert_eq!(roles_of(b, RoleKind::Seat)[0].1, "2021-09-20");
    assert_eq!(all.iter().filter(|o| o.family_name == "Beaulieu").count(), 2, "left alone, not a third");
}

#[test]
fn a_members_roles_file_gives_positions_committees_and_associations_with_their_dates() {
    let mut t = TempLibrary::new();
    import(&mut t.lib, &[fixture("commons-members-later.xml")], "2025-06-01");
    let plan = import(&mut t.lib, &[fixture("member-roles.xml")], "2025-06-02");
    assert!(plan.new.is_empty());
    assert_eq!(plan.changed.len(), 1);
    let o = by_name(&t.lib.officials().unwrap(), "Tremblay-Côté").clone();
    assert_eq!(o.title, "Parliamentary Secretary to the Minister of Foreign Affairs");
    assert_eq!(roles_of(&o, RoleKind::Caucus).len(), 1, "the dated caucus is the one the list gave");
    assert_eq!(
        roles_of(&o, RoleKind::Committee),
        vec![("Member".into(), "2024-11-04".into(), Some("2025-01-14".into()))]
    );
    assert_eq!(roles_of(&o, RoleKind::Association).len(), 1);
    assert_eq!(o.role_on("2024-12-01").map(|r| r.title.as_str()), Some("Member of Parliament"));
    assert_eq!(o.role_on("2025-02-01").map(|r| r.kind), Some(RoleKind::Position));
    let again = import(&mut t.lib, &[fixture("member-roles.xml")], "2025-06-03");
    assert_eq!((again.changed.len(), again.unchanged), (0, 1));
}

#[test]
fn the_senators_page_matches_by_name_and_province_and_keys_the_rest_by_their_page() {
    let mut t = TempLibrary::new();
    let macisaac = t
        .lib
        .add_official(NewOfficial {
            given_name: "Fraser".into(),
            family_name: "MacIsaac".into(),
            chamber: Chamber::Senate,
            party: "Independent Senators Group".into(),
            constituency: "Nova Scotia".into(),
            roles: vec![NewRole {
                title: "Senator".into(),
                branch: "Senate of Canada".into(),
                institution: "Senate of Canada".into(),
                started_on: day("2016-11-10"),
                ended_on: None,
            }],
        })
        .unwrap()
        .id;
    let plan = import(&mut t.lib, &[fixture("senators.html")], "2025-01-10");
    assert_eq!(plan.new.len(), 4, "{:?}", plan.new);
    assert_eq!(plan.changed.len(), 1);
    assert_eq!(plan.changed[0].official_id, macisaac);
    let all = t.lib.officials().unwrap();
    let m = all.iter().find(|o| o.id == macisaac).unwrap();
    assert_eq!(m.senate_slug.as_deref(), Some("macisaac-fraser"));
    assert_eq!(m.roles.iter().filter(|r| r.kind == RoleKind::Seat).count(), 1, "{:?}", m.roles);
    let leblanc = by_name(&all, "LeBlanc");
    assert_eq!((leblanc.given_name.as_str(), leblanc.chamber, leblanc.party.as_str()), ("Thérèse", Chamber::Senate, "PSG"));
    assert_eq!(leblanc.title, "Senator");
    assert_eq!(leblanc.roles[0].started_on, "2021-07-29");
    let again = import(&mut t.lib, &[fixture("senators.html")], "2025-02-10");
    assert_eq!((again.new.len(), again.changed.len(), again.unchanged), (0, 0, 5));
}

fn refused(lib: &mut Library, path: &Path) -> String {
    match lib.import_officials(&OfficialImport { files: vec![path.to_owned()], lang: None, today: day("2025-01-10") }) {
        Err(Error::Invalid(m)) => m.to_string(),
        other => panic!("{} should be refused, got {other:?}", path.display()),
    }
}

#[test]
fn every_bad_file_is_one_clear_refusal_and_the_library_is_unchanged() {
    let mut t = TempLibrary::new();
    import(&mut t.lib, &[fixture("commons-members.xml")], "2025-01-10");
    let before = snapshot(&t.root());
    let xml = std::fs::read_to_string(fixture("commons-members.xml")).unwrap();

    let truncated = t.file("truncated.xml", &xml[..xml.len() / 2]);
    assert!(refused(&mut t.lib, &truncated).contains("not well-formed XML"));
    let rss = t.file("feed.xml", "<?xml version=\"1.0\"?><rss><channel><title>News</title></channel></rss>");
    assert!(refused(&mut t.lib, &rss).contains("not one of Parliament's files"));
    let headers = t.file("other.csv", "Name,Email,Phone\nJane,jane@example.org,555\n");
    let m = refused(&mut t.lib, &headers);
    assert!(m.contains("columns are not those") && m.to_lowercase().contains("name, email, phone"), "{m}");
    let page = t.file("page.html", "<!DOCTYPE html><html><body><h1>Senators</h1><p>Loading…</p><table><tr><td>x</td></tr></table></body></html>");
    assert!(refused(&mut t.lib, &page).contains("no table of Senators"));
    let bad_date = t.file("bad.xml", xml.replacen("2021-09-20T00:00:00", "yesterday", 1));
    let m = refused(&mut t.lib, &bad_date);
    assert!(m.contains("record 1") && m.contains("\"yesterday\" is not a date"), "{m}");
    let junk: Vec<u8> = (0..1_000_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let junk_file = t.file("junk.xml", &junk);
    assert!(refused(&mut t.lib, &junk_file).contains("not one of Parliament's files"));
    let big = t.file("big.csv", vec![b'x'; 50 * 1024 * 1024]);
    assert!(refused(&mut t.lib, &big).contains("the limit is"));
    let empty = t.file("empty.xml", "");
    assert!(refused(&mut t.lib, &empty).contains("not one of Parliament's files"));
    let no_members = t.file("none.xml", "<?xml version=\"1.0\"?><ArrayOfMemberOfParliament></ArrayOfMemberOfParliament>");
    assert!(refused(&mut t.lib, &no_members).contains("lists no office holders"));

    // A good file with bad ones: nothing at all, each bad one named.
    let later = fixture("commons-members-later.xml");
    match t.lib.import_officials(&OfficialImport { files: vec![later, truncated, page], lang: None, today: day("2025-01-10") }) {
        Err(Error::Invalid(m)) => {
            let m = m.to_string();
            assert!(m.starts_with("nothing was imported") && m.contains("truncated.xml") && m.contains("page.html"), "{m}");
        }
        other => panic!("refused, got {other:?}"),
    }
    assert_eq!(snapshot(&t.root()), before);
}

#[test]
fn the_command_line_prints_the_plan_of_a_dry_run_and_says_0_changed_the_second_time() {
    let t = TempLibrary::new();
    let root = t.root();
    drop(t.lib);
    let file = fixture("commons-members.xml");
    let file = file.to_str().unwrap();
    let dry = dossier_ok(&root, &["official", "import", "--dry-run", file]);
    assert!(dry.contains("New (12):") && dry.contains("+ Sylvie Bérubé — Abitibi—Baie-James—Nunavik—Eeyou, Quebec (Bloc Québécois)"), "{dry}");
    assert!(dry.contains("12 new, 0 changed, 0 unchanged, 0 ambiguous (dry run: nothing written)"), "{dry}");
    assert!(dossier_ok(&root, &["official", "list"]).lines().count() <= 1, "the dry run wrote nothing");
    let done = dossier_ok(&root, &["official", "import", file]);
    assert!(done.ends_with("12 new, 0 changed, 0 unchanged, 0 ambiguous\n"), "{done}");
    let again = dossier_ok(&root, &["official", "import", file]);
    assert!(again.contains("0 new, 0 changed, 12 unchanged"), "{again}");
    let later = fixture("commons-members-later.xml");
    let changed = dossier_ok(&root, &["official", "import", "--dry-run", later.to_str().unwrap()]);
    assert!(changed.contains("caucus: Conservative → Independent"), "{changed}");
    assert!(changed.contains("PersonId: (none) → 118616"), "{changed}");
    let json: serde_json::Value = serde_json::from_str(&dossier_ok(&root, &["official", "import", "--dry-run", "--json", file])).unwrap();
    assert_eq!(json["plan"]["unchanged"], 12);
    let err = dossier_err(&root, &["official", "import", "Cargo.toml"]);
    assert!(err.contains("not one of Parliament's files"), "{err}");
}

#[test]
fn a_french_packet_names_the_office_holder_with_the_french_names_the_files_gave() {
    let t = TempLibrary::new();
    let root = t.dir.path().join("sample");
    dossier_ok(&root, &["sample", "--as-of", "2026-11-28"]);
    for f in ["commons-members-later.xml", "commons-members-later-fr.xml"] {
        dossier_ok(&root, &["official", "import", fixture(f).to_str().unwrap()]);
    }
    let list: serde_json::Value = serde_json::from_str(&dossier_ok(&root, &["official", "list", "--json"])).unwrap();
    let dong = list.as_array().unwrap().iter().find(|o| o["family_name"] == "Dong").unwrap()["id"].as_i64().unwrap();
    let packet: serde_json::Value = serde_json::from_str(&dossier_ok(
        &root,
        &["packet", "create", "--title", "Rencontre", "--official", &dong.to_string(), "--json"],
    ))
    .unwrap();
    let id = packet["id"].as_i64().unwrap().to_string();
    let papers: serde_json::Value = serde_json::from_str(&dossier_ok(&root, &["paper", "list", "--json"])).unwrap();
    let published = papers.as_array().unwrap().iter().find(|p| p["status"] == "published").unwrap()["id"].to_string();
    dossier_ok(&root, &["packet", "add", &id, &published]);
    let text_of = |lang: &str| -> Option<String> {
        let pdf = t.dir.path().join(format!("packet-{lang}.pdf"));
        dossier_ok(&root, &["packet", "export", &id, "--lang", lang, "--out", pdf.to_str().unwrap()]);
        let out = std::process::Command::new("pdftotext").args([pdf.to_str().unwrap(), "-"]).output().ok()?;
        Some(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let Some(fr) = text_of("fr") else {
        eprintln!("note: `pdftotext` is not installed; skipping the text checks");
        return;
    };
    assert!(fr.contains("Député") && fr.contains("Indépendant") && fr.contains("Don Valley-Nord"), "{fr}");
    assert!(!fr.contains("Don Valley North"), "{fr}");
    let en = text_of("en").unwrap();
    assert!(en.contains("Member of Parliament") && en.contains("Independent") && en.contains("Don Valley North"), "{en}");
}

/// A whole House: 337 Members, imported into an empty library and then
/// again. Prints the figures for the README's Speed table; run with
/// `cargo test --test tests -- --ignored parliament::speed --nocapture`.
#[test]
#[ignore = "prints figures"]
fn speed_of_a_whole_house() {
    let mut t = TempLibrary::new();
    let provinces = ["Ontario", "Quebec", "British Columbia", "Alberta", "Manitoba", "Nova Scotia"];
    let caucuses = ["Liberal", "Conservative", "Bloc Québécois", "NDP", "Green Party"];
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ArrayOfMemberOfParliament xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n");
    for i in 0..337 {
        xml.push_str(&format!(
            "  <MemberOfParliament>\n    <PersonShortHonorific />\n    <PersonOfficialFirstName>Given{i}</PersonOfficialFirstName>\n    <PersonOfficialLastName>Family-{i}</PersonOfficialLastName>\n    <ConstituencyName>Riding {i}—North</ConstituencyName>\n    <ConstituencyProvinceTerritoryName>{}</ConstituencyProvinceTerritoryName>\n    <CaucusShortName>{}</CaucusShortName>\n    <FromDateTime>2021-09-20T00:00:00</FromDateTime>\n    <ToDateTime xsi:nil=\"true\" />\n    <PersonId>{}</PersonId>\n  </MemberOfParliament>\n",
            provinces[i % provinces.len()],
            caucuses[i % caucuses.len()],
            100_000 + i
        ));
    }
    xml.push_str("</ArrayOfMemberOfParliament>\n");
    let file = t.file("house.xml", xml);
    let started = std::time::Instant::now();
    let first = import(&mut t.lib, std::slice::from_ref(&file), "2025-01-10");
    let once = started.elapsed();
    let started = std::time::Instant::now();
    let again = import(&mut t.lib, std::slice::from_ref(&file), "2025-02-10");
    let twice = started.elapsed();
    assert_eq!((first.new.len(), again.unchanged), (337, 337));
    println!("a 337-Member file into an empty library: {:.0} ms; the same file again: {:.0} ms", once.as_secs_f64() * 1e3, twice.as_secs_f64() * 1e3);
}
