import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import type { Db } from "./database.js";
import { DatabaseFileError, explainDatabaseError } from "./fileErrors.js";
import { isDamagedFileError } from "./statsAudit.js";

/**
 * PRAGMA quick_check reads every page once (about 1 s for 126 MB on the
 * project's loaded 2-core machine). A file so large that it takes longer
 * starts unchecked rather than keep the bot down: `studybot doctor` checks
 * it fully.
 */
const DEFAULT_TIMEOUT_MS = 10_000;
/** Enough of SQLite's list to recognise the damage; doctor lists it all. */
const MAX_PROBLEMS = 10;

// CommonJS source, so the worker runs the same under tsx, vitest and the build.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  const rows = db.pragma("quick_check(" + workerData.maxProblems + ")");
  parentPort.postMessage({ problems: rows.map((row) => row.quick_check).filter((line) => line !== "ok") });
} catch (error) {
  parentPort.postMessage({ code: error.code, message: error.message });
} finally {
  if (db) db.close();
}
`;

type WorkerAnswer = { problems: string[] } | { code: string; message: string };

/**
 * Refuses a damaged database file before the bot uses it: a damaged file
 * otherwise starts, and fails later on whatever page the damage is in (a
 * quiz's results then failed to publish every minute). Runs on a worker's
 * read-only connection, so a check that runs too long is abandoned; then
 * the result is "unchecked".
 */
export async function checkDatabaseFile(db: Db, options: { timeoutMs?: number } = {}): Promise<"ok" | "unchecked"> {
  if (db.memory) return "ok";
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve("better-sqlite3"),
      file: db.name,
      maxProblems: MAX_PROBLEMS,
    },
  });
  let timer: NodeJS.Timeout | undefined;
  const answer = await Promise.race([
    new Promise<WorkerAnswer>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    }),
    new Promise<"unchecked">((resolve) => {
      timer = setTimeout(() => resolve("unchecked"), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
  // Not awaited: a worker stuck in SQLite only stops when the check returns. Unref'd, it keeps nobody waiting.
  worker.unref();
  void worker.terminate();
  if (answer === "unchecked") return answer;
  let problems: string[];
  if ("code" in answer) {
    // SQLite stops at some damage with an error instead of a line of the check's list.
    const error = new Database.SqliteError(answer.message, answer.code);
    if (!isDamagedFileError(error)) throw explainDatabaseError(db.name, error);
    problems = [`${answer.code}: ${answer.message}`];
  } else {
    problems = answer.problems;
  }
  if (problems.length === 0) return "ok";
  throw new DatabaseFileError(
    "damaged",
    [
      `${db.name} is damaged (PRAGMA quick_check):`,
      ...problems.map((line) => `  ${line}`),
      "The bot did not start. Run `studybot doctor` to see all of it, then restore the latest backup (README, Operating studybot).",
    ].join("\n"),
    { cause: new Error(problems.join("\n")) },
  );
}
