//! Every message has English wording naming its parameters, and goes over
//! the wire as `{key, params}`.

use super::*;

fn b(m: Message) -> Box<Message> {
    Box::new(m)
}

/// One of every variant, with parameters distinct enough to find in the
/// wording. The test below checks none is missing.
pub(crate) fn examples() -> Vec<Message> {
    use Message as M;
    let p = || "/lib/PATHX".to_owned();
    vec![
        M::NotFound { what: Record::Paper, id: 4217 },
        M::NoVersion { paper: 4217, version: 93 },
        M::NoPublishedVersion { paper: 4217, on: Some("2011-06-01".into()) },
        M::NoPacketItem { packet: 4217, item: 93 },
        M::NoOriginal { paper: 4217, version: Some(93) },
        M::NoLibrary { path: p() },
        M::LibraryIsLink { path: p() },
        M::SchemaUnexpected { objects: "trigger DETAILX".into() },
        M::TooNew { path: p(), found: 97, supported: 93 },
        M::NotALibrary { path: p(), reason: b(M::NotDossierLibrary {}) },
        M::Io { path: p(), detail: "DETAILX".into() },
        M::Backup { path: p(), reason: b(M::BackupMissing {}) },
        M::Vanished { path: p() },
        M::ReadOnly { path: p() },
        M::DiskFull { reason: b(M::CannotWriteTo { path: p() }) },
        M::Damaged { detail: "DETAILX".into(), advice: b(M::RestoreAdvice { database: p(), latest_backup: None }) },
        M::RestoreAdvice { database: "library.sqlite".into(), latest_backup: Some(p()) },
        M::Index { detail: "DETAILX".into() },
        M::Database { detail: "DETAILX".into() },
        M::NoLibraryOpen {},
        M::PlaceNotChosen {},
        M::LinkNotOpenable { url: "smb://URLX".into() },
        M::CommandFailed {},
        M::DailyBackupFailed { reason: b(M::DatabaseCannotGrow {}) },
        M::AppBroken {},
        M::MenuFailed { detail: "DETAILX".into() },
        M::ViewerFailed { detail: "DETAILX".into() },
        M::CacheFolderFailed { detail: "DETAILX".into() },
        M::ExportCancelled {},
        M::ForeignDatabase { app_id: "0xabc".into() },
        M::NotDossierLibrary {},
        M::NotDossierBackup {},
        M::NotSqlite { advice: Some(b(M::RestoreAdvice { database: p(), latest_backup: None })) },
        M::UnfinishedDatabase {},
        M::IntegrityFailed { problems: "DETAILX".into() },
        M::FileNotSqlite {},
        M::FileDamaged {},
        M::FileCannotOpen {},
        M::BackupMissing {},
        M::BackupIsFolder {},
        M::FolderNameNotUnicode {},
        M::CopyFailed { detail: "DETAILX".into() },
        M::CopyCheckFailed { reason: b(M::FileDamaged {}) },
        M::CannotCreateFolder { path: p(), detail: "DETAILX".into() },
        M::MigrationBackupFailed { reason: b(M::CopyFailed { detail: "DETAILX".into() }), from: 3, to: 4 },
        M::DatabaseCannotGrow {},
        M::CannotWriteTo { path: p() },
        M::IndexCannotBeWritten {},
        M::IndexInStep {},
        M::IndexNotBuilt {},
        M::IndexUnreadable { detail: "DETAILX".into() },
        M::IndexChecksumMismatch { files: vec!["FILEX.idx".into(), "FILEY.pos".into()] },
        M::IndexOldSchema { found: Some(1), current: 93 },
        M::IndexDiverged {},
        M::IndexBehind { changes: 42 },
        M::UnknownWord { list: WordList::Language, word: "WORDX".into(), choices: vec!["en".into(), "fr".into()] },
        M::UnknownSetting { name: "NAMEX".into(), settings: vec!["organisation".into(), "registrant".into()] },
        M::SettingMultiline { setting: "registrant".into() },
        M::SettingTooLong { setting: "registrant".into(), chars: 4217, max: 93 },
        M::BadDate { what: "WHATX".into(), text: "TEXTX".into() },
        M::BadTime { what: "WHATX".into(), text: "TEXTX".into() },
        M::BadMoment { what: "WHATX".into(), text: "TEXTX".into() },
        M::BadMonth { text: "TEXTX".into() },
        M::CorpusNotEmpty {},
        M::SampleNotEmpty { path: p() },
        M::SampleBroken { detail: "DETAILX".into() },
        M::NoHomeFolder {},
        M::LibraryPathIsFile { path: p() },
        M::LibraryExists { path: p() },
        M::CampaignNeedsTitle {},
        M::CampaignNeedsStart {},
        M::CampaignEndsBeforeStart { start: "2011-06-01".into(), end: "2010-01-31".into() },
        M::RoleNeedsTitle {},
        M::RoleEndsBeforeStart { title: "TITLEX".into(), start: "2011-06-01".into(), end: "2010-01-31".into() },
        M::OfficialNeedsFamilyName {},
        M::OfficialNeedsRole {},
        M::EngagementNeedsSubject {},
        M::DebriefNotOral { engagement: 4217 },
        M::DayNothingPlanned { date: "2011-06-01".into() },
        M::DayFolderNotAFolder { path: p() },
        M::DayPaperArchived { engagement: 4217, paper: 93, title: "TITLEX".into() },
        M::TagEmpty {},
        M::TagTooLong { tag: "TAGX".into(), max: 93 },
        M::PaperNeedsTitle {},
        M::PaperTextEmpty {},
        M::VersionNeedsAuthor {},
        M::UnchangedText { paper: 4217, version: 93 },
        M::RestoreUnchanged { paper: 4217, latest: 97, version: 93 },
        M::AlreadyInForce { paper: 4217, version: 93 },
        M::NeverPublished { paper: 4217 },
        M::OwnTranslation {},
        M::SameLanguage { a: 4217, b: 93, lang: Lang::Fr },
        M::PacketNeedsTitle {},
        M::PacketEmpty { packet: 4217 },
        M::PacketPaperArchived { packet: 97, item: 93, paper: 4217, title: "TITLEX".into() },
        M::PacketAddArchived { packet: 97, paper: 4217, title: "TITLEX".into() },
        M::PacketAddUnpublished { packet: 97, paper: 4217, title: "TITLEX".into() },
        M::PacketPaperUnpublished { packet: 97, item: 93, paper: 4217, title: "TITLEX".into() },
        M::PacketBodyTooLong { paper: 4217, title: "TITLEX".into(), version: 93, megabytes: 2.5, limit_kb: 512 },
        M::FontUnreadable {},
        M::PdfNotAssembled { detail: "DETAILX".into() },
        M::IndexBusy {},
        M::SearchQueryTooLong { chars: 4217, max: 93 },
        M::SearchTooManyTerms { terms: 97, max: 93 },
        M::NoOutputFile {},
        M::NoBackupFile {},
        M::NotAFileName { path: p() },
        M::NoSuchFolder { path: p(), folder: "/FOLDERX".into() },
        M::TargetIsFolder { path: p() },
        M::BackupTargetIsFolder { path: p() },
        M::TargetWrongExtension { path: p(), extension: "EXTX".into() },
        M::TargetOtherKind { path: p(), kind: "KINDX".into() },
        M::TargetNotAFile { path: p() },
        M::TargetExists { path: p() },
        M::RestoreNoFolder {},
        M::RestoreIntoFile { path: p() },
        M::RestoreTargetHasLibrary { path: p() },
        M::UnreadableInFolder { path: p(), detail: "DETAILX".into() },
        M::LinkNotFollowed { path: p() },
        M::OtherLanguage { path: p(), language: "German".into() },
        M::UnknownLanguage { path: p() },
        M::NoExtension { path: p(), supported: "SUPPORTEDX".into() },
        M::UnsupportedExtension { path: p(), extension: "EXTX".into(), supported: "SUPPORTEDX".into() },
        M::FileEmpty { path: p() },
        M::FileHasNoText { path: p() },
        M::NotText { path: p(), extension: "EXTX".into() },
        M::FileHasOnlyTitle { path: p() },
        M::NoSuchFile { path: p() },
        M::IsAFolder { path: p() },
        M::FileTooLarge { path: p(), size: 3 * 1024 * 1024, limit: 2 * 1024 * 1024 },
        M::XmlMalformed { path: p(), part: "PARTX".into(), detail: "DETAILX".into() },
        M::NotZip { path: p(), kind: "DOCX".into(), detail: "DETAILX".into() },
        M::ZipDamaged { path: p(), kind: "DOCX".into(), part: "PARTX".into(), detail: "DETAILX".into() },
        M::ZipEncrypted { path: p(), kind: "DOCX".into() },
        M::ZipBomb { path: p(), kind: "DOCX".into(), part: "PARTX".into(), limit_mb: 93 },
        M::HtmlTooComplex { path: p(), attributes: 4217 },
        M::ParliamentNoFiles {},
        M::ParliamentFileUnknown { path: p() },
        M::ParliamentNoRecords { path: p() },
        M::ParliamentNoSenators { path: p() },
        M::ParliamentCsvHeaders { path: p(), found: vec!["HEADX".into(), "HEADY".into()] },
        M::ParliamentBadRecord { path: p(), record: 4217, detail: Box::new(M::ParliamentNoName {}) },
        M::ParliamentNoName {},
        M::ParliamentBadDate { field: "FIELDX".into(), value: "VALUEX".into() },
        M::ParliamentBadField { field: "FIELDX".into(), value: "VALUEX".into() },
        M::ParliamentFilesRefused { refusals: vec![M::ParliamentFileUnknown { path: p() }, M::ParliamentNoSenators { path: p() }] },
        M::ZipPartMissing { path: p(), kind: "ODT".into(), part: "PARTX".into() },
        M::NotPdf { path: p() },
        M::PdfEncrypted { path: p() },
        M::PdfDamaged { path: p(), detail: "DETAILX".into() },
        M::PdfNoText { path: p() },
        M::PdfTooComplex { path: p(), limit_mb: 93, operations: 4217 },
        M::NotUtf8 { byte: "0xE9".into(), line: 93 },
        M::LocationCloud { path: p(), service: "Dropbox".into() },
        M::LocationNetwork { path: p(), filesystem: Some("nfs4".into()) },
        M::ReportNoRegistrant {},
        M::ReportNotOral { engagement: 4217, date: "2026-10-16".into(), kind: EngagementKind::Letter, officials: vec!["Hodan Abdi".into()] },
        M::ReportNoOfficeHolder { engagement: 4217, date: "2026-10-16".into(), kind: EngagementKind::Call },
        M::ReportNoPositionTitle { engagement: 4217, date: "2026-10-16".into(), official: "Hodan Abdi".into(), official_id: 93 },
        M::ReportNoInstitution {
            engagement: 4217,
            date: "2026-10-16".into(),
            official: "Hodan Abdi".into(),
            official_id: 93,
            role: "TITLEX".into(),
            since: "2011-06-01".into(),
        },
        M::RowNoPositionTitle {},
        M::RowNoInstitution {},
        M::RowNoRegistrant {},
        M::LettersNotReported {},
        M::ReportNoSubjectMatters { engagement: 4217, date: "2026-10-05".into(), kind: EngagementKind::Call, officials: vec!["NAMEX".into()] },
        M::RowNoSubjectMatters {},
        M::RegistryWrongFile { path: p(), file: "FILEX.csv".into(), missing: vec!["COLUMNX".into()], found: vec!["HEADERX".into()] },
        M::RegistryRecordTooLong { path: p(), line: 4217, limit_kb: 93 },
        M::RegistryNoRows { path: p(), file: "FILEX.csv".into() },
        M::RegistryNotAFolder { path: p() },
        M::RegistryPrimaryMissing { folder: p() },
        M::RegistryNumbersNotSet {},
        M::RegistryNumberBad { text: "TEXTX".into() },
        M::SubjectCodeBad { path: p(), line: 4217, text: "TEXTX".into() },
        M::SubjectCodeUnknown { code: "SMT-4217".into() },
        M::SyncSchemaMismatch { table: "TABLEX".into() },
        M::SyncNotInTeam {},
        M::SyncFolderUnreachable { folder: p(), detail: "DETAILX".into() },
        M::SyncNotTeamFolder { folder: p() },
        M::SyncAlreadyInTeam { folder: p() },
        M::SyncJoinNeedsEmpty { path: p() },
        M::SyncNoSnapshot { folder: p() },
        M::SyncTeamFull { slots: 93 },
        M::SyncSlotTaken { slot: 93, other: "DEVICEX".into() },
        M::SyncSequenceReused { seq: 4217 },
        M::SyncDeviceName { name: "NAMEX".into() },
        M::SyncNewerFormat { device: "DEVICEX".into(), seq: 4217, schema: 93 },
        M::SyncFileIncomplete { device: "DEVICEX".into(), seq: 4217 },
        M::SyncFileQuarantined { device: "DEVICEX".into(), seq: 4217, reason: b(M::SyncNotRegularFile {}) },
        M::SyncNotRegularFile {},
        M::SyncFileTooLarge { limit_mb: 93 },
        M::SyncFileMalformed {},
        M::SyncUnknownTable { table: "TABLEX".into() },
        M::SyncWrongValue { table: "TABLEX".into(), column: "COLUMNX".into() },
        M::SyncClockAhead { dated: "DATEX".into() },
        M::SyncChangeFailed { detail: "DETAILX".into() },
        M::NoConflict { id: 4217 },
        M::ConflictRecordGone { id: 4217 },
        M::ConflictAlreadyKept { id: 4217 },
        M::PublicCopyOverLibrary { path: p() },
        M::PublicCopyOverForeign { path: p() },
        M::JsonFailed { detail: "DETAILX".into() },
        M::BadPaperRef { text: "TEXTX".into() },
        M::ReportNeedsFile {},
        M::ReportFormatUnknown { path: p() },
    ]
}

