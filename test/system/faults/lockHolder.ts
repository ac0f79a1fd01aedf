import { spawn } from "node:child_process";
import { once } from "node:events";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "../../..");

// Runs in the child: takes SQLite's write lock and keeps it until its standard input closes.
const HOLD_WRITE_LOCK = `
const Database = require("better-sqlite3");
const db = new Database(process.argv[1]);
db.exec("BEGIN IMMEDIATE");
process.stdout.write("locked\\n");
process.stdin.on("end", () => { db.exec("ROLLBACK"); db.close(); });
process.stdin.resume();
`;

export interface LockHolder {
  /** Rolls back and waits for the other process to exit. */
  release(): Promise<void>;
}

/**
 * Another process (a second bot, a backup script, an operator's sqlite3
 * shell) holding BEGIN IMMEDIATE on the bot's database file: every write of
 * the bot waits for its busy timeout, then fails with SQLITE_BUSY.
 */
export async function holdWriteLock(databaseFile: string): Promise<LockHolder> {
  const child = spawn(process.execPath, ["-e", HOLD_WRITE_LOCK, databaseFile], {
    cwd: root,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = once(child, "exit");
  let out = "";
  await new Promise<void>((resolveLocked, reject) => {
    child.stdout.on("data", (chunk) => {
      out += String(chunk);
      if (out.includes("locked")) resolveLocked();
    });
    child.on("exit", (code) => reject(new Error(`the lock holder exited (${code}) before taking the lock`)));
  });
  return {
    async release() {
      if (child.exitCode === null) child.stdin.end();
      await exited;
    },
  };
}
