//! How the command line words the core's messages: the core's English, with
//! the hints only a terminal user can act on (a flag, a command to run)
//! where a message has one. Every error and warning the CLI prints goes
//! through here, so the hints live in one place and the core stays free of
//! them.

use dossier::message::Message;
use dossier::Error;

/// An error, as printed after `error: `.
pub fn error(e: &Error) -> String {
    message(&e.message())
}

/// A message in English for the terminal.
pub fn message(m: &Message) -> String {
    use Message as M;
    let nested = |m: &Message| message(m);
    match m {
        // Messages that wrap another: word the inner one here too.
        M::NotALibrary { path, reason } => format!("{path} is not a Dossier library database: {}", nested(reason)),
        M::Backup { path, reason } => format!("backup {path}: {}", nested(reason)),
        M::DiskFull { reason } => {
            format!("the disk is full: {}; nothing was saved. Free some space and try again", nested(reason))
        }
        M::Damaged { detail, advice } => format!("the library's database is damaged ({detail}); {}", nested(advice)),
        M::NotSqlite { advice: Some(advice) } => {
            format!("the file is not a SQLite database (it may be damaged); {}", nested(advice))
        }
        M::SyncFileQuarantined { device, seq, reason } => format!(
            "change file {seq} from {device} is set aside and not applied: {}; the other changes go on (see `dossier sync status`)",
            nested(reason)
        ),
        M::CopyCheckFailed { reason } => format!("the copy failed its check ({}); nothing was replaced", nested(reason)),
        M::MigrationBackupFailed { reason, from, to } => {
            // The core's wording after the reason has no hint to add.
            let rest = M::MigrationBackupFailed { reason: Box::new(M::BackupMissing {}), from: *from, to: *to }.to_string();
            let tail = rest.split_once(". ").map(|(_, t)| t).unwrap_or_default();
            format!("{}. {tail}", nested(reason))
        }

        // Messages with a command-line hint.
        M::NoLibrary { path } => format!("no library at {path}: run `dossier init` (or `dossier sample`) to create one"),
        M::RestoreAdvice { latest_backup: Some(latest), .. } => format!(
            "restore it from a backup: the newest automatic backup is {latest}; `dossier restore {latest} --to NEW_FOLDER` makes a library of it"
        ),
        M::BackupIsFolder {} => "this is a folder; name the backup file (a .sqlite file made by `dossier backup`)".into(),
        M::CorpusNotEmpty {} => "the corpus only fills an empty library: run `dossier init` in a new folder".into(),
        M::NoHomeFolder {} => "cannot find a home folder for the default library: pass --library DIR".into(),
        M::BadMonth { text } => format!("--month `{text}` is not a month: write it as YYYY-MM, e.g. 2026-10"),
        M::PaperNeedsTitle {} => "a paper needs a title: give --title or start the file with a `# Heading`".into(),
        M::VersionNeedsAuthor {} => "a version needs an author: give --author or set DOSSIER_AUTHOR".into(),
        M::OfficialNeedsRole {} => "an official needs at least one role (--title)".into(),
        M::PacketEmpty { packet } => format!(
            "packet {packet} has no papers yet: add one with `dossier packet add {packet} PAPER[@VERSION]` before exporting"
        ),
        M::PacketAddArchived { packet, paper, title } => format!(
            "paper {paper} “{title}” is archived and cannot go in packet {packet}: pick another paper (`dossier paper list --status published`)"
        ),
        M::PacketAddUnpublished { packet, paper, title } => format!(
            "paper {paper} “{title}” has no published version yet: packet {packet} cannot be printed until you publish it (`dossier paper publish {paper}`) or pin a version (`dossier packet add {packet} {paper}@N`)"
        ),
        M::PacketPaperArchived { packet, item, paper, title } => format!(
            "paper {paper} “{title}” has been archived since it was added: remove it with `dossier packet remove {packet} {item}` or pick another paper"
        ),
        M::PacketPaperUnpublished { packet, item, paper, title } => format!(
            "paper {paper} “{title}” has no published version, and item {item} asks for the latest published one: publish it (`dossier paper publish {paper}`) or pin a version (`dossier packet add {packet} {paper}@N`)"
        ),
        M::DayNothingPlanned { date } => format!(
            "no meeting or call is planned on {date}: log each with `dossier engagement add --kind meeting --date {date} --time HH:MM --official ID --subject …`"
        ),
        M::NoOutputFile {} => "no output file given: pass the PDF to write, e.g. --out packet.pdf".into(),
        M::RestoreNoFolder {} => "no folder given: name the new library folder with --to DIR".into(),
        M::TargetExists { path } => format!("{path} exists already; it was left as it is: pass --force to replace it"),
        M::OtherLanguage { path, language } => format!(
            "{path}: the text looks like {language}, and papers are kept in English or French (give --lang en or --lang fr to import it anyway)"
        ),
        M::UnknownLanguage { path } => format!("{path}: too little text to tell its language (give --lang en or --lang fr)"),
        M::FileTooLarge { .. } => format!("{m} (raise it with --max-file-mb)"),
        M::LocationCloud { .. } | M::LocationNetwork { .. } => {
            let text = m.to_string();
            match text.strip_suffix("with a backup instead") {
                Some(head) => format!("{head}with `dossier backup FILE` instead"),
                None => text,
            }
        }
        M::ReportNoRegistrant {} => "no registrant is set: the report is filed under the name of the most senior paid officer; \
             set it with `dossier settings set registrant \"NAME\"`"
            .into(),
        M::ReportNoPositionTitle { engagement, date, official, official_id } => format!(
            "engagement {engagement} on {date} with {official} (official {official_id}): no role in force on that date, so no position title, branch or institution; record it with `dossier official role {official_id} --title … --institution … --since DATE`"
        ),
        M::ReportNoInstitution { engagement, date, official, official_id, role, since } => format!(
            "engagement {engagement} on {date} with {official} (official {official_id}): the role “{role}” names no federal institution; record it with `dossier official role {official_id} --title \"{role}\" --institution … --since {since}`"
        ),
        M::ReportNeedsFile {} => "a PDF report needs a file: add --out FILE.pdf".into(),
        M::RegistryNumbersNotSet {} => "the organisation's registry numbers are not set: set the registration and corporation numbers it files under, \
             e.g. `dossier settings set registry-numbers \"777123, 780555-4412\"`"
            .into(),
        M::SubjectCodeUnknown { .. } => format!("{m} (`dossier subject list` lists them; `dossier subject import FILE` reads the Registry's)"),
        M::ReportNoSubjectMatters { engagement, .. } => {
            format!("{m} with `dossier engagement edit {engagement} --subject-matter SMT-…`")
        }
        M::ReportFormatUnknown { path } => {
            format!("cannot tell the format of {path} from its name: add --format csv or --format pdf")
        }
        other => other.to_string(),
    }
}

