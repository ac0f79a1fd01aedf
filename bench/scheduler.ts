import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { schedule as cronSchedule, type ScheduledTask } from "node-cron";
import type { View } from "../src/core/views.js";
import type { App } from "../src/app.js";
import type { ChannelMessenger, Clock } from "../src/services/ports.js";
import { openDatabase } from "../src/store/database.js";
import { openBenchApp } from "./lib/app.js";
import { runTask } from "./lib/child.js";
import { collectGarbage, megabytes } from "./lib/measure.js";
import { type Check, type Figure, figure } from "./lib/report.js";

const COMMUNITIES = 1_000;
const ZONES = [
  "UTC",
  "Europe/London",
  "Europe/Berlin",
  "Europe/Madrid",
  "Europe/Warsaw",
  "Europe/Helsinki",
  "Europe/Moscow",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Sao_Paulo",
  "America/Mexico_City",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Asia/Shanghai",
  "Asia/Tokyo",
  "Asia/Seoul",
  "Australia/Sydney",
  "Pacific/Auckland",
];
const PLATFORM = "bench";
const DECK = "lightweight-sandboxes";

export interface SchedulerBenchOptions {
  schedules: number;
  /** Of those, due in the same minute. */
  due: number;
}

/** A chat platform that accepts every post at once and remembers when it came. */
class CountingSink implements ChannelMessenger {
  readonly postedAt: number[] = [];
  async post(_channelId: string, _view: View) {
    this.postedAt.push(performance.now());
    return { messageId: `m${this.postedAt.length}` };
  }
  async edit() {}
}

/** The real clock moved by a fixed offset: the scheduler then lives a chosen number of seconds before the due minute. */
class ShiftedClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/**
 * `schedules` schedules over 1,000 communities, written straight into the
 * tables: `due` of them fire at `dueAt` (UTC), the others as people set them:
 * on the hour or the half hour, from 07:00 to 18:30, on weekdays or every
 * day, in twenty time zones (960 different cron and zone pairs). All become
 * active two minutes before the due minute, so none owes a missed post.
 */
function seedSchedules(app: App, options: SchedulerBenchOptions, dueAt: Date, activeSince: number): void {
  const { db } = app.services.store;
  db.transaction(() => {
    const community = db.prepare(
      "INSERT INTO communities (id, platform, external_id, name, time_zone, created_at) VALUES (?, ?, ?, '', 'UTC', 0)",
    );
    for (let id = 1; id <= COMMUNITIES; id++) community.run(id, PLATFORM, `community-${id}`);
    const insert = db.prepare(
      `INSERT INTO schedules (community_id, channel_id, cron, time_zone, deck_id, answer_mode, window_minutes, card_choice,
         created_at, active_since)
       VALUES (?, ?, ?, ?, ?, 'buttons', 60, 'rotation', ?, ?)`,
    );
    const dueCron = `${dueAt.getUTCMinutes()} ${dueAt.getUTCHours()} * * *`;
    for (let index = 0; index < options.schedules; index++) {
      const due = index < options.due;
      const cron = due
        ? dueCron
        : `${(index % 2) * 30} ${7 + (Math.floor(index / 2) % 12)} * * ${Math.floor(index / 24) % 2 ? "*" : "1-5"}`;
      const zone = due ? "UTC" : (ZONES[Math.floor(index / 48) % ZONES.length] as string);
      insert.run((index % COMMUNITIES) + 1, `channel-${index}`, cron, zone, DECK, activeSince, activeSince);
    }
  })();
}

interface Growth {
  ms: number;
  heapMb: number;
  rssMb: number;
}

/** How long `work` takes, and the heap and RSS growth over it, each read after a full collection. */
async function memoryGrowth(work: () => Promise<unknown> | unknown): Promise<Growth> {
  collectGarbage();
  const before = process.memoryUsage();
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  collectGarbage();
  const after = process.memoryUsage();
  return { ms, heapMb: megabytes(after.heapUsed - before.heapUsed), rssMb: megabytes(after.rss - before.rss) };
}

/**
 * The start-up floor, in a process of its own (not the bot's memory): node-cron
 * itself scheduling every expression of the database, in its time zone.
 */
export async function nodeCronFloor(databaseFile: string): Promise<Growth> {
  const db = openDatabase(databaseFile, { readonly: true });
  const rows = db.prepare<[], { cron: string; time_zone: string }>("SELECT cron, time_zone FROM schedules").all();
  db.close();
  let tasks: ScheduledTask[] = [];
  const growth = await memoryGrowth(() => {
    tasks = rows.map((row) => cronSchedule(row.cron, () => undefined, { timezone: row.time_zone }));
  });
  for (const task of tasks) await task.destroy();
  return growth;
}

