//! The Registry of Lobbyists' files: subject matters imported from its
//! codes file and carried by engagements, and our log reconciled with the
//! reports it lists as filed. Fixtures are written here from FORMATS.md,
//! with each pitfall it lists: the literal `null`, Windows-1252 and UTF-8
//! with a byte-order mark, several registration numbers, an amendment
//! chain, old and new subject-matter headers, comma-joined detail codes.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dossier::engagements::NewEngagement;
use dossier::lobbying::Month;
use dossier::officials::{Chamber, NewOfficial, NewRole};
use dossier::registry::reconcile::{DifferenceField, Reconciliation};
use dossier::settings::Setting;
use dossier::subjects::SubjectMatter;
use dossier::Library;

use crate::util::{dossier_err, dossier_ok, snapshot, TempLibrary};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// Text as Windows-1252 bytes (the Latin letters these files use).
fn cp1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable, "the fixture is Windows-1252 text");
    bytes.into_owned()
}

fn bom(text: &str) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    out.extend_from_slice(text.as_bytes());
    out
}

const CODES: &str = "SUBJECT_CODE_OBJET,SMT_EN_DESC\r\nSMT-11,Foreign Affairs\r\nSMT-16,International Development\r\nSMT-17,International Trade\r\nSMT-8,Elections\r\n";

fn matter(code: &str, en: &str, fr: &str) -> SubjectMatter {
    SubjectMatter { code: code.into(), name_en: en.into(), name_fr: fr.into() }
}

fn meeting(date: &str, officials: Vec<i64>, subjects: &[&str]) -> NewEngagement {
    NewEngagement {
        subjects: subjects.iter().map(|s| (*s).to_owned()).collect(),
        ..crate::util::meeting(day(date), officials, "Trade and aid")
    }
}

fn official(lib: &mut Library, given: &str, family: &str, title: &str, institution: &str) -> i64 {
    lib.add_official(NewOfficial {
        given_name: given.into(),
        family_name: family.into(),
        chamber: Chamber::House,
        party: String::new(),
        constituency: String::new(),
        roles: vec![NewRole {
            title: title.into(),
            branch: String::new(),
            institution: institution.into(),
            started_on: day("2025-05-13"),
            ended_on: None,
        }],
    })
    .unwrap()
    .id
}

/// Our October 2026: three reportable meetings and a meeting in
/// November, under registration number 780555-4412 and corporation number
/// 777123.
fn our_library() -> (TempLibrary, [i64; 3]) {
    let mut t = TempLibrary::new();
    t.lib.set_setting(Setting::RegistryNumbers, "777123, 780555-4412").unwrap();
    t.lib.set_setting(Setting::Registrant, "Samira Khoury").unwrap();
    t.lib
        .add_subject_matters(&[
            matter("SMT-11", "Foreign Affairs", "Affaires étrangères"),
            matter("SMT-16", "International Development", ""),
            matter("SMT-17", "International Trade", "Commerce international"),
        ])
        .unwrap();
    let cote = official(&mut t.lib, "Élise", "Côté", "Minister of Foreign Affairs", "Global Affairs Canada");
    let obrien = official(&mut t.lib, "Tom", "O'Brien", "Chief of Staff", "Global Affairs Canada");
    let levesque = official(&mut t.lib, "Marie-Ève", "Lévesque-Tremblay", "Member of Parliament", "House of Commons");
    let a = t.lib.add_engagement(meeting("2026-10-05", vec![cote], &["SMT-11", "SMT-17"])).unwrap().id;
    let b = t.lib.add_engagement(meeting("2026-10-14", vec![obrien], &["SMT-16"])).unwrap().id;
    let c = t.lib.add_engagement(meeting("2026-10-20", vec![levesque], &["SMT-11"])).unwrap().id;
    t.lib.add_engagement(meeting("2026-11-03", vec![cote], &["SMT-11"])).unwrap();
    (t, [a, b, c])
}

