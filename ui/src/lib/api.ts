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

export type Lang = "en" | "fr";
export type Status = "draft" | "published" | "archived";
export type Chamber = "house" | "senate" | "staff";
export type EngagementKind = "meeting" | "call" | "letter" | "mailing";

/** `code` to branch on, `key` and `params` to word, `message` in English as a fallback. */
export type ApiError = IpcError;

export function isApiError(e: unknown): e is ApiError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

export interface LibraryInfo {
  path: string;
  papers: number;
  campaigns: number;
  officials: number;
  engagements: number;
  /** Set when the folder is on a cloud-synced or network drive, where SQLite files get damaged. */
  location_warning: Message | null;
  /** The library could only be opened for reading (read-only media or folder). */
  read_only: boolean;
}

export interface AppState {
  library: LibraryInfo | null;
  default_path: string;
  user_name: string;
  /** Why the library asked for at start could not be opened, if it could not. */
  open_error: ApiError | null;
}

export interface Paper {
  id: number;
  title: string;
  lang: Lang;
  status: Status;
  tags: string[];
  latest_version: number;
  version_in_force: number | null;
  translation_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface PaperVersion {
  paper_id: number;
  number: number;
  title: string;
  summary: string;
  body: string;
  author: string;
  note: string;
  restored_from: number | null;
  created_at: string;
}

export interface VersionInfo {
  number: number;
  title: string;
  author: string;
  note: string;
  restored_from: number | null;
  created_at: string;
  words: number;
  published_at: string[];
}

export interface PaperView {
  paper: Paper;
  version: PaperVersion;
  html: string;
  history: VersionInfo[];
  translation: Paper | null;
}

export interface Segment {
  kind: "equal" | "insert" | "delete";
  text: string;
}

export interface WordDiff {
  segments: Segment[];
  words_inserted: number;
  words_deleted: number;
}

export interface VersionDiff {
  paper_id: number;
  from: number;
  to: number;
  title: WordDiff;
  summary: WordDiff;
  body: WordDiff;
}

export interface DraftInput {
  title: string;
  summary: string;
  body: string;
  note: string;
  author: string;
}

export interface NewPaperInput extends DraftInput {
  lang: Lang;
  tags: string[];
}

export interface Campaign {
  id: number;
  title: string;
  started_on: string;
  ended_on: string | null;
  summary: string;
  description: string;
  outcome: string;
  tags: string[];
  paper_ids: number[];
  engagements: number;
}

export interface Role {
  title: string;
  branch: string;
  institution: string;
  started_on: string;
  ended_on: string | null;
}

export interface Official {
  id: number;
  given_name: string;
  family_name: string;
  name: string;
  chamber: Chamber;
  party: string;
  constituency: string;
  title: string;
  roles: Role[];
  engagements: number;
}

export interface Engagement {
  id: number;
  kind: EngagementKind;
  date: string;
  time: string | null;
  place: string;
  campaign_id: number | null;
  campaign_title: string | null;
  subject: string;
  notes: string;
  follow_ups: string;
  reportable: boolean;
  officials: { official_id: number; name: string }[];
  papers: { paper_id: number; number: number; title: string }[];
}

export interface OfficialView {
  official: Official;
  engagements: Engagement[];
  /** The meetings and calls among them a packet can be prepared for (the core decides which). */
  meetings: Engagement[];
}

export interface NewEngagementInput {
  kind: EngagementKind;
  date: string;
  time: string | null;
  place: string;
  campaign_id: number | null;
  subject: string;
  notes: string;
  follow_ups: string;
  reportable: boolean | null;
  official_ids: number[];
}

export type SearchKind = "paper" | "campaign" | "engagement";

export interface SearchRequest {
  query: string;
  as_you_type: boolean;
  kind: SearchKind | null;
  from_year: number | null;
  to_year: number | null;
  lang: Lang | null;
  tag: string | null;
  status: Status | null;
  official: number | null;
  all_versions: boolean;
  as_of: string | null;
  limit: number;
}

export interface SearchHit {
  kind: SearchKind;
  id: number;
  version: number | null;
  title: string;
  date: string;
  year: number;
  lang: Lang;
  score: number;
  snippet: { text: string; hit: boolean }[];
}

export interface SearchResults {
  query: string;
  total: number;
  hits: SearchHit[];
  facets: { kind: Record<string, number>; year: Record<string, number>; lang: Record<string, number>; tag: Record<string, number> };
  fuzzy: boolean;
  corrected: string | null;
  took_us: number;
}

export interface PacketItem {
  id: number;
  position: number;
  paper_id: number;
  title: string;
  pinned_version: number | null;
}

export interface Packet {
  id: number;
  title: string;
  official_id: number | null;
  engagement_id: number | null;
  meeting_on: string | null;
  prepared_by: string;
  notes: string;
  items: PacketItem[];
  created_at: string;
  updated_at: string;
}

export interface NewPacketInput {
  title: string;
  official_id: number | null;
  engagement_id: number | null;
  meeting_on: string | null;
  prepared_by: string;
}

export interface PacketPreview {
  pages: number;
  draft: boolean;
}

export interface ExportSettings {
  paper: "letter" | "a4";
  lang: Lang;
}

export interface ExportReport {
  export_id: number;
  path: string;
  pages: number;
  bytes: number;
  draft: boolean;
}

/** A step of a running export, as the shell reports it. */
/** A step of an export: paper `done` of `total` laid out, page `done` of `total` written, or done. */
export type ExportProgress =
  | { stage: "layout"; done: number; total: number }
  | { stage: "writing"; done: number; total: number }
  | { stage: "done"; pages: number };


/** What importing a file did, one line per file. */
export interface ImportLine {
  path: string;
  status: "imported" | "duplicate" | "refused";
  paper_id: number | null;
  version: number | null;
  title: string | null;
  lang: Lang | null;
  format: string | null;
  /** Why a file was refused, or a note on how it was read (e.g. the encoding assumed), in English. */
  message: string | null;
  /** The same, as messages to word in the interface language. */
  notes: Message[];
}

export interface ImportOptionsInput {
  lang: Lang | null;
  tags: string[];
  dry_run: boolean;
  author: string;
}

/** A step of a running import: `done` of `total` files, working on `path`. */
export interface ImportProgress {
  done: number;
  total: number;
  path: string | null;
}

export interface ImportSummary {
  lines: ImportLine[];
  cancelled: boolean;
}

/** One row of the monthly communication report: an office holder at one engagement. */
export interface ReportRow {
  date: string;
  engagement_id: number;
  kind: EngagementKind;
  official_id: number;
  last_name: string;
  first_name: string;
  position_title: string;
  branch: string;
  institution: string;
  subject_matters: string;
  campaign: string | null;
  registrant: string;
  warnings: Message[];
}

/** An engagement flagged reportable that this report does not carry (a letter, a mailing). */
export interface NotReported {
  engagement_id: number;
  date: string;
  kind: EngagementKind;
  officials: string[];
  subject: string;
  reason: Message;
}

/** Something to fix before filing, with a stable `kind`. */
export interface ReportWarning {
  kind: "no_position_title" | "no_institution" | "no_registrant" | "not_oral" | "no_office_holder";
  engagement_id: number | null;
  date: string | null;
  official_id: number | null;
  official: string | null;
  message: Message;
}

export interface LobbyingReport {
  month: string;
  month_name: string;
  organisation: string | null;
  registrant: string | null;
  /** The filing deadline: the 15th of the following month. */
  deadline: string;
  today: string;
  /** Days from today to the deadline; negative once it has passed. */
  days_left: number;
  rows: ReportRow[];
  not_reported: NotReported[];
  warnings: ReportWarning[];
}

export interface SavedFile {
  path: string;
  bytes: number;
}

/** Settings kept in the library itself, shared by everyone who opens it. */
export interface LibrarySettings {
  organisation: string | null;
  registrant: string | null;
}

/** A backup the library made by itself. */
export interface AutomaticBackup {
  path: string;
  kind: "daily" | "before_migration";
  bytes: number;
  made_at: string;
}

/** The search index as the core found it. */
export interface IndexCheck {
  status: "ok" | "missing" | "stale" | "damaged" | "unreadable" | "old_schema" | "diverged";
  detail: string;
  documents: number;
}

export interface ReindexProgress {
  done: number;
  total: number;
}

export interface ReindexReport {
  documents: number;
  took_ms: number;
}

export type SaveKind = "pdf" | "csv" | "backup";

const SAVE_FILTERS: Record<SaveKind, { name: string; extensions: string[] }> = {
  pdf: { name: "PDF", extensions: ["pdf"] },
  csv: { name: "CSV", extensions: ["csv"] },
  backup: { name: "Dossier backup", extensions: ["dossier-backup"] },
};

/** Files the importer reads. */
export const IMPORT_EXTENSIONS = ["md", "markdown", "txt", "html", "htm", "docx", "odt", "pdf"];

export const api = {
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
  setLanguage: (lang: Lang) => invoke<void>("set_language", { lang }),
  appState: () => invoke<AppState>("app_state"),
  openLibrary: (path: string) => invoke<LibraryInfo>("open_library", { path }),
  createLibrary: (path: string) => invoke<LibraryInfo>("create_library", { path }),
  createSampleLibrary: (path: string) => invoke<LibraryInfo>("create_sample_library", { path }),

  listPapers: () => invoke<Paper[]>("list_papers"),
  getPaper: (id: number, version: number | null = null) => invoke<PaperView>("get_paper", { id, version }),
  addPaper: (input: NewPaperInput) => invoke<PaperVersion>("add_paper", { input }),
  saveVersion: (id: number, input: DraftInput) => invoke<PaperVersion>("save_version", { id, input }),
  restoreVersion: (id: number, version: number, author: string, note: string) =>
    invoke<PaperVersion>("restore_version", { id, version, author, note }),
  publishVersion: (id: number, version: number | null) => invoke<Publication>("publish_version", { id, version }),
  diffVersions: (id: number, from: number, to: number) => invoke<VersionDiff>("diff_versions", { id, from, to }),
  renderMarkdown: (text: string) => invoke<string>("render_markdown", { text }),

  search: (request: SearchRequest) => invoke<SearchResults>("search", { request }),
  getEngagement: (id: number) => invoke<Engagement>("get_engagement", { id }),

  listPackets: () => invoke<Packet[]>("list_packets"),
  getPacket: (id: number) => invoke<Packet>("get_packet", { id }),
  createPacket: (input: NewPacketInput) => invoke<Packet>("create_packet", { input }),
  addPacketItem: (packet: number, paper: number, version: number | null) =>
    invoke<Packet>("add_packet_item", { packet, paper, version }),
  removePacketItem: (packet: number, item: number) => invoke<Packet>("remove_packet_item", { packet, item }),
  movePacketItem: (packet: number, item: number, position: number) =>
    invoke<Packet>("move_packet_item", { packet, item, position }),
  pinPacketItem: (packet: number, item: number, version: number | null) =>
    invoke<Packet>("pin_packet_item", { packet, item, version }),
  setPacketNotes: (packet: number, notes: string) => invoke<Packet>("set_packet_notes", { packet, notes }),
  previewPacket: (packet: number, settings: ExportSettings) => invoke<PacketPreview>("preview_packet", { packet, settings }),
  /** Exports to `path`, reporting each step to `onProgress`. */
  exportPacket: (packet: number, path: string, settings: ExportSettings, onProgress: (p: ExportProgress) => void) => {
    const channel = new Channel<ExportProgress>();
    channel.onmessage = onProgress;
    return invoke<ExportReport>("export_packet", { packet, path, settings, progress: channel });
  },
  cancelExport: () => invoke<void>("cancel_export"),
  /** Exports to a temporary file and opens it in the system viewer to print. */
  printPacket: (packet: number, settings: ExportSettings) => invoke<ExportReport>("print_packet", { packet, settings }),
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
  addEngagement: (input: NewEngagementInput) => invoke<Engagement>("add_engagement", { input }),

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
    return invoke<ImportSummary>("import_paths", { paths, options, progress: channel });
  },
  /** Stops a running import after the file it is on; what was imported stays. */
  cancelImport: () => invoke<void>("cancel_import"),

  lobbyingReport: (month: string) => invoke<LobbyingReport>("lobbying_report", { month }),
  exportLobbyingReport: (month: string, format: "csv" | "pdf", path: string) =>
    invoke<SavedFile>("export_lobbying_report", { month, format, path }),

  librarySettings: () => invoke<LibrarySettings>("library_settings"),
  setLibrarySetting: (key: keyof LibrarySettings, value: string) => invoke<LibrarySettings>("set_library_setting", { key, value }),
  backup: (path: string) => invoke<BackupInfo>("backup", { path }),
  listBackups: () => invoke<AutomaticBackup[]>("list_backups"),
  checkIndex: () => invoke<IndexCheck>("check_index"),
  /** Rebuilds the search index from the database, reporting progress. */
  reindex: (onProgress: (p: ReindexProgress) => void) => {
    const channel = new Channel<ReindexProgress>();
    channel.onmessage = onProgress;
    return invoke<ReindexReport>("reindex", { progress: channel });
  },
};

export type Api = typeof api;
