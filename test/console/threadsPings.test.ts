import { describe, expect, it } from "vitest";
import { useSchedulerBots } from "../scheduler/helpers.js";
import { terminalOn } from "./terminalOn.js";

describe("terminal bot: threads and pings", () => {
  const bots = useSchedulerBots();

  function terminal() {
    const bot = bots.open();
    const { terminal: console, printed } = terminalOn(bot);
    return { bot, console, printed };
  }

  it("accepts thread with a note: the results print as usual", async () => {
    const { bot, console, printed } = terminal();
    await console.handle("quiz now thread");
    expect(printed()).toContain("There are no threads here (they exist on Discord and Slack)");
    expect(bot.store.quizzes.get(1)?.threadId).toBeNull();
    await console.handle("schedule add 0 9 * * 1-5 thread");
    expect(printed()).toContain("== Schedule #1 added ==");
    expect(printed().split("There are no threads here")).toHaveLength(3);
  });

  it("refuses ping, saying what works instead", async () => {
    const { bot, console, printed } = terminal();
    await console.handle("schedule add 0 9 * * 1-5 ping @students");
    expect(printed()).toContain("Pings name a Discord role or a Slack user group: the console bot has none to ping.");
    expect(printed()).toContain('Add the schedule without ping, such as schedule add "0 9 * * 1-5" thread.');
    expect(bot.store.schedules.all()).toHaveLength(0);
  });
});
