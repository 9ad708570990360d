// Small, realistic records for component tests.
import type { Conflict, Paper, PaperView, SyncStatus, VersionDiff } from "../lib/api";

export const papers: Paper[] = [
  {
    id: 1, title: "Les élections palestiniennes", lang: "fr", status: "published", tags: ["elections"],
    latest_version: 2, version_in_force: 2, translation_id: null, edited_in_parallel: false, created_at: "2006-02-01T10:00:00Z", updated_at: "2006-04-05T10:00:00Z",
  },
  {
    id: 2, title: "Beyond the Two-State Solution", lang: "en", status: "published", tags: ["two-state", "negotiations"],
    latest_version: 3, version_in_force: 2, translation_id: 3, edited_in_parallel: false, created_at: "2021-09-01T10:00:00Z", updated_at: "2026-11-16T10:00:00Z",
  },
  {
    id: 4, title: "Labelling settlement goods", lang: "en", status: "draft", tags: ["trade"],
    latest_version: 1, version_in_force: null, translation_id: null, edited_in_parallel: false, created_at: "2026-10-01T10:00:00Z", updated_at: "2026-10-05T10:00:00Z",
  },
];

export const view: PaperView = {
  paper: papers[1],
  version: {
    paper_id: 2, version: 2, title: "Beyond the Two-State Solution", summary: "Acting while talks are stalled.",
    body: "Canada should act.", author: "Samira Khoury", note: "Updated", restored_from: null, created_at: "2022-05-01T10:00:00Z",
  },
  html: "<p>Canada should act.</p>",
  history: [
    { version: 1, title: "Beyond", author: "Samira Khoury", note: "First draft", restored_from: null, created_at: "2021-09-01T10:00:00Z", words: 800, published_at: ["2021-09-20T12:00:00Z"] },
    { version: 2, title: "Beyond", author: "Samira Khoury", note: "Updated", restored_from: null, created_at: "2022-05-01T10:00:00Z", words: 900, published_at: ["2022-05-11T12:00:00Z"] },
    { version: 3, title: "Beyond", author: "Luc Gagnon", note: "Draft after the hearing", restored_from: null, created_at: "2026-11-16T10:00:00Z", words: 950, published_at: [] },
  ],
  translation: { ...papers[0], id: 3, title: "Au-delà de la solution à deux États", translation_id: 2 },
};

export const diff: VersionDiff = {
  paper_id: 2, from: 2, to: 3,
  title: { segments: [{ kind: "equal", text: "Beyond" }], words_inserted: 0, words_deleted: 0 },
  summary: { segments: [], words_inserted: 0, words_deleted: 0 },
  body: {
    segments: [
      { kind: "equal", text: "Canada " },
      { kind: "delete", text: "should" },
      { kind: "insert", text: "must" },
      { kind: "equal", text: " act." },
    ],
    words_inserted: 1, words_deleted: 1,
  },
};

/** A device of a team library, as `sync_status` describes it. */
export const teamStatus = (over: Partial<SyncStatus> = {}): SyncStatus => ({
  in_team: true, device: "a1b2c3d4e5f60718", name: "Office", person: "Amira Haddad", folder: "shared",
  reachable: true, last_sync: null, last_error: null, waiting_out: 0, waiting_in: 0, conflicts: 0,
  devices: [
    { device: "a1b2c3d4e5f60718", name: "Office", joined: "2026-11-02T09:00:00Z", this_one: true },
    { device: "0f1e2d3c4b5a6978", name: "Luc's laptop", joined: "2026-11-03T15:30:00Z", this_one: false },
  ],
  quarantined: [],
  ...over,
});

/** A name that lost on this computer to the laptop's later change. */
export const lostName: Conflict = {
  id: 7, table: "papers", record: "2", field: "title", value: "Beyond Two States", current: "Beyond the Two-State Solution",
  person: "Amira Haddad", device: "a1b2c3d4e5f60718", written_at: "2026-11-20T11:40:00Z",
  reason: "overwritten", found_at: "2026-11-20T11:55:00Z", kept_at: null,
};
