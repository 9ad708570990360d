// The one door between the interface and the Rust core. Components import
// these functions and types, never `@tauri-apps/api` itself, so tests can
// replace this module with a mock. Every error that crosses IPC is an
// `ApiError` with a stable `code` to branch on.

import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { open as openDialog } from "@tauri-apps/plugin-dialog";

export type Lang = "en" | "fr";
export type Status = "draft" | "published" | "archived";
export type Chamber = "house" | "senate" | "staff";
export type EngagementKind = "meeting" | "call" | "letter" | "mailing";

export interface ApiError {
  code: string;
  message: string;
}

export function isApiError(e: unknown): e is ApiError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

export interface LibraryInfo {
  path: string;
  papers: number;
  campaigns: number;
  officials: number;
  engagements: number;
}

export interface AppState {
  library: LibraryInfo | null;
  default_path: string;
  user_name: string;
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

export const api = {
  /** Asks the user for a folder; `null` when they cancel. */
  pickFolder: async (title: string): Promise<string | null> => {
    const picked = await openDialog({ directory: true, multiple: false, title });
    return typeof picked === "string" ? picked : null;
  },
  /** Calls `handler` with the id of each menu item the user chooses. */
  onMenu: (handler: (id: string) => void): Promise<() => void> =>
    listen<string>("menu", (event) => handler(event.payload)),
  setLanguage: (lang: Lang) => invoke<void>("set_language", { lang }),
  appState: () => invoke<AppState>("app_state"),
  openLibrary: (path: string) => invoke<LibraryInfo>("open_library", { path }),
  createLibrary: (path: string) => invoke<LibraryInfo>("create_library", { path }),
  createSampleLibrary: (path: string) => invoke<LibraryInfo>("create_sample_library", { path }),

  listPapers: () => invoke<Paper[]>("list_papers"),
  getPaper: (id: number, version: number | null = null) => invoke<PaperView>("get_paper", { id, version }),
  createPaper: (input: NewPaperInput) => invoke<PaperVersion>("create_paper", { input }),
  saveVersion: (id: number, input: DraftInput) => invoke<PaperVersion>("save_version", { id, input }),
  restoreVersion: (id: number, number: number, author: string, note: string) =>
    invoke<PaperVersion>("restore_version", { id, number, author, note }),
  publishVersion: (id: number, number: number | null) => invoke<void>("publish_version", { id, number }),
  diffVersions: (id: number, from: number, to: number) => invoke<VersionDiff>("diff_versions", { id, from, to }),
  renderMarkdown: (text: string) => invoke<string>("render_markdown", { text }),

  listCampaigns: () => invoke<Campaign[]>("list_campaigns"),
  listEngagements: () => invoke<Engagement[]>("list_engagements"),
  listOfficials: () => invoke<Official[]>("list_officials"),
  getOfficial: (id: number) => invoke<OfficialView>("get_official", { id }),
  addEngagement: (input: NewEngagementInput) => invoke<Engagement>("add_engagement", { input }),
};

export type Api = typeof api;