const PRIMARY_HEADER: &str = "COMLOG_ID,CLIENT_ORG_CORP_NUM,EN_CLIENT_ORG_CORP_NM_AN,FR_CLIENT_ORG_CORP_NM,REGISTRANT_NUM_DECLARANT,RGSTRNT_LAST_NM_DCLRNT,RGSTRNT_1ST_NM_PRENOM_DCLRNT,COMM_DATE,REG_TYPE_ENR,SUBMISSION_DATE_SOUMISSION,POSTED_DATE_PUBLICATION,PREV_COMLOG_ID_PRECEDNT";

/// The Registry's files for October 2026, as published: the amended
/// report 1001 and its two amendments (1002, then 1003) in no order, a
/// report under the corporation number, one we did not log, another
/// organisation's report of the same day and office holder.
fn registry_folder(dir: &Path, subjects_old_headers: bool) -> PathBuf {
    let folder = dir.join("registry");
    std::fs::create_dir_all(&folder).unwrap();
    let primary = format!(
        "{PRIMARY_HEADER}\r\n\
         1003,null,\"Canadian Middle East Rights Network\",null,780555-4412,Khoury,Samira,2026-10-05,1,2026-11-10,2026-11-11,1002\r\n\
         9001,999999,\"Other, Inc.\",null,555111-0001,Smith,Ann,2026-10-05,3,2026-11-02,2026-11-03,null\r\n\
         1001,null,\"Canadian Middle East Rights Network\",null,780555-4412,Khoury,Samira,2026-10-04,1,2026-11-01,2026-11-02,null\r\n\
         1010,777123,\"Canadian Middle East Rights Network\",null,null,Khoury,Samira,2026-10-14,1,2026-11-01,2026-11-02,null\r\n\
         1002,null,\"Canadian Middle East Rights Network\",null,780555-4412,Khoury,Samira,2026-10-06,1,2026-11-05,2026-11-06,1001\r\n\
         1020,null,\"Canadian Middle East Rights Network\",null,780555-4412,Khoury,Samira,2026-10-22,1,2026-11-01,2026-11-02,null\r\n"
    );
    std::fs::write(folder.join("Communication_PrimaryExport.csv"), bom(&primary)).unwrap();
    let dpoh = "COMLOG_ID,DPOH_LAST_NM_TCPD,DPOH_FIRST_NM_PRENOM_TCPD,DPOH_TITLE_TITRE_TCPD,BRANCH_UNIT_DIRECTION_SERVICE,OTHER_INSTITUTION_AUTRE,INSTITUTION\r\n\
         1001,CÔTÉ,Élise,Minister of Foreign Affairs,null,null,Global Affairs Canada (GAC)\r\n\
         1002,CÔTÉ,Élise,Minister of Foreign Affairs,null,null,Global Affairs Canada\r\n\
         1003,Cote,Elise,\"Minister of Foreign Affairs\",null,null,Global Affairs Canada\r\n\
         9001,Côté,Élise,Minister of Foreign Affairs,null,null,Global Affairs Canada\r\n\
         1010,O'BRIEN,Tom,\"Chief of Staff, Minister's Office\",Minister's Office,null,Global Affairs Canada\r\n\
         1020,Dupont,Jean,Director General,Trade Policy,null,Global Affairs Canada\r\n";
    std::fs::write(folder.join("Communication_DpohExport.csv"), cp1252(dpoh)).unwrap();
    let subjects = if subjects_old_headers {
        "COMLOG_ID,SUBJ_MATTER_OBJET,OTHER_SUBJ_MATTER_AUTRE_OBJET\n1001,SMT-11,null\n1010,SMT-11,null\n1020,SMT-17,null\n9001,SMT-8,null\n"
    } else {
        "comlog_id , Subject_Code_Objet,CUSTOM_SUBJ_OBJET_PERSO\n1001,SMT-11,null\n1010,SMT-11,null\n1020,null,\"Settlement goods, labelling\"\n9001,SMT-8,null\n"
    };
    std::fs::write(folder.join("Communication_SubjectMattersExport.csv"), subjects).unwrap();
    let details = "COMLOG_ID,SUBJECT_CODE_OBJET,DESCRIPTION\n1003,\"SMT-11, SMT-17\",\"Recognition; trade in settlement goods\"\n9001,\"SMT-8, SMT-17\",null\n";
    std::fs::write(folder.join("Communication_SubjectMatterDetailsExport.csv"), details).unwrap();
    std::fs::write(folder.join("Codes_SubjectMatterTypesExport.csv"), CODES).unwrap();
    folder
}

