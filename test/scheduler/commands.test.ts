import { createTask } from "node-cron";
import { describe, expect, it, vi } from "vitest";
import { fireTimeLabel } from "../../src/core/scheduleViews.js";
import { handleCommand } from "../../src/services/commandRouter.js";
import { actor } from "../kit/fakes.js";
import { addSchedule, admin, communityOf, run, useSchedulerBots } from "./helpers.js";
import { viewText } from "../kit/viewText.js";

function nodeCronNextRuns(expression: string, timeZone: string, count: number): Date[] {
  const task = createTask(expression, () => undefined, { timezone: timeZone });
  try {
    return task.getNextRuns(count);
  } finally {
    void task.destroy();
  }
}

describe("schedule commands", () => {
  const bots = useSchedulerBots();

  it("lists each schedule with node-cron's own next three fire times, on its own wall clock", async () => {
    vi.setSystemTime(new Date("2026-03-27T09:30:00Z"));
    const bot = bots.open();
    const specs: [string, string][] = [
      ["0 9 * * 1-5", "Europe/Berlin"],
      ["30 2 * * *", "Europe/Berlin"],
      ["15 8 * * 5L", "America/New_York"],
      ["0 12 L * *", "Asia/Kolkata"],
    ];
    for (const [cron, zone] of specs) await addSchedule(bot, `schedule add "${cron}" ${zone}`);

    const listed = bot.services.schedules.list(communityOf(bot));
    expect(listed.map((s) => s.nextFires)).toEqual(specs.map(([cron, zone]) => nodeCronNextRuns(cron, zone, 3)));

    const text = viewText(await run(bot, "schedule list"));
    for (const [cron, zone] of specs) {
      const labels = nodeCronNextRuns(cron, zone, 3).map((fire) => fireTimeLabel(fire, zone));
      expect(text).toContain(`${cron} ${zone}`);
      expect(text).toContain(`Next: ${labels.join(" · ")}`);
    }
    expect(text).toContain("Next: Mon 2026-03-30 09:00 · Tue 2026-03-31 09:00 · Wed 2026-04-01 09:00");
  });

  it("saves the settings given, with the community's time zone and default deck otherwise", async () => {
    vi.setSystemTime(new Date("2026-11-02T08:00:00Z"));
    const bot = bots.open();
    const plain = await addSchedule(bot, "schedule add 0 9 * * 1-5");
    const full = await addSchedule(bot, 'schedule add "0 17 * * 5" America/New_York capitals reactions 90m weakest');
    expect(bot.store.schedules.get(plain)).toMatchObject({
      cron: "0 9 * * 1-5",
      timeZone: "Europe/Berlin",
      deckId: "capitals",
      answerMode: "buttons",
      window: { kind: "until-next" },
      cardChoice: "rotation",
      paused: false,
    });
    expect(bot.store.schedules.get(full)).toMatchObject({
      timeZone: "America/New_York",
      answerMode: "reactions",
      window: { kind: "minutes", minutes: 90 },
      cardChoice: "weakest",
    });
    const text = viewText(await run(bot, "schedule list"));
    expect(text).toContain(`#${plain} · this channel`);
    expect(text).toContain("open until the next post");
    expect(text).toContain("open 1h 30m");
    await run(bot, `schedule pause ${full}`);
    expect(viewText(await run(bot, "schedule list"))).toContain(`#${full} · this channel · paused`);
  });

  it("refuses a bad cron with a valid example and what the five fields mean", async () => {
    const bot = bots.open();
    const reply = await run(bot, "schedule add 0 25 * * *");
    expect(reply.tone).toBe("error");
    const text = viewText(reply);
    expect(text).toContain('"0 25 * * *" is not a valid cron expression: the hour field "25" is not valid.');
    expect(text).toContain("Example: 0 9 * * 1-5 posts at 09:00 Monday to Friday");
    expect(text).toContain("minute (0-59), hour (0-23), day of month (1-31), month (1-12) and day of week (0-7");

    expect(viewText(await run(bot, "schedule add 0 9 31 2 *"))).toContain('day "31" never occurs in the months given');
    expect(viewText(await run(bot, 'schedule add "* 0 9 * * *"'))).toContain("would post more than once a minute");
    expect(bot.store.schedules.all()).toEqual([]);
  });

  it("refuses an unknown time zone with an example, however the command arrives", async () => {
    const bot = bots.open();
    const typed = viewText(await run(bot, "schedule add 0 9 * * 1-5 Mars/Olympus_Mons"));
    expect(typed).toContain('Unknown time zone "Mars/Olympus_Mons"');
    expect(typed).toContain("Europe/Berlin");
    // Discord builds the command from typed options, without the grammar.
    const { view: reply } = await handleCommand(bot.services, admin(), {
      name: "schedule-add",
      cron: "0 9 * * 1-5",
      timeZone: "Mars/Base",
    });
    expect(viewText(reply)).toContain('Unknown time zone "Mars/Base".');
    expect(viewText(reply)).toContain("Use an IANA name such as Europe/Berlin or America/New_York.");
    expect(bot.store.schedules.all()).toEqual([]);
  });

  it("refuses a deck that is not loaded", async () => {
    const bot = bots.open();
    const text = viewText(await run(bot, "schedule add 0 9 * * 1-5 no-such-deck"));
    expect(text).toContain('There is no deck "no-such-deck".');
    expect(text).toContain("deck list");
  });

  it("is for admins only", async () => {
    const bot = bots.open();
    for (const line of ["schedule add 0 9 * * 1-5", "schedule list", "schedule pause 1", "schedule remove 1"]) {
      const { view: reply } = await handleCommand(bot.services, actor("ana"), line);
      expect(viewText(reply)).toContain("Only admins can do that.");
    }
    expect(bot.store.schedules.all()).toEqual([]);
  });

  it("changes only this community's schedules", async () => {
    const bot = bots.open();
    const id = await addSchedule(bot, "schedule add 0 9 * * 1-5");
    const elsewhere = actor("boss", { isAdmin: true, communityId: "guild-2" });
    for (const verb of ["remove", "pause", "resume"]) {
      const { view: reply } = await handleCommand(bot.services, elsewhere, `schedule ${verb} ${id}`);
      expect(viewText(reply)).toContain(`There is no schedule #${id} here.`);
    }
    expect(viewText((await handleCommand(bot.services, elsewhere, "schedule list")).view)).toContain(
      "No schedules yet.",
    );
    expect(bot.store.schedules.get(id)?.paused).toBe(false);
    expect(viewText(await run(bot, "schedule remove 999"))).toContain("There is no schedule #999 here.");
  });
});
