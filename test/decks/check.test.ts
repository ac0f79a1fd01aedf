import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkDecks } from "../../src/decks/check.js";
import { useTempDir } from "../kit/tempDir.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const tempDir = useTempDir("studybot-check-");

const deck = (id: string, title: string, cards: number) =>
  `id: ${id}\ntitle: ${title}\ncards:\n${Array.from({ length: cards }, (_, i) => `  - {id: c${i}, front: F${i}, back: B${i}}\n`).join("")}`;

describe("checkDecks", () => {
  it("passes the shipped decks/ directory", async () => {
    const { lines, ok } = await checkDecks(join(repoRoot, "decks"));
    expect(lines.map((line) => line.replace(/^(\S+) +/, "$1  "))).toContain(
      "lightweight-sandboxes  24 cards  L12 – Lightweight sandboxes",
    );
    expect(ok).toBe(true);
  });

  it("lists good decks by id with aligned counts, then each problem, and fails", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "1.yaml"), deck("zeta", "Zeta", 1));
    writeFileSync(join(dir, "2.yaml"), deck("alpha-long-id", "Alpha", 3));
    writeFileSync(join(dir, "3.yaml"), "id: broken\ntitle: Broken\ncards: []\n");

    const { lines, ok } = await checkDecks(dir);

    expect(lines).toEqual([
      "alpha-long-id  3 cards  Alpha",
      "zeta           1 card  Zeta",
      `${join(dir, "3.yaml")}: cards: a deck needs at least one card`,
    ]);
    expect(ok).toBe(false);
  });

  it("says so when there is no deck file, without failing", async () => {
    const dir = tempDir();
    expect(await checkDecks(dir)).toEqual({ lines: [`${dir}: no deck files (*.yaml, *.yml)`], ok: true });
  });

  it("fails on a missing directory", async () => {
    const dir = join(tempDir(), "missing");
    expect(await checkDecks(dir)).toEqual({
      lines: [`${dir}: cannot read the deck directory: ENOENT: no such file or directory`],
      ok: false,
    });
  });
});
