import { describe, it, expect, vi, beforeEach, afterEach } from "vitest";
import type { SyncReport } from "./bindings";
import { teamStatus } from "../test/fixtures";

// The write listeners api.ts would call after each successful write.
const listeners = new Set<() => void>();

vi.mock("./api", () => ({
  api: {
    syncStatus: vi.fn(),
    syncNow: vi.fn(),
    onWrite: vi.fn((handler: () => void) => {
      listeners.add(handler);
      return () => listeners.delete(handler);
    }),
  },
}));

import { api } from "./api";
import { sync, AFTER_WRITE_MS, EVERY_MS } from "./sync.svelte";

const report = (over: Partial<SyncReport> = {}): SyncReport => ({
  changes_written: 0, files_written: 0, files_applied: 0, rows_applied: 0, new_conflicts: 0, files_quarantined: 0, warnings: [], ...over,
});

const wrote = () => listeners.forEach((l) => l());

describe("sync store", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.mocked(api.syncStatus).mockReset().mockResolvedValue(teamStatus());
    vi.mocked(api.syncNow).mockReset().mockResolvedValue(report());
  });

  afterEach(() => {
    sync.stop();
    vi.useRealTimers();
  });

  it("syncs a team library when it opens", async () => {
    await sync.start();
    expect(api.syncNow).toHaveBeenCalledTimes(1);
    expect(sync.status?.in_team).toBe(true);
  });

  it("never syncs a library that is not in a team, whatever happens", async () => {
    vi.mocked(api.syncStatus).mockResolvedValue(teamStatus({ in_team: false }));
    await sync.start();
    wrote();
    await vi.advanceTimersByTimeAsync(AFTER_WRITE_MS + EVERY_MS * 2);
    expect(api.syncNow, "a library alone has no folder to sync with").not.toHaveBeenCalled();
  });

  it("sends a burst of writes once, a few seconds after the last", async () => {
    await sync.start();
    vi.mocked(api.syncNow).mockClear();
    wrote();
    await vi.advanceTimersByTimeAsync(AFTER_WRITE_MS - 1000);
    wrote();
    await vi.advanceTimersByTimeAsync(AFTER_WRITE_MS - 1000);
    wrote();
    expect(api.syncNow, "not while writes keep coming").not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(AFTER_WRITE_MS);
    expect(api.syncNow, "one sync for the burst").toHaveBeenCalledTimes(1);
  });

  it("syncs every few minutes while the folder is reachable, and only looks while it is not", async () => {
    await sync.start();
    vi.mocked(api.syncNow).mockClear();
    await vi.advanceTimersByTimeAsync(EVERY_MS);
    expect(api.syncNow).toHaveBeenCalledTimes(1);

    vi.mocked(api.syncStatus).mockResolvedValue(teamStatus({ reachable: false }));
    const looked = vi.mocked(api.syncStatus).mock.calls.length;
    await vi.advanceTimersByTimeAsync(EVERY_MS * 2);
    expect(api.syncNow, "no sync while the folder is away").toHaveBeenCalledTimes(1);
    expect(vi.mocked(api.syncStatus).mock.calls.length, "but the folder is looked at again").toBeGreaterThan(looked);
    expect(sync.status?.reachable).toBe(false);

    vi.mocked(api.syncStatus).mockResolvedValue(teamStatus());
    await vi.advanceTimersByTimeAsync(EVERY_MS);
    expect(api.syncNow, "back as soon as it is reachable").toHaveBeenCalledTimes(2);
  });

  it("runs one more sync when asked during one, never two at once", async () => {
    await sync.start();
    vi.mocked(api.syncNow).mockClear();
    let finish: (r: SyncReport) => void = () => {};
    vi.mocked(api.syncNow).mockImplementationOnce(() => new Promise((resolve) => (finish = resolve)));
    const first = sync.syncNow();
    expect(sync.running).toBe(true);
    await sync.syncNow();
    await sync.syncNow();
    expect(api.syncNow, "the second waits for the first").toHaveBeenCalledTimes(1);
    finish(report());
    await first;
    expect(api.syncNow, "asked twice meanwhile: one more").toHaveBeenCalledTimes(2);
    expect(sync.running).toBe(false);
  });

  it("counts syncs that brought other computers' changes, and keeps going after a failure", async () => {
    await sync.start();
    const before = sync.received;
    vi.mocked(api.syncNow).mockResolvedValueOnce(report({ files_applied: 2, rows_applied: 9 }));
    await sync.syncNow();
    expect(sync.received).toBe(before + 1);
    vi.mocked(api.syncNow).mockRejectedValueOnce({ code: "sync", key: "sync_folder_unreachable", message: "x", params: {} });
    await expect(sync.syncNow()).resolves.toBeNull();
    expect(sync.running).toBe(false);
  });

  it("stops when told, so a library closed is no longer synced", async () => {
    await sync.start();
    vi.mocked(api.syncNow).mockClear();
    sync.stop();
    wrote();
    await vi.advanceTimersByTimeAsync(EVERY_MS * 2);
    expect(api.syncNow).not.toHaveBeenCalled();
    expect(sync.status).toBeNull();
  });
});
