import { setTimeout as sleep } from "node:timers/promises";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { Period } from "../src/core/commands.js";
import { DeckCatalog } from "../src/decks/loader.js";
import { silentLogger } from "../src/services/ports.js";
import { buildReportExport, type ReportExport } from "../src/services/reportExport.js";
import { seededRandomness } from "../src/services/randomness.js";
import { Services } from "../src/services/services.js";
import type { Community } from "../src/store/communities.js";
import { openDatabase } from "../src/store/database.js";
import { Store } from "../src/store/index.js";
import { FakeClock } from "../test/kit/fakes.js";
import { BOARD_TODAY, seedLeaderboardDb } from "./leaderboards.js";
import { distribution, peakRssMb, timeEach } from "./lib/measure.js";
import { type BenchReport, type Check, figure } from "./lib/report.js";

export interface ReportBenchArgs {
  dir: string;
  /** Reports timed per period (the all-time ones a tenth of it: each reads every answer). */
  calls: number;
}

const CARDS = 20;
/** Cards each member has in FSRS memory, for the learned and mastered columns. */
const MEMORIES_PER_MEMBER = 3;

/**
 * The leaderboard benchmark's history (1,000,000 answers by 100,000 members
 * over 200 daily quizzes), with the quizzes spread over 20 cards of four
 * options each and a few FSRS memories per member, so that a report has
 * hardest cards, wrong picks and learned/mastered counts to find.
 */
function seed(file: string): void {
  seedLeaderboardDb({ answers: 1_000_000, file });
  const db = openDatabase(file);
  db.transaction(() => {
    const options = (card: number) =>
      JSON.stringify(
        [0, 1, 2, 3].map((k) => ({ cardId: `card-${(card + k) % CARDS}`, text: `Term ${(card + k) % CARDS}` })),
      );
    const shape = db.prepare("UPDATE quizzes SET card_id = ?, options = ? WHERE id = ?");
    const quizIds = db.prepare<[], number>("SELECT id FROM quizzes").pluck().all();
    for (const id of quizIds) shape.run(`card-${id % CARDS}`, options(id % CARDS), id);
    const memory = db.prepare(
      `INSERT INTO card_memory (user_id, deck_id, card_id, due, stability, difficulty, elapsed_days, scheduled_days,
         learning_steps, reps, lapses, state, last_review) VALUES (?, 'bench', ?, 0, ?, 5.0, 3, 8, 0, 4, 0, 'review', 0)`,
    );
    const members = db.prepare<[], number>("SELECT id FROM users").pluck().all();
    for (const userId of members) {
      for (let k = 0; k < MEMORIES_PER_MEMBER; k++)
        memory.run(userId, `card-${(userId + k) % CARDS}`, 5 + ((userId * 7 + k) % 40));
    }
  })();
  db.close();
}

function timed(label: string, calls: number, build: () => unknown) {
  timeEach(Math.min(3, calls), build);
  const spread = distribution(timeEach(calls, build));
  return figure(label, "ms", spread.p99, {
    detail: `p50 ${spread.p50.toFixed(1)} ms · ${calls} calls`,
    target: (value) => ({ text: "< 1000 ms", met: value < 1000 }),
  });
}

/**
 * The longest the event loop waited while `work` ran (perf_hooks'
 * monitorEventLoopDelay, 10 ms resolution), and how long the work took:
 * what a click arriving meanwhile would wait at worst.
 */
async function stallDuring(work: () => Promise<unknown>): Promise<{ stallMs: number; wallMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  // The histogram counts from its timer's first tick: a stall before it would go unseen.
  await sleep(50);
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  // A few more ticks, so a stall that ended with the work is sampled.
  await sleep(50);
  delay.disable();
  return { stallMs: delay.max / 1e6, wallMs };
}

const inSeconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Benchmark 11: `report` (week, month, all time), `report export` and a weekly digest at 1M answers. */
export async function run({ dir, calls }: ReportBenchArgs): Promise<BenchReport[]> {
  const started = performance.now();
  const file = `${dir}/report-1m.db`;
  seed(file);
  const store = new Store(openDatabase(file));
  const now = new Date(`${BOARD_TODAY}T12:00:00Z`);
  const services = new Services({
    store,
    decks: new DeckCatalog([]),
    clock: new FakeClock(now),
    randomness: seededRandomness(1),
    logger: silentLogger,
    config: { defaultTimeZone: "UTC", quizWindowMinutes: 60 },
  });
  const community = store.communities.get(1) as Community;
  const report = (period: Period, complete = false) => services.reports.build(community, { period, now, complete });
  const members = (period: Period) => report(period).totals.members;
  // The export as it was built before: on the bot's own thread, the same reads and the same CSV.
  let before: ReportExport | undefined;
  const onThisThread = await stallDuring(async () => {
    before = buildReportExport(store.reports, {
      heading: { period: "all", firstDay: null, timeZone: "UTC" },
      scope: { communityId: community.id },
      today: BOARD_TODAY,
      cardNames: new Map(),
    });
  });
  let exported: ReportExport | undefined;
  const onWorker = await stallDuring(async () => {
    exported = await services.reports.export(community, { period: "all", now });
  });
  // The floor: an idle event loop as long, on the same machine under the same load (other work delays it too).
  const idle = await stallDuring(() => sleep(onWorker.wallMs));
  const floor = { label: `idle event loop, ${inSeconds(idle.wallMs)}`, value: idle.stallMs };
  const figures = [
    ...(["week", "month"] as const).map((period) => timed(`report ${period}`, calls, () => report(period))),
    timed("report all", Math.max(5, Math.round(calls / 10)), () => report("all")),
    figure(
      "report export all: longest event-loop stall, built on the bot's thread (before)",
      "ms",
      onThisThread.stallMs,
      {
        detail: `the export took ${inSeconds(onThisThread.wallMs)}`,
      },
    ),
    figure("report export all: longest event-loop stall, built on a worker thread", "ms", onWorker.stallMs, {
      floor,
      detail: `the export took ${inSeconds(onWorker.wallMs)}`,
      target: (value) => ({ text: "< idle floor + 100 ms", met: value < floor.value + 100 }),
    }),
  ];
  const answersIn = (period: Period) => report(period).totals.answered.toLocaleString("en-US");
  const notes = [
    `Answers read: week ${answersIn("week")}, month ${answersIn("month")}, all time ${answersIn("all")}; ` +
      "a chat report blocks the event loop for its whole read (better-sqlite3 is synchronous); " +
      "report export reads and writes its CSV on a worker thread with its own read-only connection.",
  ];
  const checks: Check[] = [
    { what: "all-time report counts every member", ok: members("all") === 100_000 },
    { what: "all-time report counts every answer", ok: report("all").totals.answered === 1_000_000 },
    { what: "export has a row per member", ok: exported?.members === 100_000 },
    {
      what: "the worker's export has the same bytes as the one built on the bot's thread",
      ok:
        exported?.files.length === 2 &&
        exported.files.every((file, index) =>
          Buffer.from(file.bytes).equals(before?.files[index]?.bytes ?? new Uint8Array()),
        ),
    },
  ];
  store.db.close();
  return [
    {
      id: "11",
      title: "Class report at 1,000,000 answers and 100,000 members (bench/report.ts)",
      figures,
      checks,
      notes,
      peakRssMb: peakRssMb(),
      seconds: (performance.now() - started) / 1000,
    },
  ];
}
