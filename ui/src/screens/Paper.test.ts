import { describe, it, expect, vi, beforeEach } from "vitest";
import { render, screen, fireEvent } from "@testing-library/svelte";
import { tick } from "svelte";
import { view, diff } from "../test/fixtures";

vi.mock("../lib/api", () => ({
  api: {
    getPaper: vi.fn(),
    publishVersion: vi.fn(),
    saveVersion: vi.fn(),
    renderMarkdown: vi.fn(),
    diffVersions: vi.fn(),
    restoreVersion: vi.fn(),
  },
  isApiError: (e: unknown) => typeof e === "object" && e !== null && "code" in e,
}));

import { api } from "../lib/api";
import { locale } from "../lib/i18n.svelte";
import { settings } from "../lib/settings.svelte";
import { openLibrary } from "../lib/library.svelte";
import Paper from "./Paper.svelte";
import { axeViolations } from "../test/axe";

const settle = async () => {
  for (let i = 0; i < 8; i++) await tick();
  await new Promise((r) => setTimeout(r, 0));
  for (let i = 0; i < 4; i++) await tick();
};

describe("Paper", () => {
  beforeEach(() => {
    locale.set("en");
    openLibrary.current = null;
    settings.author = "Test Writer";
    vi.mocked(api.getPaper).mockResolvedValue(structuredClone(view));
    vi.mocked(api.renderMarkdown).mockResolvedValue("<p>preview</p>");
    vi.mocked(api.diffVersions).mockResolvedValue(structuredClone(diff));
  });

  it("shows the version in force with its place in the history", async () => {
    render(Paper, { id: 2 });
    await settle();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Beyond the Two-State Solution");
    expect(document.querySelector(".version-line")?.textContent).toContain("Version 2 of 3");
    expect(document.querySelector(".version-line")?.textContent).toContain("in force");
    expect(document.querySelector("article.prose")?.innerHTML).toContain("Canada should act.");
  });

  it("offers to publish the latest version when it is not in force", async () => {
    vi.mocked(api.publishVersion).mockResolvedValue({ paper_id: 2, version: 3, published_at: "2026-11-20T12:00:00Z" });
    render(Paper, { id: 2 });
    await settle();
    await fireEvent.click(screen.getByText("Publish version 3"));
    expect(api.publishVersion).toHaveBeenCalledWith(2, 3);
  });

  it("saves an edit as a new version with a change note and the author", async () => {
    vi.mocked(api.saveVersion).mockResolvedValue({ ...view.version, version: 4 });
    render(Paper, { id: 2, initialTab: "edit" });
    await settle();
    const body = document.querySelector("textarea.source") as HTMLTextAreaElement;
    await fireEvent.input(body, { target: { value: "Canada must act now." } });
    await fireEvent.click(screen.getByText(/Save…/));
    await fireEvent.input(document.querySelector('input[name="note"]')!, { target: { value: "Stronger ask" } });
    await fireEvent.submit(document.querySelector("form.noteform")!);
    await settle();
    expect(api.saveVersion).toHaveBeenCalledWith(2, {
      title: "Beyond the Two-State Solution",
      summary: "Acting while talks are stalled.",
      body: "Canada must act now.",
      note: "Stronger ask",
      author: "Test Writer",
    });
  });

  it("lets the keyboard reach the edit's preview, which scrolls on its own, named in both languages", async () => {
    for (const [lang, name] of [["en", "Preview"], ["fr", "Aperçu"]] as const) {
      locale.set(lang);
      const { unmount } = render(Paper, { id: 2, initialTab: "edit" });
      await settle();
      const preview = screen.getByRole("region", { name });
      expect(preview.classList.contains("preview")).toBe(true);
      expect(preview.tabIndex).toBe(0);
      expect(await axeViolations()).toEqual([]);
      unmount();
    }
    locale.set("en");
  });

  it("shows a word diff of the two newest versions in the history", async () => {
    render(Paper, { id: 2, initialTab: "history" });
    await settle();
    expect(api.diffVersions).toHaveBeenCalledWith(2, 2, 3);
    expect(document.querySelector("del.diff")?.textContent).toBe("should");
    expect(document.querySelector("ins.diff")?.textContent).toBe("must");
    expect(screen.getByText("1 words added, 1 removed")).toBeTruthy();
  });

  it("links to the translation", async () => {
    render(Paper, { id: 2 });
    await settle();
    expect(screen.getByText(/Read the translation/).textContent).toContain("FR");
  });

  it("says a paper edited in parallel should be compared, and leads to the history", async () => {
    const parallel = structuredClone(view);
    parallel.paper.edited_in_parallel = true;
    vi.mocked(api.getPaper).mockResolvedValue(parallel);
    render(Paper, { id: 2 });
    await settle();
    const notice = document.querySelector(".parallel") as HTMLElement;
    expect(notice.textContent).toContain("Edited in parallel — compare");
    await fireEvent.click(notice.querySelector("button")!);
    await settle();
    expect(document.querySelector("[role=tab][aria-selected=true]")?.textContent?.trim(), "the history, to compare").toBe("History");
  });

  it("says it in French too, and says nothing for a paper edited by one computer", async () => {
    locale.set("fr");
    const parallel = structuredClone(view);
    parallel.paper.edited_in_parallel = true;
    vi.mocked(api.getPaper).mockResolvedValue(parallel);
    render(Paper, { id: 2 });
    await settle();
    expect(document.querySelector(".parallel")?.textContent).toContain("Modifié en parallèle — comparez");
    document.body.innerHTML = "";
    vi.mocked(api.getPaper).mockResolvedValue(structuredClone(view));
    render(Paper, { id: 2 });
    await settle();
    expect(document.querySelector(".parallel")).toBeNull();
  });

  it("offers no edit and no publishing in a read-only library", async () => {
    openLibrary.current = { read_only: true, public_copy: true, location_warning: null, path: "/copy", papers: 3, campaigns: 1, officials: 0, engagements: 0 };
    render(Paper, { id: 2 });
    await settle();
    const tabs = [...document.querySelectorAll("[role=tab]")].map((b) => b.textContent?.trim());
    expect(tabs).toEqual(["Read", "History"]);
    expect(screen.queryByText("Publish version 3")).toBeNull();
  });
});
