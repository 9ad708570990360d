import { describe, it, expect } from "vitest";
import { render } from "@testing-library/svelte";
import DiffView from "./DiffView.svelte";

describe("DiffView", () => {
  it("marks insertions and deletions and shortens long unchanged text", () => {
    const long = "Unchanged words here. ".repeat(60);
    render(DiffView, {
      diff: {
        segments: [
          { kind: "equal", text: long },
          { kind: "delete", text: "should" },
          { kind: "insert", text: "must" },
          { kind: "equal", text: long },
        ],
        words_inserted: 1,
        words_deleted: 1,
      },
    });
    expect(document.querySelector("del.diff")?.textContent).toBe("should");
    expect(document.querySelector("ins.diff")?.textContent).toBe("must");
    const text = document.body.textContent ?? "";
    expect(text.length, "about 1300 unchanged characters on each side are cut to their edges").toBeLessThan(600);
    expect(text).toContain("…");
  });
});
