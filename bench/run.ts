import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, release, tmpdir, totalmem, type } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import type { ImportDeckBench } from "./importDeck.js";
import type { runTask as RunTask } from "./lib/child.js";
import type { BotWorkloadArgs } from "./memory.js";
import { type BenchResults, compareRuns } from "./lib/compare.js";
import { WARM_UP_PAIRS } from "./lib/pairs.js";
import { type BenchReport, figure, formatTable } from "./lib/report.js";
import { byBenchmarkId, selects } from "./lib/selection.js";

/**
 * `npm run bench`: the six benchmarks of the performance issue, the deck import
 * timing (7), shards (8), pictures (9), reminders (10) and the class report (11). The project is compiled first and every benchmark runs as
 * plain JavaScript in a Node process of its own, as the bot runs in
 * production; then the table goes to standard output and everything to
 * bench/results.json. `npm run bench -- 3 5` runs only benchmarks 3 (3a and
 * 3b) and 5; `--pairs 4 --clicks 500` shrinks benchmark 3 and
 * `--guilds 1000 --shard-clicks 100` benchmark 8 while developing;
 * `--compare old.json new.json` prints two runs' figures side by side and
 * runs nothing.
 */

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RESULTS_FILE = join(ROOT, "bench", "results.json");

function packageVersion(name: string): string {
  const manifest = JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

/** The commit measured, marked dirty when the work tree differs from it. */
function commit(): string {
  const git = (...args: string[]) => execFileSync("git", ["-C", ROOT, ...args], { encoding: "utf8" }).trim();
  return `${git("rev-parse", "--short=12", "HEAD")}${git("status", "--porcelain", "--untracked-files=no") ? "-dirty" : ""}`;
}

const oneMinuteLoad = () => loadavg()[0] ?? Number.NaN;

function machine() {
  const db = new Database(":memory:");
  const sqlite = db.prepare<[], string>("SELECT sqlite_version()").pluck().get();
  db.close();
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryMb: Math.round(totalmem() / 2 ** 20),
    freeMemoryMb: Math.round(freemem() / 2 ** 20),
    os: `${type()} ${release()}`,
    node: process.version,
    sqlite,
    betterSqlite3: packageVersion("better-sqlite3"),
    discordJs: packageVersion("discord.js"),
    slackBolt: packageVersion("@slack/bolt"),
    nodeCron: packageVersion("node-cron"),
    tsFsrs: packageVersion("ts-fsrs"),
    /** Other work on the machine makes the figures noisy: the 1-minute load average before and after says how busy it was. */
    loadAverageBefore: oneMinuteLoad(),
  };
}

/**
 * Compiles src, test (the fakes) and bench into `dir`, beside links to the
 * dependencies, migrations and decks, so the compiled code finds them where
 * the sources do.
 */
async function build(dir: string): Promise<{ compiled: (module: string) => string; runTask: typeof RunTask }> {
  mkdirSync(dir, { recursive: true });
  execFileSync(
    join(ROOT, "node_modules", ".bin", "tsc"),
    ["-p", join(ROOT, "tsconfig.json"), "--outDir", dir, "--sourceMap", "false"],
    {
      stdio: "inherit",
    },
  );
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  for (const shared of ["node_modules", "migrations", "decks"]) symlinkSync(join(ROOT, shared), join(dir, shared));
  const compiled = (module: string) => join(dir, "bench", `${module}.js`);
  // The compiled copy forks the compiled child entry.
  const { runTask } = (await import(pathToFileURL(compiled("lib/child")).href)) as { runTask: typeof RunTask };
  return { compiled, runTask };
}

/** bench/importDeck.ts (the deck import's own timing) as a report like the others. */
function importReport(results: ImportDeckBench[], seconds: number): BenchReport {
  return {
    id: "7",
    title: "Deck import (bench/importDeck.ts)",
    figures: results.map((result) =>
      figure(result.name, "ms", result.medianMs, {
        target: (value) => ({ text: `< ${result.targetMs} ms`, met: value < result.targetMs }),
        detail: `${result.cardsPerSecond.toLocaleString("en-US")} cards/s`,
      }),
    ),
    checks: [],
    notes: [],
    seconds,
  };
}

interface Step {
  /** The benchmark ids the step reports, for `npm run bench -- <id>…`. */
  ids: string[];
  what: string;
  run(): Promise<BenchReport[]>;
}

const readResults = (file: string) => JSON.parse(readFileSync(file, "utf8")) as BenchResults;

