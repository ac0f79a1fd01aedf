import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Deck } from "../../src/core/deck.js";
import { DeckCatalog, type DeckLoadError, formatDeckError, loadDecks } from "../../src/decks/loader.js";
import { useTempDir } from "../kit/tempDir.js";

const tempDir = useTempDir("studybot-decks-");

const GOOD = `id: good
title: Good deck
cards:
  - id: one
    front: One?
    back: one
`;

/** A deck of four cards, the last one given by `lastCard` (YAML lines at card indentation). */
function fourCards(lastCard: string, id = "broken"): string {
  return `id: ${id}
title: Broken deck
cards:
  - id: c0
    front: Zero?
    back: zero
  - id: c1
    front: One?
    back: one
  - id: c2
    front: Two?
    back: two
${lastCard}`;
}

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

const ids = (decks: { deck: Deck }[]) => decks.map((d) => d.deck.id);

describe("loadDecks: a broken deck is reported with file and field path, and skipped", () => {
  const cases: { name: string; broken: string; expected: (file: string) => string[] }[] = [
    {
      name: "missing back",
      broken: fourCards("  - id: c3\n    front: Three?\n"),
      expected: (f) => [`${f}: cards[3].back: Required`],
    },
    {
      name: "back present but empty in YAML",
      broken: fourCards("  - id: c3\n    front: Three?\n    back:\n"),
      expected: (f) => [`${f}: cards[3].back: must not be empty`],
    },
    {
      name: "empty front",
      broken: fourCards('  - id: c3\n    front: "   "\n    back: three\n'),
      expected: (f) => [`${f}: cards[3].front: must not be empty`],
    },
    {
      name: "bad card id slug",
      broken: fourCards("  - id: Card Three\n    front: Three?\n    back: three\n"),
      expected: (f) => [
        `${f}: cards[3].id: must be a slug: lowercase letters, digits and dashes, e.g. lightweight-sandboxes`,
      ],
    },
    {
      name: "duplicate card id",
      broken: fourCards("  - id: c1\n    front: Three?\n    back: three\n"),
      expected: (f) => [`${f}: cards[3].id: duplicate card id "c1" (also cards[1])`],
    },
    {
      name: "YAML syntax error",
      broken: fourCards("  - id: c3\n    front: Three: or four?\n    back: three\n"),
      expected: (f) => [
        `${f}: invalid YAML at line 14, column 12: Nested mappings are not allowed in compact mappings`,
      ],
    },
    {
      name: "duplicate key in YAML",
      broken: fourCards("  - id: c3\n    front: Three?\n    front: Four?\n    back: three\n"),
      expected: (f) => [`${f}: invalid YAML at line 15, column 5: Map keys must be unique`],
    },
    {
      name: "no cards",
      broken: "id: broken\ntitle: Broken deck\ncards: []\n",
      expected: (f) => [`${f}: cards: a deck needs at least one card`],
    },
    {
      name: "cards missing",
      broken: "id: broken\ntitle: Broken deck\n",
      expected: (f) => [`${f}: cards: Required`],
    },
    {
      name: "cards not a list",
      broken: "id: broken\ntitle: Broken deck\ncards:\n  id: c0\n  front: Zero?\n  back: zero\n",
      expected: (f) => [`${f}: cards: must be a list of cards`],
    },
    {
      name: "a card that is not a mapping",
      broken: fourCards("  - just a line\n"),
      expected: (f) => [`${f}: cards[3]: must be a mapping with id, front and back`],
    },
    {
      name: "unknown field on a card (a typo must not be silently dropped)",
      broken: fourCards("  - id: c3\n    front: Three?\n    back: three\n    hint: three\n"),
      expected: (f) => [`${f}: cards[3]: unknown field "hint"`],
    },
    {
      name: "unknown field on the deck",
      broken: `${fourCards("  - id: c3\n    front: Three?\n    back: three\n")}author: me\n`,
      expected: (f) => [`${f}: unknown field "author"`],
    },
    {
      name: "term longer than 80",
      broken: fourCards(`  - id: c3\n    front: Three?\n    back: three\n    term: ${"t".repeat(81)}\n`),
      expected: (f) => [`${f}: cards[3].term: must be at most 80 characters`],
    },
    {
      name: "tags not a list, and a bad tag",
      broken:
        "id: broken\ntitle: T\ncards:\n  - {id: a, front: A, back: a, tags: x}\n  - {id: b, front: B, back: b, tags: [Bad Tag]}\n",
      expected: (f) => [
        `${f}: cards[0].tags: must be a list of tags`,
        `${f}: cards[1].tags[0]: must be a slug: lowercase letters, digits and dashes, e.g. lightweight-sandboxes`,
      ],
    },
    {
      name: "several problems in one file are all reported",
      broken: "id: Broken\ncards:\n  - id: c0\n    back: zero\n",
      expected: (f) => [
        `${f}: id: must be a slug: lowercase letters, digits and dashes, e.g. lightweight-sandboxes`,
        `${f}: title: Required`,
        `${f}: cards[0].front: Required`,
      ],
    },
    {
      name: "empty file",
      broken: "# nothing yet\n",
      expected: (f) => [`${f}: the file is empty: a deck needs id, title and cards`],
    },
    {
      name: "a list instead of a deck",
      broken: "- id: c0\n  front: Zero?\n  back: zero\n",
      expected: (f) => [`${f}: must be a mapping with id, title and cards`],
    },
    {
      name: "unresolved YAML alias",
      broken: "id: broken\ntitle: *name\ncards: []\n",
      expected: (f) => [`${f}: invalid YAML: Unresolved alias (the anchor must be set before the alias): name`],
    },
  ];

  // The broken file sorts both before and after the good one: skipping it must not depend on order.
  for (const brokenName of ["a-broken.yaml", "z-broken.yml"]) {
    it.each(cases)(`$name (${brokenName})`, async ({ broken, expected }) => {
      const dir = tempDir();
      write(dir, { "m-good.yaml": GOOD, [brokenName]: broken });

      const result = await loadDecks(dir);

      expect(result.errors.map(formatDeckError)).toEqual(expected(join(dir, brokenName)));
      expect(ids(result.decks)).toEqual(["good"]);
      expect(result.decks[0]?.file).toBe(join(dir, "m-good.yaml"));
    });
  }

  it("a deck id used by a second file is an error on that file, which is skipped", async () => {
    const dir = tempDir();
    const other = "id: other\ntitle: Other\ncards:\n  - {id: x, front: X, back: x}\n";
    write(dir, { "a.yaml": GOOD, "b.yaml": GOOD.replace("Good deck", "Impostor"), "c.yaml": other });

    const result = await loadDecks(dir);

    expect(result.errors.map(formatDeckError)).toEqual([
      `${join(dir, "b.yaml")}: id: duplicate deck id "good" (also ${join(dir, "a.yaml")})`,
    ]);
    expect(ids(result.decks)).toEqual(["good", "other"]);
    expect(result.decks[0]?.deck.title).toBe("Good deck");
  });

  it("a broken file does not claim its deck id: a later file with that id loads", async () => {
    const dir = tempDir();
    write(dir, { "a.yaml": "id: good\ntitle: Broken\ncards: []\n", "b.yaml": GOOD });

    const result = await loadDecks(dir);

    expect(result.errors.map(formatDeckError)).toEqual([
      `${join(dir, "a.yaml")}: cards: a deck needs at least one card`,
    ]);
    expect(result.decks.map((d) => d.file)).toEqual([join(dir, "b.yaml")]);
  });
});

