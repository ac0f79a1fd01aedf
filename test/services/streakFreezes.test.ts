import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { handleCommand } from "../../src/services/commandRouter.js";
import { runDoctor } from "../../src/services/doctor.js";
import { actor, openTestBot, type TestBot } from "../kit/fakes.js";
import { useTempDir } from "../kit/tempDir.js";
import { viewText } from "../kit/viewText.js";
import { callerOf, drillButton, numberedDeck, rateButton } from "./drillHelpers.js";

const DAY_MS = 86_400_000;

/** One drill card rated by `name` at the clock's time: a study day. */
function studyNow(bot: TestBot, name: string): void {
  const learner = callerOf(bot, name);
  const view = bot.services.drills.start(learner, { count: 1 });
  bot.services.drills.act(learner, rateButton(bot.services.drills.act(learner, drillButton(view, "show")), "again"));
}

/** Studies on each of `days` days from the clock's day on (1 = studied, 0 = missed), ending the next morning. */
function studyDays(bot: TestBot, name: string, days: string): void {
  for (const day of days) {
    if (day === "1") studyNow(bot, name);
    bot.clock.advance(DAY_MS);
  }
}

/** The rows of the streak board: "name value". */
async function streakBoard(bot: TestBot, name: string): Promise<string[]> {
  const { blocks } = (await handleCommand(bot.services, actor(name), "leaderboard all streak")).view;
  return blocks.flatMap((block) =>
    block.type === "ranking" ? block.rows.map((row) => `${row.user.name} ${row.value}`) : [],
  );
}
const stats = async (bot: TestBot, name: string) =>
  viewText((await handleCommand(bot.services, actor(name), "stats")).view);

describe("streak freezes and vacations on a real database", () => {
  const tempDir = useTempDir("studybot-freezes-");
  const open = () => openTestBot(join(tempDir(), "bot.db"), { decks: [numberedDeck(40)] });

  it("bridges a missed day with a freeze earned by a week: stats show it, the board keeps the streak, doctor agrees", async () => {
    const bot = open();
    // Nov 2-8 studied (a freeze earned), Nov 9 missed; it is Nov 10.
    studyDays(bot, "ana", "11111110");
    expect(await streakBoard(bot, "ana")).toEqual(["ana 7d"]);
    expect(await stats(bot, "ana")).toContain("0 of 2 held · 1 day of this streak frozen");

    studyNow(bot, "ana");
    expect(bot.store.stats.streak(callerOf(bot, "ana").member.id)).toMatchObject({
      current: 8,
      freezes: 0,
      frozenDays: 1,
      lastDay: "2026-11-10",
    });
    expect(runDoctor(bot.store.db, { fix: false }).drift).toEqual([]);

    // Nov 11 missed with no freeze left: on Nov 12 the streak is gone from the board.
    bot.clock.advance(2 * DAY_MS);
    expect(await streakBoard(bot, "ana")).toEqual([]);
    expect(await stats(bot, "ana")).toContain("0 days (best 8)");
  });

  it("doctor --fix writes a drifted streak back with the days its freezes covered, and only those", () => {
    const bot = open();
    // Nov 2-8 studied (a freeze earned), Nov 9 missed and frozen, Nov 10 studied.
    studyDays(bot, "ana", "11111110");
    studyNow(bot, "ana");
    const { member } = callerOf(bot, "ana");
    expect(bot.store.frozenDays.days(member.id)).toEqual(["2026-11-09"]);

    // A lost streak row and its days, and a day frozen that never was.
    const { db } = bot.store;
    db.prepare("DELETE FROM user_streaks WHERE user_id = ?").run(member.id);
    db.prepare("DELETE FROM streak_frozen_days WHERE user_id = ?").run(member.id);
    bot.store.frozenDays.record(member.id, ["2026-11-04"]);
    expect(runDoctor(db, { fix: true }).drift).toMatchObject([{ kind: "streak", expected: { frozenDays: 1 } }]);

    expect(bot.store.stats.streak(member.id)).toMatchObject({ current: 8, frozenDays: 1, lastDay: "2026-11-10" });
    // The stats card's calendar marks these.
    expect(bot.store.frozenDays.days(member.id)).toEqual(["2026-11-09"]);
    expect(runDoctor(db, { fix: false }).drift).toEqual([]);
  });

  it("keeps a streak alive through a vacation added after the last study day, and doctor still finds real drift", async () => {
    const bot = open();
    studyDays(bot, "bo", "111");
    const { member } = callerOf(bot, "bo");
    // It is Nov 5: Nov 5-8 are a vacation, so Nov 9 may still continue the streak.
    bot.store.memberSettings.addPause(member.id, { firstDay: "2026-11-05", lastDay: "2026-11-08" });
    expect(bot.store.stats.streak(member.id).aliveUntil).toBe("2026-11-08");
    bot.clock.advance(4 * DAY_MS);
    expect(await streakBoard(bot, "bo")).toEqual(["bo 3d"]);
    studyNow(bot, "bo");
    expect(bot.store.stats.streak(member.id)).toMatchObject({ current: 4, lastDay: "2026-11-09", frozenDays: 0 });
    expect(runDoctor(bot.store.db, { fix: false }).drift).toEqual([]);

    bot.store.db.prepare("UPDATE user_streaks SET freezes = 2, alive_until = '2026-11-11'").run();
    const drift = runDoctor(bot.store.db, { fix: true }).drift;
    expect(drift).toMatchObject([{ kind: "streak", expected: { freezes: 0, aliveUntil: "2026-11-09" } }]);
    expect(runDoctor(bot.store.db, { fix: false }).drift).toEqual([]);
  });

  it("ends the vacation early: the streak is alive only as far as the days still paused", () => {
    const bot = open();
    studyDays(bot, "cy", "1");
    const { member } = callerOf(bot, "cy");
    bot.store.memberSettings.addPause(member.id, { firstDay: "2026-11-03", lastDay: "2026-11-20" });
    expect(bot.store.stats.streak(member.id).aliveUntil).toBe("2026-11-20");
    bot.store.memberSettings.endPauses(member.id, "2026-11-05", "2026-11-04");
    expect(bot.store.stats.streak(member.id).aliveUntil).toBe("2026-11-04");
    expect(runDoctor(bot.store.db, { fix: false }).drift).toEqual([]);
  });
});
