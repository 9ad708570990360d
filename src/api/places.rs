//! Files and folders as the desktop app's page may know them: never by
//! path. The page is untrusted (it renders text that came from documents
//! and the web), so it may not name a place on the disk, and it is not told
//! where anything is.
//!
//! - **Choosing.** The shell opens the system's dialog itself, for one
//!   [`PlacePurpose`], and keeps what the user chose in [`Places`]. The page
//!   gets a [`ChosenPlace`]: an id that means nothing outside this run, and a
//!   label to show (the file or folder name).
//! - **Using.** A command that reads or writes a place takes the id and asks
//!   [`Places::path_for`] for the path, which answers only for a place chosen
//!   for that very purpose: a folder chosen to import from cannot be written
//!   to, a name chosen for a PDF cannot receive a backup. A save target has
//!   the extension of what is written (added when the dialog left it out);
//!   what may be replaced there is decided by [`crate::files`].
//! - **Opening what was written.** A file the app wrote to a chosen place may
//!   be opened in the system's viewer ([`Places::written_file`]); nothing else.
//! - **Showing.** Replies and errors that name a path reach the page with
//!   the path replaced by its label ([`ForPage`]); the page can word "saved
//!   to Packet.pdf" and nothing more.
//!
//! The command line has none of this: its user names paths themselves.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorReply, Result};
use crate::files::{self, Target};
use crate::engagements::EngagementKind;
use crate::export::day::DayReport;
use crate::message::Message;

/// What a place is chosen for; decides the dialog (folder, files or a name
/// to save under, with which extension) and which commands may use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PlacePurpose {
    /// A folder holding a library, to open.
    OpenLibrary,
    /// A folder for a new library (empty, or the sample).
    NewLibrary,
    /// Documents to import (several at once).
    ImportFiles,
    /// A folder of documents to import, walked.
    ImportFolder,
    /// A PDF to write: a packet or a report.
    SavePdf,
    /// A CSV to write: a report.
    SaveCsv,
    /// A backup file to write.
    SaveBackup,
    /// The shared folder of a team library.
    TeamFolder,
    /// The folder of a public copy.
    PublicCopy,
    /// Parliament's files of office holders (several at once).
    ParliamentFiles,
    /// A folder holding the Registry of Lobbyists' CSV files, to read.
    RegistryFolder,
    /// A problem report to write (plain text, for support).
    SaveProblemReport,
    /// A folder for a Hill day's PDFs (made when missing).
    DayFolder,
}

/// The shape of the dialog a purpose opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialog {
    /// Pick one folder.
    Folder,
    /// Pick one or more existing files.
    Files,
    /// Name a file to write, with this kind.
    Save(Target),
}

impl PlacePurpose {
    pub fn dialog(self) -> Dialog {
        use PlacePurpose as P;
        match self {
            P::OpenLibrary | P::NewLibrary | P::ImportFolder | P::TeamFolder | P::PublicCopy | P::RegistryFolder | P::DayFolder => {
                Dialog::Folder
            }
            P::ImportFiles | P::ParliamentFiles => Dialog::Files,
            P::SavePdf => Dialog::Save(Target::Pdf),
            P::SaveCsv => Dialog::Save(Target::Csv),
            P::SaveBackup => Dialog::Save(Target::Backup),
            P::SaveProblemReport => Dialog::Save(Target::Text),
        }
    }
}

/// A place as the page knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ChosenPlace {
    /// Meaningful to this run of the app only.
    pub id: String,
    /// The file or folder name, to show.
    pub label: String,
}

struct Grant {
    path: PathBuf,
    purpose: PlacePurpose,
    written: bool,
}

/// The places the user chose in this run.
#[derive(Default)]
pub struct Places {
    grants: HashMap<String, Grant>,
    /// Keys the ids, so they cannot be guessed from one another.
    keys: RandomState,
    count: u64,
}

impl Places {
    /// Keeps `path`, just chosen in a dialog for `purpose`, and returns how
    /// the page knows it. A name to save under gets the extension of what
    /// is written when the dialog left it out.
    pub fn grant(&mut self, purpose: PlacePurpose, path: PathBuf) -> ChosenPlace {
        let path = match purpose.dialog() {
            Dialog::Save(target) => files::with_extension(&path, target),
            Dialog::Folder | Dialog::Files => path,
        };
        self.count += 1;
        let id = format!("{:016x}{:04x}", self.keys.hash_one(self.count), self.count);
        let label = label(&path);
        self.grants.insert(id.clone(), Grant { path, purpose, written: false });
        ChosenPlace { id, label }
    }

    /// The path of place `id`, if it was chosen for one of `purposes`.
    pub fn path_for(&self, id: &str, purposes: &[PlacePurpose]) -> Result<PathBuf> {
        match self.grants.get(id) {
            Some(g) if purposes.contains(&g.purpose) => Ok(g.path.clone()),
            _ => Err(Error::invalid(Message::PlaceNotChosen {})),
        }
    }

