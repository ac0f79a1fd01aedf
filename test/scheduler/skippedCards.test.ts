import { describe, expect, it, vi } from "vitest";
import { addSchedule, fires, HOUR, run, useSchedulerBots } from "./helpers.js";

describe("scheduled quizzes and skipped cards", () => {
  const bots = useSchedulerBots();

  it("a schedule never posts a skipped card, and posts it again once unskipped", async () => {
    vi.setSystemTime(new Date("2026-11-02T07:30:00Z"));
    const bot = bots.open();
    await run(bot, "deck skip capitals france");
    await run(bot, "deck skip capitals spain");
    await addSchedule(bot, "schedule add 0 * * * * UTC 30m");
    await bot.scheduler.start();
    const askedIds = () => bot.store.db.prepare<[], { card_id: string }>("SELECT card_id FROM quizzes ORDER BY id");

    await vi.advanceTimersByTimeAsync(12 * HOUR);
    expect(fires(bot).filter((fire) => fire.outcome === "posted")).toHaveLength(12);
    const whileSkipped = askedIds()
      .all()
      .map((row) => row.card_id);
    expect(new Set(whileSkipped)).toEqual(new Set(["italy", "norway", "peru", "japan"]));

    await run(bot, "deck unskip capitals france");
    await vi.advanceTimersByTimeAsync(5 * HOUR);
    const after = askedIds()
      .all()
      .slice(whileSkipped.length)
      .map((row) => row.card_id);
    expect(after).toHaveLength(5);
    expect(after).toContain("france");
    expect(after).not.toContain("spain");
  });
});
