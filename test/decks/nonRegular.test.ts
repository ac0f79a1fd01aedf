import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkDecks } from "../../src/decks/check.js";
import { importDeckFile } from "../../src/decks/deckFile.js";
import { loadDecks } from "../../src/decks/loader.js";
import { watchDeckFolder } from "../../src/decks/watch.js";
import { useTempDir } from "../kit/tempDir.js";

const tempDir = useTempDir("studybot-non-regular-");

const GOOD = "id: good\ntitle: Good\ncards:\n  - id: a\n    front: A\n    back: B\n";

/** A decks/ folder with a good deck, a link `linked.yaml` to a FIFO outside it, and a FIFO named `pipe.yaml`. */
function folderWithFifos(): { dir: string; decks: string } {
  const dir = tempDir();
  const decks = join(dir, "decks");
  mkdirSync(decks);
  writeFileSync(join(decks, "good.yaml"), GOOD);
  execFileSync("mkfifo", [join(dir, "fifo"), join(decks, "pipe.yaml")]);
  symlinkSync(join(dir, "fifo"), join(decks, "linked.yaml"));
  return { dir, decks };
}

// Before, each of these waited for a writer to open the FIFO, forever: the tests would time out.
describe("a FIFO or other non-regular file in decks/ is skipped with a warning naming it, never read", () => {
  it("decks check lists the good deck and names each FIFO", async () => {
    const { decks } = folderWithFifos();
    const check = await checkDecks(decks);
    expect(check.ok).toBe(false);
    expect(check.lines).toEqual([
      "good  1 card  Good",
      `${join(decks, "linked.yaml")}: not a regular file (a named pipe): skipped`,
      `${join(decks, "pipe.yaml")}: not a regular file (a named pipe): skipped`,
    ]);
  });

  it("loading at start loads the good deck and reports the others, a folder named like a deck too", async () => {
    const { decks } = folderWithFifos();
    mkdirSync(join(decks, "folder.yaml"));
    const loaded = await loadDecks(decks);
    expect(loaded.decks.map((deck) => deck.deck.id)).toEqual(["good"]);
    expect(loaded.errors.map((error) => [error.file, error.message])).toEqual([
      [join(decks, "folder.yaml"), "not a regular file (a directory): skipped"],
      [join(decks, "linked.yaml"), "not a regular file (a named pipe): skipped"],
      [join(decks, "pipe.yaml"), "not a regular file (a named pipe): skipped"],
    ]);
  });

  it("a reload set off by the folder watch finishes when a link to a FIFO appears", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "good.yaml"), GOOD);
    execFileSync("mkfifo", [join(dir, "fifo")]);
    const reloaded = new Promise<Awaited<ReturnType<typeof loadDecks>>>((resolve) => {
      const watch = watchDeckFolder(
        dir,
        () => {
          watch.close();
          resolve(loadDecks(dir));
        },
        { debounceMs: 20 },
      );
    });
    symlinkSync(join(dir, "fifo"), join(dir, "linked.yaml"));
    const result = await reloaded;
    expect(result.decks.map((deck) => deck.deck.id)).toEqual(["good"]);
    expect(result.errors.map((error) => error.message)).toEqual(["not a regular file (a named pipe): skipped"]);
  });

  it("decks import of a FIFO says so instead of waiting for a writer", async () => {
    const { dir, decks } = folderWithFifos();
    const outcome = await importDeckFile({ file: join(dir, "fifo"), decksDir: decks });
    expect(outcome).toEqual({ ok: false, lines: [`${join(dir, "fifo")}: not a regular file (a named pipe): skipped`] });
  });
});
