import type { Card } from "../deck.js";

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** Room for a "-NN" suffix under the 63-character slug limit, and short enough to read. */
const SLUG_LENGTH = 48;

export function isSlug(text: string): boolean {
  return ID_PATTERN.test(text);
}

/** Latin letters that Unicode does not decompose into a base letter and an accent. */
const UNDECOMPOSED_LETTERS: Record<string, string> = {
  ł: "l",
  Ł: "l",
  ø: "o",
  Ø: "o",
  đ: "d",
  Đ: "d",
  ð: "d",
  Ð: "d",
  þ: "th",
  Þ: "th",
  ß: "ss",
  æ: "ae",
  Æ: "ae",
  œ: "oe",
  Œ: "oe",
  ı: "i",
  ħ: "h",
  Ħ: "h",
};

/** "Capital of Peru?" → "capital-of-peru"; accents dropped, "Łódź" → "lodz"; "" when nothing Latin is left. */
export function slugify(text: string, maxLength = SLUG_LENGTH): string {
  const slug = text
    .replace(/[łŁøØđĐðÐþÞßæÆœŒıħĦ]/g, (letter) => UNDECOMPOSED_LETTERS[letter] ?? letter)
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  const lastDash = cut.lastIndexOf("-");
  return (lastDash >= maxLength / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/, "");
}

/** FNV-1a, base 36: a short id for a front with no Latin letters ("猫"), the same on every import. */
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, "0");
}

/** How two fronts are compared: case, spacing and accents do not make a different card. */
export function sameTextKey(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

export function idFromFront(front: string): string {
  return slugify(front) || `card-${hashOf(sameTextKey(front))}`;
}

/**
 * Gives each front a stable id: the previous version's id when the same front
 * was there (so progress stays with the card), else a slug of the front,
 * made unique with -2, -3… and never one the previous version used for
 * another card.
 */
export class CardIdAllocator {
  private readonly taken = new Set<string>();
  /** Previous ids by front, in deck order: two cards may share a front. */
  private readonly previousByFront = new Map<string, string[]>();
  private readonly previousFrontOf = new Map<string, string>();
  /** Per base id, the first "-N" suffix not yet tried. */
  private readonly nextSuffix = new Map<string, number>();

  constructor(previous: readonly Card[] = []) {
    for (const card of previous) {
      this.taken.add(card.id);
      const key = sameTextKey(card.front);
      const ids = this.previousByFront.get(key);
      if (ids) ids.push(card.id);
      else this.previousByFront.set(key, [card.id]);
      this.previousFrontOf.set(card.id, key);
    }
  }

  /** An id the caller chose (an `id` column): undefined when it is already given to another card. */
  claim(id: string): string | undefined {
    const front = this.previousFrontOf.get(id);
    const unclaimed = front === undefined ? undefined : this.previousByFront.get(front);
    if (unclaimed?.includes(id)) unclaimed.splice(unclaimed.indexOf(id), 1);
    else if (this.taken.has(id)) return undefined;
    this.taken.add(id);
    return id;
  }

  forFront(front: string): string {
    const previous = this.previousByFront.get(sameTextKey(front))?.shift();
    if (previous !== undefined) return previous;
    const base = idFromFront(front);
    let id = base;
    // Counting on from the last suffix tried for this base: a thousand equal fronts take a thousand steps, not half a million.
    let n = this.nextSuffix.get(base) ?? 2;
    for (; this.taken.has(id); n += 1) id = `${base}-${n}`;
    this.nextSuffix.set(base, n);
    this.taken.add(id);
    return id;
  }
}
