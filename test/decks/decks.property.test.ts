import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { type Deck, validateDeck } from "../../src/core/deck.js";
import { EXPORT_FORMATS, exportDeck, IMPORT_FORMATS, importDeck } from "../../src/core/importers/index.js";
import { loadDecks } from "../../src/decks/loader.js";
import { useTempDir } from "../kit/tempDir.js";

const anyText = fc.string({ unit: "binary", maxLength: 80 });
const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);
/** Tags as importers write them back: a slug of words, no dash at either end. */
const tag = fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}$/);
const words = fc.string({ unit: fc.constantFrom(..."abc xyz-é漢🦀\n\t,;\"'<>@#*_`"), minLength: 1, maxLength: 40 });

/** Decks the schema accepts: distinct card ids and fronts (importers drop repeated rows), any text on both sides. */
const validDeck: fc.Arbitrary<Deck> = fc
  .record({
    id: slug,
    title: words,
    description: fc.constant(""),
    cards: fc.uniqueArray(
      fc.record({ id: slug, front: words, back: words, tags: fc.uniqueArray(tag, { maxLength: 3 }) }),
      {
        minLength: 1,
        maxLength: 8,
        selector: (card) => card.id,
      },
    ),
  })
  .filter(
    (deck) =>
      deck.title.trim() !== "" &&
      deck.cards.every((card) => card.front.trim() !== "" && card.back.trim() !== "") &&
      new Set(deck.cards.map((card) => card.front.trim().toLowerCase())).size === deck.cards.length,
  );

/** What a deck file may hold: any YAML value, decks with a field broken, or plain text. */
const deckFileText = fc.oneof(
  fc.anything().map((value) => stringify(value) ?? ""),
  fc
    .tuple(validDeck, fc.constantFrom("id", "title", "cards"), fc.anything())
    .map(([deck, field, value]) => stringify({ ...deck, [field]: value })),
  anyText,
  fc.constantFrom("&a [*a, *a]", "a: &x 1\nb: *y", "---\n---\n", "!!binary ~~~", "cards: !!set {a, b}"),
);

describe("decks (property)", () => {
  const tempDir = useTempDir("studybot-decks-prop-");

  it("validateDeck answers any value with a deck or field problems, and a deck it returns passes again unchanged", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), validDeck), (value) => {
        const checked = validateDeck(value);
        if ("deck" in checked) expect(validateDeck(checked.deck)).toEqual(checked);
        else expect(checked.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 1500 },
    );
  });

  it("loads any file as a deck or as errors naming that file, never by throwing", async () => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(deckFileText, async (text) => {
        writeFileSync(join(dir, "deck.yaml"), text);
        const { decks, errors } = await loadDecks(dir);
        expect(decks.length + (errors.length > 0 ? 1 : 0)).toBe(1);
        for (const error of errors) expect(error.file).toBe(join(dir, "deck.yaml"));
        for (const { deck } of decks) expect(validateDeck(deck)).toEqual({ deck });
      }),
      { numRuns: 300 },
    );
  });

  it("imports any text in any format as a valid deck or one sentence, never by throwing", () => {
    fc.assert(
      fc.property(
        fc.oneof(anyText, fc.string({ unit: fc.constantFrom(...'ab\t,;\n"#:|'), maxLength: 200 })),
        fc.constantFrom(...IMPORT_FORMATS, "auto" as const),
        fc.option(fc.constantFrom("tab", "comma", ";", "::", ""), { nil: undefined }),
        (text, format, separator) => {
          const outcome = importDeck(text, {
            format,
            fallbackTitle: "Pasted",
            ...(separator !== undefined ? { termSeparator: separator } : {}),
          });
          if (outcome.ok) expect(validateDeck(outcome.deck)).toEqual({ deck: outcome.deck });
          else expect(outcome.message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 1500 },
    );
  });

  /**
   * The cards as both formats carry them (Anki has no place for `term`), every character of the text: inner
   * spaces, tabs, blank lines and leading spaces of a line included; only the ends of a side are trimmed.
   */
  const cardTexts = (deck: Deck) =>
    deck.cards.map(({ id, front, back, tags }) => ({ id, front: front.trim(), back: back.trim(), tags }));

  it("reads back every exported deck to the same cards", () => {
    fc.assert(
      fc.property(validDeck, fc.constantFrom(...EXPORT_FORMATS), (deck, format) => {
        // TSV carries no title: the importer is given the deck's, as the CLI passes the file name.
        const outcome = importDeck(exportDeck(deck, format), { format, id: deck.id, fallbackTitle: deck.title });
        expect(outcome.ok).toBe(true);
        if (!outcome.ok) return;
        expect(cardTexts(outcome.deck)).toEqual(cardTexts(deck));
      }),
      { numRuns: 500 },
    );
  });
});
