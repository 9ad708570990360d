// The one door between the interface and the Rust core. Components import
// these functions and types, never `@tauri-apps/api` itself, so tests can
// replace this module with a mock. Every error that crosses IPC is an
// `ApiError` with a stable `code` to branch on, and a message `key` with
// `params` that lib/messages.ts words in the interface language.

import { invoke, Channel } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { IpcError, Message } from "./bindings";

export type { Message };

// Payload types are generated from the core's Rust types (src/bindings.rs)
// into ./bindings, so a renamed or retyped field fails the type check here
// instead of drifting. Re-exported so components import from this module only.
import type {
  About,
  AboutLibrary,
  AppStateView,
  DayRequest,
  DayStep,
  DayView,
  Debrief,
  PlannedDay,
  AutomaticBackup,
  BackupInfo,
  Campaign,
  Chamber,
  ChosenPlace,
  Conflict,
  DraftRequest,
  Engagement,
  EngagementKind,
  ExportReport,
  ExportSettings,
  ExportStep,
  ImportPlan,
  ImportRequest,
  NewEngagementRequest,
  OfficialImportRequest,
  NewPacketRequest,
  NewPaperRequest,
  ImportLine,
  ImportProgress,
  ImportSummary,
  LibraryView,
  OfficialView,
  PacketPreview,
  ReindexProgress,
  SavedFile,
  ImportStatus,
  IndexCheck,
  Lang,
  LibrarySettings,
  LibrarySummary,
  LobbyingReport,
  DifferenceField,
  FieldDifference,
  FiledCommunication,
  LoggedCommunication,
  MatchedCommunication,
  MonthReconciliation,
  Reconciliation,
  SubjectMatter,
  SupportFolder,
  MenuLabels,
  Official,
  ItemAdded,
  Packet,
  PaperSize,
  Paper,
  PaperVersion,
  PaperView,
  PlacePurpose,
  Publication,
  PublicCopy,
  ReindexReport,
  ReportFormat,
  SearchRequest,
  SearchResults,
  SetupReport,
  SetupRequest,
  SyncReport,
  SyncStatus,
  VersionDiff,
} from "./bindings";

export type {
  About,
  AboutLibrary,
  DayRequest,
  DayStep,
  DayView,
  Debrief,
  PlannedDay,
  SupportFolder,
  AppStateView,
  AutomaticBackup,
  ExportSettings,
  OfficialView,
  PacketPreview,
  ReindexProgress,
  SavedFile,
  BackupInfo,
  Campaign,
  Chamber,
  ChosenPlace,
  Conflict,
  Engagement,
  EngagementKind,
  ExportReport,
  ImportLine,
  ImportProgress,
  ImportStatus,
  ImportSummary,
  IndexCheck,
  Lang,
  LibrarySettings,
  LibrarySummary,
  LobbyingReport,
  DifferenceField,
  FieldDifference,
  FiledCommunication,
  LoggedCommunication,
  MatchedCommunication,
  MonthReconciliation,
  Reconciliation,
  SubjectMatter,
  MenuLabels,
  Official,
  ItemAdded,
  Packet,
  PaperSize,
  Paper,
  PaperVersion,
  PaperView,
  PlacePurpose,
  Publication,
  PublicCopy,
  ReindexReport,
  ReportFormat,
  SearchRequest,
  SearchResults,
  SetupReport,
  SetupRequest,
  SyncReport,
  SyncStatus,
  VersionDiff,
};
export type {
  DeviceView,
  ExportedVersion,
  Facets,
  NotReported,
  PacketItem,
  Participant,
  ReportRow,
  ReportWarning,
  Role,
  SearchHit,
  SearchKind,
  Segment,
  SegmentKind,
  SetupKind,
  SnippetPart,
  Status,
  VersionInfo,
  VersionRef,
  WarningKind,
  WordDiff,
} from "./bindings";

/** `code` to branch on, `key` and `params` to word, `message` in English as a fallback. */
export type ApiError = IpcError;

export function isApiError(e: unknown): e is ApiError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** The open library: what it holds, and what the user must be told about where it sits. */
export type LibraryInfo = LibraryView;

