import { dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import { CONSOLE_PLATFORM, ConsoleBot } from "../../src/platforms/console/consoleBot.js";
import { HOUR, useSchedulerBots } from "../scheduler/helpers.js";

describe("terminal bot schedules", () => {
  const bots = useSchedulerBots();

  it("posts scheduled quizzes in its local channel and closes them, as a chat channel would", async () => {
    vi.setSystemTime(new Date("2026-11-02T07:30:00Z"));
    const bot = bots.open();
    let printed = "";
    const output = new PassThrough();
    output.on("data", (chunk: Buffer) => {
      printed += chunk.toString();
    });
    const terminal = new ConsoleBot(bot.services, {
      input: new PassThrough(),
      output,
      userName: "tester",
      color: false,
      filesDir: join(dirname(bot.store.db.name), "files"),
    });
    bot.services.messengers.set(CONSOLE_PLATFORM, terminal.messenger);
    await bot.scheduler.start();

    await terminal.handle("schedule add 0 9 * * 1-5 Europe/Berlin 30m");
    expect(printed).toContain("== Schedule #1 added ==");
    expect(printed).toContain("Next: Mon 2026-11-02 09:00 · Tue 2026-11-03 09:00 · Wed 2026-11-04 09:00");

    await vi.advanceTimersByTimeAsync(HOUR / 2);
    expect(printed).toMatch(/== Quiz #1 · Capitals \(capitals\) ==/);
    expect(printed).toContain("Closes at 09:30 Europe/Berlin");
    const quiz = bot.store.quizzes.get(1);
    const rightLetter = "ABCD"[quiz?.correctIndex ?? 0] ?? "A";
    await terminal.handle(rightLetter);
    expect(printed).toContain(`== Locked in: ${rightLetter} ==`);
    expect(printed).not.toContain("closed");
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(printed).toMatch(/== Quiz #1 · closed · Capitals \(capitals\) ==/);
    expect(printed).toContain("Answers: 1 of 1 right (100%)");
  });
});
