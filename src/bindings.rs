//! The TypeScript types of everything that crosses IPC, generated from the
//! Rust types themselves into one file, `ui/src/lib/bindings.ts`.
//!
//! Owns the one list of types the front end sees ([`typescript`] walks it
//! and everything it references) and the test that keeps the committed
//! file fresh. Promises: the output is deterministic (sorted by name, no
//! timestamps), every type a listed type references is declared too, no two
//! Rust types share a TypeScript name, and integers are `number` — IDs,
//! counts and byte sizes stay far below 2^53, and JSON carries them as
//! plain numbers, which `bigint` would misdescribe.
//!
//! Why ts-rs rather than tauri-specta: ts-rs has stable releases and
//! generates types only, so the shell's commands stay plain Tauri commands
//! and the same types describe the CLI's `--json` output; tauri-specta is
//! still a release candidate for Tauri 2 and generates the command layer
//! too, which would tie the core's types to the shell's wiring.
//!
//! To regenerate after changing a type:
//! `DOSSIER_WRITE_BINDINGS=1 cargo test -p dossier --lib bindings`.

use std::any::TypeId;
use std::collections::BTreeMap;

use ts_rs::{Config, TypeVisitor, TS};

/// Where the generated file lives, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/lib/bindings.ts";

/// The command that rewrites [`BINDINGS_PATH`].
pub const REGENERATE: &str = "DOSSIER_WRITE_BINDINGS=1 cargo test -p dossier --lib bindings";

