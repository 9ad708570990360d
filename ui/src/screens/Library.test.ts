import { describe, it, expect, vi, beforeEach } from "vitest";
import { render, screen, fireEvent } from "@testing-library/svelte";
import { tick } from "svelte";
import { papers } from "../test/fixtures";

vi.mock("../lib/api", () => ({
  api: { listPapers: vi.fn() },
  isApiError: () => false,
}));

import { api } from "../lib/api";
import { nav } from "../lib/nav.svelte";
import { locale } from "../lib/i18n.svelte";
import { openLibrary } from "../lib/library.svelte";
import Library from "./Library.svelte";

const settle = async () => {
  for (let i = 0; i < 5; i++) await tick();
};

describe("Library", () => {
  beforeEach(() => {
    locale.set("en");
    openLibrary.current = null;
    vi.mocked(api.listPapers).mockResolvedValue(structuredClone(papers));
  });

  it("lists every paper with its status and the version in force", async () => {
    render(Library);
    await settle();
    const rows = document.querySelectorAll("tbody tr");
    expect(rows.length, "one row per paper").toBe(3);
    expect(screen.getByText("Beyond the Two-State Solution")).toBeTruthy();
    expect(screen.getAllByText("Draft").length, "the draft paper is marked").toBeGreaterThan(0);
  });

  it("filters without regard to accents, so `elections` finds `élections`", async () => {
    render(Library);
    await settle();
    const input = screen.getByLabelText("Filter by title or tag");
    await fireEvent.input(input, { target: { value: "elections palestiniennes" } });
    await settle();
    const titles = [...document.querySelectorAll("tbody td.title")].map((td) => td.textContent);
    expect(titles).toEqual(["Les élections palestiniennes"]);
  });

  it("filters by status and shows a message when nothing matches", async () => {
    render(Library);
    await settle();
    await fireEvent.change(screen.getByLabelText("Status"), { target: { value: "archived" } });
    await settle();
    expect(document.querySelectorAll("tbody tr").length).toBe(0);
    expect(screen.getByText("No paper matches this filter.")).toBeTruthy();
  });

  it("opens a paper on Enter", async () => {
    render(Library);
    await settle();
    const row = document.querySelector('tr[data-paper="4"]') as HTMLElement;
    await fireEvent.keyDown(row, { key: "Enter" });
    expect(nav.route).toEqual({ screen: "paper", id: 4 });
  });

  it("speaks French when asked", async () => {
    locale.set("fr");
    render(Library);
    await settle();
    expect(screen.getByText("Documents")).toBeTruthy();
    expect(screen.getByText("Nouveau document")).toBeTruthy();
  });

  it("marks a paper edited in parallel", async () => {
    const list = structuredClone(papers);
    list[1].edited_in_parallel = true;
    vi.mocked(api.listPapers).mockResolvedValue(list);
    render(Library);
    await settle();
    const marker = document.querySelector('tr[data-paper="2"] .parallel') as HTMLElement;
    expect(marker.textContent).toContain("in parallel");
    expect(marker.title).toBe("Edited in parallel — compare");
    expect(document.querySelectorAll(".parallel"), "only that one").toHaveLength(1);
  });

  it("offers no new paper and no import in a read-only library", async () => {
    openLibrary.current = { read_only: true, public_copy: true, location_warning: null, path: "/copy", papers: 3, campaigns: 1, officials: 0, engagements: 0 };
    render(Library);
    await settle();
    expect(screen.queryByText("New paper")).toBeNull();
    expect(screen.queryByText("Import…")).toBeNull();
  });
});