fn october() -> Month {
    "2026-10".parse().unwrap()
}

fn codes(m: &[SubjectMatter]) -> Vec<&str> {
    m.iter().map(|m| m.code.as_str()).collect()
}

#[test]
fn reconcile_lists_filed_and_logged_not_filed_not_logged_and_differences() {
    let (t, [a, b, c]) = our_library();
    let folder = registry_folder(t.dir.path(), true);
    let done: Reconciliation = t.lib.reconcile_registry(&folder, Some(october())).unwrap();
    assert_eq!(done.registry_numbers, ["777123", "780555-4412"]);
    assert_eq!(done.reports_found, 5, "our five reports under both numbers; the other organisation's is not ours");
    assert_eq!(done.amended, 2, "1001 and 1002 were replaced by amendments");
    assert!(done.missing_files.is_empty());
    assert_eq!(done.months.len(), 1);
    let m = &done.months[0];

    let matched: Vec<(i64, &str)> = m.matched.iter().map(|p| (p.logged.engagement_id, p.filed.comlog_id.as_str())).collect();
    assert_eq!(
        matched,
        [(a, "1003"), (b, "1010")],
        "the latest report of the chain matches on date and folded name (CÔTÉ/Cote, O'BRIEN); the registrant number and the corporation number both count"
    );
    let latest = &m.matched[0].filed;
    assert_eq!(latest.office_holder, "Elise Cote");
    assert_eq!(codes(&latest.subject_matters), ["SMT-11", "SMT-17"], "codes from the comma-joined details list");
    assert_eq!(latest.subject_matters[1].name_en, "International Trade");
    assert_eq!(latest.branch, "", "`null` is empty");
    assert_eq!(latest.filed_under, "780555-4412");
    assert_eq!(m.matched[1].filed.filed_under, "777123");

    let not_filed: Vec<i64> = m.not_filed.iter().map(|l| l.engagement_id).collect();
    assert_eq!(not_filed, [c], "the meeting with Marie-Ève Lévesque-Tremblay was never filed");
    assert_eq!(m.not_filed[0].office_holder, "Marie-Ève Lévesque-Tremblay");

    let not_logged: Vec<&str> = m.not_logged.iter().map(|f| f.comlog_id.as_str()).collect();
    assert_eq!(not_logged, ["1020"], "amended reports (1001 on the 4th, 1002 on the 6th) are not listed: only the chain's latest counts");
    assert_eq!(m.not_logged[0].office_holder, "Jean Dupont");
    assert_eq!(codes(&m.not_logged[0].subject_matters), ["SMT-17"], "the older header SUBJ_MATTER_OBJET is read");

    let differences: Vec<(i64, DifferenceField, &str, &str)> =
        m.differences.iter().map(|d| (d.engagement_id, d.field, d.ours.as_str(), d.filed.as_str())).collect();
    assert_eq!(
        differences,
        [
            (b, DifferenceField::PositionTitle, "Chief of Staff", "Chief of Staff, Minister's Office"),
            (b, DifferenceField::SubjectMatters, "SMT-16", "SMT-11"),
        ],
        "the Windows-1252 office-holder file is read (no other difference on the amended report)"
    );
}