/// The JSON form of an error on stderr: the coarse code, the message as the
/// terminal words it, and the message's key and parameters.
pub fn json(e: &Error) -> serde_json::Value {
    let m = e.message();
    let mut body = serde_json::json!({ "code": e.code(), "message": message(&m) });
    if let (Some(body), Ok(serde_json::Value::Object(keyed))) = (body.as_object_mut(), serde_json::to_value(&m)) {
        body.extend(keyed);
    }
    serde_json::json!({ "error": body })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hints_only_a_terminal_user_can_follow_are_added_here() {
        let cases = [
            (M::VersionNeedsAuthor {}, "give --author or set DOSSIER_AUTHOR"),
            (M::PaperNeedsTitle {}, "give --title"),
            (M::FileTooLarge { path: "/a.pdf".into(), size: 30 << 20, limit: 25 << 20 }, "raise it with --max-file-mb"),
            (M::NoLibrary { path: "/lib".into() }, "run `dossier init`"),
            (M::UnknownLanguage { path: "/a.md".into() }, "--lang en"),
            (M::PacketEmpty { packet: 3 }, "`dossier packet add 3 PAPER[@VERSION]`"),
            (M::ReportNoRegistrant {}, "`dossier settings set registrant \"NAME\"`"),
            (M::LocationCloud { path: "/d".into(), service: "Dropbox".into() }, "with `dossier backup FILE` instead"),
            (
                M::Damaged {
                    detail: "x".into(),
                    advice: Box::new(M::RestoreAdvice { database: "/l/library.sqlite".into(), latest_backup: Some("/l/b.sqlite".into()) }),
                },
                "`dossier restore /l/b.sqlite --to NEW_FOLDER`",
            ),
        ];
        for (m, hint) in cases {
            let worded = message(&m);
            assert!(worded.contains(hint), "{worded}");
            assert!(!m.to_string().contains(hint), "the core's wording has no hint: {m}");
        }
    }

    #[test]
    fn an_error_in_json_carries_its_key_and_params() {
        let e = Error::Invalid(M::TagTooLong { tag: "x".into(), max: 60 });
        let v = json(&e);
        assert_eq!(v["error"]["code"], "invalid");
        assert_eq!(v["error"]["key"], "tag_too_long");
        assert_eq!(v["error"]["params"]["max"], 60);
        assert_eq!(v["error"]["message"], "tag `x` is longer than 60 characters");
    }

    use Message as M;
}
