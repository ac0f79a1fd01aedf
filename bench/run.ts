import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, release, tmpdir, totalmem, type } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import type { ImportDeckBench } from "./importDeck.js";
import type { runTask as RunTask } from "./lib/child.js";
import type { BotWorkloadArgs } from "./memory.js";
import { type BenchReport, figure, formatTable } from "./lib/report.js";

/**
 * `npm run bench`: the six benchmarks of the performance issue and the deck
 * import timing. The project is compiled first and every benchmark runs as
 * plain JavaScript in a Node process of its own, as the bot runs in
 * production; then the table goes to standard output and everything to
 * bench/results.json. About two minutes on two cores. `npm run bench -- 3 5`
 * runs only the benchmarks whose ids start with 3 or 5.
 */

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RESULTS_FILE = join(ROOT, "bench", "results.json");

function packageVersion(name: string): string {
  const manifest = JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

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
    loadAverageBefore: loadavg()[0],
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

async function main(): Promise<void> {
  const started = performance.now();
  const host = machine();
  const only = process.argv.slice(2);
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
    const interactions = { clicks: 2_000, rounds: 5 };
    const steps: Step[] = [
      {
        ids: ["1", "2", "4", "6"],
        what: "benchmarks 1, 2, 4 and 6 in one bot process (after seeding 10k and 1M answers with direct SQL in another)",
        async run() {
          await runTask<number>(compiled("leaderboards"), "seedLeaderboards", [boards.small, boards.large]);
          const workload: BotWorkloadArgs = {
            dir,
            answers: 20_000,
            rounds: 5,
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
      if (only.length > 0 && !step.ids.some((id) => only.some((wanted) => id.startsWith(wanted)))) continue;
      log(step.what);
      reports.push(...(await step.run()));
    }

    reports.sort((a, b) => a.id.localeCompare(b.id));
    const seconds = elapsed();
    const missed = reports.flatMap((report) => report.figures).filter((f) => f.target?.met === false).length;
    console.log(formatTable(reports));
    console.log(`\n${missed} targets missed; ${seconds.toFixed(0)} s in all (compiling and seeding included).`);
    const results = {
      date: new Date().toISOString(),
      seconds,
      machine: { ...host, loadAverageAfter: loadavg()[0] },
      reports,
    };
    writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    log(`wrote ${RESULTS_FILE}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
