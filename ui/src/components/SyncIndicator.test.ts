import { describe, it, expect, vi, beforeEach, afterEach } from "vitest";
import { render, screen, fireEvent } from "@testing-library/svelte";
import { tick } from "svelte";
import { teamStatus } from "../test/fixtures";

vi.mock("../lib/api", () => ({
  api: { syncStatus: vi.fn(), syncNow: vi.fn(), onWrite: vi.fn(() => () => {}) },
}));

import { api } from "../lib/api";
import { locale } from "../lib/i18n.svelte";
import { nav } from "../lib/nav.svelte";
import { sync } from "../lib/sync.svelte";
import SyncIndicator from "./SyncIndicator.svelte";

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString().replace(/\.\d+Z$/, "Z");

describe("SyncIndicator", () => {
  beforeEach(() => {
    locale.set("en");
    vi.mocked(api.syncNow).mockResolvedValue({ changes_written: 0, files_written: 0, files_applied: 0, rows_applied: 0, new_conflicts: 0, files_quarantined: 0, warnings: [] });
  });
  afterEach(() => sync.stop());

  it("shows nothing for a library that is not in a team", async () => {
    vi.mocked(api.syncStatus).mockResolvedValue(teamStatus({ in_team: false }));
    await sync.refresh();
    render(SyncIndicator);
    await tick();
    expect(document.querySelector("section.sync")).toBeNull();
  });

  it("says when it last synced, what waits, and links to the conflicts", async () => {
    vi.mocked(api.syncStatus).mockResolvedValue(
      teamStatus({ last_sync: minutesAgo(3), waiting_out: 2, waiting_in: 1, conflicts: 1 }),
    );
    await sync.refresh();
    render(SyncIndicator);
    await tick();
    const text = document.querySelector("section.sync")!.textContent!;
    expect(text).toContain("Team library");
    expect(text).toContain("Synced 3 minutes ago");
    expect(text).toContain("2 changes to send");
    expect(text).toContain("1 file to receive");
    expect(text, "the folder is reachable").not.toContain("unreachable");
    await fireEvent.click(screen.getByText("1 conflict"));
    expect(nav.route).toEqual({ screen: "conflicts" });
  });

  it("counts the files set aside and gives each reason", async () => {
    vi.mocked(api.syncStatus).mockResolvedValue(
      teamStatus({
        quarantined: [
          { device: "00000000000000ee", seq: 1, reason: { key: "sync_clock_ahead", params: { dated: "2999-01-01T00:00:00Z" } }, found_at: "2026-11-04T10:00:00Z" },
          { device: "00000000000000ee", seq: 2, reason: { key: "sync_not_regular_file", params: {} }, found_at: "2026-11-04T10:00:00Z" },
        ],
      }),
    );
    await sync.refresh();
    render(SyncIndicator);
    await tick();
    const aside = screen.getByText(/2 files set aside/);
    expect(aside.getAttribute("title")).toContain("2999-01-01T00:00:00Z");
    expect(aside.getAttribute("title")).toContain("not a regular file");
  });

  it("says when the folder cannot be reached, and does not offer to sync", async () => {
    vi.mocked(api.syncStatus).mockResolvedValue(teamStatus({ reachable: false, waiting_out: 5 }));
    await sync.refresh();
    render(SyncIndicator);
    await tick();
    expect(screen.getByRole("status").textContent).toContain("Folder unreachable");
    expect(screen.getByText("Not synced yet")).toBeTruthy();
    expect((screen.getByLabelText("Sync now") as HTMLButtonElement).disabled).toBe(true);
  });

  it("syncs on request", async () => {
    vi.mocked(api.syncStatus).mockResolvedValue(teamStatus());
    await sync.refresh();
    render(SyncIndicator);
    await tick();
    await fireEvent.click(screen.getByLabelText("Sync now"));
    expect(api.syncNow).toHaveBeenCalled();
  });

  it("speaks French", async () => {
    locale.set("fr");
    vi.mocked(api.syncStatus).mockResolvedValue(
      teamStatus({ last_sync: minutesAgo(3), waiting_out: 1, conflicts: 2, reachable: false }),
    );
    await sync.refresh();
    render(SyncIndicator);
    await tick();
    const text = document.querySelector("section.sync")!.textContent!;
    expect(text).toContain("Bibliothèque d’équipe");
    expect(text).toContain("Synchronisée il y a 3 minutes");
    expect(text).toContain("1 modification à envoyer");
    expect(text).toContain("2 conflits");
    expect(text).toContain("Dossier inaccessible");
  });
});
