import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateDeck } from "../../src/core/deck.js";
import { deckInfoView } from "../../src/core/deckViews.js";
import { importDeck } from "../../src/core/importers/index.js";
import {
  CARD_MAX_TAGS,
  CARD_TEXT_MAX_CHARS,
  DECK_FILE_MAX_BYTES,
  DECK_INFO_MAX_TERMS,
  DECK_MAX_CARDS,
  SUMMARY_MAX_ITEMS,
} from "../../src/core/limits.js";
import { plainInline } from "../../src/core/views.js";
import { checkDecks } from "../../src/decks/check.js";
import { importDeckFile } from "../../src/decks/deckFile.js";
import { useTempDir } from "../kit/tempDir.js";

const tempDir = useTempDir("studybot-caps-");

const GOOD = "id: good\ntitle: Good\ncards:\n  - id: a\n    front: A\n    back: B\n";
const cards = (count: number, back = (n: number) => `answer ${n}`) =>
  Array.from({ length: count }, (_, n) => ({ id: `c${n}`, front: `question ${n}`, back: back(n), tags: [] }));

describe("the size cap on deck files", () => {
  it("refuses a deck file over the cap before reading it, naming the file and the cap", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "good.yaml"), GOOD);
    writeFileSync(join(dir, "huge.yaml"), `${GOOD}#${"x".repeat(DECK_FILE_MAX_BYTES)}\n`);
    const check = await checkDecks(dir);
    expect(check.lines).toEqual([
      "good  1 card  Good",
      `${join(dir, "huge.yaml")}: the file has 4,194,369 bytes: a deck file may have up to 4 MB (4,194,304 bytes)`,
    ]);
    const imported = await importDeckFile({ file: join(dir, "huge.yaml"), decksDir: tempDir() });
    expect(imported.lines).toEqual([
      `${join(dir, "huge.yaml")}: the file has 4,194,369 bytes: a deck file may have up to 4 MB (4,194,304 bytes)`,
    ]);
  });
});

describe("caps on what a deck holds, each refused with a message that names it", () => {
  it(`a deck has at most ${DECK_MAX_CARDS} cards`, () => {
    expect("deck" in validateDeck({ id: "d", title: "D", cards: cards(DECK_MAX_CARDS) })).toBe(true);
    expect(validateDeck({ id: "d", title: "D", cards: cards(DECK_MAX_CARDS + 1) })).toEqual({
      problems: [{ path: "cards", message: "has 10,001 cards: a deck may have at most 10,000" }],
    });
    const rows = Array.from({ length: DECK_MAX_CARDS + 1 }, (_, n) => `q${n}\ta${n}`).join("\n");
    expect(importDeck(rows, { title: "Big" })).toMatchObject({
      ok: false,
      message: "cards: has 10,001 cards: a deck may have at most 10,000",
    });
  });

  it(`a front or back has at most ${CARD_TEXT_MAX_CHARS} characters, a card at most ${CARD_MAX_TAGS} tags`, () => {
    const long = "x".repeat(CARD_TEXT_MAX_CHARS + 1);
    expect("deck" in validateDeck({ id: "d", title: "D", cards: cards(1, () => long.slice(1)) })).toBe(true);
    expect(validateDeck({ id: "d", title: "D", cards: cards(2, (n) => (n === 1 ? long : "fine")) })).toEqual({
      problems: [
        { path: "cards[1].back", message: "has 2,001 characters: a card's front or back may have at most 2,000" },
      ],
    });
    expect(importDeck(`a\tb\n${long}\tc\n`, { title: "T" })).toMatchObject({
      ok: false,
      message: "line 2: cards[1].front: has 2,001 characters: a card's front or back may have at most 2,000",
    });
    const tags = Array.from({ length: CARD_MAX_TAGS + 1 }, (_, n) => `t${n}`);
    expect(validateDeck({ id: "d", title: "D", cards: [{ id: "a", front: "A", back: "B", tags }] })).toEqual({
      problems: [{ path: "cards[0].tags", message: "has 21 tags: a card may have at most 20" }],
    });
  });

  it(`decks check names the first ${SUMMARY_MAX_ITEMS} problems of a file and counts the rest`, async () => {
    const dir = tempDir();
    const broken = Array.from({ length: 50 }, (_, n) => `  - id: c${n}\n    front: F${n}\n`).join("");
    writeFileSync(join(dir, "broken.yaml"), `id: broken\ntitle: Broken\ncards:\n${broken}`);
    const { lines } = await checkDecks(dir);
    expect(lines).toHaveLength(SUMMARY_MAX_ITEMS + 1);
    expect(lines[0]).toBe(`${join(dir, "broken.yaml")}: cards[0].back: Required`);
    expect(lines.at(-1)).toBe(`${join(dir, "broken.yaml")}: and 40 more problems`);
  });

  it(`deck info lists the first ${DECK_INFO_MAX_TERMS} terms and topics, then how many more`, () => {
    const deck = {
      id: "big",
      title: "Big",
      description: "",
      cards: Array.from({ length: 1000 }, (_, n) => ({ id: `c${n}`, front: `term ${n}`, back: "b", tags: [`t${n}`] })),
    };
    const view = deckInfoView(deck);
    const fields = view.blocks.flatMap((block) => (block.type === "fields" ? block.fields : []));
    const value = (label: string) => plainInline(fields.find((field) => field.label === label)?.value ?? []);
    expect(value("Terms").split(" · ")).toHaveLength(DECK_INFO_MAX_TERMS + 1);
    expect(value("Terms")).toMatch(/^term 0 · term 1 · .* · term 39 · and 960 more$/);
    expect(value("Topics")).toMatch(/, and 960 more$/);
  });
});
