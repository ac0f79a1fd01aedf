import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import type { Db } from "./database.js";

export class BackupError extends Error {
  override readonly name = "BackupError";
}

/** The same file under any name: a symbolic link, a hard link, `./` or `..` in the path. */
function isSameFile(a: string, b: string): boolean {
  if (!existsSync(a) || !existsSync(b)) return false;
  const [first, second] = [statSync(a), statSync(b)];
  return first.dev === second.dev && first.ino === second.ino;
}

/**
 * An online copy through SQLite's backup API: consistent even while the bot
 * keeps writing (WAL), and the copy is a plain database file to restore.
 */
export async function backupDatabase(db: Db, destination: string): Promise<{ pages: number }> {
  // SQLite copies a file onto itself without complaint and reports 0 pages: no backup was made.
  if (isSameFile(db.name, destination)) {
    throw new BackupError(`${destination} is the live database ${db.name} itself: give the backup another file name.`);
  }
  mkdirSync(dirname(destination), { recursive: true });
  const result = await db.backup(destination);
  return { pages: result.totalPages };
}