    /// Records that the app wrote the file at place `id`.
    pub fn mark_written(&mut self, id: &str) {
        if let Some(g) = self.grants.get_mut(id) {
            g.written = true;
        }
    }

    /// Keeps a PDF the app wrote on its own in a chosen folder (a Hill
    /// day's files), so the page may open it.
    pub fn grant_written(&mut self, path: PathBuf) -> ChosenPlace {
        let place = self.grant(PlacePurpose::SavePdf, path);
        self.mark_written(&place.id);
        place
    }

    /// The file at place `id`, if the app wrote it in this run, or a
    /// folder the app wrote a Hill day in (opened in the file manager).
    pub fn written_file(&self, id: &str) -> Result<PathBuf> {
        match self.grants.get(id) {
            Some(g) if g.written && (matches!(g.purpose.dialog(), Dialog::Save(_)) || g.purpose == PlacePurpose::DayFolder) => {
                Ok(g.path.clone())
            }
            _ => Err(Error::invalid(Message::PlaceNotChosen {})),
        }
    }
}

/// A Hill day as the page sees it: every file it wrote is a place the page
/// may open ([`crate::api::places::Places::grant_written`]), shown by name.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct DayView {
    pub date: String,
    /// The folder's name.
    pub folder: String,
    pub meetings: Vec<DayMeetingView>,
    pub itinerary: ChosenPlace,
    pub combined: ChosenPlace,
    pub combined_pages: usize,
    pub warnings: Vec<Message>,
}

/// One meeting of a printed Hill day.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct DayMeetingView {
    pub engagement_id: i64,
    pub kind: EngagementKind,
    pub time: Option<String>,
    pub officials: Vec<String>,
    pub subject: String,
    pub packet_id: i64,
    pub packet_created: bool,
    pub file: ChosenPlace,
    pub pages: usize,
    pub draft: bool,
    pub first_page: usize,
}

impl DayView {
    /// The view of `report`, each file made a place by `grant`.
    pub fn new(report: DayReport, mut grant: impl FnMut(PathBuf) -> ChosenPlace) -> DayView {
        let meetings = report
            .meetings
            .into_iter()
            .map(|m| DayMeetingView {
                engagement_id: m.engagement_id,
                kind: m.kind,
                time: m.time,
                officials: m.officials,
                subject: m.subject,
                packet_id: m.packet_id,
                packet_created: m.packet_created,
                file: grant(m.file),
                pages: m.pages,
                draft: m.draft,
                first_page: m.first_page,
            })
            .collect();
        DayView {
            date: report.date,
            folder: label(&report.folder),
            meetings,
            itinerary: grant(report.itinerary),
            combined: grant(report.combined),
            combined_pages: report.combined_pages,
            warnings: report.warnings,
        }
    }
}