#[test]
fn new_subject_matter_headers_and_written_out_subjects_are_read() {
    let (t, _) = our_library();
    let folder = registry_folder(t.dir.path(), false);
    let done = t.lib.reconcile_registry(&folder, Some(october())).unwrap();
    let m = &done.months[0];
    assert_eq!(codes(&m.matched[1].filed.subject_matters), ["SMT-11"], "SUBJECT_CODE_OBJET, header in another case and spaced");
    assert_eq!(m.not_logged[0].other_subjects, ["Settlement goods, labelling"], "CUSTOM_SUBJ_OBJET_PERSO kept as text");
    assert!(m.not_logged[0].subject_matters.is_empty(), "`null` is no code");
}

#[test]
fn without_a_month_every_month_the_files_hold_a_report_of_ours_is_compared() {
    let (t, _) = our_library();
    let folder = registry_folder(t.dir.path(), true);
    let done = t.lib.reconcile_registry(&folder, None).unwrap();
    let months: Vec<&str> = done.months.iter().map(|m| m.month.as_str()).collect();
    assert_eq!(months, ["2026-10"], "November holds no report of ours, so our November meeting is not compared");
    let november = t.lib.reconcile_registry(&folder, Some("2026-11".parse().unwrap())).unwrap();
    assert_eq!(november.months[0].not_filed.len(), 1, "asked for, November's meeting shows as not filed");
}

#[test]
fn an_amendment_chain_of_any_length_in_any_order_counts_once() {
    let (t, [a, ..]) = our_library();
    let folder = t.dir.path().join("chain");
    std::fs::create_dir_all(&folder).unwrap();
    // 2004 → 2003 → 2002 → 2001, written newest first and shuffled.
    let mut primary = format!("{PRIMARY_HEADER}\n");
    for (id, prev) in [("2003", "2002"), ("2001", "null"), ("2004", "2003"), ("2002", "2001")] {
        primary.push_str(&format!("{id},777123,Us,null,null,K,S,2026-10-05,1,null,null,{prev}\n"));
    }
    std::fs::write(folder.join("Communication_PrimaryExport.csv"), primary).unwrap();
    let mut dpoh = "COMLOG_ID,DPOH_LAST_NM_TCPD,DPOH_FIRST_NM_PRENOM_TCPD,DPOH_TITLE_TITRE_TCPD,INSTITUTION\n".to_owned();
    for id in ["2001", "2002", "2003", "2004"] {
        dpoh.push_str(&format!("{id},Côté,Élise,Minister of Foreign Affairs,Global Affairs Canada\n"));
    }
    std::fs::write(folder.join("Communication_DpohExport.csv"), dpoh).unwrap();
    let done = t.lib.reconcile_registry(&folder, Some(october())).unwrap();
    assert_eq!((done.reports_found, done.amended), (4, 3));
    let m = &done.months[0];
    assert_eq!(m.matched.len(), 1);
    assert_eq!((m.matched[0].logged.engagement_id, m.matched[0].filed.comlog_id.as_str()), (a, "2004"));
    assert!(m.not_logged.is_empty(), "no earlier report of the chain is listed: {:?}", m.not_logged);
    assert_eq!(
        done.missing_files,
        ["Communication_SubjectMattersExport.csv", "Communication_SubjectMatterDetailsExport.csv", "Codes_SubjectMatterTypesExport.csv"],
        "missing optional files are named, not refused"
    );
}

