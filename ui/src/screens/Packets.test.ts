import { describe, it, expect, vi, beforeEach } from "vitest";
import { render, screen, fireEvent } from "@testing-library/svelte";
import { tick } from "svelte";

vi.mock("../lib/api", () => ({
  api: {
    listPackets: vi.fn(), listOfficials: vi.fn(), listPapers: vi.fn(), getPacket: vi.fn(), previewPacket: vi.fn(),
    search: vi.fn(), addPacketItem: vi.fn(), pinPacketItem: vi.fn(), removePacketItem: vi.fn(),
    movePacketItem: vi.fn(), setPacketNotes: vi.fn(), getOfficial: vi.fn(), createPacket: vi.fn(),
    choose: vi.fn(), exportPacket: vi.fn(), printPacket: vi.fn(), openPlace: vi.fn(),
  },
  isApiError: () => false,
}));

import { api, type Packet, type Paper, type SearchResults } from "../lib/api";
import { locale } from "../lib/i18n.svelte";
import Packets from "./Packets.svelte";
import { axeViolations } from "../test/axe";

const settle = async () => {
  for (let i = 0; i < 5; i++) await tick();
};

const empty: Packet = {
  id: 3, title: "Visit", official_id: null, engagement_id: null, meeting_on: null, prepared_by: "Tester",
  notes: "", items: [], created_at: "2026-11-27T09:00:00Z", updated_at: "2026-11-27T09:00:00Z",
};
const withDraft: Packet = {
  ...empty,
  items: [{ id: 11, position: 1, paper_id: 7, title: "Labelling settlement goods", pinned_version: null }],
};
const two: Packet = {
  ...empty,
  items: [
    { id: 11, position: 1, paper_id: 7, title: "Labelling settlement goods", pinned_version: null },
    { id: 12, position: 2, paper_id: 7, title: "Right of return", pinned_version: null },
  ],
};
const swapped: Packet = {
  ...two,
  items: [
    { ...two.items[1], position: 1 },
    { ...two.items[0], position: 2 },
  ],
};
const draft = { id: 7, title: "Labelling settlement goods", status: "draft", latest_version: 1 } as unknown as Paper;
const hits = {
  hits: [{ id: 7, title: "Labelling settlement goods", lang: "en", year: 2026 }],
} as unknown as SearchResults;
const warning = { key: "packet_add_unpublished" as const, params: { packet: 3, paper: 7, title: "Labelling settlement goods" } };

/** Searches for the draft and adds it from the results. */
async function addDraft() {
  await fireEvent.input(screen.getByRole("searchbox"), { target: { value: "labelling" } });
  await settle();
  await fireEvent.click(screen.getByRole("button", { name: /Labelling settlement goods/ }));
  await settle();
}

describe("Packets", () => {
  beforeEach(() => {
    vi.mocked(api.listPackets).mockResolvedValue([structuredClone(empty)]);
    vi.mocked(api.listOfficials).mockResolvedValue([]);
    vi.mocked(api.listPapers).mockResolvedValue([draft]);
    vi.mocked(api.getPacket).mockResolvedValue(structuredClone(empty));
    vi.mocked(api.previewPacket).mockResolvedValue({ pages: 3, draft: true });
    vi.mocked(api.search).mockResolvedValue(hits);
    vi.mocked(api.addPacketItem).mockResolvedValue({ packet: structuredClone(withDraft), warnings: [warning] });
    vi.mocked(api.pinPacketItem).mockResolvedValue(structuredClone(withDraft));
  });

  it("says at once that a paper with no published version cannot be printed yet", async () => {
    locale.set("en");
    render(Packets);
    await settle();
    await addDraft();
    expect(api.addPacketItem).toHaveBeenCalledWith(3, 7, null);
    expect(document.querySelector("[data-item='11']")?.textContent, "the paper is added").toContain("Labelling settlement goods");
    expect(screen.getByRole("status").textContent).toBe(
      "paper 7 “Labelling settlement goods” has no published version yet: packet 3 cannot be printed until it is published or a version is pinned",
    );
    await fireEvent.change(screen.getByRole("combobox", { name: /version/i }), { target: { value: "1" } });
    await settle();
    expect(api.pinPacketItem).toHaveBeenCalledWith(3, 11, 1);
    expect(screen.queryByRole("status"), "pinning a version answers the warning").toBeNull();
  });

  it("words the warning in French", async () => {
    locale.set("fr");
    render(Packets);
    await settle();
    await addDraft();
    expect(screen.getByRole("status").textContent).toContain("n’a pas encore de version publiée");
  });

  it("shows no warning for a paper that prints", async () => {
    locale.set("en");
    vi.mocked(api.addPacketItem).mockResolvedValue({ packet: structuredClone(withDraft), warnings: [] });
    render(Packets);
    await settle();
    await addDraft();
    expect(api.addPacketItem).toHaveBeenCalled();
    expect(screen.queryByRole("status")).toBeNull();
  });

  for (const [lang, moveDown] of [["en", "Move “Right of return” down"], ["fr", "Descendre « Right of return »"]] as const) {
    it(`passes axe with papers in it, each row's controls side by side (${lang})`, async () => {
      locale.set(lang);
      vi.mocked(api.getPacket).mockResolvedValue(structuredClone(two));
      render(Packets);
      await settle();
      const rows = [...document.querySelectorAll(".items li")];
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row.hasAttribute("role") || row.hasAttribute("tabindex"), "a row is no control itself").toBe(false);
      }
      const firstUp = screen.getAllByRole("button").find((b) => b.dataset.move === "up");
      expect((firstUp as HTMLButtonElement).disabled, "the first paper cannot go up").toBe(true);
      expect(screen.getByRole("button", { name: moveDown }).hasAttribute("disabled"), "nor the last down").toBe(true);
      expect(await axeViolations()).toEqual([]);
      locale.set("en");
    });
  }

  it("moves a paper with its arrows, or Alt+arrows from its controls, and keeps the keyboard on it", async () => {
    locale.set("en");
    vi.mocked(api.getPacket).mockResolvedValue(structuredClone(two));
    vi.mocked(api.movePacketItem).mockResolvedValue(structuredClone(swapped));
    render(Packets);
    await settle();
    await fireEvent.click(screen.getByRole("button", { name: "Move “Labelling settlement goods” down" }));
    await settle();
    expect(api.movePacketItem).toHaveBeenLastCalledWith(3, 11, 2);
    const titles = [...document.querySelectorAll(".items li .grow")].map((e) => e.textContent);
    expect(titles).toEqual(["Right of return", "Labelling settlement goods"]);
    // Now last, it cannot go further down: the keyboard is on its other arrow.
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Move “Labelling settlement goods” up" }));

    await fireEvent.keyDown(screen.getByRole("button", { name: "Remove “Right of return”" }), { key: "ArrowDown", altKey: true });
    await settle();
    expect(api.movePacketItem).toHaveBeenLastCalledWith(3, 12, 2);
    // Alt+↓ on the version list opens the list, and moves nothing.
    const calls = vi.mocked(api.movePacketItem).mock.calls.length;
    await fireEvent.keyDown(screen.getAllByRole("combobox", { name: /version/i })[0], { key: "ArrowDown", altKey: true });
    await settle();
    expect(vi.mocked(api.movePacketItem).mock.calls.length).toBe(calls);
  });
});