/** What the window needs to know at start. */
export type AppState = AppStateView;

/** What the forms send; generated from the core's request types. */
export type DraftInput = DraftRequest;
export type NewPaperInput = NewPaperRequest;
export type NewEngagementInput = NewEngagementRequest;
export type NewPacketInput = NewPacketRequest;
export type ImportOptionsInput = ImportRequest;

/** A step of an export, reported from inside the core. */
export type ExportProgress = ExportStep;

// Everyone who wants to know that the library was just written to (the team
// library's sync, a few seconds later). Only calls that change shared records
// tell them, and only when they succeed.
const writeListeners = new Set<() => void>();

/** `call` (a write), telling the write listeners once it has succeeded. */
async function wrote<T>(call: Promise<T>): Promise<T> {
  const result = await call;
  for (const listener of writeListeners) listener();
  return result;
}

export const api = {
  /** Calls `handler` after each successful write; returns the function that stops it. */
  onWrite: (handler: () => void): (() => void) => {
    writeListeners.add(handler);
    return () => writeListeners.delete(handler);
  },
  /**
   * Asks the user for a place in the system's dialog, opened by the app (the
   * page never names a path): a folder, files to import, or a file to save.
   * Resolves to what they chose, known by id and shown by name; `null` when
   * they cancel. `suggestedName` is the file name a save dialog proposes.
   */
  choose: async (purpose: PlacePurpose, title: string, suggestedName: string | null = null): Promise<ChosenPlace | null> =>
    (await invoke<ChosenPlace[]>("choose_places", { purpose, title, suggestedName }))[0] ?? null,
  /** The same, for several files at once (`import_files`); empty when they cancel. */
  chooseMany: (purpose: PlacePurpose, title: string) =>
    invoke<ChosenPlace[]>("choose_places", { purpose, title, suggestedName: null }),
  /** Opens a file the app wrote to a chosen place (a PDF, a report) in the system's viewer. */
  openPlace: (place: string) => invoke<void>("open_place", { place }),
  /** Opens a web or mail link in the system's browser or mail program (http, https and mailto only). */
  openLink: (url: string) => invoke<void>("open_link", { url }),
  /** Calls `handler` with the id of each menu item the user chooses. */
  onMenu: (handler: (id: string) => void): Promise<() => void> =>
    listen<string>("menu", (event) => handler(event.payload)),
  /** Calls `handler` with each message the app sends unasked (e.g. a failed automatic backup). */
  onNotice: (handler: (message: Message) => void): Promise<() => void> =>
    listen<Message>("notice", (event) => handler(event.payload)),
  /** Rebuilds the native menu in `lang` with the dictionary's words, so it names things as the sidebar does. */
  setLanguage: (lang: Lang, labels: MenuLabels) => invoke<void>("set_language", { lang, labels }),
  appState: () => invoke<AppState>("app_state"),
  /** Opens the library in a folder chosen with `choose("open_library", …)`. */
  openLibrary: (place: string) => invoke<LibraryInfo>("open_library", { place }),
  /** Creates an empty library in a folder chosen for `new_library`, or in the default folder when `null`. */
  createLibrary: (place: string | null) => invoke<LibraryInfo>("create_library", { place }),
  /** Creates the sample library in a folder chosen for `new_library`, or in the default folder when `null`. */
  createSampleLibrary: (place: string | null) => invoke<LibraryInfo>("create_sample_library", { place }),

  listPapers: () => invoke<Paper[]>("list_papers"),
  getPaper: (id: number, version: number | null = null) => invoke<PaperView>("get_paper", { id, version }),
  addPaper: (input: NewPaperInput) => wrote(invoke<PaperVersion>("add_paper", { input })),
  saveVersion: (id: number, input: DraftInput) => wrote(invoke<PaperVersion>("save_version", { id, input })),
  restoreVersion: (id: number, version: number, author: string, note: string) =>
    wrote(invoke<PaperVersion>("restore_version", { id, version, author, note })),
  publishVersion: (id: number, version: number | null) => wrote(invoke<Publication>("publish_version", { id, version })),
  diffVersions: (id: number, from: number, to: number) => invoke<VersionDiff>("diff_versions", { id, from, to }),
  renderMarkdown: (text: string) => invoke<string>("render_markdown", { text }),

  search: (request: SearchRequest) => invoke<SearchResults>("search", { request }),
  getEngagement: (id: number) => invoke<Engagement>("get_engagement", { id }),

  listPackets: () => invoke<Packet[]>("list_packets"),
  getPacket: (id: number) => invoke<Packet>("get_packet", { id }),
  createPacket: (input: NewPacketInput) => wrote(invoke<Packet>("create_packet", { input })),
  /** The packet with the paper added, and warnings to show now (a paper
   *  with no published version yet cannot be printed). */
  addPacketItem: (packet: number, paper: number, version: number | null) =>
    wrote(invoke<ItemAdded>("add_packet_item", { packet, paper, version })),
  removePacketItem: (packet: number, item: number) => wrote(invoke<Packet>("remove_packet_item", { packet, item })),
  movePacketItem: (packet: number, item: number, position: number) =>
    wrote(invoke<Packet>("move_packet_item", { packet, item, position })),
  pinPacketItem: (packet: number, item: number, version: number | null) =>
    wrote(invoke<Packet>("pin_packet_item", { packet, item, version })),
  setPacketNotes: (packet: number, notes: string) => wrote(invoke<Packet>("set_packet_notes", { packet, notes })),
  previewPacket: (packet: number, settings: ExportSettings) => invoke<PacketPreview>("preview_packet", { packet, settings }),
  /** Exports to a file chosen for `save_pdf`, reporting each step to `onProgress`. */
  exportPacket: (packet: number, place: string, settings: ExportSettings, onProgress: (p: ExportProgress) => void) => {
    const channel = new Channel<ExportProgress>();
    channel.onmessage = onProgress;
    return wrote(invoke<ExportReport>("export_packet", { packet, place, settings, progress: channel }));
  },
  /** Stops the export or Hill day running now, before its files are written. */
  cancelExport: () => invoke<void>("cancel_export"),
  /** Days holding meetings or calls, from a week ago on. */
  plannedDays: () => invoke<PlannedDay[]>("planned_days"),
  /** The meetings and calls of one day, in the order of the day. */
  dayMeetings: (date: string) => invoke<Engagement[]>("day_meetings", { date }),
  /** Prints a Hill day into a folder chosen for `day_folder`, reporting each step to `onProgress`. */
  prepareDay: (place: string, request: DayRequest, onProgress: (p: DayStep) => void) => {
    const channel = new Channel<DayStep>();
    channel.onmessage = onProgress;
    return wrote(invoke<DayView>("prepare_day", { place, request, progress: channel }));
  },
  /** Records a meeting's outcome, follow-ups and whether it is reported. */
  debriefEngagement: (id: number, debrief: Debrief) => wrote(invoke<Engagement>("debrief_engagement", { id, debrief })),
  /** Exports to a temporary file and opens it in the system viewer to print. */
  printPacket: (packet: number, settings: ExportSettings) => wrote(invoke<ExportReport>("print_packet", { packet, settings })),

  listCampaigns: () => invoke<Campaign[]>("list_campaigns"),
  /** Engagements of one campaign, or every engagement when `campaign` is null. */
  listEngagements: (campaign: number | null) => invoke<Engagement[]>("list_engagements", { campaign }),
  listOfficials: () => invoke<Official[]>("list_officials"),
  getOfficial: (id: number) => invoke<OfficialView>("get_official", { id }),
  /** What importing Parliament's files (chosen for `parliament_files`) would do; writes nothing. */
  planOfficialImport: (places: string[], options: OfficialImportRequest) =>
    invoke<ImportPlan>("plan_official_import", { places, options }),
  /** Imports Parliament's files in one transaction; resolves to what was done. */
  importOfficials: (places: string[], options: OfficialImportRequest) =>
    invoke<ImportPlan>("import_officials", { places, options }),
  addEngagement: (input: NewEngagementInput) => wrote(invoke<Engagement>("add_engagement", { input })),

  /** Imports chosen files and folders (walked), one transaction per file, reporting each file to `onProgress`. */
  importPaths: (places: string[], options: ImportOptionsInput, onProgress: (p: ImportProgress) => void) => {
    const channel = new Channel<ImportProgress>();
    channel.onmessage = onProgress;
    return wrote(invoke<ImportSummary>("import_paths", { places, options, progress: channel }));
  },
  /** Stops a running import after the file it is on; what was imported stays. */
  cancelImport: () => invoke<void>("cancel_import"),

  lobbyingReport: (month: string) => invoke<LobbyingReport>("lobbying_report", { month }),
  /** Writes the report to a file chosen for `save_csv` or `save_pdf` (as `format`). */
  exportLobbyingReport: (month: string, format: ReportFormat, place: string) =>
    invoke<SavedFile>("export_lobbying_report", { month, format, place }),
  /** Our log checked against the Registry's files in a folder chosen for `registry_folder`; every month they hold when `month` is null. */
  reconcileRegistry: (place: string, month: string | null) =>
    invoke<Reconciliation>("reconcile_registry", { place, month }),
  /** The Registry's subject matters the library knows, in code order. */
  subjectMatters: () => invoke<SubjectMatter[]>("subject_matters"),
  /** Replaces an engagement's subject matters (codes such as `SMT-17`). */
  setEngagementSubjects: (id: number, codes: string[]) =>
    wrote(invoke<Engagement>("set_engagement_subjects", { id, codes })),

  librarySettings: () => invoke<LibrarySettings>("library_settings"),
  setLibrarySetting: (key: keyof LibrarySettings, value: string) =>
    wrote(invoke<LibrarySettings>("set_library_setting", { key, value })),
  /** Writes a backup to a file chosen for `save_backup`. */
  backup: (place: string) => invoke<BackupInfo>("backup", { place }),
  listBackups: () => invoke<AutomaticBackup[]>("list_backups"),
  checkIndex: () => invoke<IndexCheck>("check_index"),
  /**
   * Readies search in the background so the first keystroke is as quick as
   * the rest; answers with a page of hits for the palette's rehearsal.
   */
  warmSearch: () => invoke<SearchResults>("warm_search"),
  /** Rebuilds the search index from the database, reporting progress. */
  reindex: (onProgress: (p: ReindexProgress) => void) => {
    const channel = new Channel<ReindexProgress>();
    channel.onmessage = onProgress;
    return invoke<ReindexReport>("reindex", { progress: channel });
  },

  /** Where this device stands in its team library (`in_team` false for a library alone). */
  syncStatus: () => invoke<SyncStatus>("sync_status"),
  /** Writes this device's changes to the team folder and applies the others'. */
  syncNow: () => invoke<SyncReport>("sync_now"),
  /** Starts a team library in a folder chosen for `team_folder`, or joins the one it holds (the open library must then be empty). */
  syncSetup: (place: string, request: SetupRequest) => invoke<SetupReport>("sync_setup", { place, request }),
  /** Leaves the team library (changes made here are written out first); the library stays, standing alone. */
  leaveTeam: () => invoke<SyncStatus>("leave_team"),
  /** Values that lost to another device's change; brought-back ones too when `all`. */
  syncConflicts: (all = false) => invoke<Conflict[]>("sync_conflicts", { all }),
  /** Brings a value that lost back, as a new change. */
  keepConflict: (id: number) => wrote(invoke<Conflict>("keep_conflict", { id })),
  /** Writes or refreshes the public copy (published papers only, opened read-only) in a folder chosen for `public_copy`. */
  publicCopy: (place: string) => invoke<PublicCopy>("public_copy", { place }),

  /** Help → About: the version, the schema, the open library and the log (folders by name). */
  about: () => invoke<About>("about"),
  /** Shows the library's folder or the log's in the system's file manager. */
  showSupportFolder: (folder: SupportFolder) => invoke<void>("show_support_folder", { folder }),
  /** Writes the problem report to a file chosen for `save_problem_report`. */
  saveProblemReport: (place: string) => invoke<SavedFile>("save_problem_report", { place }),
};

export type Api = typeof api;