#[test]
fn bad_registry_folders_are_refused_clearly() {
    let (mut t, _) = our_library();
    let empty = t.dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let err = t.lib.reconcile_registry(&empty, None).unwrap_err().to_string();
    assert!(err.contains("holds no Communication_PrimaryExport.csv"), "{err}");

    let err = t.lib.reconcile_registry(&t.dir.path().join("nowhere"), None).unwrap_err().to_string();
    assert!(err.contains("is not a folder"), "{err}");

    let other = t.dir.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("Communication_PrimaryExport.csv"), "Date,Amount\n2026-10-01,12\n").unwrap();
    let err = t.lib.reconcile_registry(&other, None).unwrap_err().to_string();
    assert!(
        err.contains("is not the Registry of Lobbyists' Communication_PrimaryExport.csv")
            && err.contains("COMLOG_ID, CLIENT_ORG_CORP_NUM, REGISTRANT_NUM_DECLARANT, COMM_DATE")
            && err.contains("its columns are date, amount"),
        "unknown headers: {err}"
    );

    let junk = t.dir.path().join("junk");
    std::fs::create_dir_all(&junk).unwrap();
    let noise: Vec<u8> = (0..3_000_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 | 0x80).collect();
    std::fs::write(junk.join("Communication_PrimaryExport.csv"), noise).unwrap();
    let err = t.lib.reconcile_registry(&junk, None).unwrap_err().to_string();
    assert!(err.contains("line 1") && err.contains("longer than 1024 KB"), "junk without line breaks: {err}");

    let good = registry_folder(t.dir.path(), true);
    std::fs::write(good.join("Communication_DpohExport.csv"), "COMLOG_ID,NAME\n1003,Côté\n").unwrap();
    let err = t.lib.reconcile_registry(&good, None).unwrap_err().to_string();
    assert!(err.contains("Communication_DpohExport.csv") && err.contains("DPOH_LAST_NM_TCPD"), "a wrong optional file is refused too: {err}");

    t.lib.set_setting(Setting::RegistryNumbers, "").unwrap();
    let err = t.lib.reconcile_registry(&good, None).unwrap_err().to_string();
    assert!(err.contains("registry numbers are not set"), "{err}");
}

#[test]
fn the_codes_file_adds_renames_and_counts_in_one_go() {
    let mut t = TempLibrary::new();
    let file = t.file("Codes_SubjectMatterTypesExport.csv", bom(CODES));
    let done = t.lib.import_subject_matters(&file).unwrap();
    assert_eq!((done.added, done.renamed, done.unchanged), (4, 0, 0));
    let list = t.lib.subject_matters().unwrap();
    assert_eq!(codes(&list), ["SMT-8", "SMT-11", "SMT-16", "SMT-17"], "numeric order");

    let renamed = cp1252("SUBJECT_CODE_OBJET,SMT_EN_DESC\nSMT-11,Foreign Affairs\nSMT-16,Développement (International)\nSMT-17,International Trade\nSMT-8,Elections\nSMT-20,null\n");
    let bad = t.file("bad.csv", &renamed);
    let before = snapshot(&t.root());
    let err = t.lib.import_subject_matters(&bad).unwrap_err().to_string();
    assert!(err.contains("line 6") && err.contains("`SMT-20`") && err.contains("nothing was changed"), "a code without a name: {err}");
    assert_eq!(snapshot(&t.root()), before, "the refused file changed nothing");

    let file = t.file("codes2.csv", &renamed[..renamed.len() - "SMT-20,null\n".len()]);
    let done = dossier_ok(&t.root(), &["subject", "import", file.to_str().unwrap()]);
    assert_eq!(done.trim(), "0 added, 1 renamed, 3 unchanged");
    assert_eq!(t.lib.subject_matters().unwrap()[2].name_en, "Développement (International)", "a Windows-1252 file is read as such");
    let list = dossier_ok(&t.root(), &["subject", "list"]);
    assert!(list.starts_with("CODE") && list.contains("SMT-16  Développement (International)"), "{list}");
}

#[test]
fn a_file_that_is_not_the_codes_list_is_refused_and_changes_nothing() {
    let t = TempLibrary::new();
    let before = snapshot(&t.root());
    let primary = t.file("Communication_PrimaryExport.csv", format!("{PRIMARY_HEADER}\n1,2,3,4,5,6,7,2026-10-01,1,null,null,null\n"));
    let err = dossier_err(&t.root(), &["subject", "import", primary.to_str().unwrap()]);
    assert!(err.contains("is not the Registry of Lobbyists' Codes_SubjectMatterTypesExport.csv") && err.contains("SUBJECT_CODE_OBJET, SMT_EN_DESC"), "{err}");
    let junk = t.file("junk.csv", vec![0xFFu8; 200]);
    let err = dossier_err(&t.root(), &["subject", "import", junk.to_str().unwrap()]);
    assert!(err.contains("lacks the columns"), "{err}");
    let header_only = t.file("empty.csv", "SUBJECT_CODE_OBJET,SMT_EN_DESC\r\n");
    let err = dossier_err(&t.root(), &["subject", "import", header_only.to_str().unwrap()]);
    assert!(err.contains("holds no rows"), "{err}");
    let err = dossier_err(&t.root(), &["subject", "import", "/nonexistent/codes.csv"]);
    assert!(err.contains("no such file"), "{err}");
    assert_eq!(snapshot(&t.root()), before, "refusals wrote nothing");
}

