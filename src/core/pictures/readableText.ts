/**
 * Text the shipped fonts cannot draw would come out as empty boxes. Such
 * characters are replaced by a readable stand-in before drawing: Hangul by its
 * Revised Romanization, invisible joiners and selectors by nothing, anything
 * else by "?".
 */

/** Which characters the fonts can draw; the PNG renderer reads it from the fonts' cmap tables. */
export type GlyphCoverage = (codePoint: number) => boolean;

export const EVERY_GLYPH: GlyphCoverage = () => true;

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
const INITIALS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"];
const VOWELS = [
  "a",
  "ae",
  "ya",
  "yae",
  "eo",
  "e",
  "yeo",
  "ye",
  "o",
  "wa",
  "wae",
  "oe",
  "yo",
  "u",
  "wo",
  "we",
  "wi",
  "yu",
  "eu",
  "ui",
  "i",
];
const FINALS = [
  "",
  "k",
  "k",
  "k",
  "n",
  "n",
  "n",
  "t",
  "l",
  "k",
  "m",
  "l",
  "l",
  "l",
  "p",
  "l",
  "m",
  "p",
  "p",
  "t",
  "t",
  "ng",
  "t",
  "t",
  "k",
  "t",
  "p",
  "t",
];

/** One precomposed Hangul syllable in Revised Romanization (syllable by syllable, as names are written). */
function romanizeHangul(codePoint: number): string {
  const index = codePoint - HANGUL_FIRST;
  const initial = INITIALS[Math.floor(index / 588)] ?? "";
  const vowel = VOWELS[Math.floor((index % 588) / 28)] ?? "";
  return initial + vowel + (FINALS[index % 28] ?? "");
}

/** Joiners, variation selectors, emoji tags and skin tones: they change how a neighbour looks, never what it says. */
function isInvisibleModifier(codePoint: number): boolean {
  return (
    codePoint === 0x200d ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    (codePoint >= 0xe0020 && codePoint <= 0xe007f) ||
    (codePoint >= 0x1f3fb && codePoint <= 0x1f3ff) ||
    (codePoint >= 0x0300 && codePoint <= 0x036f)
  );
}

export function readableText(text: string, covered: GlyphCoverage): string {
  let out = "";
  let romanizedBefore = false;
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (covered(codePoint)) {
      out += char;
      romanizedBefore = false;
    } else if (codePoint >= HANGUL_FIRST && codePoint <= HANGUL_LAST) {
      // "김민준" → "Gim-min-jun": syllables joined by hyphens keep a name readable.
      const syllable = romanizeHangul(codePoint);
      out += romanizedBefore ? `-${syllable}` : syllable.charAt(0).toUpperCase() + syllable.slice(1);
      romanizedBefore = true;
    } else {
      if (!isInvisibleModifier(codePoint)) out += "?";
      romanizedBefore = false;
    }
  }
  return out;
}
