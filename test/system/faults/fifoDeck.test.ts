import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { useTempDir } from "../../kit/tempDir.js";
import { startTerminal, type TerminalSession } from "./terminal.js";

const seedDeck = resolve(import.meta.dirname, "../../../decks/lightweight-sandboxes.yaml");

describe("faults: a FIFO in decks/", () => {
  const tempDir = useTempDir("studybot-faults-");
  let terminal: TerminalSession | undefined;
  afterEach(() => {
    terminal?.kill();
    terminal = undefined;
  });

  // Opening a FIFO for reading waits for a writer that never comes: the start must not.
  it("studybot start skips a FIFO and a link to one, naming each, serves the other decks, quits cleanly", async () => {
    const dir = tempDir();
    const decks = join(dir, "decks");
    mkdirSync(decks);
    copyFileSync(seedDeck, join(decks, "lightweight-sandboxes.yaml"));
    execFileSync("mkfifo", [join(decks, "pipe.yaml"), join(dir, "fifo")]);
    symlinkSync(join(dir, "fifo"), join(decks, "linked.yaml"));
    terminal = startTerminal({ DATABASE_PATH: join(dir, "studybot.db"), DECKS_DIR: decks });

    expect(await terminal.type("deck list", /lightweight-sandboxes/, 10_000)).toContain("lightweight-sandboxes");
    for (const name of ["pipe", "linked"])
      expect(terminal.output()).toMatch(new RegExp(`${name}\\.yaml[^\\n]*not a regular file`));
    expect(await terminal.quit()).toBe(0);
  });
});
