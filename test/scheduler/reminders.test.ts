import { aliveUntil, NO_STREAK } from "../../src/core/streaks.js";
import { describe, expect, it, vi } from "vitest";
import { decodeAction, type ReminderAction } from "../../src/core/actions.js";
import type { View } from "../../src/core/views.js";
import { enrolActor, handleCommand } from "../../src/services/commandRouter.js";
import { RecipientUnreachableError } from "../../src/services/ports.js";
import { actor, type TestBot } from "../kit/fakes.js";
import { RecordingLogger } from "../kit/recordingLogger.js";
import { viewText } from "../kit/viewText.js";
import { stopBot, useSchedulerBots } from "./helpers.js";

/** What `me remind` writes (that command is another part of issue 14): set straight in the store. */
function remind(
  bot: TestBot,
  userId: string,
  at: string,
  settings: { timeZone?: string; remindStreak?: boolean; newPerDay?: number } = {},
) {
  const { member } = enrolActor(bot.services, actor(userId, { platform: "test" }));
  bot.store.memberSettings.update(member.id, member.communityId, { remindAt: at, ...settings }, bot.clock.now());
  return member;
}

const sentTo = (bot: TestBot, userId: string) =>
  bot.messenger.directs.filter((direct) => direct.userId === userId).map((direct) => direct.at.toISOString());

const claims = (bot: TestBot) =>
  bot.store.db
    .prepare<[], { user_id: number; local_day: string; outcome: string | null }>(
      "SELECT user_id, local_day, outcome FROM reminder_claims ORDER BY local_day, user_id",
    )
    .all();

async function runUntil(at: string) {
  await vi.advanceTimersByTimeAsync(new Date(at).getTime() - Date.now());
}

function buttonOf(view: View): ReminderAction {
  const action = decodeAction(view.buttons.flat()[0]?.action ?? "");
  if (action?.kind !== "reminder") throw new Error(`no reminder button in ${viewText(view)}`);
  return action;
}

