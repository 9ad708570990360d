import { describe, it, expect } from "vitest";
import { t, locale, formatDate } from "./i18n.svelte";

describe("i18n", () => {
  it("fills parameters and switches language", () => {
    locale.set("en");
    expect(t("paper.versionOf", { n: 2, m: 5 })).toBe("Version 2 of 5");
    locale.set("fr");
    expect(t("paper.versionOf", { n: 2, m: 5 })).toBe("Version 2 sur 5");
    expect(formatDate("2011-06-01")).toBe("1 juin 2011");
    locale.set("en");
    expect(formatDate("2011-06-01T10:00:00Z")).toBe("June 1, 2011");
  });
});