/**
 * Benchmark 4. Start-up: Scheduler.start with every schedule in the database
 * (close what is overdue, arm a timer per schedule, check each for a missed
 * post), against node-cron itself scheduling the same expressions in a
 * process of its own. Posting:
 * the scheduler started again a little before the due minute; from that
 * minute to the last of the `due` quizzes reaching the sink, per post,
 * against QuizService.post called directly as many times.
 */
export async function benchScheduler(
  dir: string,
  options: SchedulerBenchOptions,
): Promise<{ figures: Figure[]; checks: Check[] }> {
  const clock = new ShiftedClock();
  const databaseFile = join(dir, "schedules.db");
  const { app } = await openBenchApp(databaseFile, join(dir, "schedules.log"), { clock });
  const sink = new CountingSink();
  app.services.messengers.set(PLATFORM, sink);
  // The due minute is ten minutes ahead on the scheduler's clock while it starts the first time, and
  // at least three minutes past an hour or half hour (UTC): no other schedule fires with the due ones,
  // nor between their activation two minutes earlier and the due minute.
  const tenMinutesAhead = Math.ceil((Date.now() + 10 * 60_000) / 60_000) * 60_000;
  const pastHalfHour = new Date(tenMinutesAhead).getUTCMinutes() % 30;
  const dueAt = new Date(tenMinutesAhead + Math.max(0, 3 - pastHalfHour) * 60_000);
  seedSchedules(app, options, dueAt, dueAt.getTime() - 2 * 60_000);

  const startUp = await memoryGrowth(() => app.scheduler.start());
  await app.scheduler.stop();
  const floor = await runTask<Growth>(fileURLToPath(import.meta.url), "nodeCronFloor", databaseFile);

  // Started again with time to spare before the due minute; then wait for its posts.
  const lead = Math.min(90_000, Math.max(2000, startUp.ms * 1.5));
  clock.offsetMs = dueAt.getTime() - lead - Date.now();
  await app.scheduler.start();
  const dueOnRealClock = performance.now() + (dueAt.getTime() - clock.now().getTime());
  const deadline = Date.now() + lead + 60_000;
  while (sink.postedAt.length < options.due && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  await app.scheduler.stop();
  const lastPost = sink.postedAt.at(-1) ?? Number.NaN;
  const scheduledPosts = sink.postedAt.length;
  const perPost = (lastPost - dueOnRealClock) / options.due;

  const { db } = app.services.store;
  const fires = db
    .prepare<[number], { claims: number; posted: number }>(
      "SELECT COUNT(*) AS claims, SUM(outcome = 'posted') AS posted FROM schedule_fires WHERE fire_time = ?",
    )
    .get(dueAt.getTime()) ?? { claims: 0, posted: 0 };
  const quizzes = db.prepare<[], number>("SELECT COUNT(*) FROM quizzes").pluck().get() ?? 0;

  // The floor: the same posts without the scheduler, one after another, in channels of their own.
  const direct = app.services.store.communities.get(1);
  const started = performance.now();
  for (let index = 0; index < options.due && direct; index++) {
    await app.services.quizzes.post({
      community: direct,
      channelId: `direct-${index}`,
      deckId: DECK,
      windowMinutes: 60,
    });
  }
  const directPerPost = (performance.now() - started) / options.due;
  app.close();

  const scheduleCount = options.schedules.toLocaleString("en-US");
  return {
    figures: [
      figure(`start-up with ${scheduleCount} schedules`, "ms", startUp.ms, {
        floor: { label: "node-cron schedule()", value: floor.ms },
      }),
      figure("start-up heap growth", "MB", startUp.heapMb, {
        floor: { label: "node-cron schedule()", value: floor.heapMb },
        detail: `RSS +${startUp.rssMb.toFixed(0)} MB; node-cron RSS +${floor.rssMb.toFixed(0)} MB`,
      }),
      figure(`${options.due.toLocaleString("en-US")} due in one minute: time per post`, "ms", perPost, {
        floor: { label: "QuizService.post alone", value: directPerPost },
        detail: `last post ${((lastPost - dueOnRealClock) / 1000).toFixed(2)} s after the minute`,
      }),
    ],
    checks: [
      {
        what: `${options.due} fire times claimed once and posted (claims ${fires.claims}, posted ${fires.posted}, quizzes ${quizzes}, posts seen by the sink ${scheduledPosts})`,
        ok:
          fires.claims === options.due &&
          fires.posted === options.due &&
          quizzes === options.due &&
          scheduledPosts === options.due,
      },
    ],
  };
}
