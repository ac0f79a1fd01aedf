import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decksImportCommand } from "../../src/decks/commandLine.js";
import { loadDecks } from "../../src/decks/loader.js";
import { ankiPackage } from "../kit/ankiPackage.js";
import { useTempDir } from "../kit/tempDir.js";

const tempDir = useTempDir("studybot-split-");

/** Anki's Notes in Plain Text with "Include deck name": three decks (one a sub-deck), a note of no text, a deck too long. */
const ANKI_EXPORT = [
  "#separator:tab",
  "#html:true",
  "#deck column:1",
  "Languages::German\tder Hund\tthe dog",
  "Geography\tParis\tcapital of France",
  "Languages::German::Verbs\tgehen\tto go",
  "Languages::German\tdie Katze\tthe cat",
  'Pictures\t<img src="a.png">\t<img src="b.png">',
  `Essays\tAn essay\t${"word ".repeat(500)}`,
  "日本語\t犬\tdog",
  "",
].join("\n");

async function importInto(dir: string, fileName: string, content: string | Uint8Array, ...args: string[]) {
  const file = join(dir, fileName);
  await writeFile(file, content);
  const output = { out: "", err: "" };
  const io = {
    decksDir: dir,
    out: (text: string) => (output.out += text),
    err: (text: string) => (output.err += text),
  };
  const code = await decksImportCommand([file, ...args], io);
  return { code, output };
}

async function decksIn(dir: string) {
  const { decks } = await loadDecks(dir);
  return Object.fromEntries(
    decks.map(({ deck }) => [deck.id, { title: deck.title, fronts: deck.cards.map((card) => card.front) }]),
  );
}

describe("decks import --split-decks", () => {
  it("writes one deck file per Anki deck of a text export, and says what went where", async () => {
    const dir = tempDir();
    const { code, output } = await importInto(dir, "export.txt", ANKI_EXPORT, "--split-decks");
    expect(code).toBe(0);
    expect(output.out.split("\n")).toEqual([
      'Read 5 cards in 4 decks as anki (auto: Anki header line "#separator:tab").',
      "Skipped 1 row:",
      "  empty: line 8",
      `Languages::German → ${join(dir, "languages-german.yaml")}: 2 cards.`,
      `Geography → ${join(dir, "geography.yaml")}: 1 card.`,
      `Languages::German::Verbs → ${join(dir, "languages-german-verbs.yaml")}: 1 card.`,
      "Essays: not written: line 9: cards[0].back: has 2,499 characters: a card's front or back may have at most 2,000.",
      `日本語 → ${join(dir, "anki-deck.yaml")}: 1 card.`,
      "",
    ]);
    expect(await decksIn(dir)).toEqual({
      "languages-german": { title: "Languages::German", fronts: ["der Hund", "die Katze"] },
      geography: { title: "Geography", fronts: ["Paris"] },
      "languages-german-verbs": { title: "Languages::German::Verbs", fronts: ["gehen"] },
      "anki-deck": { title: "日本語", fronts: ["犬"] },
    });
  });

  it("splits an .apkg by its decks", async () => {
    const dir = tempDir();
    const notes = [
      { noteType: "Basic", deck: "Spanish", fields: ["perro", "dog"] },
      { noteType: "Basic", deck: "Spanish::Food", fields: ["pan", "bread"] },
      { noteType: "Basic", deck: "Spanish", fields: ["gato", "cat"] },
    ];
    const { code } = await importInto(dir, "spanish.apkg", ankiPackage("anki21b", notes), "--split-decks");
    expect(code).toBe(0);
    expect(await decksIn(dir)).toEqual({
      spanish: { title: "Spanish", fronts: ["perro", "gato"] },
      "spanish-food": { title: "Spanish::Food", fronts: ["pan"] },
    });
  });

  it("writes nothing when one deck would replace a file without --force; with it, cards keep their ids", async () => {
    const dir = tempDir();
    await writeFile(
      join(dir, "geography.yaml"),
      "id: geography\ntitle: Geography\ncards:\n  - id: paris-card\n    front: Paris\n    back: old back\n",
    );
    const refused = await importInto(dir, "export.txt", ANKI_EXPORT, "--split-decks");
    expect(refused.code).toBe(1);
    expect(refused.output.err).toContain(`${join(dir, "geography.yaml")} exists: add --force to replace it`);
    expect(refused.output.err).toContain("Nothing was written.");
    expect((await readdir(dir)).sort()).toEqual(["export.txt", "geography.yaml"]);

    const forced = await importInto(dir, "export.txt", ANKI_EXPORT, "--split-decks", "--force");
    expect(forced.code).toBe(0);
    const { decks } = await loadDecks(dir);
    const geography = decks.find(({ deck }) => deck.id === "geography")?.deck;
    expect(geography?.cards).toEqual([
      { id: "paris-card", front: "Paris", back: "capital of France", tags: ["geography"] },
    ]);
  });

  it("refuses a file without Anki decks, and --id or --title beside it", async () => {
    const dir = tempDir();
    const plain = await importInto(dir, "cards.csv", "front,back\nperro,dog\n", "--split-decks");
    expect(plain.code).toBe(1);
    expect(plain.output.err).toContain("there are no Anki decks to split");
    const named = await importInto(dir, "export.txt", ANKI_EXPORT, "--split-decks", "--id", "x");
    expect(named.code).toBe(1);
    expect(named.output.err).toContain("leave out --id and --title");
    expect((await readdir(dir)).sort()).toEqual(["cards.csv", "export.txt"]);
  });
});
