import { describe, expect, it, vi } from "vitest";
import { handleCommand } from "../../src/services/commandRouter.js";
import { actor } from "../kit/fakes.js";
import { callerOf, drillButton, rateButton } from "../services/drillHelpers.js";
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

  it("a reminder does not count a skipped card as due", async () => {
    vi.setSystemTime(new Date("2026-11-02T06:00:00Z"));
    const bot = bots.open();
    // Ana forgets France (due again in a minute) and starts no new card a day: France is all she has due.
    const first = (await handleCommand(bot.services, actor("ana"), "drill 1")).view;
    const shown = bot.services.drills.act(callerOf(bot, "ana"), drillButton(first, "show"));
    bot.services.drills.act(callerOf(bot, "ana"), rateButton(shown, "again"));
    const { member } = callerOf(bot, "ana");
    bot.store.memberSettings.update(
      member.id,
      member.communityId,
      { remindAt: "08:00", newPerDay: 0 },
      bot.clock.now(),
    );
    await run(bot, "deck skip capitals france");
    await bot.scheduler.start();

    await vi.advanceTimersByTimeAsync(new Date("2026-11-02T08:01:00Z").getTime() - Date.now());
    expect(bot.messenger.directs).toEqual([]);
    await run(bot, "deck unskip capitals france");
    await vi.advanceTimersByTimeAsync(new Date("2026-11-03T08:01:00Z").getTime() - Date.now());
    expect(bot.messenger.directs.map((direct) => direct.at.toISOString())).toEqual(["2026-11-03T07:00:00.000Z"]);
  });
});
