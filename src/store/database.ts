import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { applyMigrations } from "./migrations.js";

export type Db = Database.Database;

export interface OpenOptions {
  /** Where `NNNN_name.sql` files live; defaults to the repository's migrations/. */
  migrationsDir?: string;
  readonly?: boolean;
  /** Apply pending migrations on open (default); `studybot migrate` turns it off to report them itself. */
  migrate?: boolean;
  /** How long a statement waits for another connection's lock before SQLITE_BUSY (default 5 s). */
  busyTimeoutMs?: number;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) the one SQLite file, in WAL mode so readers never
 * wait for the writer, with foreign keys on and a busy timeout so a second
 * process on the same file waits for the lock instead of failing.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false });
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS}`);
  if (!options.readonly) {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
  }
  db.pragma("foreign_keys = ON");
  if (!options.readonly && options.migrate !== false) applyMigrations(db, options.migrationsDir);
  return db;
}
