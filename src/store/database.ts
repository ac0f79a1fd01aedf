import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { explainDatabaseError } from "./fileErrors.js";
import { applyMigrations } from "./migrations.js";

export type Db = Database.Database;

export interface OpenOptions {
  /** Where `NNNN_name.sql` files live; defaults to the repository's migrations/. */
  migrationsDir?: string;
  readonly?: boolean;
  /** Apply pending migrations on open (default); `studybot migrate` turns it off to report them itself. */
  migrate?: boolean;
}

/**
 * Opens (creating if needed) the one SQLite file, in WAL mode so readers never
 * wait for the writer, with foreign keys on and a busy timeout so a second
 * process on the same file waits for the lock instead of failing. What SQLite
 * says against the file (read-only, damaged, not a database) becomes a
 * DatabaseFileError naming the file and what to do.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  try {
    return options.readonly ? openForReading(file) : openForWriting(file, options);
  } catch (error) {
    throw explainDatabaseError(file, error);
  }
}

function openForWriting(file: string, options: OpenOptions): Db {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("busy_timeout = 5000");
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    failIfReadOnly(db);
    if (options.migrate !== false) applyMigrations(db, options.migrationsDir);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * SQLite opens a file it may not write read-only without a word, and says so
 * only at the first write: an answer, hours later. A write that is rolled
 * back before it reaches the file asks now.
 */
function failIfReadOnly(db: Db): void {
  db.exec("BEGIN IMMEDIATE");
  try {
    db.exec("CREATE TABLE studybot_write_check (id INTEGER)");
  } finally {
    db.exec("ROLLBACK");
  }
}

/** SQLite's code when it cannot create a WAL file's -shm index in the file's folder (CANTOPEN for root). */
const FOLDER_NOT_WRITABLE = /^SQLITE_(CANTOPEN|READONLY_DIRECTORY)/;

/**
 * Reads without writing, so `doctor` and `decks check` work on a file they may
 * not change. A WAL file needs its -shm index beside it: in a folder where it
 * cannot be created, a file closed cleanly (no -wal left, so the main file
 * holds every commit and no process is writing it) is read from a copy in
 * memory instead.
 */
function openForReading(file: string): Db {
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma("schema_version");
  } catch (error) {
    db?.close();
    const code = error instanceof Database.SqliteError ? error.code : "";
    if (!FOLDER_NOT_WRITABLE.test(code) || !existsSync(file) || existsSync(`${file}-wal`)) throw error;
    db = snapshotOf(file);
  }
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  return db;
}

function snapshotOf(file: string): Db {
  const image = readFileSync(file);
  // Bytes 18-19 say WAL (2): a database in memory has no WAL, so the copy says rollback journal (1).
  if (image.length > 19) image.fill(1, 18, 20);
  return new Database(image, { readonly: true });
}
