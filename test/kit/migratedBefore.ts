import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Db, openDatabase } from "../../src/store/database.js";
import { DEFAULT_MIGRATIONS_DIR, readMigrations } from "../../src/store/migrations.js";
import { closeAfterTest } from "./closeAfterTest.js";

/**
 * A database in `dir` with the migrations before `version` only, as a
 * release without it left it: a migration's test fills it, then applies the rest.
 */
export function databaseBefore(dir: string, version: number): Db {
  const before = join(dir, `before-${version}`);
  mkdirSync(before);
  for (const m of readMigrations().filter((each) => each.version < version)) {
    const name = `${String(m.version).padStart(4, "0")}_${m.name}.sql`;
    copyFileSync(join(DEFAULT_MIGRATIONS_DIR, name), join(before, name));
  }
  return closeAfterTest(openDatabase(join(dir, "bot.db"), { migrationsDir: before }));
}