/// Visits every type the front end receives from or sends to the core, in
/// one explicit list (kept in name order to read; the output is sorted
/// anyway). Shell-only payloads are not here: they move to the core's `api`
/// module, and are listed once they do.
fn visit_listed(v: &mut impl TypeVisitor) {
    use crate::api::imports::{ImportLine, ImportRequest, ImportSummary};
    use crate::api::packets::{DayRequest, ExportSettings, NewPacketRequest, PlannedDay};
    use crate::api::papers::{DraftRequest, NewPaperRequest};
    use crate::api::officials::OfficialImportRequest;
    use crate::api::records::NewEngagementRequest;
    use crate::parliament::plan::{Ambiguity, AmbiguityReason, Candidate, FieldChange, FileSummary, ImportField, ImportPlan, PlannedChange, PlannedOfficial};
    use crate::parliament::FileFormat;
    use crate::api::library::LibraryView;
    use crate::api::places::{ChosenPlace, DayMeetingView, DayView, PlacePurpose};
    use crate::api::support::{About, AboutLibrary, SupportFolder};
    use crate::api::sync::{SetupKind, SetupReport, SetupRequest};
    use crate::api::views::{AppStateView, OfficialView, PacketPreview, ReindexProgress, SavedFile};
    use crate::backup::{AutomaticBackup, BackupInfo, BackupKind};
    use crate::backup::restore::RestoreReport;
    use crate::campaigns::Campaign;
    use crate::diff::{Segment, SegmentKind, WordDiff};
    use crate::engagements::{Engagement, Participant, VersionRef};
    use crate::export::{ExportReport, ExportedVersion, PacketExport};
    use crate::import::{Format, ImportOptions, ImportOutcome, ImportProgress, ImportReport, ImportStatus, Outcome};
    use crate::error::{ErrorCode, ErrorReply};
    use crate::export::ExportStep;
    use crate::export::day::DayStep;
    use crate::engagements::Debrief;
    use crate::library::LibrarySummary;
    use crate::message::{Message, Record, WordList};
    use crate::lobbying::{LobbyingReport, NotReported, ReportRow, ReportWarning, WarningKind};
    use crate::menu_labels::MenuLabels;
    use crate::officials::{Official, Role};
    use crate::packets::{ItemAdded, Packet, PacketItem};
    use crate::papers::{Paper, PaperVersion, PaperView, Publication, VersionDiff, VersionInfo};
    use crate::search::{
        Facets, IndexCheck, IndexStatus, ReindexReport, SearchHit, SearchRequest, SearchResults, SnippetPart,
    };
    use crate::registry::reconcile::{
        DifferenceField, FieldDifference, FiledCommunication, LoggedCommunication, MatchedCommunication, MonthReconciliation,
        Reconciliation,
    };
    use crate::settings::LibrarySettings;
    use crate::subjects::{SubjectImport, SubjectMatter};
    use crate::sync::handle::{Conflict, DeviceView, QuarantinedFile, SyncReport, SyncStatus};
    use crate::sync::public::PublicCopy;
    use crate::vocab::{Chamber, EngagementKind, Lang, PaperSize, ReportFormat, RoleKind, SearchKind, Status};

    v.visit::<About>();
    v.visit::<AboutLibrary>();
    v.visit::<AppStateView>();
    v.visit::<SupportFolder>();
    v.visit::<Ambiguity>();
    v.visit::<AmbiguityReason>();
    v.visit::<Candidate>();
    v.visit::<FieldChange>();
    v.visit::<FileFormat>();
    v.visit::<FileSummary>();
    v.visit::<ImportField>();
    v.visit::<ImportPlan>();
    v.visit::<OfficialImportRequest>();
    v.visit::<PlannedChange>();
    v.visit::<PlannedOfficial>();
    v.visit::<RoleKind>();
    v.visit::<DraftRequest>();
    v.visit::<ExportSettings>();
    v.visit::<DayRequest>();
    v.visit::<ImportRequest>();
    v.visit::<NewEngagementRequest>();
    v.visit::<NewPacketRequest>();
    v.visit::<NewPaperRequest>();
    v.visit::<AutomaticBackup>();
    v.visit::<BackupInfo>();
    v.visit::<BackupKind>();
    v.visit::<Campaign>();
    v.visit::<ChosenPlace>();
    v.visit::<Chamber>();
    v.visit::<Conflict>();
    v.visit::<DeviceView>();
    v.visit::<Engagement>();
    v.visit::<EngagementKind>();
    v.visit::<ErrorCode>();
    v.visit::<ErrorReply>();
    v.visit::<ExportReport>();
    v.visit::<ExportStep>();
    v.visit::<DayStep>();
    v.visit::<Debrief>();
    v.visit::<ExportedVersion>();
    v.visit::<Facets>();
    v.visit::<Format>();
    v.visit::<ImportLine>();
    v.visit::<ImportOptions>();
    v.visit::<ImportOutcome>();
    v.visit::<ImportProgress>();
    v.visit::<ImportReport>();
    v.visit::<ImportStatus>();
    v.visit::<ImportSummary>();
    v.visit::<IndexCheck>();
    v.visit::<IndexStatus>();
    v.visit::<Lang>();
    v.visit::<LibrarySettings>();
    v.visit::<LibrarySummary>();
    v.visit::<LibraryView>();
    v.visit::<LobbyingReport>();
    v.visit::<MenuLabels>();
    v.visit::<Message>();
    v.visit::<NotReported>();
    v.visit::<Official>();
    v.visit::<OfficialView>();
    v.visit::<Outcome>();
    v.visit::<ItemAdded>();
    v.visit::<Packet>();
    v.visit::<PacketPreview>();
    v.visit::<PacketExport>();
    v.visit::<PacketItem>();
    v.visit::<Paper>();
    v.visit::<PaperSize>();
    v.visit::<PaperVersion>();
    v.visit::<PlacePurpose>();
    v.visit::<PaperView>();
    v.visit::<Participant>();
    v.visit::<Publication>();
    v.visit::<PublicCopy>();
    v.visit::<Record>();
    v.visit::<ReindexProgress>();
    v.visit::<ReindexReport>();
    v.visit::<ReportFormat>();
    v.visit::<ReportRow>();
    v.visit::<ReportWarning>();
    v.visit::<Reconciliation>();
    v.visit::<MonthReconciliation>();
    v.visit::<MatchedCommunication>();
    v.visit::<LoggedCommunication>();
    v.visit::<FiledCommunication>();
    v.visit::<FieldDifference>();
    v.visit::<DifferenceField>();
    v.visit::<SubjectMatter>();
    v.visit::<SubjectImport>();
    v.visit::<RestoreReport>();
    v.visit::<Role>();
    v.visit::<SavedFile>();
    v.visit::<DayView>();
    v.visit::<DayMeetingView>();
    v.visit::<PlannedDay>();
    v.visit::<SearchHit>();
    v.visit::<SearchKind>();
    v.visit::<SearchRequest>();
    v.visit::<SearchResults>();
    v.visit::<Segment>();
    v.visit::<SegmentKind>();
    v.visit::<SetupKind>();
    v.visit::<SetupReport>();
    v.visit::<SetupRequest>();
    v.visit::<SnippetPart>();
    v.visit::<Status>();
    v.visit::<QuarantinedFile>();
    v.visit::<SyncReport>();
    v.visit::<SyncStatus>();
    v.visit::<VersionDiff>();
    v.visit::<VersionInfo>();
    v.visit::<VersionRef>();
    v.visit::<WarningKind>();
    v.visit::<WordList>();
    v.visit::<WordDiff>();
}

/// How types are written: every integer a `number` (see the module
/// comment).
fn config() -> Config {
    Config::new().with_large_int("number")
}

