import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../kit/eventually.js";
import { type StudybotProcess, spawnStudybot } from "../kit/studybotProcess.js";
import { useTempDir } from "../kit/tempDir.js";

const STOPPED = '"msg":"stopped: database checkpointed and closed"';

describe("terminal bot: the database locked by another process", () => {
  const tempDir = useTempDir("studybot-console-");
  let bot: StudybotProcess | undefined;
  let locker: Database.Database | undefined;
  afterEach(async () => {
    if (locker?.inTransaction) locker.exec("ROLLBACK");
    locker?.close();
    locker = undefined;
    if (bot && bot.child.exitCode === null && bot.child.signalCode === null) {
      bot.child.kill("SIGKILL");
      await bot.exit;
    }
    bot = undefined;
  });

  function start(database: string): StudybotProcess {
    // Past its busy timeout a write gives up; 5 s in production, short here.
    const env = { DATABASE_PATH: database, DATABASE_BUSY_TIMEOUT_MS: "200", LOG_LEVEL: "info", USER: "tester" };
    return spawnStudybot(["start"], env, { stdin: "pipe" });
  }

  async function type(running: StudybotProcess, line: string, shows: string | RegExp): Promise<void> {
    const before = running.out().length;
    running.child.stdin?.write(`${line}\n`);
    const seen = () => running.out().slice(before);
    await eventually(() => (typeof shows === "string" ? seen().includes(shows) : shows.test(seen())), line, 20_000);
  }

  it("answers an answer and a drill word that fail with 'not recorded', keeps reading, and counts them later", async () => {
    const database = join(tempDir(), "studybot.db");
    bot = start(database);
    const running = bot;
    await type(running, "quiz now", "== Quiz #1");
    locker = new Database(database);
    locker.exec("BEGIN IMMEDIATE");
    await type(running, "A", "not recorded");
    locker.exec("ROLLBACK");
    await type(running, "A", "== Locked in: A ==");

    await type(running, "drill lightweight-sandboxes 2 flip", "card 1 of 2");
    await type(running, "show", "Type again, hard, good or easy");
    locker.exec("BEGIN IMMEDIATE");
    await type(running, "good", "not recorded");
    locker.exec("ROLLBACK");
    await type(running, "good", "card 2 of 2");

    running.child.stdin?.end();
    expect((await running.exit).code).toBe(0);
    expect(running.err()).toContain(STOPPED);
  }, 60_000);

  it("exits promptly on the first SIGTERM while the database is locked, with the database closed", async () => {
    const database = join(tempDir(), "studybot.db");
    bot = start(database);
    const running = bot;
    await type(running, "quiz now", "== Quiz #1");
    locker = new Database(database);
    locker.exec("BEGIN IMMEDIATE");
    await type(running, "A", "not recorded");
    running.child.stdin?.write("B\nC\nD\n");
    running.child.kill("SIGTERM");
    const started = performance.now();
    const exit = await running.exit;
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(running.err()).toContain(STOPPED);
  }, 60_000);
});
