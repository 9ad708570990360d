import { describe, it, expect, vi, beforeEach, afterEach } from "vitest";
import { render, screen, fireEvent } from "@testing-library/svelte";
import { tick } from "svelte";
import { lostName, teamStatus } from "../test/fixtures";

vi.mock("../lib/api", () => ({
  api: { syncStatus: vi.fn(), syncNow: vi.fn(), onWrite: vi.fn(() => () => {}), syncConflicts: vi.fn(), keepConflict: vi.fn() },
  isApiError: () => false,
}));

import { api } from "../lib/api";
import { locale } from "../lib/i18n.svelte";
import { nav } from "../lib/nav.svelte";
import { sync } from "../lib/sync.svelte";
import Conflicts from "./Conflicts.svelte";

const settle = async () => {
  for (let i = 0; i < 6; i++) await tick();
  await new Promise((r) => setTimeout(r, 0));
  for (let i = 0; i < 4; i++) await tick();
};

const setting = { ...lostName, id: 8, table: "settings", record: "organisation", field: "value", value: "Réseau Justice",
  device: "0f1e2d3c4b5a6978", person: "Luc Gagnon", reason: "overwritten" };
const removed = { ...lostName, id: 9, table: "packet_items", record: "41", field: "position", value: "3", reason: "removed" };

describe("Conflicts", () => {
  beforeEach(async () => {
    locale.set("en");
    vi.mocked(api.syncStatus).mockResolvedValue(teamStatus({ conflicts: 3 }));
    vi.mocked(api.syncConflicts).mockReset().mockResolvedValue([lostName, setting, removed]);
    await sync.refresh();
  });
  afterEach(() => sync.stop());

  it("lists each value that lost: record, field, value, who, which computer, why", async () => {
    render(Conflicts);
    await settle();
    expect(api.syncConflicts).toHaveBeenCalledWith(false);
    const items = [...document.querySelectorAll("li[data-conflict]")].map((li) => li.textContent ?? "");
    expect(items).toHaveLength(3);
    expect(items[0]).toContain("Paper 2");
    expect(items[0]).toContain("title");
    expect(items[0]).toContain("Beyond Two States");
    expect(items[0]).toContain("Written by Amira Haddad on Office");
    expect(items[0]).toContain("A later change on another computer replaced it.");
    expect(items[1], "named as in Settings").toContain("Setting “Organisation”");
    expect(items[1], "the device is named, not its id").toContain("on Luc's laptop");
    expect(items[2]).toContain("Packet item 41");
    expect(items[2]).toContain("It was removed on another computer");
  });

  it("brings a value back, then shows the list again", async () => {
    vi.mocked(api.keepConflict).mockResolvedValue({ ...lostName, kept_at: "2026-11-20T12:00:00Z" });
    render(Conflicts);
    await settle();
    vi.mocked(api.syncConflicts).mockResolvedValue([setting, removed]);
    vi.mocked(api.syncStatus).mockResolvedValue(teamStatus({ conflicts: 2, waiting_out: 1 }));
    const first = document.querySelector('li[data-conflict="7"]') as HTMLElement;
    await fireEvent.click(first.querySelector("button.primary")!);
    await settle();
    expect(api.keepConflict).toHaveBeenCalledWith(7);
    expect(document.querySelectorAll("li[data-conflict]")).toHaveLength(2);
    expect(sync.status?.conflicts, "the indicator's count follows").toBe(2);
  });

  it("says where a value was written when who wrote it is not known", async () => {
    vi.mocked(api.syncConflicts).mockResolvedValue([{ ...lostName, person: "" }]);
    render(Conflicts);
    await settle();
    const text = document.querySelector("li[data-conflict]")?.textContent ?? "";
    expect(text).toContain("Written on Office");
    expect(text).not.toContain("Written by");
  });

  it("opens the record that lost a value", async () => {
    render(Conflicts);
    await settle();
    const first = document.querySelector('li[data-conflict="7"]') as HTMLElement;
    await fireEvent.click(first.querySelector("button.link")!);
    expect(nav.route).toEqual({ screen: "paper", id: 2 });
  });

  it("says so when nothing was lost, and can show what was brought back", async () => {
    vi.mocked(api.syncConflicts).mockResolvedValue([]);
    render(Conflicts);
    await settle();
    expect(screen.getByText("No conflicts: no value was lost to another computer’s change.")).toBeTruthy();
    await fireEvent.click(screen.getByLabelText("Also show values already brought back"));
    await settle();
    expect(api.syncConflicts).toHaveBeenLastCalledWith(true);
  });

  it("speaks French", async () => {
    locale.set("fr");
    render(Conflicts);
    await settle();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Conflits");
    expect(document.body.textContent).toContain("Document 2");
    expect(document.body.textContent).toContain("titre");
    expect(document.body.textContent).toContain("Réglage « Organisation »");
    expect(screen.getAllByText("Rétablir cette valeur")).toHaveLength(3);
  });
});
