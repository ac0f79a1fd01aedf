import { describe, expect, it } from "vitest";
import { BASE_TEXTS, CATALOGUES, textsFor } from "../../src/core/i18n/catalogues.js";
import type { CommandTexts } from "../../src/core/i18n/texts.js";

/** Every text of a catalogue by its path ("commands.drill.description"). */
function textsByPath(texts: CommandTexts): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (path: string, value: unknown) => {
    if (typeof value === "string") found.set(path, value);
    else if (value && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) walk(path ? `${path}.${key}` : key, inner);
    }
  };
  walk("", texts);
  return found;
}

const numbersIn = (text: string) => (text.match(/\d+/g) ?? []).sort();

describe("the languages of src/core/i18n", () => {
  it("finds a person's language by locale, then by its language part, else English", () => {
    const german = CATALOGUES.find((catalogue) => catalogue.locales.includes("de"))?.texts;
    expect(textsFor("de")).toBe(german);
    expect(textsFor("de-AT")).toBe(german);
    expect(textsFor("en-GB")).toBe(BASE_TEXTS);
    expect(textsFor("es-ES")).toBe(BASE_TEXTS);
    expect(textsFor(undefined)).toBe(BASE_TEXTS);
    expect(new Set(CATALOGUES.flatMap((catalogue) => catalogue.locales)).size).toBe(
      CATALOGUES.flatMap((catalogue) => catalogue.locales).length,
    );
  });

  it("translates every text, keeping its numbers and its {topic}: a limit changed in English shows here", () => {
    const english = textsByPath(BASE_TEXTS);
    for (const { locales, texts } of CATALOGUES) {
      const translated = textsByPath(texts);
      expect([...translated.keys()].sort(), locales.join()).toEqual([...english.keys()].sort());
      for (const [path, text] of english) {
        const translation = translated.get(path) ?? "";
        expect(translation.trim(), `${locales.join()} ${path}`).not.toBe("");
        if (path.endsWith(".description")) expect(numbersIn(translation), path).toEqual(numbersIn(text));
      }
      expect(texts.help.noMatch).toContain("{topic}");
    }
  });
});
