import { join } from "node:path";
import { openDatabase } from "../../src/store/database.js";
import { type LaunchedBot, launchBotProcess } from "./botProcess.js";
import { type Distribution, distribution } from "./measure.js";
import { type Check, type Figure, figure } from "./report.js";

/** Clicks are sent in slices this big, one slice per turn of the event loop, so the fake keeps serving the bot meanwhile. */
export const CLICKS_PER_TURN = 50;

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
   * milliseconds until it was acknowledged, or undefined if it never was in time.
   */
  burst(bot: LaunchedBot, quizMessage: string): Promise<(number | undefined)[]>;
  /** After studybot's burst: waits until every private acknowledgement was sent, and says so. */
  settle?(clicks: number, round: number): Promise<Check>;
}

type Variant = "studybot" | "bare";

interface VariantRounds {
  rounds: Distribution[];
  lost: number;
}

/**
 * Plays the burst against studybot and against the bare client in turns,
 * `rounds` times (a fresh process and database for each), so a change in
 * machine load hits both alike. Returns the figures from the median round
 * of each variant, and what studybot stored each round.
 */
export async function compareBursts(
  platform: BurstPlatform,
  options: { dir: string; clicks: number; rounds: number; floorLabel: string },
): Promise<{ figures: Figure[]; checks: Check[] }> {
  const runs: Record<Variant, VariantRounds> = { studybot: { rounds: [], lost: 0 }, bare: { rounds: [], lost: 0 } };
  const checks: Check[] = [];
  let quizMessage = "";
  for (let round = 0; round < options.rounds; round++) {
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
      const latencies = await platform.burst(bot, quizMessage);
      if (variant === "studybot" && platform.settle) checks.push(await platform.settle(options.clicks, round));
      await bot.stop();
      const acknowledged = latencies.filter((latency): latency is number => latency !== undefined);
      runs[variant].rounds.push(distribution(acknowledged));
      runs[variant].lost += latencies.length - acknowledged.length;
      if (variant === "studybot") checks.push(countedOnce(databaseFile, quizMessage, options.clicks, round));
    }
  }
  checks.unshift({
    what: `every click acknowledged once, within 3 s (lost: studybot ${runs.studybot.lost}, bare ${runs.bare.lost}, of ${options.clicks} a round)`,
    ok: runs.studybot.lost === 0 && runs.bare.lost === 0,
  });
  return { figures: acknowledgementFigures(runs.studybot, runs.bare, options.floorLabel), checks };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] as number;

/** p50 and p99 from dispatch to acknowledgement, medians over the rounds; the issue sets the p99 ratio at most 1.5. */
function acknowledgementFigures(studybot: VariantRounds, bare: VariantRounds, floorLabel: string): Figure[] {
  const of = (runs: VariantRounds, key: "p50" | "p99") => median(runs.rounds.map((round) => round[key]));
  const perRound = studybot.rounds.map((round, index) =>
    (round.p99 / (bare.rounds[index]?.p99 ?? Number.NaN)).toFixed(2),
  );
  return [
    figure("ack latency p50", "ms", of(studybot, "p50"), { floor: { label: floorLabel, value: of(bare, "p50") } }),
    figure("ack latency p99", "ms", of(studybot, "p99"), {
      floor: { label: floorLabel, value: of(bare, "p99") },
      target: (_, ratio) => ({ text: "ratio ≤ 1.5", met: (ratio ?? Number.POSITIVE_INFINITY) <= 1.5 }),
      detail: `median of ${studybot.rounds.length} rounds; ratio by round ${perRound.join(", ")}`,
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
