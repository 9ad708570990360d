import { describe, it, expect, vi, beforeEach } from "vitest";
import { render, screen, fireEvent } from "@testing-library/svelte";
import { tick } from "svelte";

vi.mock("../lib/api", () => ({
  api: { pickImportFiles: vi.fn(), pickFolder: vi.fn(), importPaths: vi.fn(), cancelImport: vi.fn() },
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
    vi.mocked(api.pickImportFiles).mockResolvedValue(["/docs/apartheid.docx", "/docs/broken.docx"]);
    vi.mocked(api.pickFolder).mockResolvedValue("/docs/archive");
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
              { path: "/docs/apartheid.docx", status: "imported", paper_id: 15, version: 1, title: "Apartheid and Canada", lang: "en", format: "docx", message: null, notes: [] },
              { path: "/docs/archive/old.md", status: "duplicate", paper_id: 3, version: null, title: null, lang: null, format: null, message: null, notes: [] },
              { path: "/docs/broken.docx", status: "refused", paper_id: null, version: null, title: null, lang: null, format: null, message: "/docs/broken.docx: not a DOCX file: it is not a ZIP archive (invalid Zip archive)",
                notes: [{ key: "not_zip", params: { path: "/docs/broken.docx", kind: "DOCX", detail: "invalid Zip archive" } }] },
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

    await fireEvent.change(screen.getByLabelText("Language"), { target: { value: "fr" } });
    await fireEvent.input(screen.getByLabelText("Tags"), { target: { value: "trade, archive" } });
    await fireEvent.click(screen.getByText("Import"));
    await settle();
    const [paths, options] = vi.mocked(api.importPaths).mock.calls[0];
    expect(paths).toEqual(["/docs/apartheid.docx", "/docs/broken.docx", "/docs/archive"]);
    expect(options).toMatchObject({ lang: "fr", tags: ["trade", "archive"], dry_run: false });

    report!({ done: 1, total: 3, path: "/docs/archive/old.md" });
    await settle();
    expect(screen.getByRole("status").textContent).toContain("1 of 3 files — old.md");

    finish!();
    await settle();
    expect(screen.getByRole("status").textContent).toContain("1 imported, 1 already in the library, 1 refused.");
    expect(screen.getByText("paper #15: Apartheid and Canada")).toBeTruthy();
    expect(screen.getByText("/docs/broken.docx: not a DOCX file: it is not a ZIP archive (invalid Zip archive)"), "the refusal, worded from its key").toBeTruthy();
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
