import { describe, it, expect, vi, beforeEach } from "vitest";
import { render } from "@testing-library/svelte";
import { tick } from "svelte";

vi.mock("../lib/api", () => ({ api: { search: vi.fn(), getEngagement: vi.fn() } }));
vi.mock("../lib/notify.svelte", () => ({ toast: { error: vi.fn(), show: vi.fn() } }));

import { api } from "../lib/api";
import { toast } from "../lib/notify.svelte";
import { locale } from "../lib/i18n.svelte";
import { nav } from "../lib/nav.svelte";
import { axeViolations } from "../test/axe";
import SearchPalette from "./SearchPalette.svelte";

const answer = {
  query: "e",
  total: 2,
  hits: [
    { kind: "paper", id: 7, version: 3, title: "Settlements and trade", date: "2019-03-01", year: 2019, lang: "en", score: 1, snippet: [{ text: "on ", hit: false }, { text: "exports", hit: true }] },
    { kind: "campaign", id: 2, version: null, title: "Right of return", date: "2006-02-01", year: 2006, lang: "en", score: 0.5, snippet: [{ text: "refugees", hit: false }] },
  ],
  facets: { kind: { paper: 1, campaign: 1 }, year: { "2019": 1, "2006": 1 }, lang: { en: 2 }, tag: { trade: 1, refugees: 1 } },
  fuzzy: false,
  corrected: null,
  took_us: 2100,
};

/** Lets the search's answer, the update and the frame after it run. */
async function settle() {
  for (let i = 0; i < 5; i++) {
    await tick();
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("SearchPalette", () => {
  beforeEach(() => {
    vi.mocked(api.search).mockReset().mockResolvedValue(answer as never);
    vi.mocked(toast.error).mockReset();
    locale.set("en");
  });

  it("rehearses unseen: lays out the page it is given, never searching, focused or reachable, then closes", async () => {
    const outside = document.createElement("button");
    document.body.append(outside);
    outside.focus();
    const onClose = vi.fn();
    render(SearchPalette, { onClose, rehearsal: answer as never });
    const backdrop = document.querySelector(".backdrop") as HTMLElement;
    expect(backdrop.classList.contains("rehearsal")).toBe(true);
    expect(backdrop.inert).toBe(true);
    expect(backdrop.getAttribute("aria-hidden")).toBe("true");
    await tick();
    expect(document.querySelectorAll(".hits li[data-hit]")).toHaveLength(2);
    await settle();
    expect(api.search).not.toHaveBeenCalled();
    expect(toast.error).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(outside);
    expect(onClose).toHaveBeenCalledTimes(1);
    outside.remove();
  });

  it("opened by a person: visible, focused, searching only what is typed, and says when it fails", async () => {
    vi.mocked(api.search).mockRejectedValue({ code: "search_index_unreadable" } as never);
    render(SearchPalette, { onClose: () => {} });
    const backdrop = document.querySelector(".backdrop") as HTMLElement;
    expect(backdrop.classList.contains("rehearsal")).toBe(false);
    expect(backdrop.inert).toBe(false);
    expect(backdrop.hasAttribute("aria-hidden")).toBe(false);
    const input = document.querySelector(".palette input.query") as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    await settle();
    expect(api.search).not.toHaveBeenCalled();
    input.value = "settl";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
    expect(vi.mocked(api.search).mock.calls[0][0]).toMatchObject({ query: "settl", as_you_type: true });
    expect(toast.error).toHaveBeenCalledTimes(1);
  });

  it("answers a keystroke with its hits, then the year and tag counts that refine them", async () => {
    render(SearchPalette, { onClose: () => {} });
    const input = document.querySelector(".palette input.query") as HTMLInputElement;
    input.value = "trade";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
    expect([...document.querySelectorAll(".hits li[data-hit] strong")].map((e) => e.textContent)).toEqual(["Settlements and trade", "Right of return"]);
    const chips = [...document.querySelectorAll(".facets.small .chip")].map((e) => e.textContent!.replace(/\s+/g, " ").trim());
    expect(chips).toEqual(["2019 1", "2006 1", "#trade 1", "#refugees 1"]);
  });
});

describe("SearchPalette for a keyboard and a screen reader", () => {
  beforeEach(() => {
    vi.mocked(api.search).mockReset().mockResolvedValue(answer as never);
  });

  async function typed(text: string) {
    render(SearchPalette, { onClose: () => {} });
    const input = document.querySelector(".palette input.query") as HTMLInputElement;
    input.value = text;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
    return input;
  }

  for (const [lang, name] of [["en", "Results"], ["fr", "Résultats"]] as const) {
    it(`passes axe with its hits shown, its list named in the interface language (${lang})`, async () => {
      locale.set(lang);
      await typed("trade");
      const list = document.querySelector("[role=listbox]") as HTMLElement;
      expect(list.getAttribute("aria-label")).toBe(name);
      expect(list.querySelectorAll("[role=option] button, [role=option] a, [role=option] input"), "no control inside a row").toHaveLength(0);
      expect(await axeViolations()).toEqual([]);
      locale.set("en");
    });
  }

  it("keeps the keyboard in the field: the arrows move the row a reader is told of, Enter opens it", async () => {
    const go = vi.spyOn(nav, "go").mockImplementation(() => {});
    const input = await typed("trade");
    const options = [...document.querySelectorAll("[role=option]")];
    expect(input.getAttribute("role")).toBe("combobox");
    expect(input.getAttribute("aria-controls")).toBe(document.querySelector("[role=listbox]")!.id);
    expect(input.getAttribute("aria-expanded")).toBe("true");
    expect(input.getAttribute("aria-activedescendant")).toBe(options[0].id);
    expect(options.map((o) => o.getAttribute("aria-selected"))).toEqual(["true", "false"]);
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
    await tick();
    expect(input.getAttribute("aria-activedescendant")).toBe(options[1].id);
    expect(options.map((o) => o.getAttribute("aria-selected"))).toEqual(["false", "true"]);
    expect(document.activeElement).toBe(input);
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    expect(go).toHaveBeenCalledWith({ screen: "timeline", campaign: 2 });
    go.mockRestore();
  });

  it("opens a row clicked", async () => {
    const go = vi.spyOn(nav, "go").mockImplementation(() => {});
    await typed("trade");
    (document.querySelector("[role=option]") as HTMLElement).click();
    expect(go).toHaveBeenCalledWith({ screen: "paper", id: 7, version: 3 });
    go.mockRestore();
  });

  it("says when nothing is found outside the list, and the field expands nothing", async () => {
    vi.mocked(api.search).mockResolvedValue({ ...answer, total: 0, hits: [] } as never);
    const input = await typed("zzz");
    expect(document.querySelector("[role=listbox]")).toBeNull();
    expect(document.querySelector(".none")?.textContent).toBe("Nothing found.");
    expect(input.getAttribute("aria-expanded")).toBe("false");
    expect(input.hasAttribute("aria-activedescendant")).toBe(false);
    expect(await axeViolations()).toEqual([]);
  });
});
