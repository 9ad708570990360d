// The team library's sync as the window sees it: where this device stands
// (for the indicator and the Conflicts screen), and when to sync. It syncs
// when a library opens, a few seconds after each write (so a burst of edits
// goes out as one file), and every few minutes while the shared folder is
// reachable. One sync at a time: asking during one runs one more after it.
// A library alone (not in a team) is never synced.

import { api, type SyncReport, type SyncStatus } from "./api";

/** Quiet time after the last write before it is sent. */
export const AFTER_WRITE_MS = 4000;
/** How often the folder is looked at, and synced when it is reachable. */
export const EVERY_MS = 3 * 60 * 1000;

let status = $state<SyncStatus | null>(null);
let running = $state(false);
// Counts syncs that brought other devices' changes, so lists can reload.
let received = $state(0);

let afterWrite: ReturnType<typeof setTimeout> | undefined;
let every: ReturnType<typeof setInterval> | undefined;
let stopListening: (() => void) | undefined;
let again = false;
// Bumped by start and stop, so answers meant for a library no longer open are dropped.
let session = 0;

async function refresh(): Promise<SyncStatus | null> {
  const mine = session;
  try {
    const next = await api.syncStatus();
    if (mine === session) status = next;
  } catch {
    // No library, or it went away: the window says so elsewhere.
    if (mine === session) status = null;
  }
  return status;
}

/** Syncs now, if this library is in a team. Failures are kept in the status (`last_error`, `reachable`). */
async function syncNow(): Promise<SyncReport | null> {
  if (!status?.in_team) return null;
  if (running) {
    again = true;
    return null;
  }
  const mine = session;
  running = true;
  let report: SyncReport | null = null;
  try {
    report = await api.syncNow();
    if (mine === session && report.files_applied > 0) received++;
  } catch {
    // The core recorded why (`last_error`); the indicator shows it.
  } finally {
    running = false;
  }
  if (mine !== session) return report;
  await refresh();
  if (again) {
    again = false;
    await syncNow();
  }
  return report;
}

/** Looks at the folder, and syncs when it is reachable. */
async function check(): Promise<void> {
  const now = await refresh();
  if (now?.in_team && now.reachable) await syncNow();
}

function wrote() {
  clearTimeout(afterWrite);
  afterWrite = setTimeout(() => void check(), AFTER_WRITE_MS);
}

function stop() {
  session++;
  clearTimeout(afterWrite);
  clearInterval(every);
  stopListening?.();
  stopListening = undefined;
  again = false;
  status = null;
}

export const sync = {
  /** This device in its team; `null` until known. */
  get status(): SyncStatus | null {
    return status;
  },
  /** A sync is under way. */
  get running(): boolean {
    return running;
  },
  /** How many syncs brought changes from other devices. */
  get received(): number {
    return received;
  },
  /** Starts following the library just opened: syncs it once, then after writes and every few minutes. */
  async start(): Promise<void> {
    stop();
    stopListening = api.onWrite(wrote);
    every = setInterval(() => void check(), EVERY_MS);
    await refresh();
    if (status?.in_team) await syncNow();
  },
  stop,
  syncNow,
  refresh,
};
