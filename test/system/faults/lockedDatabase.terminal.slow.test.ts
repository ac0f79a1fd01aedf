import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { useTempDir } from "../../kit/tempDir.js";
import { holdWriteLock, type LockHolder } from "./lockHolder.js";
import { startTerminal, type TerminalSession } from "./terminal.js";

// The apology's own title: the log line on standard error says "not recorded" too, and may come first.
const NOT_RECORDED = /== Not recorded ==/;

describe("faults: the terminal while another process holds the database's write lock", () => {
  const tempDir = useTempDir("studybot-faults-");
  let terminal: TerminalSession | undefined;
  let lock: LockHolder | undefined;
  afterEach(async () => {
    await lock?.release();
    terminal?.kill();
    lock = undefined;
    terminal = undefined;
  });

  // The terminal keeps production's 5 s busy timeout: each refused write waits that long first.
  it("says 'not recorded' of an answer and a rating, keeps reading lines, and records both after release", async () => {
    const database = join(tempDir(), "studybot.db");
    terminal = startTerminal({ DATABASE_PATH: database });
    await terminal.type("quiz now", /Quiz #1 is up/);
    await terminal.type("drill", /card 1 of/);
    await terminal.type("show", /Type again, hard, good or easy/);

    lock = await holdWriteLock(database);
    const answered = await terminal.type("A", NOT_RECORDED);
    expect(answered).not.toMatch(/Locked in/);
    const rated = await terminal.type("good", NOT_RECORDED);
    expect(rated).not.toMatch(/rated Good/);
    await lock.release();

    expect(await terminal.type("A", /Locked in: A/)).not.toMatch(NOT_RECORDED);
    expect(await terminal.type("good", /rated Good/)).not.toMatch(NOT_RECORDED);
    expect(await terminal.quit()).toBe(0);
  }, 90_000);
});
