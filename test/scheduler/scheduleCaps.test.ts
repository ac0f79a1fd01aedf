import { describe, expect, it, vi } from "vitest";
import { MAX_SCHEDULES_PER_CHANNEL, MAX_SCHEDULES_PER_COMMUNITY } from "../../src/core/limits.js";
import { viewText } from "../kit/viewText.js";
import { addSchedule, run, useSchedulerBots } from "./helpers.js";

describe("schedule caps", () => {
  const bots = useSchedulerBots();

  it("refuses a channel's 11th schedule, naming the cap and a schedule whose removal makes room", async () => {
    vi.setSystemTime(new Date("2026-11-02T08:00:30Z"));
    const bot = bots.open();
    const ids: number[] = [];
    for (let n = 0; n < MAX_SCHEDULES_PER_CHANNEL; n++) ids.push(await addSchedule(bot, 'schedule add "* * * * *"'));

    const refused = await run(bot, 'schedule add "* * * * *"');
    expect(refused.tone).toBe("error");
    expect(viewText(refused)).toContain("This channel already has 10 schedules, the most it may have (10).");
    expect(viewText(refused)).toContain(`schedule remove ${ids[0]} removes #${ids[0]}.`);
    expect(bot.store.schedules.all()).toHaveLength(MAX_SCHEDULES_PER_CHANNEL);

    // The next minute posts one quiz per schedule kept, not one per command typed.
    await bot.scheduler.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(bot.messenger.posts).toHaveLength(MAX_SCHEDULES_PER_CHANNEL);

    await run(bot, `schedule remove ${ids[0]}`);
    await addSchedule(bot, 'schedule add "* * * * *"');
  });

  it("counts paused schedules, and refuses the community's 101st schedule whatever its channel", async () => {
    vi.setSystemTime(new Date("2026-11-02T08:00:30Z"));
    const bot = bots.open();
    const channels = MAX_SCHEDULES_PER_COMMUNITY / MAX_SCHEDULES_PER_CHANNEL;
    for (let channel = 0; channel < channels; channel++) {
      for (let n = 0; n < MAX_SCHEDULES_PER_CHANNEL; n++) {
        const id = await addSchedule(bot, "schedule add 0 9 * * 1-5", `channel-${channel}`);
        await run(bot, `schedule pause ${id}`, `channel-${channel}`);
      }
    }
    const refused = await run(bot, "schedule add 0 9 * * 1-5", "one-more-channel");
    expect(refused.tone).toBe("error");
    expect(viewText(refused)).toContain("This community already has 100 schedules, the most it may have (100).");
    expect(viewText(refused)).toMatch(/schedule remove (\d+) removes #\1\./);
    expect(bot.store.schedules.all()).toHaveLength(MAX_SCHEDULES_PER_COMMUNITY);
  });
});
