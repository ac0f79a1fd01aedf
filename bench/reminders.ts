import { join } from "node:path";
import { localTime } from "../src/core/studyDay.js";
import type { View } from "../src/core/views.js";
import type { ChannelMessenger, Clock } from "../src/services/ports.js";
import { openBenchApp } from "./lib/app.js";
import { collectGarbage, megabytes, peakRssMb } from "./lib/measure.js";
import { type BenchReport, type Check, figure } from "./lib/report.js";

const PLATFORM = "bench";
const COMMUNITIES = 100;
/** The minute everyone in the benchmark is due, in UTC (their zone and their communities' are UTC). */
const DUE_AT = new Date("2026-11-02T08:00:00Z");
/** The zones of the members not due in that minute. */
const OTHER_ZONES = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney"];

export interface ReminderBenchArgs {
  dir: string;
  /** Members due in the same minute. */
  due: number;
  /** Members with a reminder at another time or zone, which the sweep must not read through. */
  others: number;
}

/** A platform that takes every private message at once and counts it. */
class CountingInbox implements ChannelMessenger {
  received = 0;
  async post(): Promise<never> {
    throw new Error("no channel posts in this benchmark");
  }
  async edit() {}
  async sendDirect(_userId: string, _view: View) {
    this.received += 1;
  }
}

/**
 * Benchmark 8: reminders due for `due` people in one minute, half with a zone
 * of their own and half with their community's, among `others` reminded at
 * other times in other zones (rows written straight into the tables). Each
 * has the seed deck's new cards allowed today, so every one of them gets a
 * reminder. Measured: the first sweep of the minute (find who is due, check
 * pauses and due cards, claim each person's day, build the queue) and the
 * process's RSS; then the queue drained into a platform that answers at
 * once, and a second process's sweep of the same minute, which must send
 * nothing.
 */
export async function run({ dir, due, others }: ReminderBenchArgs): Promise<BenchReport[]> {
  const started = performance.now();
  // The bot started the minute before: its first sweep (a day's look back) is done when the due minute comes.
  let at = DUE_AT.getTime() - 59_500;
  const clock: Clock = { now: () => new Date(at) };
  const file = join(dir, "reminders.db");
  const { app } = await openBenchApp(file, join(dir, "reminders.log"), { clock });
  const { services } = app;
  const { db } = services.store;
  db.transaction(() => {
    const community = db.prepare(
      "INSERT INTO communities (id, platform, external_id, name, time_zone, created_at) VALUES (?, ?, ?, '', 'UTC', 0)",
    );
    for (let id = 1; id <= COMMUNITIES; id++) community.run(id, PLATFORM, `community-${id}`);
    const user = db.prepare("INSERT INTO users (id, community_id, external_id, display_name) VALUES (?, ?, ?, ?)");
    const settings = db.prepare(
      "INSERT INTO member_settings (user_id, community_id, time_zone, remind_at, updated_at) VALUES (?, ?, ?, ?, ?)",
    );
    for (let id = 1; id <= due + others; id++) {
      const communityId = (id % COMMUNITIES) + 1;
      user.run(id, communityId, `member-${id}`, `Member ${id}`);
      // Set two minutes before: the reminders of the day before are not owed, so the look back claims none.
      const setAt = DUE_AT.getTime() - 120_000;
      if (id <= due) settings.run(id, communityId, id % 2 ? "UTC" : null, "08:00", setAt);
      else {
        // Due at a minute from 08:20 to 07:39 UTC the next day in their zone: never in the minutes measured.
        const zone = OTHER_ZONES[id % OTHER_ZONES.length] ?? "UTC";
        const dueAt = new Date(DUE_AT.getTime() + (20 + (id % 1400)) * 60_000);
        settings.run(id, communityId, zone, localTime(dueAt, zone), setAt);
      }
    }
  })();
  const inbox = new CountingInbox();
  services.messengers.set(PLATFORM, inbox);

  const lookBackStarted = performance.now();
  const lookBack = await services.reminders.sweep(30);
  const lookBackMs = performance.now() - lookBackStarted;
  at = DUE_AT.getTime() + 1_000;
  collectGarbage();
  const rssBefore = process.memoryUsage().rss;
  const sweepStarted = performance.now();
  const outcome = await services.reminders.sweep(30);
  const sweepMs = performance.now() - sweepStarted;
  const rssAfterSweep = process.memoryUsage().rss;
  const drainStarted = performance.now();
  await services.reminders.drained();
  const drainMs = performance.now() - drainStarted;

  const second = await openBenchApp(file, join(dir, "reminders-second.log"), { clock });
  second.app.services.messengers.set(PLATFORM, new CountingInbox());
  const again = await second.app.services.reminders.sweep(30);
  second.app.close();
  const sent = db.prepare<[], number>("SELECT COUNT(*) FROM reminder_claims WHERE outcome = 'sent'").pluck().get();
  app.close();

  const checks: Check[] = [
    { what: `every one of the ${due.toLocaleString("en-US")} people due was queued`, ok: outcome.queued === due },
    {
      what: "nobody else was (the others are due at other times)",
      ok: outcome.nothingDue + outcome.missed + lookBack.queued + lookBack.missed === 0,
    },
    { what: "every reminder reached the platform once", ok: inbox.received === due && sent === due },
    { what: "a second process sweeping the same minute queues nothing", ok: again.queued === 0 },
  ];
  return [
    {
      id: "10",
      title: `Reminders due for ${due.toLocaleString("en-US")} people in one minute (bench/reminders.ts)`,
      figures: [
        figure("decide who gets one and queue them", "ms", sweepMs, {
          target: (value) => ({ text: "< 30,000 ms (well within the minute)", met: value < 30_000 }),
          detail: `${Math.round((due * 1000) / sweepMs).toLocaleString("en-US")} people/s`,
        }),
        figure("RSS growth over the sweep", "MB", megabytes(rssAfterSweep - rssBefore)),
        figure("first sweep after a start (a day looked back, nobody owed)", "ms", lookBackMs),
        figure("send the queue to a platform that answers at once", "ms", drainMs),
      ],
      checks,
      notes: [
        `The minute's sweep: ${JSON.stringify(outcome)}; the look back: ${JSON.stringify(lookBack)}; sent ${sent}.`,
        `${others.toLocaleString("en-US")} more members have reminders at other times and zones.`,
        "Real platforms take longer to send: Discord at 40 requests a second (20-40 DMs/s), Slack at 4 posts a second.",
      ],
      peakRssMb: peakRssMb(),
      seconds: (performance.now() - started) / 1000,
    },
  ];
}
