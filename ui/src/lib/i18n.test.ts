import { describe, it, expect } from "vitest";
import { t, locale, formatDate, menuLabels, relativeTime } from "./i18n.svelte";

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

  it("words a count in the singular or plural, as each language does", () => {
    locale.set("en");
    expect(t("packets.count", { n: 1 })).toBe("1 paper");
    expect(t("packets.count", { n: 0 })).toBe("0 papers");
    expect(t("packets.count", { n: 3 })).toBe("3 papers");
    locale.set("fr");
    expect(t("packets.count", { n: 1 })).toBe("1 document");
    expect(t("packets.count", { n: 0 })).toBe("0 document");
    expect(t("day.meetingsCount", { n: 4 })).toBe("4 rencontres");
    locale.set("en");
  });

  it("gives the menu the sidebar's words, in both languages", () => {
    for (const lang of ["en", "fr"] as const) {
      locale.set(lang);
      const labels = menuLabels();
      expect(labels.library).toBe(t("nav.library"));
      expect(labels.settings).toBe(t("nav.settings"));
      for (const [field, label] of Object.entries(labels)) {
        expect(label, `${lang} ${field}`).not.toBe("");
        expect(label, `${lang} ${field}`).not.toMatch(/^menu\./);
      }
    }
    locale.set("fr");
    expect(menuLabels().library).toBe("Bibliothèque");
    expect(menuLabels().file).toBe("Fichier");
    locale.set("en");
    expect(menuLabels().library).toBe("Library");
  });

  it("says how long ago, in both languages", () => {
    const now = Date.parse("2026-11-20T12:00:00Z");
    locale.set("en");
    expect(relativeTime("2026-11-20T11:59:30Z", now)).toBe("just now");
    expect(relativeTime("2026-11-20T11:57:00Z", now)).toBe("3 minutes ago");
    expect(relativeTime("2026-11-19T12:00:00Z", now)).toBe("yesterday");
    expect(relativeTime("2026-10-01T12:00:00Z", now)).toBe("October 1, 2026");
    locale.set("fr");
    expect(relativeTime("2026-11-20T11:57:00Z", now)).toBe("il y a 3 minutes");
    expect(relativeTime("2026-11-20T11:59:59Z", now)).toBe("à l’instant");
    locale.set("en");
  });
});