#[test]
fn every_variant_has_an_example() {
    let ts = Message::decl(&ts_rs::Config::new().with_large_int("number"));
    let keys_in_type = ts.matches("\"key\": \"").count();
    let mut keys: Vec<String> = examples().iter().map(Message::key).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), examples().len(), "one example per key");
    assert_eq!(keys.len(), keys_in_type, "every variant has an example:\n{ts}");
}

#[test]
fn every_message_is_worded_in_english_naming_its_parameters() {
    for m in examples() {
        let text = m.to_string();
        assert!(!text.trim().is_empty(), "{m:?}");
        assert!(!text.contains("--"), "no command-line flag in the core's wording: {text}");
        assert!(!text.contains("`dossier "), "no command in the core's wording: {text}");
        let value = serde_json::to_value(&m).unwrap();
        for (name, param) in value["params"].as_object().unwrap() {
            let shown = match param {
                serde_json::Value::String(_) if name == "database" && m.key() == "restore_advice" => continue,
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) if name == "size" || name == "limit" => human_size(n.as_i64().unwrap()),
                serde_json::Value::Number(n) if name == "megabytes" => format!("{:.1}", n.as_f64().unwrap()),
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::Array(a) => a.first().and_then(|v| v.as_str()).unwrap_or_default().to_owned(),
                serde_json::Value::Object(_) => continue, // a nested message, worded within
                serde_json::Value::Null | serde_json::Value::Bool(_) => continue,
            };
            // Kept for a face that wants it (the CLI's hints): the packet and
            // item numbers, an official's id, a role's start.
            let unworded = ["since"];
            if unworded.contains(&name.as_str()) || (m.key().starts_with("packet_paper_") && (name == "packet" || (name == "item" && m.key() == "packet_paper_archived"))) {
                continue;
            }
            assert!(text.contains(&shown), "{} does not name {name} = {shown}: {text}", m.key());
        }
    }
}

