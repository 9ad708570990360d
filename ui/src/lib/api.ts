// The one door between the interface and the Rust core. Components import
// these functions and types, never `@tauri-apps/api` itself, so tests can
// replace this module with a mock. Every error that crosses IPC is an
// `ApiError` with a stable `code` to branch on, and a message `key` with
// `params` that lib/messages.ts words in the interface language.

import { invoke, Channel } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { open as openDialog, save as saveDialog } from "@tauri-apps/plugin-dialog";
import { openPath } from "@tauri-apps/plugin-opener";
import type { IpcError, Message } from "./bindings";

export type { Message };

// Payload types are generated from the core's Rust types (src/bindings.rs)
// into ./bindings, so a renamed or retyped field fails the type check here
// instead of drifting. Re-exported so components import from this module only.
import type {
  AppStateView,
  AutomaticBackup,
  BackupInfo,
  Campaign,
  Chamber,
  Conflict,
  DraftRequest,
  Engagement,
  EngagementKind,
  ExportReport,
  ExportSettings,
  ExportStep,
  ImportRequest,
  NewEngagementRequest,
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
  MenuLabels,
  Official,
  Packet,
  PaperSize,
  Paper,
  PaperVersion,
  PaperView,
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
  MenuLabels,
  Official,
  Packet,
  PaperSize,
  Paper,
  PaperVersion,
  PaperView,
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

export type SaveKind = "pdf" | "csv" | "backup";

const SAVE_FILTERS: Record<SaveKind, { name: string; extensions: string[] }> = {
  pdf: { name: "PDF", extensions: ["pdf"] },
  csv: { name: "CSV", extensions: ["csv"] },
  backup: { name: "Dossier backup", extensions: ["dossier-backup"] },
};

/** Files the importer reads. */
export const IMPORT_EXTENSIONS = ["md", "markdown", "txt", "html", "htm", "docx", "odt", "pdf"];

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
  /** Asks the user for a folder; `null` when they cancel. */
  pickFolder: async (title: string): Promise<string | null> => {
    const picked = await openDialog({ directory: true, multiple: false, title });
    return typeof picked === "string" ? picked : null;
  },
  /** Calls `handler` with the id of each menu item the user chooses. */
  onMenu: (handler: (id: string) => void): Promise<() => void> =>
    listen<string>("menu", (event) => handler(event.payload)),
  /** Calls `handler` with each message the app sends unasked (e.g. a failed automatic backup). */
  onNotice: (handler: (message: Message) => void): Promise<() => void> =>
    listen<Message>("notice", (event) => handler(event.payload)),
  /** Rebuilds the native menu in `lang` with the dictionary's words, so it names things as the sidebar does. */
  setLanguage: (lang: Lang, labels: MenuLabels) => invoke<void>("set_language", { lang, labels }),
  appState: () => invoke<AppState>("app_state"),
  openLibrary: (path: string) => invoke<LibraryInfo>("open_library", { path }),
  createLibrary: (path: string) => invoke<LibraryInfo>("create_library", { path }),
  createSampleLibrary: (path: string) => invoke<LibraryInfo>("create_sample_library", { path }),

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
  addPacketItem: (packet: number, paper: number, version: number | null) =>
    wrote(invoke<Packet>("add_packet_item", { packet, paper, version })),
  removePacketItem: (packet: number, item: number) => wrote(invoke<Packet>("remove_packet_item", { packet, item })),
  movePacketItem: (packet: number, item: number, position: number) =>
    wrote(invoke<Packet>("move_packet_item", { packet, item, position })),
  pinPacketItem: (packet: number, item: number, version: number | null) =>
    wrote(invoke<Packet>("pin_packet_item", { packet, item, version })),
  setPacketNotes: (packet: number, notes: string) => wrote(invoke<Packet>("set_packet_notes", { packet, notes })),
  previewPacket: (packet: number, settings: ExportSettings) => invoke<PacketPreview>("preview_packet", { packet, settings }),
  /** Exports to `path`, reporting each step to `onProgress`. */
  exportPacket: (packet: number, path: string, settings: ExportSettings, onProgress: (p: ExportProgress) => void) => {
    const channel = new Channel<ExportProgress>();
    channel.onmessage = onProgress;
    return wrote(invoke<ExportReport>("export_packet", { packet, path, settings, progress: channel }));
  },
  cancelExport: () => invoke<void>("cancel_export"),
  /** Exports to a temporary file and opens it in the system viewer to print. */
  printPacket: (packet: number, settings: ExportSettings) => wrote(invoke<ExportReport>("print_packet", { packet, settings })),
  /** Asks where to save a file of `kind`; `null` when the user cancels. */
  pickSavePath: (title: string, defaultName: string, kind: SaveKind = "pdf") =>
    saveDialog({ title, defaultPath: defaultName, filters: [SAVE_FILTERS[kind]] }),
  /** Opens a file (an exported PDF) in the system's viewer. */
  openFile: (path: string) => openPath(path),

  listCampaigns: () => invoke<Campaign[]>("list_campaigns"),
  /** Engagements of one campaign, or every engagement when `campaign` is null. */
  listEngagements: (campaign: number | null) => invoke<Engagement[]>("list_engagements", { campaign }),
  listOfficials: () => invoke<Official[]>("list_officials"),
  getOfficial: (id: number) => invoke<OfficialView>("get_official", { id }),
  addEngagement: (input: NewEngagementInput) => wrote(invoke<Engagement>("add_engagement", { input })),

  /** Asks for files to import; `null` when the user cancels. */
  pickImportFiles: async (title: string): Promise<string[] | null> => {
    const picked = await openDialog({
      title,
      multiple: true,
      filters: [{ name: "Documents", extensions: IMPORT_EXTENSIONS }],
    });
    if (picked === null) return null;
    return Array.isArray(picked) ? picked : [picked];
  },
  /** Imports files and folders (walked), one transaction per file, reporting each file to `onProgress`. */
  importPaths: (paths: string[], options: ImportOptionsInput, onProgress: (p: ImportProgress) => void) => {
    const channel = new Channel<ImportProgress>();
    channel.onmessage = onProgress;
    return wrote(invoke<ImportSummary>("import_paths", { paths, options, progress: channel }));
  },
  /** Stops a running import after the file it is on; what was imported stays. */
  cancelImport: () => invoke<void>("cancel_import"),

  lobbyingReport: (month: string) => invoke<LobbyingReport>("lobbying_report", { month }),
  exportLobbyingReport: (month: string, format: ReportFormat, path: string) =>
    invoke<SavedFile>("export_lobbying_report", { month, format, path }),

  librarySettings: () => invoke<LibrarySettings>("library_settings"),
  setLibrarySetting: (key: keyof LibrarySettings, value: string) =>
    wrote(invoke<LibrarySettings>("set_library_setting", { key, value })),
  backup: (path: string) => invoke<BackupInfo>("backup", { path }),
  listBackups: () => invoke<AutomaticBackup[]>("list_backups"),
  checkIndex: () => invoke<IndexCheck>("check_index"),
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
  /** Starts a team library in `folder`, or joins the one it holds (the open library must then be empty). */
  syncSetup: (request: SetupRequest) => invoke<SetupReport>("sync_setup", { request }),
  /** Leaves the team library (changes made here are written out first); the library stays, standing alone. */
  leaveTeam: () => invoke<SyncStatus>("leave_team"),
  /** Values that lost to another device's change; brought-back ones too when `all`. */
  syncConflicts: (all = false) => invoke<Conflict[]>("sync_conflicts", { all }),
  /** Brings a value that lost back, as a new change. */
  keepConflict: (id: number) => wrote(invoke<Conflict>("keep_conflict", { id })),
  /** Writes or refreshes the public copy (published papers only, opened read-only) in `dir`. */
  publicCopy: (dir: string) => invoke<PublicCopy>("public_copy", { dir }),
};

export type Api = typeof api;
