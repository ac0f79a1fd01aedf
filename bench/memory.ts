import { join } from "node:path";
import { benchAnswers } from "./answers.js";
import { type BoardSize, benchLeaderboards } from "./leaderboards.js";
import { peakRssMb } from "./lib/measure.js";
import { type BenchReport, type Check, type Figure, figure } from "./lib/report.js";
import { benchScheduler } from "./scheduler.js";

export interface BotWorkloadArgs {
  dir: string;
  answers: number;
  rounds: number;
  boards: { small: BoardSize; large: BoardSize; calls: number };
  schedules: number;
  due: number;
}

async function timed(
  id: string,
  title: string,
  work: () => Promise<{ figures: Figure[]; checks: Check[] }> | { figures: Figure[]; checks: Check[] },
): Promise<BenchReport> {
  const started = performance.now();
  const { figures, checks } = await work();
  return {
    id,
    title,
    figures,
    checks,
    notes: [],
    peakRssMb: peakRssMb(),
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * One bot process runs benchmarks 1, 2 and 4 one after another, on the
 * databases a bot of that size has; benchmark 6 is that process's peak
 * resident set size afterwards (the 1M-answer database was seeded by
 * another process, which is not the bot).
 */
export async function run(args: BotWorkloadArgs): Promise<BenchReport[]> {
  const answers = await timed(
    "1",
    `Answer ingestion: ${args.answers.toLocaleString("en-US")} answers, one at a time`,
    () => benchAnswers(join(args.dir, "answers"), { answers: args.answers, rounds: args.rounds }),
  );
  const { small, large, calls } = args.boards;
  const boards = await timed(
    "2",
    `Leaderboards and stats: ${calls} calls each, callers picked at random, ${large.answers.toLocaleString("en-US")} answers from ${(large.answers / 10).toLocaleString("en-US")} members`,
    () => ({ figures: benchLeaderboards(small, large, calls), checks: [] }),
  );
  const scheduler = await timed("4", `Scheduler: ${args.schedules.toLocaleString("en-US")} schedules`, () =>
    benchScheduler(join(args.dir, "scheduler"), { schedules: args.schedules, due: args.due }),
  );
  const peak = peakRssMb();
  const memory: BenchReport = {
    id: "6",
    title: "Memory: the bot process after benchmarks 1, 2 and 4",
    figures: [figure("peak RSS", "MB", peak, { target: (value) => ({ text: "< 250 MB", met: value < 250 }) })],
    checks: [],
    notes: [],
    peakRssMb: peak,
    seconds: 0,
  };
  return [answers, boards, scheduler, memory];
}
