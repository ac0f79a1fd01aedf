import { describe, expect, it, vi } from "vitest";
import { PostRefusedError } from "../../src/services/ports.js";
import { addSchedule, DAY, fires, HOUR, quizzes, run, stopBot, useSchedulerBots } from "./helpers.js";
import { viewText } from "../kit/viewText.js";

const MINUTE = 60_000;

describe("scheduler", () => {
  const bots = useSchedulerBots();

  it("fires a weekday 09:00 Europe/Berlin schedule at 08:00Z in winter and 07:00Z in summer, once a day across DST", async () => {
    vi.setSystemTime(new Date("2026-03-26T12:00:00Z"));
    const bot = bots.open();
    const weekdays = await addSchedule(bot, "schedule add 0 9 * * 1-5 Europe/Berlin");
    const daily = await addSchedule(bot, "schedule add 0 9 * * * Europe/Berlin", "daily-channel");
    await bot.scheduler.start();

    await vi.advanceTimersByTimeAsync(new Date("2026-04-01T00:00:00Z").getTime() - Date.now());
    const postedBy = (id: number) =>
      fires(bot)
        .filter((f) => f.scheduleId === id && f.outcome === "posted")
        .map((f) => f.fireTime);
    expect(postedBy(weekdays)).toEqual([
      "2026-03-27T08:00:00.000Z",
      "2026-03-30T07:00:00.000Z",
      "2026-03-31T07:00:00.000Z",
    ]);
    // The change day itself (Sunday 29 March) gets exactly one 09:00.
    expect(postedBy(daily)).toEqual([
      "2026-03-27T08:00:00.000Z",
      "2026-03-28T08:00:00.000Z",
      "2026-03-29T07:00:00.000Z",
      "2026-03-30T07:00:00.000Z",
      "2026-03-31T07:00:00.000Z",
    ]);
    // Posted on the dot, not when some poll noticed.
    expect(quizzes(bot).map((q) => q.postedAt)).toEqual([...postedBy(weekdays), ...postedBy(daily)].sort());

    vi.setSystemTime(new Date("2026-10-22T12:00:00Z"));
    await bot.scheduler.stop();
    await bot.scheduler.start();
    await vi.advanceTimersByTimeAsync(new Date("2026-10-28T00:00:00Z").getTime() - Date.now());
    const autumn = (id: number) => postedBy(id).filter((time) => time >= "2026-10");
    expect(autumn(weekdays)).toEqual([
      "2026-10-23T07:00:00.000Z",
      "2026-10-26T08:00:00.000Z",
      "2026-10-27T08:00:00.000Z",
    ]);
    expect(autumn(daily)).toEqual([
      "2026-10-23T07:00:00.000Z",
      "2026-10-24T07:00:00.000Z",
      "2026-10-25T08:00:00.000Z",
      "2026-10-26T08:00:00.000Z",
      "2026-10-27T08:00:00.000Z",
    ]);
  });

  it("takes pause, resume and remove into account at once", async () => {
    vi.setSystemTime(new Date("2026-11-02T08:30:00Z"));
    const bot = bots.open();
    await bot.scheduler.start();
    const id = await addSchedule(bot, "schedule add 0 * * * * UTC 30m");
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(bot.messenger.posts).toHaveLength(1);

    expect((await run(bot, `schedule pause ${id}`)).tone).toBe("success");
    expect(vi.getTimerCount()).toBe(2); // only the housekeeping and reminder timers are left
    await vi.advanceTimersByTimeAsync(3 * HOUR);
    expect(bot.messenger.posts).toHaveLength(1);

    // Resuming does not post the fire times that passed while paused, just the next one.
    expect((await run(bot, `schedule resume ${id}`)).tone).toBe("success");
    expect(bot.messenger.posts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(bot.messenger.posts).toHaveLength(2);

    expect((await run(bot, `schedule remove ${id}`)).tone).toBe("success");
    expect(vi.getTimerCount()).toBe(2);
    await vi.advanceTimersByTimeAsync(3 * HOUR);
    expect(bot.messenger.posts).toHaveLength(2);
    expect(fires(bot)).toEqual([]); // a removed schedule takes its history with it
  });

  it("closes each quiz at the end of its window and publishes the results once", async () => {
    vi.setSystemTime(new Date("2026-11-02T07:00:00Z"));
    const bot = bots.open();
    await addSchedule(bot, "schedule add 0 9 * * * 2h");
    await bot.scheduler.start();
    await vi.advanceTimersByTimeAsync(5 * HOUR);
    expect(quizzes(bot)).toEqual([
      expect.objectContaining({
        postedAt: "2026-11-02T08:00:00.000Z",
        closesAt: "2026-11-02T10:00:00.000Z",
        closedAt: "2026-11-02T10:00:00.000Z",
      }),
    ]);
    expect(bot.messenger.edits).toHaveLength(1);
  });

  it("closes a quiz posted by a command at the end of its window, not at the next housekeeping tick", async () => {
    vi.setSystemTime(new Date("2026-11-02T07:00:20Z"));
    const bot = bots.open();
    await bot.scheduler.start();
    expect((await run(bot, "quiz now 2m")).tone).toBe("success");
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    expect(bot.messenger.edits).toHaveLength(1);
    expect(quizzes(bot)[0]?.closedAt).toBe("2026-11-02T07:02:20.000Z");
  });

  it("tells admins in schedule list why a scheduled post failed, until a post succeeds", async () => {
    vi.setSystemTime(new Date("2026-11-02T07:59:00Z"));
    const bot = bots.open();
    const id = await addSchedule(bot, "schedule add 0 9 * * * 30m");
    await bot.scheduler.start();
    bot.messenger.failNextPost = new PostRefusedError("I may not post in #quiz: grant Send Messages.");
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    expect(fires(bot)).toEqual([expect.objectContaining({ scheduleId: id, outcome: "failed" })]);
    expect(viewText(await run(bot, "schedule list"))).toContain(
      "⚠ The post of Mon 2026-11-02 09:00 failed: I may not post in #quiz: grant Send Messages.",
    );
    await vi.advanceTimersByTimeAsync(DAY);
    expect(viewText(await run(bot, "schedule list"))).not.toContain("failed");
  });

  it("retries the results of a quiz whose message edit failed on housekeeping ticks 1, 2, 4… minutes apart", async () => {
    vi.setSystemTime(new Date("2026-11-02T07:00:00Z"));
    const bot = bots.open();
    await addSchedule(bot, "schedule add 0 9 * * * 30m");
    await bot.scheduler.start();
    await vi.advanceTimersByTimeAsync(HOUR);
    const platformDown = vi.spyOn(bot.messenger, "edit").mockRejectedValue(new Error("503 from the platform"));
    await vi.advanceTimersByTimeAsync(35 * MINUTE);
    expect(quizzes(bot)[0]?.closedAt).toBe("2026-11-02T08:30:00.000Z");
    // At the close (08:30), then 08:31 and 08:33; the next try is at 08:37.
    expect(platformDown.mock.calls.length).toBe(3);
    platformDown.mockRestore();
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(bot.messenger.edits).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(bot.messenger.edits).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(bot.messenger.edits).toHaveLength(1);
  });

  it("posts late when a timer wakes late within the grace period (the machine slept), and skips beyond it", async () => {
    vi.setSystemTime(new Date("2026-11-02T07:50:00Z"));
    const bot = bots.open();
    const id = await addSchedule(bot, "schedule add 0 9 * * *");
    await bot.scheduler.start();
    // The wall clock jumps while timers stand still, as after a suspend.
    vi.setSystemTime(new Date("2026-11-02T08:15:00Z"));
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(fires(bot)).toEqual([
      expect.objectContaining({ scheduleId: id, fireTime: "2026-11-02T08:00:00.000Z", outcome: "posted" }),
    ]);
    expect(quizzes(bot)[0]?.postedAt).toBe("2026-11-02T08:20:00.000Z");

    vi.setSystemTime(new Date("2026-11-03T08:45:00Z"));
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(fires(bot)[1]).toMatchObject({ fireTime: "2026-11-03T08:00:00.000Z", outcome: "skipped" });
    expect(bot.messenger.posts).toHaveLength(1);
  });

  it("keeps an until-next-post quiz open until the next fire time, where the next quiz replaces it", async () => {
    vi.setSystemTime(new Date("2026-11-02T07:00:00Z"));
    const bot = bots.open();
    await addSchedule(bot, "schedule add 0 9 * * 1-5 next");
    await bot.scheduler.start();
    await vi.advanceTimersByTimeAsync(DAY + 2 * HOUR);
    const [first, second] = quizzes(bot);
    expect(first).toMatchObject({ closesAt: "2026-11-03T08:00:00.000Z", closedAt: "2026-11-03T08:00:00.000Z" });
    expect(second).toMatchObject({ postedAt: "2026-11-03T08:00:00.000Z", closedAt: null });
    expect(bot.messenger.edits.map((edit) => edit.messageId)).toEqual([bot.messenger.posts[0]?.messageId]);
  });

  it("after a restart in the middle of a window, closes the quiz at its close time", async () => {
    vi.setSystemTime(new Date("2026-11-02T07:00:00Z"));
    const first = bots.open();
    await addSchedule(first, "schedule add 0 9 * * * 2h");
    await first.scheduler.start();
    await vi.advanceTimersByTimeAsync(2 * HOUR);
    expect(quizzes(first)).toHaveLength(1);
    await stopBot(first);

    const second = bots.open();
    await second.scheduler.start();
    expect(quizzes(second)[0]?.closedAt).toBeNull();
    await vi.advanceTimersByTimeAsync(HOUR - 1);
    expect(quizzes(second)[0]?.closedAt).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(quizzes(second)[0]?.closedAt).toBe("2026-11-02T10:00:00.000Z");
    expect(second.messenger.edits).toHaveLength(1);
  });

  it("after a restart past the close time, closes the quiz at start, as of its close time", async () => {
    vi.setSystemTime(new Date("2026-11-02T07:00:00Z"));
    const first = bots.open();
    await addSchedule(first, "schedule add 0 9 * * * 1h");
    await first.scheduler.start();
    await vi.advanceTimersByTimeAsync(HOUR + 30 * MINUTE);
    await stopBot(first);

    vi.setSystemTime(new Date("2026-11-02T13:00:00Z"));
    const second = bots.open();
    await second.scheduler.start();
    expect(quizzes(second)).toEqual([expect.objectContaining({ closedAt: "2026-11-02T09:00:00.000Z" })]);
    expect(second.messenger.edits).toHaveLength(1);
    expect(second.messenger.posts).toHaveLength(0);
  });

  it("posts a fire time missed while down once, late, when within the grace period", async () => {
    vi.setSystemTime(new Date("2026-11-02T07:00:00Z"));
    const first = bots.open();
    const id = await addSchedule(first, "schedule add 0 9 * * *");
    await stopBot(first);

    vi.setSystemTime(new Date("2026-11-02T08:20:00Z"));
    const second = bots.open();
    const info = vi.spyOn(second.services.logger, "info");
    await second.scheduler.start();
    expect(second.messenger.posts).toHaveLength(1);
    expect(fires(second)).toEqual([
      { scheduleId: id, fireTime: "2026-11-02T08:00:00.000Z", outcome: "posted", quizId: quizzes(second)[0]?.id },
    ]);
    expect(info).toHaveBeenCalledWith(
      expect.objectContaining({ scheduleId: id, lateSeconds: 1200 }),
      "scheduled quiz posted late",
    );
    await stopBot(second);

    const third = bots.open();
    await third.scheduler.start();
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(third.messenger.posts).toHaveLength(0);
    expect(quizzes(third)).toHaveLength(1);
  });

  it("skips a fire time missed by more than the grace period, records and logs it, and never posts it", async () => {
    vi.setSystemTime(new Date("2026-11-02T07:00:00Z"));
    const first = bots.open();
    const id = await addSchedule(first, "schedule add 0 9 * * *");
    await stopBot(first);

    vi.setSystemTime(new Date("2026-11-02T08:31:00Z"));
    const second = bots.open();
    const warn = vi.spyOn(second.services.logger, "warn");
    await second.scheduler.start();
    expect(second.messenger.posts).toHaveLength(0);
    expect(fires(second)).toEqual([
      { scheduleId: id, fireTime: "2026-11-02T08:00:00.000Z", outcome: "skipped", quizId: null },
    ]);
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ scheduleId: id, graceMinutes: 30 }),
      "scheduled quiz missed by more than the grace period (bot down or asleep); skipped",
    );
    await stopBot(second);

    const third = bots.open(undefined, { grace: 600 });
    await third.scheduler.start();
    expect(third.messenger.posts).toHaveLength(0);
    // The next day's fire time comes as usual.
    await vi.advanceTimersByTimeAsync(DAY);
    expect(third.messenger.posts).toHaveLength(1);
  });

  it("does not post a fire time that fell before the schedule existed or while it was paused", async () => {
    vi.setSystemTime(new Date("2026-11-02T08:10:00Z"));
    const first = bots.open();
    const id = await addSchedule(first, "schedule add 0 9 * * *");
    await first.scheduler.start();
    expect(first.messenger.posts).toHaveLength(0);
    await run(first, `schedule pause ${id}`);
    await vi.advanceTimersByTimeAsync(DAY);
    await run(first, `schedule resume ${id}`);
    await stopBot(first);

    const second = bots.open();
    await second.scheduler.start();
    expect(second.messenger.posts).toHaveLength(0);
  });

  it("posts each fire time exactly once with two schedulers on one database file", async () => {
    vi.setSystemTime(new Date("2026-11-02T06:00:00Z"));
    const a = bots.open();
    const b = bots.open(bots.file());
    await addSchedule(a, "schedule add 0 9 * * * 2h");
    await addSchedule(a, "schedule add */30 * * * * 20m", "busy-channel");

    // Both start while the 07:00Z and 07:30Z fire times are just past: one of them posts each.
    const outcomes: string[] = [];
    for (const bot of [a, b]) {
      const runDue = bot.services.schedules.runDue.bind(bot.services.schedules);
      vi.spyOn(bot.services.schedules, "runDue").mockImplementation(async (...args) => {
        const outcome = await runDue(...args);
        outcomes.push(outcome);
        return outcome;
      });
    }
    vi.setSystemTime(new Date("2026-11-02T07:40:00Z"));
    await Promise.all([a.scheduler.start(), b.scheduler.start()]);
    await vi.advanceTimersByTimeAsync(2 * DAY);

    const posts = [...a.messenger.posts, ...b.messenger.posts];
    const rows = fires(a);
    expect(rows.filter((row) => row.outcome === "posted")).toHaveLength(rows.length);
    // 2 daily fire times, and every half hour from 07:30Z (the latest owed at start) to 07:30Z two days later.
    expect(rows).toHaveLength(2 + 97);
    expect(posts).toHaveLength(rows.length);
    expect(new Set(rows.map((row) => `${row.scheduleId} ${row.fireTime}`)).size).toBe(rows.length);
    expect(quizzes(a)).toHaveLength(rows.length);
    // Both really ran every fire time: one posted it, the other found it claimed.
    expect(outcomes.filter((outcome) => outcome === "posted")).toHaveLength(rows.length);
    expect(outcomes.filter((outcome) => outcome === "claimed-elsewhere")).toHaveLength(rows.length);
  });

  it("leaves a schedule to the process that is connected to its platform", async () => {
    vi.setSystemTime(new Date("2026-11-02T07:00:00Z"));
    const test = bots.open();
    await addSchedule(test, "schedule add 0 9 * * *");
    const other = bots.open(bots.file(), { platform: "other" });
    await other.scheduler.start();
    await vi.advanceTimersByTimeAsync(HOUR + 20 * MINUTE);
    expect(fires(other)).toEqual([]);
    expect(other.messenger.posts).toHaveLength(0);

    await test.scheduler.start();
    expect(test.messenger.posts).toHaveLength(1);
  });
});
