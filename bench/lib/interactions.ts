import { join } from "node:path";
import { openDatabase } from "../../src/store/database.js";
import { type LaunchedBot, launchBotProcess } from "./botProcess.js";
import { type Distribution, distribution } from "./measure.js";
import { type Pair, WARM_UP_PAIRS } from "./pairs.js";
import { type Check, type Figure, pairedFigure } from "./report.js";

/** Clicks are sent in slices this big, one slice per turn of the event loop, so the fake keeps serving the bot meanwhile. */
export const CLICKS_PER_TURN = 50;

/** Discord and Slack show an error for a click not acknowledged within this. */
export const ACK_WINDOW_MS = 3000;

export const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Polls until `done` holds or the deadline passes. */
export async function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** One platform's side of benchmark 3: its fake, its bot processes, and how a burst is played there. */
export interface BurstPlatform {
  /** The bot process entry (bench/lib/<platform>Bot.ts). */
  botEntry: string;
  apiBase: string;
  channelId: string;
  /**
   * Every member clicks one of the quiz's answer buttons; for each click, the
   * milliseconds until it was acknowledged, or undefined if it never was within ACK_WINDOW_MS.
   */
  burst(bot: LaunchedBot, quizMessage: string): Promise<(number | undefined)[]>;
  /** After studybot's burst: waits until every private acknowledgement was sent, and says so. */
  settle?(clicks: number, round: number): Promise<Check>;
}

type Variant = "studybot" | "bare";

/**
 * Plays the burst against studybot and against the bare client in pairs of
 * rounds, studybot then bare, `pairs` times (a fresh process and database for
 * each round; the first pair warms up), so a change in machine load hits both
 * members of a pair alike. Returns the paired figures and what studybot
 * stored each round.
 */
export async function compareBursts(
  platform: BurstPlatform,
  options: { dir: string; clicks: number; pairs: number; floorLabel: string },
): Promise<{ figures: Figure[]; checks: Check[] }> {
  const rounds: Record<Variant, Distribution>[] = [];
  const cpuPairs: Pair[] = [];
  const lost: Record<Variant, number> = { studybot: 0, bare: 0 };
  const checks: Check[] = [];
  let quizMessage = "";
  for (let round = 0; round < options.pairs; round++) {
    const pair: Partial<Record<Variant, Distribution>> = {};
    const cpuPerClick: Partial<Record<Variant, number>> = {};
    for (const variant of ["studybot", "bare"] as const) {
      const databaseFile = join(options.dir, `${variant}-${round}.db`);
      const bot = await launchBotProcess(platform.botEntry, {
        variant,
        apiBase: platform.apiBase,
        databaseFile,
        logFile: join(options.dir, `${variant}-${round}.log`),
        channelId: platform.channelId,
      });
      // The bare client gets clicks on studybot's latest quiz message: both parse the same events.
      if (bot.messageId) quizMessage = bot.messageId;
      const cpuBefore = await bot.cpuMicros();
      const latencies = await platform.burst(bot, quizMessage);
      cpuPerClick[variant] = ((await bot.cpuMicros()) - cpuBefore) / options.clicks;
      if (variant === "studybot" && platform.settle) checks.push(await platform.settle(options.clicks, round));
      await bot.stop();
      // A click not acknowledged within the window counts at the window, a lower bound: left out, a round that
      // lost its slowest clicks would show a better p99 than one that kept them.
      pair[variant] = distribution(latencies.map((latency) => latency ?? ACK_WINDOW_MS));
      lost[variant] += latencies.filter((latency) => latency === undefined).length;
      if (variant === "studybot") checks.push(countedOnce(databaseFile, quizMessage, options.clicks, round));
    }
    rounds.push(pair as Record<Variant, Distribution>);
    cpuPairs.push({ floor: cpuPerClick.bare ?? 0, value: cpuPerClick.studybot ?? 0 });
  }
  checks.unshift({
    what: `every click acknowledged once, within 3 s (lost: studybot ${lost.studybot}, bare ${lost.bare}, of ${options.clicks} a round)`,
    ok: lost.studybot === 0 && lost.bare === 0,
  });
  return { figures: burstFigures(rounds, cpuPairs, options.floorLabel), checks };
}

/**
 * p50 and p99 from dispatch to acknowledgement, in pairs (the issue sets the
 * p99 ratio at most 1.2), and the CPU the bot process spent on each click up
 * to the last acknowledgement: the p99 of a CPU-bound bot follows its CPU,
 * which does not depend on how the two processes happened to share the cores.
 */
function burstFigures(rounds: Record<Variant, Distribution>[], cpuPairs: Pair[], floorLabel: string): Figure[] {
  const pairsOf = (key: "p50" | "p99"): Pair[] =>
    rounds.map((round) => ({ floor: round.bare[key], value: round.studybot[key] }));
  const counted = `median of ${rounds.length - WARM_UP_PAIRS} pairs after ${WARM_UP_PAIRS} warm-up`;
  return [
    pairedFigure("ack latency p50", "ms", pairsOf("p50"), { floorLabel, warmUp: WARM_UP_PAIRS, detail: counted }),
    pairedFigure("ack latency p99", "ms", pairsOf("p99"), {
      floorLabel,
      warmUp: WARM_UP_PAIRS,
      target: (ratio) => ({ text: "ratio ≤ 1.2", met: ratio <= 1.2 }),
      detail: counted,
    }),
    pairedFigure("bot CPU per click", "µs", cpuPairs, {
      floorLabel,
      warmUp: WARM_UP_PAIRS,
      detail: `${counted}; the bot process's user and system time to the last acknowledgement`,
    }),
  ];
}

/** What studybot stored for a burst: one answer per member, counted once on the quiz and in the stats. */
function countedOnce(databaseFile: string, messageId: string, clicks: number, round: number): Check {
  const db = openDatabase(databaseFile, { readonly: true });
  const row = db
    .prepare<[string], { stored: number; members: number; counted: number; in_stats: number }>(
      `SELECT (SELECT COUNT(*) FROM answers WHERE quiz_id = q.id) AS stored,
              (SELECT COUNT(DISTINCT user_id) FROM answers WHERE quiz_id = q.id) AS members,
              q.answered AS counted,
              (SELECT SUM(answered) FROM period_stats WHERE community_id = q.community_id AND period = 'all') AS in_stats
       FROM quizzes q WHERE q.message_id = ?`,
    )
    .get(messageId);
  db.close();
  const { stored = 0, members = 0, counted = 0, in_stats = 0 } = row ?? {};
  return {
    what: `round ${round + 1}: ${stored} answers stored from ${members} members, counted ${counted} on the quiz, ${in_stats} in the stats`,
    ok: stored === clicks && members === clicks && counted === clicks && in_stats === clicks,
  };
}