describe("loadDecks: which files", () => {
  it("reads *.yaml and *.yml in name order, and ignores other files, dotfiles and directories", async () => {
    const dir = tempDir();
    const deck = (id: string) => `id: ${id}\ntitle: ${id}\ncards:\n  - {id: x, front: X, back: x}\n`;
    write(dir, {
      "b.yml": deck("bravo"),
      "a.yaml": deck("zulu"),
      "C.YAML": deck("charlie"),
      "notes.txt": "not a deck",
      "deck.yaml.bak": "not a deck",
      ".#a.yaml": "editor lock file",
    });

    const result = await loadDecks(dir);

    expect(result.errors).toEqual([]);
    expect(result.decks.map((d) => d.file)).toEqual(["C.YAML", "a.yaml", "b.yml"].map((name) => join(dir, name)));
    expect(ids(result.decks)).toEqual(["charlie", "zulu", "bravo"]);
  });

  it("an empty directory loads nothing and reports nothing", async () => {
    expect(await loadDecks(tempDir())).toEqual({ decks: [], errors: [] });
  });

  it("a missing directory is one error, not an exception", async () => {
    const dir = join(tempDir(), "nope");

    const result = await loadDecks(dir);

    expect(result.decks).toEqual([]);
    expect(result.errors.map(formatDeckError)).toEqual([
      `${dir}: cannot read the deck directory: ENOENT: no such file or directory`,
    ]);
  });

  it("keeps multi-line backs and trims surrounding blank space", async () => {
    const dir = tempDir();
    write(dir, {
      "d.yaml":
        "id: d\ntitle: '  D  '\ncards:\n  - id: x\n    front: X\n    back: |\n      - first\n      - second: yes\n\n",
    });

    const [loaded] = (await loadDecks(dir)).decks;

    expect(loaded?.deck).toEqual({
      id: "d",
      title: "D",
      description: "",
      cards: [{ id: "x", front: "X", back: "- first\n- second: yes", tags: [] }],
    });
  });
});

