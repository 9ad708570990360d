// Small, realistic records for component tests.
import type { Paper, PaperView, VersionDiff } from "../lib/api";

export const papers: Paper[] = [
  {
    id: 1, title: "Les élections palestiniennes", lang: "fr", status: "published", tags: ["elections"],
    latest_version: 2, version_in_force: 2, translation_id: null, created_at: "2006-02-01T10:00:00Z", updated_at: "2006-04-05T10:00:00Z", edited_in_parallel: false,
  },
  {
    id: 2, title: "Beyond the Two-State Solution", lang: "en", status: "published", tags: ["two-state", "negotiations"],
    latest_version: 3, version_in_force: 2, translation_id: 3, created_at: "2021-09-01T10:00:00Z", updated_at: "2026-11-16T10:00:00Z", edited_in_parallel: false,
  },
  {
    id: 4, title: "Labelling settlement goods", lang: "en", status: "draft", tags: ["trade"],
    latest_version: 1, version_in_force: null, translation_id: null, created_at: "2026-10-01T10:00:00Z", updated_at: "2026-10-05T10:00:00Z", edited_in_parallel: false,
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
