import { describe, it, expect, vi, beforeEach, afterEach } from "vitest";
import { render, screen, fireEvent } from "@testing-library/svelte";
import { tick } from "svelte";
import { teamStatus } from "../test/fixtures";
import type { LibraryInfo } from "../lib/api";

vi.mock("../lib/api", () => ({
  api: {
    librarySettings: vi.fn(),
    listBackups: vi.fn(),
    checkIndex: vi.fn(),
    syncStatus: vi.fn(),
    syncNow: vi.fn(),
    onWrite: vi.fn(() => () => {}),
    choose: vi.fn(),
    syncSetup: vi.fn(),
    publicCopy: vi.fn(),
    appState: vi.fn(),
  },
  isApiError: () => false,
}));

import { api } from "../lib/api";
import { locale } from "../lib/i18n.svelte";
import { settings } from "../lib/settings.svelte";
import { sync } from "../lib/sync.svelte";
import { toast } from "../lib/notify.svelte";
import Settings from "./Settings.svelte";

const library: LibraryInfo = {
  path: "/home/amira/Dossier", papers: 14, campaigns: 9, officials: 6, engagements: 12,
  location_warning: null, read_only: false, public_copy: false,
};

const settle = async () => {
  for (let i = 0; i < 6; i++) await tick();
  await new Promise((r) => setTimeout(r, 0));
  for (let i = 0; i < 4; i++) await tick();
};

describe("Settings: team library and public copy", () => {
  beforeEach(() => {
    locale.set("en");
    settings.author = "Amira Haddad";
    vi.mocked(api.librarySettings).mockResolvedValue({ organisation: "Réseau", registrant: null, registry_numbers: null });
    vi.mocked(api.listBackups).mockResolvedValue([]);
    vi.mocked(api.checkIndex).mockResolvedValue({ status: "ok", documents: 30, detail: { key: "index_in_step", params: {} }, indexed_seq: 4, library_seq: 4, checksums_ok: true });
    vi.mocked(api.syncNow).mockResolvedValue({ changes_written: 0, files_written: 0, files_applied: 0, rows_applied: 0, new_conflicts: 0, files_quarantined: 0, warnings: [] });
  });
  afterEach(() => sync.stop());

  it("starts or joins a team in the folder chosen, with the computer's name", async () => {
    vi.mocked(api.syncStatus).mockResolvedValue(teamStatus({ in_team: false, devices: [] }));
    await sync.refresh();
    vi.mocked(api.choose).mockResolvedValue({ id: "t1", label: "shared" });
    vi.mocked(api.syncSetup).mockResolvedValue({ setup: "created", status: teamStatus() });
    vi.mocked(api.appState).mockResolvedValue({ library, open_error: null, default_path: "dossier", user_name: "amira", system_lang: "en" });
    const onLibrary = vi.fn();
    render(Settings, { library, onLibrary });
    await settle();
    expect(screen.getByText("This library is not part of a team library.")).toBeTruthy();
    await fireEvent.click(screen.getByText("Start or join a team library…"));
    await settle();
    expect(api.choose).toHaveBeenCalledWith("team_folder", "Choose the shared folder");
    expect(screen.getByText("Shared folder: shared")).toBeTruthy();
    await fireEvent.input(screen.getByLabelText("Name of this computer (optional)"), { target: { value: "Office" } });
    vi.mocked(api.syncStatus).mockResolvedValue(teamStatus());
    await fireEvent.click(screen.getByText("Start or join"));
    await settle();
    expect(api.syncSetup).toHaveBeenCalledWith("t1", { device: "Office", person: "Amira Haddad" });
    expect(onLibrary, "the window learns what the library now holds").toHaveBeenCalledWith(library);
    expect(toast.current?.text).toBe("Started a team library in shared: this computer is its first.");
    expect(document.querySelector("dl.team")?.textContent, "the section now shows the team").toContain("Office");
  });

  it("shows this computer, the folder, the last sync and the team's computers", async () => {
    vi.mocked(api.syncStatus).mockResolvedValue(teamStatus({ last_sync: "2026-11-20T11:00:00Z" }));
    await sync.refresh();
    render(Settings, { library });
    await settle();
    const team = document.querySelector("dl.team")!.textContent!;
    expect(team).toContain("Office");
    expect(team).toContain("shared");
    expect(team).toContain("November 20, 2026");
    const devices = [...document.querySelectorAll(".devices li")].map((li) => li.textContent ?? "");
    expect(devices[0]).toContain("this one");
    expect(devices[1]).toContain("Luc's laptop");
    expect(screen.queryByText("Start or join a team library…"), "leaving or joining again is not offered").toBeNull();
  });

  it("makes a public copy in the folder chosen", async () => {
    vi.mocked(api.syncStatus).mockResolvedValue(teamStatus({ in_team: false }));
    await sync.refresh();
    vi.mocked(api.choose).mockResolvedValue({ id: "p1", label: "public" });
    vi.mocked(api.publicCopy).mockResolvedValue({ path: "public", papers: 8, versions: 8, campaigns: 9, bytes: 90000 });
    render(Settings, { library });
    await settle();
    await fireEvent.click(screen.getByText("Make a public copy…"));
    await settle();
    expect(api.choose).toHaveBeenCalledWith("public_copy", "Choose a folder for the public copy");
    expect(api.publicCopy).toHaveBeenCalledWith("p1");
  });

  it("speaks French", async () => {
    locale.set("fr");
    vi.mocked(api.syncStatus).mockResolvedValue(teamStatus({ reachable: false }));
    await sync.refresh();
    render(Settings, { library });
    await settle();
    expect(document.body.textContent).toContain("Bibliothèque d’équipe");
    expect(document.body.textContent).toContain("Ordinateurs de l’équipe");
    expect(document.body.textContent).toContain("Le dossier partagé est inaccessible");
    expect(screen.getByText("Créer une copie publique…")).toBeTruthy();
  });

  it("says what the index check found in the interface language", async () => {
    vi.mocked(api.syncStatus).mockResolvedValue(teamStatus({ in_team: false }));
    await sync.refresh();
    vi.mocked(api.checkIndex).mockResolvedValue({
      status: "missing", documents: 0, detail: { key: "index_not_built", params: {} },
      indexed_seq: null, library_seq: 4, checksums_ok: false,
    });
    locale.set("fr");
    render(Settings, { library });
    await settle();
    expect(document.body.textContent).toContain("Pas encore d’index ; la prochaine recherche le construira.");
    expect(document.body.textContent, "no English left in the French screen").not.toContain("no index yet");
    locale.set("en");
    await settle();
    expect(document.body.textContent).toContain("no index yet; the next search builds it");
  });
});
