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
});
