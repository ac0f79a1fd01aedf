import de from "./de.json" with { type: "json" };
import { en } from "./en.js";
import fr from "./fr.json" with { type: "json" };
import type { CommandTexts } from "./texts.js";

/**
 * Every language studybot speaks, with the locales it serves (Discord's
 * locale codes). A new language is a JSON file beside this one, translated
 * from de.json or from en.ts, and a line here; the line does not compile
 * while the file misses a key.
 */
export interface Catalogue {
  locales: readonly string[];
  texts: CommandTexts;
}

export const BASE_TEXTS = en;

export const CATALOGUES: readonly Catalogue[] = [
  { locales: ["en-US", "en-GB"], texts: en },
  { locales: ["de"], texts: de },
  { locales: ["fr"], texts: fr },
];

/** The texts for a person's locale ("de", "en-GB"; a regional "de-AT" finds "de"), else English. */
export function textsFor(locale: string | undefined): CommandTexts {
  if (locale === undefined) return BASE_TEXTS;
  const language = locale.split("-")[0];
  const serves = (tag: string) => (catalogue: Catalogue) => catalogue.locales.includes(tag);
  return (
    CATALOGUES.find(serves(locale))?.texts ??
    (language ? CATALOGUES.find(serves(language))?.texts : undefined) ??
    BASE_TEXTS
  );
}