describe("daily reminders", () => {
  const bots = useSchedulerBots();

  it("come at each person's local time in three zones, on the minute, across a spring DST change", async () => {
    vi.setSystemTime(new Date("2026-03-27T12:00:00Z"));
    const bot = bots.open();
    remind(bot, "berlin", "08:00", { timeZone: "Europe/Berlin" });
    remind(bot, "night-owl", "02:30", { timeZone: "Europe/Berlin" });
    remind(bot, "new-york", "07:30", { timeZone: "America/New_York" });
    remind(bot, "kolkata", "09:15", { timeZone: "Asia/Kolkata" });
    // No zone of their own: the community's (Europe/Berlin in these tests).
    remind(bot, "local", "09:00");
    await bot.scheduler.start();
    await runUntil("2026-03-30T00:00:00Z");

    // Berlin moves to summer time on 29 March: 08:00 is 07:00Z before and 06:00Z after.
    expect(sentTo(bot, "berlin")).toEqual(["2026-03-28T07:00:00.000Z", "2026-03-29T06:00:00.000Z"]);
    // 02:30 does not exist on 29 March in Berlin: the reminder comes at the next valid minute (03:00), once.
    expect(sentTo(bot, "night-owl")).toEqual(["2026-03-28T01:30:00.000Z", "2026-03-29T01:00:00.000Z"]);
    // 07:30 had passed in New York (11:30Z) when the reminder was set at 12:00Z: the first one is the next day's.
    expect(sentTo(bot, "new-york")).toEqual(["2026-03-28T11:30:00.000Z", "2026-03-29T11:30:00.000Z"]);
    expect(sentTo(bot, "kolkata")).toEqual(["2026-03-28T03:45:00.000Z", "2026-03-29T03:45:00.000Z"]);
    expect(sentTo(bot, "local")).toEqual(["2026-03-28T08:00:00.000Z", "2026-03-29T07:00:00.000Z"]);
    const [first] = bot.messenger.directs;
    expect(first?.view.title).toBe("Time to study: 6 new");
    expect(viewText(first?.view as View)).toContain("Capitals (capitals)");
  });

  it("comes once in an autumn night whose hour repeats", async () => {
    vi.setSystemTime(new Date("2026-10-24T12:00:00Z"));
    const bot = bots.open();
    remind(bot, "night-owl", "02:30", { timeZone: "Europe/Berlin" });
    await bot.scheduler.start();
    await runUntil("2026-10-25T12:00:00Z");
    // 02:30 comes twice on 25 October (00:30Z in summer time, 01:30Z in winter time): the first one only.
    expect(sentTo(bot, "night-owl")).toEqual(["2026-10-25T00:30:00.000Z"]);
  });

  it("sends nothing when nothing is due or while paused, and says why in the claims", async () => {
    vi.setSystemTime(new Date("2026-11-02T06:00:00Z"));
    const bot = bots.open();
    const idle = remind(bot, "idle", "08:00", { newPerDay: 0 });
    const away = remind(bot, "away", "08:00");
    bot.store.memberSettings.addPause(away.id, { firstDay: "2026-11-02", lastDay: "2026-11-02" });
    remind(bot, "keen", "08:00");
    await bot.scheduler.start();
    await runUntil("2026-11-03T07:30:00Z");

    expect(sentTo(bot, "idle")).toEqual([]);
    expect(sentTo(bot, "keen")).toEqual(["2026-11-02T07:00:00.000Z", "2026-11-03T07:00:00.000Z"]);
    // The pause covered one local day: the next day's reminder comes.
    expect(sentTo(bot, "away")).toEqual(["2026-11-03T07:00:00.000Z"]);
    const onFirstDay = claims(bot).filter((claim) => claim.local_day === "2026-11-02");
    expect(onFirstDay.find((claim) => claim.user_id === idle.id)?.outcome).toBe("nothing_due");
    expect(onFirstDay.find((claim) => claim.user_id === away.id)?.outcome).toBe("paused");
  });

  it("nudges about a streak that ends tonight, and its button starts the drill of that community", async () => {
    vi.setSystemTime(new Date("2026-11-02T06:00:00Z"));
    const bot = bots.open();
    const member = remind(bot, "streaker", "08:00", { remindStreak: true });
    bot.store.stats.saveStreak(member.id, member.communityId, {
      ...NO_STREAK,
      current: 4,
      best: 4,
      lastDay: "2026-11-01",
      aliveUntil: aliveUntil("2026-11-01", 0, []),
    });
    await bot.scheduler.start();
    await runUntil("2026-11-02T07:01:00Z");

    const [reminder] = bot.messenger.directs;
    expect(viewText(reminder?.view as View)).toContain("4-day streak ends tonight");
    const button = buttonOf(reminder?.view as View);
    const drill = bot.services.reminders.startDrill("test", "streaker", button);
    expect(drill.title).toContain("Capitals (capitals)");
    expect(drill.buttons.flat().map((b) => b.label)).toContain("Show answer");
    // Someone else clicking it (a forwarded message) starts nothing.
    expect(bot.services.reminders.startDrill("test", "someone-else", button).tone).toBe("error");
    expect(bot.services.reminders.startDrill("test", "streaker", { ...button, nonce: "AAAAAAAA" }).tone).toBe("error");
  });

  it("switches reminders off for closed DMs and says why once, at the next command", async () => {
    vi.setSystemTime(new Date("2026-11-02T06:00:00Z"));
    const bot = bots.open();
    remind(bot, "closed", "08:00");
    bot.messenger.failDirectTo.set(
      "closed",
      new RecipientUnreachableError("closed_dms", "Cannot send messages to this user"),
    );
    await bot.scheduler.start();
    await runUntil("2026-11-04T12:00:00Z");

    expect(claims(bot).map((claim) => claim.outcome)).toEqual(["unreachable"]);
    const next = await handleCommand(bot.services, actor("closed"), "help");
    expect(viewText(next.view)).toContain("Your reminders are off: your direct messages are closed");
    const after = await handleCommand(bot.services, actor("closed"), "help");
    expect(viewText(after.view)).not.toContain("Your reminders are off");
  });

  it("two processes on one database file send each reminder once", async () => {
    vi.setSystemTime(new Date("2026-11-02T06:00:00Z"));
    const first = bots.open();
    const second = bots.open(bots.file());
    for (const name of ["ana", "ben", "cy"]) remind(first, name, "08:00");
    await first.scheduler.start();
    await second.scheduler.start();
    await runUntil("2026-11-03T12:00:00Z");

    const all = [...first.messenger.directs, ...second.messenger.directs].map(
      (d) => `${d.userId} ${d.at.toISOString()}`,
    );
    expect(all.sort()).toEqual([
      "ana 2026-11-02T07:00:00.000Z",
      "ana 2026-11-03T07:00:00.000Z",
      "ben 2026-11-02T07:00:00.000Z",
      "ben 2026-11-03T07:00:00.000Z",
      "cy 2026-11-02T07:00:00.000Z",
      "cy 2026-11-03T07:00:00.000Z",
    ]);
  });

  it("two processes sweeping the same minute at once send each of 600 reminders once", async () => {
    vi.setSystemTime(new Date("2026-11-02T06:00:00Z"));
    const first = bots.open();
    const second = bots.open(bots.file());
    const people = Array.from({ length: 600 }, (_, index) => `learner-${index}`);
    for (const name of people) remind(first, name, "08:00");
    vi.setSystemTime(new Date("2026-11-02T07:00:10Z"));
    // Each decides 500 people per turn of the event loop: the other claims some of the rest in between.
    await Promise.all([first.services.reminders.sweep(30), second.services.reminders.sweep(30)]);
    await first.services.reminders.drained();
    await second.services.reminders.drained();

    const sent = [...first.messenger.directs, ...second.messenger.directs].map((direct) => direct.userId);
    expect(second.messenger.directs.length).toBeGreaterThan(0);
    expect(sent.sort()).toEqual([...people].sort());
  });

  it("a restart in the middle of the minute sends nothing twice and nothing missed", async () => {
    vi.setSystemTime(new Date("2026-11-02T06:59:00Z"));
    const before = bots.open();
    remind(before, "early", "07:59");
    remind(before, "on-time", "08:00");
    await before.scheduler.start();
    await runUntil("2026-11-02T06:59:30Z");
    await stopBot(before);
    // Down across 08:00, back 30 seconds later: 07:59 was sent by the first process, 08:00 is sent late.
    await runUntil("2026-11-02T07:00:30Z");
    const after = bots.open(bots.file());
    await after.scheduler.start();
    await runUntil("2026-11-02T07:05:00Z");

    expect(sentTo(before, "early")).toEqual(["2026-11-02T06:59:00.000Z"]);
    expect(sentTo(after, "early")).toEqual([]);
    expect(sentTo(after, "on-time")).toEqual(["2026-11-02T07:00:30.000Z"]);
  });

  it("catches up on a reminder missed while down within the grace; beyond it, skips and logs it", async () => {
    vi.setSystemTime(new Date("2026-11-02T05:00:00Z"));
    const logger = new RecordingLogger();
    const setUp = bots.open(bots.file());
    remind(setUp, "recent", "08:00");
    remind(setUp, "long-ago", "07:00");
    await stopBot(setUp);
    vi.setSystemTime(new Date("2026-11-02T07:20:00Z"));
    const bot = bots.open(bots.file(), { grace: 30, logger });
    await bot.scheduler.start();
    await runUntil("2026-11-02T07:30:00Z");

    expect(sentTo(bot, "recent")).toEqual(["2026-11-02T07:20:00.000Z"]);
    expect(sentTo(bot, "long-ago")).toEqual([]);
    expect(
      claims(bot)
        .map((claim) => claim.outcome)
        .sort(),
    ).toEqual(["missed", "sent"]);
    expect(logger.messages("warn")).toContain(
      "reminders missed while studybot was down, beyond the catch-up grace: skipped",
    );
  });
});
