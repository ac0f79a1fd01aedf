import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../kit/eventually.js";
import { type StudybotProcess, spawnStudybot } from "../kit/studybotProcess.js";
import { useTempDir } from "../kit/tempDir.js";

/** "HH:MM" in UTC, `minutes` from now: the terminal's community keeps UTC, the test process's TZ. */
const utcClockIn = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString().slice(11, 16);

describe("terminal: a reminder comes by itself", () => {
  const tempDir = useTempDir("studybot-remind-");
  let bot: StudybotProcess | undefined;
  afterEach(() => {
    bot?.child.kill("SIGTERM");
    bot = undefined;
  });

  // Slow by nature: the reminder waits for a real minute to come round (under test:crash).
  it("prints the reminder at the time set with me remind, while new cards are allowed today", {
    timeout: 240_000,
  }, async () => {
    bot = spawnStudybot(
      ["start"],
      { USER: "tester", DATABASE_PATH: join(tempDir(), "studybot.db") },
      { stdin: "pipe" },
    );
    await eventually(() => bot?.out().includes("Hello tester"), "the terminal bot to start", 60_000);
    // Two minutes ahead: the line is surely read before that minute's sweep, however slow the start was.
    const at = utcClockIn(2);
    bot.child.stdin?.write(`me remind ${at}\n`);
    await eventually(() => bot?.out().includes(at), "the reminder setting to be confirmed", 30_000);
    const reminder = await eventually(
      () => bot?.out().match(/Time to study: [^\n]*/)?.[0],
      `a reminder at ${at} UTC`,
      200_000,
    );
    expect(reminder).toMatch(/Time to study/);
    expect(bot.out()).toContain("Start drill");
  });
});
