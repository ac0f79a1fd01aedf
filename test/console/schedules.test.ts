import { describe, expect, it, vi } from "vitest";
import { HOUR, useSchedulerBots } from "../scheduler/helpers.js";
import { terminalOn } from "./terminalOn.js";

describe("terminal bot schedules", () => {
  const bots = useSchedulerBots();

  it("posts scheduled quizzes in its local channel and closes them, as a chat channel would", async () => {
    vi.setSystemTime(new Date("2026-11-02T07:30:00Z"));
    const bot = bots.open();
    const { terminal, printed } = terminalOn(bot);
    await bot.scheduler.start();

    await terminal.handle("schedule add 0 9 * * 1-5 Europe/Berlin 30m");
    expect(printed()).toContain("== Schedule #1 added ==");
    expect(printed()).toContain("Next: Mon 2026-11-02 09:00 · Tue 2026-11-03 09:00 · Wed 2026-11-04 09:00");

    await vi.advanceTimersByTimeAsync(HOUR / 2);
    expect(printed()).toMatch(/== Quiz #1 · Capitals \(capitals\) ==/);
    expect(printed()).toContain("Closes at 09:30 Europe/Berlin");
    const quiz = bot.store.quizzes.get(1);
    const rightLetter = "ABCD"[quiz?.correctIndex ?? 0] ?? "A";
    await terminal.handle(rightLetter);
    expect(printed()).toContain(`== Locked in: ${rightLetter} ==`);
    expect(printed()).not.toContain("closed");
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(printed()).toMatch(/== Quiz #1 · closed · Capitals \(capitals\) ==/);
    expect(printed()).toContain("Answers: 1 of 1 right (100%)");
  });
});
