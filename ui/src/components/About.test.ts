import { describe, it, expect, vi, beforeEach } from "vitest";
import { render, fireEvent } from "@testing-library/svelte";
import { tick } from "svelte";

vi.mock("../lib/api", () => ({
  api: { about: vi.fn(), showSupportFolder: vi.fn(), choose: vi.fn(), saveProblemReport: vi.fn() },
}));

import { api } from "../lib/api";
import { locale } from "../lib/i18n.svelte";
import About from "./About.svelte";

// jsdom has no modal dialogs.
HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
  this.open = true;
};
HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
  this.open = false;
  this.dispatchEvent(new Event("close"));
};

const facts = {
  version: "0.1.0",
  schema: 4,
  system: "linux x86_64",
  library: { folder: "dossier", schema: 4 },
  log_folder: "logs",
};

describe("About", () => {
  beforeEach(() => {
    vi.mocked(api.about).mockResolvedValue(facts);
    vi.mocked(api.showSupportFolder).mockResolvedValue(undefined);
  });

  it("shows the version, schema, library and log in French, and opens a folder by its kind", async () => {
    locale.set("fr");
    render(About, { onClose: () => {} });
    await tick();
    await tick();
    const text = document.querySelector("dialog.about")!.textContent!;
    expect(text).toContain("À propos de Dossier");
    expect(text).toContain("Dossier 0.1.0");
    expect(text).toContain("schéma 4");
    expect(text).toContain("Journal");
    expect(text).toContain("jamais le texte des documents");
    const buttons = [...document.querySelectorAll("dialog.about dd button")] as HTMLButtonElement[];
    expect(buttons.map((b) => b.textContent)).toEqual(["Afficher le dossier", "Afficher le dossier"]);
    await fireEvent.click(buttons[1]);
    expect(api.showSupportFolder).toHaveBeenCalledWith("log");
  });

  it("says so when no library is open and the machine has no log folder", async () => {
    locale.set("en");
    vi.mocked(api.about).mockResolvedValue({ ...facts, library: null, log_folder: null });
    render(About, { onClose: () => {} });
    await tick();
    await tick();
    const text = document.querySelector("dialog.about")!.textContent!;
    expect(text).toContain("No library is open");
    expect(text).toContain("This computer has no folder for the log");
    expect(text).toContain("schema 4");
  });
});