#[test]
fn a_message_goes_over_the_wire_as_key_and_params() {
    let m = Message::NotFound { what: Record::Paper, id: 3 };
    assert_eq!(
        serde_json::to_value(&m).unwrap(),
        serde_json::json!({ "key": "not_found", "params": { "what": "paper", "id": 3 } })
    );
    assert_eq!(serde_json::to_value(Message::TagEmpty {}).unwrap(), serde_json::json!({ "key": "tag_empty", "params": {} }));
    let nested = Message::Backup { path: "/b.sqlite".into(), reason: Box::new(Message::BackupMissing {}) };
    assert_eq!(
        serde_json::to_value(&nested).unwrap(),
        serde_json::json!({ "key": "backup", "params": { "path": "/b.sqlite", "reason": { "key": "backup_missing", "params": {} } } })
    );
    assert_eq!(m.key(), "not_found");
}

/// Writes the front end's copy of the message types. Run by hand after
/// changing [`Message`]:
/// `cargo test -p dossier --lib message::tests::write_typescript -- --ignored`.
#[test]
#[ignore]
fn write_typescript() {
    // The types themselves are in `ui/src/lib/bindings.ts`, generated by
    // `crate::bindings` with every other IPC type.
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings.ts");
    // One of every message, for the front end's test that each is worded
    // in both languages.
    let examples = serde_json::to_string_pretty(&examples()).unwrap();
    std::fs::write(out.with_file_name("messages.examples.json"), examples + "\n").unwrap();
}
