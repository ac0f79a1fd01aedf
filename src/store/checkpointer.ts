import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Db } from "./database.js";

/**
 * Without this, the connection that commits the 1000th WAL page copies the
 * WAL into the database file and syncs it, inside that commit: one answer in
 * fifty waited several milliseconds (bench/: answer p99 3-7 ms). Here a worker
 * thread with its own connection checkpoints every second instead, and a
 * PASSIVE checkpoint never blocks the bot's writes. The bot's connection
 * still checkpoints by itself past this many pages, should the worker fall
 * behind a long stream of writes (the WAL is only rewound once a checkpoint
 * has caught up with every write).
 */
const SAFETY_NET_PAGES = 10_000;
const DEFAULT_INTERVAL_MS = 1000;
/** A checkpoint that keeps failing (a full disk) is reported at once, then at most this often. */
const REPORT_EVERY_MS = 60_000;

// CommonJS source, so the worker runs the same under tsx, vitest and the build.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
let failing = false;
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
    if (failing) parentPort.postMessage({ recovered: true });
    failing = false;
  } catch (error) {
    failing = true;
    parentPort.postMessage({ error: String(error) });
  }
}, workerData.intervalMs);
parentPort.once("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Lets a checkpoint under way finish, then closes the worker's connection. */
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  intervalMs?: number;
  /** The first failure, then at most once a minute while they go on: the latest error, and the failures since the last call. */
  onFailing?: (failing: { error: string; failures: number }) => void;
  /** Checkpoints work again, after this many failures. */
  onRecovered?: (failures: number) => void;
  /** Milliseconds, for the once a minute. */
  now?: () => number;
}

/** Moves WAL checkpoints of this database file off the thread that writes it. */
export function startCheckpointer(db: Db, options: CheckpointerOptions = {}): Checkpointer {
  if (db.memory || db.readonly) return { stop: async () => undefined };
  db.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve("better-sqlite3"),
      file: db.name,
      intervalMs: options.intervalMs ?? DEFAULT_INTERVAL_MS,
    },
  });
  const now = options.now ?? Date.now;
  let failures = 0;
  let unreported = 0;
  let reportedAt = Number.NEGATIVE_INFINITY;
  const failed = (error: string) => {
    failures++;
    unreported++;
    if (now() - reportedAt < REPORT_EVERY_MS) return;
    options.onFailing?.({ error, failures: unreported });
    unreported = 0;
    reportedAt = now();
  };
  worker.on("message", (message: { error: string } | { recovered: true }) => {
    if ("error" in message) return failed(message.error);
    options.onRecovered?.(failures);
    failures = 0;
    unreported = 0;
    reportedAt = Number.NEGATIVE_INFINITY;
  });
  worker.on("error", (error) => failed(String(error)));
  // A checkpointer must never keep the process alive on its own.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    async stop() {
      // Whoever waits for the stop keeps the process up until the worker has closed its connection.
      worker.ref();
      worker.postMessage("stop");
      await exited;
    },
  };
}