/// A declared type: which Rust type it came from and its text.
struct Declared {
    id: TypeId,
    rust: &'static str,
    text: String,
}

/// The types found by a walk, by TypeScript name.
#[derive(Default)]
struct Found {
    types: BTreeMap<String, Declared>,
    /// Two Rust types with one TypeScript name: `(name, first, second)`.
    clashes: Vec<(String, &'static str, &'static str)>,
}

impl Found {
    /// Records `T` if it has a declaration of its own (structs and enums;
    /// `Vec`, `Option` and primitives have none: what they wrap is visited
    /// on its own). Returns false when `T` was already recorded or has none.
    fn record<T: TS + 'static + ?Sized>(&mut self, cfg: &Config) -> bool {
        if T::output_path().is_none() {
            return false;
        }
        let name = T::ident(cfg);
        let rust = std::any::type_name::<T>();
        if let Some(seen) = self.types.get(&name) {
            if seen.id != TypeId::of::<T>() {
                self.clashes.push((name, seen.rust, rust));
            }
            return false;
        }
        let mut text = T::docs().unwrap_or_default();
        text.push_str("export ");
        text.push_str(&T::decl(cfg));
        self.types.insert(name, Declared { id: TypeId::of::<T>(), rust, text });
        true
    }
}

/// Records the listed types only.
#[cfg(test)]
struct Listed<'a>(&'a Config, Found);

#[cfg(test)]
impl TypeVisitor for Listed<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        self.1.record::<T>(self.0);
    }
}

/// Records the listed types and, transitively, every type they reference.
struct Transitive<'a>(&'a Config, Found);

impl TypeVisitor for Transitive<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if self.1.record::<T>(self.0) {
            T::visit_dependencies(self);
        }
    }
}

fn walk() -> Found {
    let cfg = config();
    let mut all = Transitive(&cfg, Found::default());
    visit_listed(&mut all);
    all.1
}

/// The whole of `ui/src/lib/bindings.ts`: a header saying it is generated
/// and how, then every listed type and every type they reference, sorted
/// by name.
pub fn typescript() -> String {
    let found = walk();
    let mut out = format!(
        "// Generated from the core's Rust types by src/bindings.rs; do not edit.\n\
         // To regenerate: {REGENERATE}\n"
    );
    for declared in found.types.values() {
        out.push('\n');
        out.push_str(&declared.text);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bindings_path() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(BINDINGS_PATH)
    }

    #[test]
    fn bindings_are_fresh() {
        let generated = typescript();
        let path = bindings_path();
        if std::env::var_os("DOSSIER_WRITE_BINDINGS").is_some_and(|v| v == "1") {
            std::fs::write(&path, &generated).expect("write the bindings");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{BINDINGS_PATH} is not what the Rust types generate (a type changed, or the file was edited).\n\
             Regenerate it with `{REGENERATE}` and commit it."
        );
    }

    #[test]
    fn every_referenced_type_is_listed() {
        let cfg = config();
        let mut listed = Listed(&cfg, Found::default());
        visit_listed(&mut listed);
        let unlisted: Vec<&str> = walk()
            .types
            .iter()
            .filter(|(name, _)| !listed.1.types.contains_key(*name))
            .map(|(_, d)| d.rust)
            .collect();
        assert!(unlisted.is_empty(), "referenced by a listed type but not listed in src/bindings.rs: {unlisted:?}");
    }

    #[test]
    fn no_two_rust_types_share_a_typescript_name() {
        let found = walk();
        assert!(found.clashes.is_empty(), "one TypeScript name for two Rust types: {:?}", found.clashes);
    }

    #[test]
    fn the_typescript_says_what_the_json_carries() {
        let ts = typescript();
        assert!(!ts.contains("bigint"), "integers are numbers in JSON");
        assert!(ts.starts_with("// Generated"), "the file says it is generated");
        // One name per concept: a version number is `version` everywhere.
        assert!(!ts.contains("number: number"), "no field is called `number`");
        // Words are spelled as serde sends them.
        assert!(ts.contains(r#"export type Lang = "en" | "fr";"#), "{ts}");
        assert!(ts.contains(r#""old_schema""#), "index status in snake case");
        // Optional values are present and null, as serde writes them.
        assert!(ts.contains("version_in_force: number | null"), "Option is `| null`");
        let names: Vec<&str> = ts.lines().filter_map(|l| l.strip_prefix("export type ")).map(|l| l.split([' ', '<']).next().unwrap_or("")).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "declarations sorted by name");
        assert_eq!(ts, typescript(), "deterministic");
    }
}
