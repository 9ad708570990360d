import { describe, it, expect } from "vitest";
import { clickedLink, openable } from "./links";

describe("links", () => {
  it("opens only web and mail addresses outside the app", () => {
    expect(openable("https://www.ourcommons.ca/members/en")).toBe("https://www.ourcommons.ca/members/en");
    expect(openable("mailto:office@parl.gc.ca")).toBe("mailto:office@parl.gc.ca");
    for (const href of ["file:///etc/passwd", "smb://server/share", "javascript:alert(1)", "other-paper.md", ""]) {
      expect(openable(href), href).toBeNull();
    }
  });

  it("stops a click on a link from navigating the window, and ignores other clicks", () => {
    document.body.innerHTML = `<article class="prose"><p>See <a href="https://example.org/a"><em>this</em></a> and <b>that</b>.</p></article>`;
    const onLink = new MouseEvent("click", { bubbles: true, cancelable: true });
    document.querySelector("em")!.dispatchEvent(onLink);
    expect(clickedLink(onLink)).toBe("https://example.org/a");
    expect(onLink.defaultPrevented).toBe(true);
    const elsewhere = new MouseEvent("click", { bubbles: true, cancelable: true });
    document.querySelector("b")!.dispatchEvent(elsewhere);
    expect(clickedLink(elsewhere)).toBeNull();
    expect(elsewhere.defaultPrevented).toBe(false);
  });
});
