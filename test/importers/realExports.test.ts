import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Deck } from "../../src/core/deck.js";
import { type ImportOptions, importDeck, importSummary } from "../../src/core/importers/index.js";
import { decksImportCommand } from "../../src/decks/commandLine.js";
import { useTempDir } from "../helpers/tempDir.js";

/** Issue #17: shapes of real exports written by other people, each checked card by card. */

const tempDir = useTempDir("studybot-real-exports-");

function imported(text: string, options: ImportOptions = {}): Deck {
  const outcome = importDeck(text, { title: "Real export", ...options });
  if (!outcome.ok) throw new Error(`expected a deck, got: ${outcome.message}`);
  return outcome.deck;
}

const cards = (deck: Deck) => deck.cards.map(({ front, back, tags }) => ({ front, back, tags }));

async function importFile(fileName: string, content: string, ...args: string[]) {
  const dir = tempDir();
  const file = join(dir, fileName);
  await writeFile(file, content);
  const output = { out: "", err: "" };
  const io = {
    decksDir: dir,
    out: (text: string) => (output.out += text),
    err: (text: string) => (output.err += text),
  };
  const code = await decksImportCommand([file, ...args], io);
  return { code, output, dir };
}

describe("8. separators that start with a dash", () => {
  it("takes --term-sep --- and --row-sep -// as values, not as options", async () => {
    const { code, output, dir } = await importFile(
      "quizlet.txt",
      "gato---cat-//perro---dog-//",
      "--term-sep",
      "---",
      "--row-sep",
      "-//",
      "--title",
      "Animals",
    );
    expect(output.err).toBe("");
    expect(code).toBe(0);
    const deck = parse(await readFile(join(dir, "animals.yaml"), "utf8")) as Deck;
    expect(deck.cards.map(({ front, back }) => [front, back])).toEqual([
      ["gato", "cat"],
      ["perro", "dog"],
    ]);
  });
});

describe("10. the YAML written and the card ids", () => {
  it("quotes on, yes, no and y, so YAML 1.1 readers do not take them as booleans", async () => {
    const { code, dir } = await importFile("words.tsv", "on\tan\nyes\tsí\nno\tno\ny\ty\nOff\tapagado\n");
    expect(code).toBe(0);
    const yaml = await readFile(join(dir, "words.yaml"), "utf8");
    for (const word of ["on", "yes", "no", "y", "Off"]) expect(yaml).toContain(`front: "${word}"`);
    expect(yaml).toContain('back: "no"');
    expect(yaml).toContain("back: an");
    const deck = parse(yaml, { version: "1.1" }) as Deck;
    expect(deck.cards.map((card) => card.front)).toEqual(["on", "yes", "no", "y", "Off"]);
  });

  it("transliterates letters that have no accent to drop: ł, ø, ß, æ, œ", () => {
    const deck = imported("Łódź\tcity\nØresund\tstrait\nStraße\tstreet\nÆbleskive\tpancake\nœuvre\twork\n");
    expect(deck.cards.map((card) => card.id)).toEqual(["lodz", "oresund", "strasse", "aebleskive", "oeuvre"]);
  });
});
