import { describe, it, expect, vi, beforeEach } from "vitest";
import { render, screen, fireEvent } from "@testing-library/svelte";
import { tick } from "svelte";

vi.mock("../lib/api", () => ({
  api: { chooseMany: vi.fn(), choose: vi.fn(), importPaths: vi.fn(), cancelImport: vi.fn() },
  isApiError: () => false,
}));

import { api, type ImportProgress } from "../lib/api";
import { locale } from "../lib/i18n.svelte";
import ImportDialog from "./ImportDialog.svelte";

const settle = async () => {
  for (let i = 0; i < 5; i++) await tick();
};

describe("ImportDialog", () => {
  beforeEach(() => {
    locale.set("en");
    vi.mocked(api.chooseMany).mockResolvedValue([
      { id: "f1", label: "apartheid.docx" },
      { id: "f2", label: "broken.docx" },
    ]);
    vi.mocked(api.choose).mockResolvedValue({ id: "d1", label: "archive" });
  });

  it("imports the chosen files and folder with the options given, then shows each file's outcome", async () => {
    let report: ((p: ImportProgress) => void) | undefined;
    let finish: (() => void) | undefined;
    vi.mocked(api.importPaths).mockImplementation((_paths, _options, onProgress) => {
      report = onProgress;
      return new Promise((resolve) => {
        finish = () =>
          resolve({
            cancelled: false,
            lines: [
              { path: "apartheid.docx", status: "imported", paper_id: 15, version: 1, title: "Apartheid and Canada", lang: "en", format: "docx", message: null, notes: [] },
              { path: "old.md", status: "duplicate", paper_id: 3, version: null, title: null, lang: null, format: null, message: null, notes: [] },
              { path: "broken.docx", status: "refused", paper_id: null, version: null, title: null, lang: null, format: null, message: "broken.docx: not a DOCX file: it is not a ZIP archive (invalid Zip archive)",
                notes: [{ key: "not_zip", params: { path: "broken.docx", kind: "DOCX", detail: "invalid Zip archive" } }] },
            ],
          });
      });
    });
    const onClose = vi.fn();
    render(ImportDialog, { onClose });
    await fireEvent.click(screen.getByText("Add files…"));
    await fireEvent.click(screen.getByText("Add a folder…"));
    await settle();
    expect(document.querySelectorAll(".paths li").length).toBe(3);
    expect(api.choose, "the system's dialog, opened by the app").toHaveBeenCalledWith("import_folder", "Choose a folder to import");
    expect(document.querySelector(".paths")?.textContent, "shown by name").toContain("archive");

    await fireEvent.change(screen.getByLabelText("Language"), { target: { value: "fr" } });
    await fireEvent.input(screen.getByLabelText("Tags"), { target: { value: "trade, archive" } });
    await fireEvent.click(screen.getByText("Import"));
    await settle();
    const [places, options] = vi.mocked(api.importPaths).mock.calls[0];
    expect(places, "the page sends the ids of what was chosen, never a path").toEqual(["f1", "f2", "d1"]);
    expect(options).toMatchObject({ lang: "fr", tags: ["trade", "archive"], dry_run: false });

    report!({ done: 1, total: 3, path: "old.md" });
    await settle();
    expect(screen.getByRole("status").textContent).toContain("1 of 3 files — old.md");

    finish!();
    await settle();
    expect(screen.getByRole("status").textContent).toContain("1 imported, 1 already in the library, 1 refused.");
    expect(screen.getByText("paper #15: Apartheid and Canada")).toBeTruthy();
    expect(screen.getByText("broken.docx: not a DOCX file: it is not a ZIP archive (invalid Zip archive)"), "the refusal, worded from its key").toBeTruthy();
  });

  it("asks the core to stop when cancelled mid-way", async () => {
    vi.mocked(api.importPaths).mockReturnValue(new Promise(() => {}));
    vi.mocked(api.cancelImport).mockResolvedValue();
    render(ImportDialog, { onClose: vi.fn() });
    await fireEvent.click(screen.getByText("Add files…"));
    await settle();
    await fireEvent.click(screen.getByText("Import"));
    await settle();
    await fireEvent.click(screen.getByText("Cancel"));
    expect(api.cancelImport).toHaveBeenCalledTimes(1);
  });

  it("cannot start before something is chosen", async () => {
    render(ImportDialog, { onClose: vi.fn() });
    await settle();
    expect((screen.getByText("Import") as HTMLButtonElement).disabled).toBe(true);
  });
});
