import type { LocalizationMap } from "discord.js";
import { CATALOGUES } from "../../core/i18n/catalogues.js";
import type { CommandTexts } from "../../core/i18n/texts.js";

/** Picks one text from a language's catalogue; none where that language lacks it (a command added in a test alone). */
export type TextPick = (texts: CommandTexts) => string | undefined;

/**
 * One text in every language that has it, by Discord locale: what
 * name_localizations and description_localizations hold. English is listed
 * under en-US and en-GB too, as Discord advises, so that an English variant
 * added later cannot become the other's fallback by accident.
 */
export function localizations(pick: TextPick): LocalizationMap {
  return Object.fromEntries(
    CATALOGUES.flatMap(({ locales, texts }) => {
      const text = pick(texts);
      return text === undefined ? [] : locales.map((locale) => [locale, text]);
    }),
  );
}