#[test]
fn engagements_carry_known_subject_matters_and_an_unknown_code_is_refused_naming_it() {
    let (mut t, [a, ..]) = our_library();
    assert_eq!(t.lib.engagement(a).unwrap().subjects, ["SMT-11", "SMT-17"]);
    let err = t.lib.add_engagement(meeting("2026-10-06", vec![], &["SMT-11", "SMT-99"])).unwrap_err().to_string();
    assert!(err.contains("`SMT-99` is not a subject matter of this library"), "{err}");
    let err = t.lib.set_engagement_subjects(a, &["trade".into()]).unwrap_err().to_string();
    assert!(err.contains("`trade`"), "{err}");
    assert_eq!(t.lib.engagement(a).unwrap().subjects, ["SMT-11", "SMT-17"], "a refused edit changed nothing");

    let out = dossier_ok(&t.root(), &["engagement", "edit", &a.to_string(), "--subject-matter", "smt-16", "--subject-matter", "SMT-11"]);
    assert_eq!(out.trim(), format!("Engagement {a}: subject matters SMT-11, SMT-16"));
    let err = dossier_err(&t.root(), &["engagement", "log", "--kind", "call", "--date", "2026-10-07", "--subject", "Aid", "--subject-matter", "SMT-4"]);
    assert!(err.contains("`SMT-4` is not a subject matter") && err.contains("dossier subject list"), "{err}");
    let logged = dossier_ok(&t.root(), &["engagement", "log", "--kind", "call", "--date", "2026-10-07", "--subject", "Aid", "--subject-matter", "SMT-16", "--json"]);
    let logged: serde_json::Value = serde_json::from_str(&logged).unwrap();
    assert_eq!(logged["subjects"], serde_json::json!(["SMT-16"]));
    let shown = dossier_ok(&t.root(), &["engagement", "show", &a.to_string()]);
    assert!(shown.contains("SMT-11 Foreign Affairs; SMT-16 International Development"), "{shown}");
}

