import { describe as group, it, expect } from "vitest";
import { describe, word, english, french, knows } from "./messages";
import type { Message } from "./bindings";
import examples from "./messages.examples.json";

group("messages", () => {
  it("words a refusal in French, and in English", () => {
    const refusal = { code: "invalid", message: "a version needs an author", key: "version_needs_author", params: {} };
    expect(describe(refusal, "fr")).toBe("Une version doit avoir un auteur ou une autrice.");
    expect(describe(refusal, "en")).toBe("a version needs an author");
    const missing = { code: "not_found", message: "paper 999 does not exist", key: "not_found", params: { what: "paper", id: 999 } };
    expect(describe(missing, "fr")).toBe("Le document 999 n’existe pas.");
  });

  it("words a message inside a message", () => {
    const e = {
      code: "backup",
      message: "backup /b.sqlite: there is no such file",
      key: "backup",
      params: { path: "/b.sqlite", reason: { key: "backup_missing", params: {} } },
    };
    expect(describe(e, "fr")).toBe("Sauvegarde /b.sqlite : ce fichier n’existe pas.");
  });

  it("falls back to the English text for a key this build does not know", () => {
    const e = { code: "invalid", message: "something new went wrong", key: "something_new", params: {} };
    expect(describe(e, "fr")).toBe("something new went wrong");
    expect(describe(new Error("plain")), "an error that is no IpcError").toBe("plain");
    expect(describe("text")).toBe("text");
  });

  it("has both languages for every key the core sends", () => {
    const keys = Object.keys(english).sort();
    expect(Object.keys(french).sort()).toEqual(keys);
    const sent = [...new Set((examples as Message[]).map((m) => m.key))].sort();
    expect(keys, "one wording per key of src/message.rs, no more").toEqual(sent);
    for (const m of examples as Message[]) {
      expect(knows(m.key)).toBe(true);
      for (const lang of ["en", "fr"] as const) {
        const text = word(m, lang);
        expect(text.length, `${m.key} in ${lang}`).toBeGreaterThan(0);
        expect(text, `${m.key} in ${lang}`).not.toMatch(/undefined|\[object|NaN/);
      }
      expect(word(m, "fr"), `${m.key} is translated`).not.toBe(word(m, "en"));
    }
  });

  it("lists the choices of an unknown word as the core does: a, b or c", () => {
    const m: Message = { key: "unknown_word", params: { list: "status", word: "gone", choices: ["draft", "published", "archived"] } };
    expect(word(m, "en")).toBe("unknown status “gone”: use draft, published or archived");
    expect(word(m, "fr")).toBe("Statut inconnu « gone » : choisissez draft, published ou archived.");
    const two: Message = { key: "unknown_word", params: { list: "language", word: "de", choices: ["en", "fr"] } };
    expect(word(two, "en")).toBe("unknown language “de”: use en or fr");
    expect(word(two, "fr")).toBe("Langue inconnue « de » : choisissez en ou fr.");
  });

  it("formats sizes the French way", () => {
    const m = { key: "file_too_large", params: { path: "/a.pdf", size: 30 * 1024 * 1024, limit: 25 * 1024 * 1024 } } as Message;
    expect(word(m, "fr")).toContain("30,0 Mo");
    expect(word(m, "en")).toContain("30.0 MB");
  });
});