describe("formatDeckError", () => {
  it("shows a file inside the working directory relative to it", () => {
    const error: DeckLoadError = { file: resolve("decks/x.yaml"), path: "cards[3].back", message: "Required" };
    expect(formatDeckError(error)).toBe("decks/x.yaml: cards[3].back: Required");
  });

  it("omits the path when the whole file is at fault", () => {
    expect(formatDeckError({ file: resolve("decks/x.yaml"), path: "", message: "the file is empty" })).toBe(
      "decks/x.yaml: the file is empty",
    );
  });

  it("shows a file outside the working directory by its absolute path", () => {
    const file = resolve(process.cwd(), "..", "elsewhere", "x.yaml");
    expect(formatDeckError({ file, path: "id", message: "Required" })).toBe(`${file}: id: Required`);
  });
});

describe("DeckCatalog", () => {
  const deck = (id: string): Deck => ({
    id,
    title: id,
    description: "",
    cards: [{ id: "c", front: "F", back: "B", tags: [] }],
  });
  const catalog = new DeckCatalog([
    { deck: deck("m"), file: "decks/1.yaml" },
    { deck: deck("b"), file: "decks/2.yaml" },
    { deck: deck("x"), file: "decks/3.yaml" },
  ]);

  it("finds decks by id", () => {
    expect(catalog.get("b")?.id).toBe("b");
    expect(catalog.get("nope")).toBeUndefined();
    expect(catalog.has("x")).toBe(true);
    expect(catalog.has("nope")).toBe(false);
    expect(catalog.fileOf("m")).toBe("decks/1.yaml");
    expect(catalog.size).toBe(3);
  });

  it("lists by id, and the default deck is the first by id", () => {
    expect(catalog.list().map((d) => d.id)).toEqual(["b", "m", "x"]);
    expect(catalog.defaultDeck()?.id).toBe("b");
  });

  it("hands out a copy of the list", () => {
    catalog.list().pop();
    expect(catalog.list()).toHaveLength(3);
  });

  it("is empty without decks", () => {
    const empty = new DeckCatalog([]);
    expect(empty.list()).toEqual([]);
    expect(empty.defaultDeck()).toBeUndefined();
  });

  it("refuses two decks with one id", () => {
    expect(
      () =>
        new DeckCatalog([
          { deck: deck("a"), file: "decks/1.yaml" },
          { deck: deck("a"), file: "decks/2.yaml" },
        ]),
    ).toThrow('duplicate deck id "a" in decks/2.yaml and decks/1.yaml');
  });
});