#[test]
fn the_report_names_subject_matters_and_warns_about_a_meeting_without_any() {
    let (mut t, [a, ..]) = our_library();
    t.lib.set_engagement_subjects(a, &[]).unwrap();
    let report = t.lib.lobbying_report(october(), day("2026-10-31")).unwrap();
    let row = report.rows.iter().find(|r| r.engagement_id != a).unwrap();
    assert_eq!(dossier::lobbying::LobbyingReport::subject_line(row, false), "SMT-16 International Development");
    let french = report.rows.iter().find(|r| r.subject_matters.iter().any(|m| m.code == "SMT-11")).unwrap();
    assert_eq!(dossier::lobbying::LobbyingReport::subject_line(french, true), "SMT-11 Affaires étrangères", "French when known");
    let warned: Vec<_> = report.warnings.iter().filter(|w| w.kind == dossier::lobbying::WarningKind::NoSubjectMatters).collect();
    assert_eq!(warned.len(), 1, "{:?}", report.warnings);
    assert_eq!(warned[0].engagement_id, Some(a));
    let text = warned[0].message.to_string();
    assert!(text.contains("2026-10-05") && text.contains("Élise Côté") && text.contains("has no subject matter"), "{text}");
    let out = crate::util::dossier(&t.root(), &["report", "lobbying", "--month", "2026-10", "--today", "2026-10-31"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(&format!("dossier engagement edit {a} --subject-matter")), "the terminal says how: {stderr}");
}

#[test]
fn the_reconcile_command_prints_the_four_lists_and_json() {
    let (t, [_, b, c]) = our_library();
    let folder = registry_folder(t.dir.path(), true);
    let out = dossier_ok(&t.root(), &["report", "reconcile", "--registry", folder.to_str().unwrap(), "--month", "2026-10"]);
    assert!(out.starts_with("5 reports of ours in the Registry's files (2 replaced by an amendment), under 777123, 780555-4412"), "{out}");
    assert!(out.contains("October 2026: 2 filed and in our log, 1 not filed, 1 filed but not in our log, 2 differences"), "{out}");
    for heading in ["Filed and in our log", "Reportable in our log but not filed", "Filed but not in our log", "Differences"] {
        assert!(out.contains(&format!("\n  {heading}\n")), "{heading}: {out}");
    }
    assert!(out.contains(&format!("2026-10-20  Marie-Ève Lévesque-Tremblay  {c}")), "{out}");
    assert!(out.contains("2026-10-22  Jean Dupont") && out.contains("1020"), "{out}");
    assert!(out.lines().any(|l| l.contains("Tom O'Brien") && l.contains("subject matters") && l.contains("SMT-16") && l.contains("SMT-11")), "{out}");

    let json: serde_json::Value =
        serde_json::from_str(&dossier_ok(&t.root(), &["report", "reconcile", "--registry", folder.to_str().unwrap(), "--json"])).unwrap();
    assert_eq!(json["months"][0]["month"], "2026-10");
    assert_eq!(json["months"][0]["differences"][0]["field"], "position_title");
    assert_eq!(json["months"][0]["differences"][0]["engagement_id"], b);
    assert_eq!(json["months"][0]["not_logged"][0]["comlog_id"], "1020");

    let err = dossier_err(&t.root(), &["report", "reconcile", "--registry", t.dir.path().to_str().unwrap()]);
    assert!(err.starts_with("error: ") && err.contains("holds no Communication_PrimaryExport.csv"), "{err}");
    let fresh = TempLibrary::new();
    let err = dossier_err(&fresh.root(), &["report", "reconcile", "--registry", folder.to_str().unwrap()]);
    assert!(err.contains("dossier settings set registry-numbers"), "the hint names the command: {err}");
    let err = dossier_err(&fresh.root(), &["settings", "set", "registry-numbers", "777123; 780555"]);
    assert!(err.contains("`777123; 780555` is not a registry number"), "{err}");
}


/// Writes Registry files of about `megabytes` in all: reports of many
/// organisations over ten years, one in 500 ours.
fn large_registry(folder: &Path, megabytes: u64) -> u64 {
    use std::io::Write;
    std::fs::create_dir_all(folder).unwrap();
    let create = |name: &str| std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(folder.join(name)).unwrap());
    let mut primary = create("Communication_PrimaryExport.csv");
    let mut dpoh = create("Communication_DpohExport.csv");
    let mut subjects = create("Communication_SubjectMattersExport.csv");
    let mut details = create("Communication_SubjectMatterDetailsExport.csv");
    primary.write_all(b"\xEF\xBB\xBF").unwrap();
    writeln!(primary, "{PRIMARY_HEADER}").unwrap();
    writeln!(dpoh, "COMLOG_ID,DPOH_LAST_NM_TCPD,DPOH_FIRST_NM_PRENOM_TCPD,DPOH_TITLE_TITRE_TCPD,BRANCH_UNIT_DIRECTION_SERVICE,OTHER_INSTITUTION_AUTRE,INSTITUTION").unwrap();
    writeln!(subjects, "COMLOG_ID,SUBJECT_CODE_OBJET,CUSTOM_SUBJ_OBJET_PERSO").unwrap();
    writeln!(details, "COMLOG_ID,SUBJECT_CODE_OBJET,DESCRIPTION").unwrap();
    let mut written = 0u64;
    let mut id = 100_000u64;
    while written < megabytes << 20 {
        id += 1;
        let ours = id % 500 == 0;
        let (corp, registrant, org) = if ours {
            ("777123".to_owned(), "780555-4412".to_owned(), "Canadian Middle East Rights Network".to_owned())
        } else {
            (format!("{}", 300_000 + id % 9_000), format!("{}-{}", 700_000 + id % 9_000, id % 97), format!("Organisation number {} of Canada, Inc.", id % 9_000))
        };
        let n = if ours { id / 500 } else { id };
        let date = format!("{}-{:02}-{:02}", 2016 + n % 10, 1 + (n / 10) % 12, 1 + id % 28);
        let p = format!(
            "{id},{corp},\"{org}\",\"Organisation {} du Canada\",{registrant},Lastname{},Firstname,{date},1,{date},{date},{}\n",
            id % 9_000,
            id % 1_000,
            if id % 7 == 0 { (id - 3).to_string() } else { "null".to_owned() }
        );
        let d = format!(
            "{id},Holder{},Given{},\"Director General, Policy and Programs {}\",Branch {},null,Department of Something and Other Things\n\
             {id},Second{},Given,Senior Advisor,null,null,House of Commons\n",
            id % 3_000, id % 50, id % 40, id % 30, id % 2_000
        );
        let s = format!("{id},SMT-{},null\n{id},SMT-{},null\n", id % 60, (id + 7) % 60);
        let t = format!("{id},\"SMT-{}, SMT-{}\",\"A description of what was discussed, some tens of words long, as filers write them\"\n", id % 60, (id + 3) % 60);
        primary.write_all(p.as_bytes()).unwrap();
        dpoh.write_all(d.as_bytes()).unwrap();
        subjects.write_all(s.as_bytes()).unwrap();
        details.write_all(t.as_bytes()).unwrap();
        written += (p.len() + d.len() + s.len() + t.len()) as u64;
    }
    std::fs::write(folder.join("Codes_SubjectMatterTypesExport.csv"), CODES).unwrap();
    written
}

