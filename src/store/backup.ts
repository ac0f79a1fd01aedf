import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Db } from "./database.js";

/**
 * An online copy through SQLite's backup API: consistent even while the bot
 * keeps writing (WAL), and the copy is a plain database file to restore.
 */
export async function backupDatabase(db: Db, destination: string): Promise<{ pages: number }> {
  mkdirSync(dirname(destination), { recursive: true });
  const result = await db.backup(destination);
  return { pages: result.totalPages };
}