/// How the page shows `path`: its last name (the file, or the folder).
pub fn label(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

fn label_of(text: &str) -> String {
    label(Path::new(text))
}

/// A reply as the page may receive it: every path replaced by its label.
pub trait ForPage {
    fn for_page(self) -> Self;
}

/// The parameters of messages that hold a path, by name.
const PATH_PARAMS: &[&str] = &["path", "folder", "database", "latest_backup"];

impl ForPage for Message {
    fn for_page(self) -> Self {
        fn walk(value: &mut serde_json::Value) {
            match value {
                serde_json::Value::Object(map) => {
                    for (key, v) in map.iter_mut() {
                        match v {
                            serde_json::Value::String(text) if PATH_PARAMS.contains(&key.as_str()) => {
                                *text = label_of(text);
                            }
                            other => walk(other),
                        }
                    }
                }
                serde_json::Value::Array(items) => items.iter_mut().for_each(walk),
                _ => {}
            }
        }
        let Ok(mut value) = serde_json::to_value(&self) else { return self };
        walk(&mut value);
        serde_json::from_value(value).unwrap_or(self)
    }
}

impl ForPage for ErrorReply {
    fn for_page(self) -> Self {
        ErrorReply::new(self.code, self.detail.for_page())
    }
}

impl<T: ForPage> ForPage for Vec<T> {
    fn for_page(self) -> Self {
        self.into_iter().map(ForPage::for_page).collect()
    }
}

impl<T: ForPage> ForPage for Option<T> {
    fn for_page(self) -> Self {
        self.map(ForPage::for_page)
    }
}

/// Replaces a path field by its label.
fn shown(path: &Path) -> PathBuf {
    PathBuf::from(label(path))
}

impl ForPage for crate::api::library::LibraryView {
    fn for_page(mut self) -> Self {
        self.summary.path = shown(&self.summary.path);
        self.location_warning = self.location_warning.for_page();
        self
    }
}

impl ForPage for crate::api::support::About {
    fn for_page(mut self) -> Self {
        if let Some(library) = &mut self.library {
            library.folder = shown(&library.folder);
        }
        self.log_folder = self.log_folder.as_deref().map(shown);
        self
    }
}

impl ForPage for crate::api::views::AppStateView {
    fn for_page(mut self) -> Self {
        self.library = self.library.for_page();
        self.default_path = shown(&self.default_path);
        self.open_error = self.open_error.for_page();
        self
    }
}

impl ForPage for crate::api::imports::ImportLine {
    fn for_page(mut self) -> Self {
        self.path = shown(&self.path);
        self.notes = self.notes.for_page();
        // The English text is the notes worded: worded again without paths.
        self.message = self.message.map(|_| crate::message::join(&self.notes, "; "));
        self
    }
}

impl ForPage for crate::api::imports::ImportSummary {
    fn for_page(mut self) -> Self {
        self.lines = self.lines.for_page();
        self
    }
}

/// `ForPage` for replies whose one path is a field named `path`.
macro_rules! path_shown_by_name {
    ($($reply:ty),+ $(,)?) => {$(
        impl ForPage for $reply {
            fn for_page(mut self) -> Self {
                self.path = shown(&self.path);
                self
            }
        }
    )+};
}

path_shown_by_name!(
    crate::import::ImportProgress,
    crate::export::ExportReport,
    crate::backup::BackupInfo,
    crate::backup::AutomaticBackup,
    crate::api::views::SavedFile,
);

impl ForPage for crate::sync::public::PublicCopy {
    fn for_page(mut self) -> Self {
        self.path = label_of(&self.path);
        self
    }
}

impl ForPage for crate::sync::handle::SyncStatus {
    fn for_page(mut self) -> Self {
        self.folder = self.folder.map(|f| label_of(&f));
        self
    }
}

impl ForPage for crate::api::sync::SetupReport {
    fn for_page(mut self) -> Self {
        self.status = self.status.for_page();
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_answers_only_for_the_purpose_it_was_chosen_for() {
        let mut places = Places::default();
        let docs = places.grant(PlacePurpose::ImportFolder, PathBuf::from("/home/amira/Documents"));
        assert_eq!(docs.label, "Documents");
        assert_eq!(places.path_for(&docs.id, &[PlacePurpose::ImportFolder, PlacePurpose::ImportFiles]).unwrap(), Path::new("/home/amira/Documents"));
        let err = places.path_for(&docs.id, &[PlacePurpose::SavePdf]).unwrap_err();
        assert_eq!(err.message(), Message::PlaceNotChosen {}, "a folder to read is not a file to write");
        assert!(places.path_for("0000000000000000abcd", &[PlacePurpose::SavePdf]).is_err(), "an id never given");
        assert!(places.written_file(&docs.id).is_err(), "nothing was written there");
    }

    #[test]
    fn a_day_folder_opens_once_written_and_its_files_at_once() {
        let mut places = Places::default();
        let folder = places.grant(PlacePurpose::DayFolder, PathBuf::from("/t/Hill day"));
        assert!(places.written_file(&folder.id).is_err(), "not before the day is written");
        places.mark_written(&folder.id);
        assert_eq!(places.written_file(&folder.id).unwrap(), Path::new("/t/Hill day"));
        let file = places.grant_written(PathBuf::from("/t/Hill day/2026-12-02 itinerary.pdf"));
        assert_eq!(file.label, "2026-12-02 itinerary.pdf");
        assert_eq!(places.written_file(&file.id).unwrap(), Path::new("/t/Hill day/2026-12-02 itinerary.pdf"));
        assert!(places.path_for(&file.id, &[PlacePurpose::DayFolder]).is_err(), "a file written is no folder to write to");
    }

    #[test]
    fn a_save_target_gets_its_extension_and_opens_only_once_written() {
        let mut places = Places::default();
        let out = places.grant(PlacePurpose::SaveCsv, PathBuf::from("/t/October"));
        assert_eq!(out.label, "October.csv");
        assert_eq!(places.path_for(&out.id, &[PlacePurpose::SaveCsv]).unwrap(), Path::new("/t/October.csv"));
        assert!(places.written_file(&out.id).is_err());
        places.mark_written(&out.id);
        assert_eq!(places.written_file(&out.id).unwrap(), Path::new("/t/October.csv"));
        let other = places.grant(PlacePurpose::SaveCsv, PathBuf::from("/t/October"));
        assert_ne!(other.id, out.id, "every choice has an id of its own");
    }

    #[test]
    fn messages_reach_the_page_with_names_instead_of_paths() {
        let m = Message::NotALibrary { path: "/home/amira/secret/lib".into(), reason: Box::new(Message::NotDossierLibrary {}) };
        assert_eq!(m.for_page(), Message::NotALibrary { path: "lib".into(), reason: Box::new(Message::NotDossierLibrary {}) });
        let nested = Message::Damaged {
            detail: "x".into(),
            advice: Box::new(Message::RestoreAdvice { database: "/h/a/library.sqlite".into(), latest_backup: Some("/h/a/backups/daily.sqlite".into()) }),
        };
        let shown = serde_json::to_string(&nested.for_page()).unwrap();
        assert!(!shown.contains("/h/"), "{shown}");
        let reply = ErrorReply::from(Error::NoLibrary(PathBuf::from("/srv/x/Dossier")));
        let reply = reply.for_page();
        assert!(!reply.message.contains("/srv"), "the English wording too: {}", reply.message);
    }
}
