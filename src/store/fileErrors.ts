import Database from "better-sqlite3";

/** What went wrong with the file, so a caller can choose what to say about it (doctor reports damage its own way). */
export type DatabaseFileProblem = "damaged" | "read-only" | "cannot-open" | "disk-full" | "disk-error";

/** A database file the bot cannot use as it is: the message names the file and the likely way out. */
export class DatabaseFileError extends Error {
  override readonly name = "DatabaseFileError";

  constructor(
    readonly problem: DatabaseFileProblem,
    message: string,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

const RESTORE =
  "Run `studybot doctor` to see the damage, then stop the bot and restore the latest backup (README, Operating studybot).";

function problemOf(code: string): DatabaseFileProblem | undefined {
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) return "damaged";
  if (code.startsWith("SQLITE_READONLY")) return "read-only";
  if (code.startsWith("SQLITE_CANTOPEN")) return "cannot-open";
  if (code === "SQLITE_FULL") return "disk-full";
  if (code.startsWith("SQLITE_IOERR")) return "disk-error";
  return undefined;
}

function advice(problem: DatabaseFileProblem, file: string): string {
  switch (problem) {
    case "damaged":
      return `${file} is damaged or is not a studybot database. ${RESTORE}`;
    case "read-only":
      return `${file} cannot be written: the file or its folder is read-only. The bot writes the file and creates ${file}-wal and ${file}-shm beside it: give its user write access to both (chown/chmod), or set DATABASE_PATH to a writable place. \`studybot doctor\` (without --fix) only reads.`;
    case "cannot-open":
      return `${file} cannot be opened: check that its folder exists and that the bot's user may read and write the file and the folder (SQLite creates ${file}-wal and ${file}-shm beside it).`;
    case "disk-full":
      return `${file} cannot grow: the disk is full. Free some space on it, then start again; nothing committed was lost.`;
    case "disk-error":
      return `${file} could not be read or written by the system (a disk or file system error). Check the disk (dmesg, free space), then run \`studybot doctor\`; if it reports damage, restore the latest backup.`;
  }
}

/** SQLite's error as a DatabaseFileError naming the file and what to do; any other error unchanged. */
export function explainDatabaseError(file: string, error: unknown): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  const problem = problemOf(error.code);
  if (!problem) return error;
  return new DatabaseFileError(problem, `${advice(problem, file)}\n  (SQLite: ${error.code}, ${error.message})`, {
    cause: error,
  });
}