/// Run by hand (it writes ~600 MB under /var/tmp):
/// `cargo test --test tests -- --ignored reconciling_hundreds --nocapture`;
/// `DOSSIER_REGISTRY_MB` sets the size.
#[test]
#[ignore = "writes several hundred megabytes; run by hand, see the README's Speed table"]
fn reconciling_hundreds_of_megabytes_stays_under_100_mb() {
    let megabytes: u64 = std::env::var("DOSSIER_REGISTRY_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(600);
    let scratch = tempfile::Builder::new().prefix("dossier-registry-").tempdir_in("/var/tmp").unwrap();
    let folder = scratch.path().join("registry");
    let started = std::time::Instant::now();
    let written = large_registry(&folder, megabytes);
    let made = started.elapsed();
    let (t, _) = our_library();
    let (took, rss, out) = crate::util::measure(&t.root(), &["report", "reconcile", "--registry", folder.to_str().unwrap(), "--json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let months = json["months"].as_array().unwrap().len();
    let found = json["reports_found"].as_i64().unwrap();
    let (took_one, rss_one, _) = crate::util::measure(&t.root(), &["report", "reconcile", "--registry", folder.to_str().unwrap(), "--month", "2026-10"]);
    eprintln!(
        "registry files {} MB (made in {:.0} s): every month: {found} reports of ours, {months} months, {:.1} s, peak RSS {} MB; one month: {:.1} s, peak RSS {} MB",
        written >> 20,
        made.as_secs_f64(),
        took.as_secs_f64(),
        rss / 1024,
        took_one.as_secs_f64(),
        rss_one / 1024
    );
    assert!(found > 0 && months > 100, "ours were found across the years: {found} reports, {months} months");
    assert!(rss <= 100 * 1024, "reconciling peaks at {} MB, goal 100 MB", rss / 1024);
    assert!(rss_one <= 100 * 1024, "reconciling one month peaks at {} MB, goal 100 MB", rss_one / 1024);
}
