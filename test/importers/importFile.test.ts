import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decksExportCommand, decksImportCommand } from "../../src/decks/commandLine.js";
import { loadDecks } from "../../src/decks/loader.js";
import { useTempDir } from "../kit/tempDir.js";

const tempDir = useTempDir("studybot-import-");

function cli(decksDir: string) {
  const output = { out: "", err: "" };
  const io = { decksDir, out: (text: string) => (output.out += text), err: (text: string) => (output.err += text) };
  return {
    output,
    import: (...args: string[]) => decksImportCommand(args, io),
    export: (...args: string[]) => decksExportCommand(args, io),
  };
}

async function setup(fileName: string, content: string | Uint8Array) {
  const dir = tempDir();
  const file = join(dir, fileName);
  await writeFile(file, content);
  return { dir, file, run: cli(dir) };
}

describe("studybot decks import", () => {
  it("writes a deck file that the loader accepts, and prints what it read", async () => {
    const { dir, file, run } = await setup(
      "spanish_verbs.csv",
      'front,back\nser,"to be (permanent, essence)"\nestar,to be\n\nser,"to be (permanent, essence)"\n',
    );
    expect(await run.import(file)).toBe(0);
    expect(run.output.out).toBe(
      [
        "Read 2 cards as csv (auto: every row has a comma).",
        "Ignored 1 blank line between rows (no cards there).",
        "Skipped 1 row:",
        "  duplicate: line 5 (same front and back as line 2)",
        `Wrote ${join(dir, "spanish-verbs.yaml")} (deck "spanish-verbs": spanish verbs).`,
        "",
      ].join("\n"),
    );
    const { decks, errors } = await loadDecks(dir);
    expect(errors).toEqual([]);
    expect(decks[0]?.deck).toEqual({
      id: "spanish-verbs",
      title: "spanish verbs",
      description: "",
      cards: [
        { id: "ser", front: "ser", back: "to be (permanent, essence)", tags: [] },
        { id: "estar", front: "estar", back: "to be", tags: [] },
      ],
    });
  });

  it("refuses to overwrite without --force; with it, unchanged fronts keep their ids", async () => {
    const { dir, file, run } = await setup("cards.tsv", "uno\tone\ndos\ttwo\n");
    expect(await run.import(file, "--id", "numbers", "--title", "Numbers")).toBe(0);
    const path = join(dir, "numbers.yaml");
    await writeFile(path, (await readFile(path, "utf8")).replace("id: dos", "id: two"));
    await writeFile(file, "dos\ttwo!\ntres\tthree\n");
    expect(await run.import(file, "--id", "numbers", "--title", "Numbers")).toBe(1);
    expect(run.output.err).toContain("numbers.yaml exists: add --force to replace it");
    expect(await run.import(file, "--id", "numbers", "--title", "Numbers", "--force")).toBe(0);
    const { decks } = await loadDecks(dir);
    expect(decks[0]?.deck.cards.map((card) => [card.id, card.back])).toEqual([
      ["two", "two!"],
      ["tres", "three"],
    ]);
  });

  it("refuses a deck id another file already uses", async () => {
    const { dir, file, run } = await setup("x.tsv", "a\tb\n");
    await writeFile(join(dir, "other.yaml"), "id: taken\ntitle: T\ncards:\n  - id: a\n    front: a\n    back: b\n");
    expect(await run.import(file, "--id", "taken")).toBe(1);
    expect(run.output.err).toContain('deck id "taken" is already used by');
  });

  it("takes Quizlet separators and an Anki export", async () => {
    const { dir, file, run } = await setup("q.txt", "perro = dog;gato = cat;");
    expect(await run.import(file, "--term-sep", " = ", "--row-sep", ";", "--title", "Animals")).toBe(0);
    expect(run.output.out).toContain("Read 2 cards as quizlet (auto: separators were given).");
    const anki = join(dir, "notes.txt");
    await writeFile(anki, "#separator:tab\n#html:true\n{{c1::Oslo}} is the capital of Norway\t\n");
    expect(await run.import(anki, "--format", "anki", "--id", "capitals", "--title", "Capitals")).toBe(0);
    expect(run.output.out).toContain("Read 1 card as anki.");
  });

  it("gives a clear message for binary, empty, one-column and missing files", async () => {
    const { dir, file, run } = await setup("deck.apkg", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 9]));
    expect(await run.import(file)).toBe(1);
    expect(run.output.err).toContain("this Anki package is damaged (");
    await writeFile(join(dir, "empty.csv"), "");
    expect(await run.import(join(dir, "empty.csv"))).toBe(1);
    expect(run.output.err).toContain("the file is empty");
    await writeFile(join(dir, "words.txt"), "alpha\nbeta\n");
    expect(await run.import(join(dir, "words.txt"))).toBe(1);
    expect(run.output.err).toContain("no row has a tab between front and back");
    expect(await run.import(join(dir, "missing.csv"))).toBe(1);
    expect(run.output.err).toContain("cannot read");
    expect(await run.import(join(dir, "words.txt"), "--format", "xlsx")).toBe(2);
    expect(run.output.err).toContain('unknown format "xlsx"');
    expect(await run.import()).toBe(2);
    expect((await loadDecks(dir)).decks).toEqual([]);
  });
});

describe("studybot decks export", () => {
  it("round trip: export then import gives the same cards, in TSV and Anki", async () => {
    const dir = tempDir();
    const yaml = [
      "id: sandboxes",
      "title: Sandboxes",
      "cards:",
      "  - id: gvisor",
      "    front: gVisor",
      "    back: |",
      "      - runtime written in Go",
      '      - "quoted", with <html> & tabs\there',
      "    term: gVisor",
      "    tags: [runtimes]",
      "  - id: kata",
      "    front: Kata Containers",
      "    back: lightweight VMs",
      "    tags: []",
      "",
    ].join("\n");
    await writeFile(join(dir, "sandboxes.yaml"), yaml);
    const original = (await loadDecks(dir)).decks[0]?.deck;
    for (const format of ["tsv", "anki"]) {
      const run = cli(dir);
      const out = join(dir, `export.${format}`);
      expect(await run.export("sandboxes", "--format", format, "--out", out)).toBe(0);
      const target = tempDir();
      expect(await cli(target).import(out, "--id", "sandboxes", "--title", "Sandboxes")).toBe(0);
      const back = (await loadDecks(target)).decks[0]?.deck;
      const expected = format === "anki" ? original?.cards.map(({ term: _term, ...card }) => card) : original?.cards;
      expect(back?.cards).toEqual(expected);
    }
  });

  it("prints to standard output and names the decks when the id is unknown", async () => {
    const dir = tempDir();
    await writeFile(join(dir, "d.yaml"), "id: d\ntitle: D\ncards:\n  - id: a\n    front: a\n    back: b\n");
    const run = cli(dir);
    expect(await run.export("d")).toBe(0);
    expect(run.output.out).toBe("id\tfront\tback\ttags\na\ta\tb\t\n");
    expect(await run.export("nope")).toBe(1);
    expect(run.output.err).toContain('no deck "nope"');
    expect(run.output.err).toContain("decks: d");
  });
});
