import { describe, it, expect } from "vitest";
import { t, locale, formatDate, menuLabels } from "./i18n.svelte";

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
});