async function main(): Promise<void> {
  const { values: flags, positionals: only } = parseArgs({
    allowPositionals: true,
    options: {
      compare: { type: "boolean" },
      pairs: { type: "string", default: "10" },
      clicks: { type: "string", default: "2000" },
      guilds: { type: "string", default: "10000" },
      "shard-clicks": { type: "string", default: "500" },
    },
  });
  if (flags.compare) {
    const [before, after] = only;
    if (!before || !after) throw new Error("usage: npm run bench -- --compare old.json new.json");
    console.log(compareRuns(readResults(before), readResults(after)));
    return;
  }
  const started = performance.now();
  const host = machine();
  const dir = mkdtempSync(join(tmpdir(), "studybot-bench-"));
  const elapsed = () => (performance.now() - started) / 1000;
  const log = (line: string) => process.stderr.write(`[bench ${elapsed().toFixed(0)} s] ${line}\n`);
  try {
    log("compiling");
    const { compiled, runTask } = await build(join(dir, "build"));
    const boards = {
      small: { answers: 10_000, file: join(dir, "boards-10k.db") },
      large: { answers: 1_000_000, file: join(dir, "boards-1m.db") },
    };
    // Ten pairs of rounds: one to warm up, nine that count.
    const interactions = { clicks: Number(flags.clicks), pairs: Number(flags.pairs) };
    if (!(interactions.pairs > WARM_UP_PAIRS))
      throw new Error(`--pairs must be more than the ${WARM_UP_PAIRS} warm-up`);
    const steps: Step[] = [
      {
        ids: ["1", "2", "4", "6"],
        what: "benchmarks 1, 2, 4 and 6 in one bot process (after seeding 10k and 1M answers with direct SQL in another)",
        async run() {
          await runTask<number>(compiled("leaderboards"), "seedLeaderboards", [boards.small, boards.large]);
          const workload: BotWorkloadArgs = {
            dir,
            answers: 20_000,
            rounds: 10,
            boards: { ...boards, calls: 1_000 },
            schedules: 10_000,
            due: 1_000,
          };
          return runTask<BenchReport[]>(compiled("memory"), "run", workload);
        },
      },
      {
        ids: ["3a"],
        what: "benchmark 3 on Discord",
        run: () =>
          runTask<BenchReport[]>(compiled("discordAck"), "run", { ...interactions, dir: join(dir, "discord") }),
      },
      {
        ids: ["3b"],
        what: "benchmark 3 on Slack",
        run: () => runTask<BenchReport[]>(compiled("slackAck"), "run", { ...interactions, dir: join(dir, "slack") }),
      },
      {
        ids: ["5"],
        what: "benchmark 5 (drills)",
        run: () => runTask<BenchReport[]>(compiled("drill"), "run", { dir, cards: 10_000, drills: 300 }),
      },
      {
        ids: ["8"],
        what: `benchmark 8 (shards: ${Number(flags.guilds).toLocaleString("en-US")} servers over 4 shards)`,
        run: () =>
          runTask<BenchReport[]>(compiled("shards"), "run", {
            dir: join(dir, "shards"),
            guilds: Number(flags.guilds),
            shards: 4,
            clicks: Number(flags["shard-clicks"]),
          }),
      },
      {
        ids: ["9"],
        what: "benchmark 9 (pictures)",
        run: () => runTask<BenchReport[]>(compiled("pictures"), "run", { renders: 500, warmUp: 100 }),
      },
      {
        ids: ["10"],
        what: "benchmark 10 (reminders due for 100,000 people in one minute)",
        run: () => runTask<BenchReport[]>(compiled("reminders"), "run", { dir, due: 100_000, others: 100_000 }),
      },
      {
        ids: ["11"],
        what: "benchmark 11 (class report at 1M answers, after seeding them)",
        run: () => runTask<BenchReport[]>(compiled("report"), "run", { dir, calls: 50 }),
      },
      {
        ids: ["7"],
        what: "deck import",
        async run() {
          const importStarted = elapsed();
          const imports = await runTask<ImportDeckBench[]>(compiled("importDeck"), "benchImportDeck", 5_000);
          return [importReport(imports, elapsed() - importStarted)];
        },
      },
    ];
    const reports: BenchReport[] = [];
    for (const step of steps) {
      if (only.length > 0 && !step.ids.some((id) => only.some((wanted) => selects(wanted, id)))) continue;
      log(step.what);
      reports.push(...(await step.run()));
    }

    reports.sort((a, b) => byBenchmarkId(a.id, b.id));
    const seconds = elapsed();
    const missed = reports.flatMap((report) => report.figures).filter((f) => f.target?.met === false).length;
    console.log(formatTable(reports));
    console.log(`\n${missed} targets missed; ${seconds.toFixed(0)} s in all (compiling and seeding included).`);
    const results: BenchResults = {
      date: new Date().toISOString(),
      commit: commit(),
      seconds,
      machine: { ...host, loadAverageAfter: oneMinuteLoad() },
      reports,
    };
    writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    log(`wrote ${RESULTS_FILE}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
