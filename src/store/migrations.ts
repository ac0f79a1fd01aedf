import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "./database.js";

/** src/store and dist/store both sit two levels below the repository root. */
export const DEFAULT_MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../migrations");

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function readMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith(".sql"))
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (!match) throw new Error(`${join(dir, file)}: migration files are named NNNN_name.sql`);
      return { version: Number(match[1]), name: match[2] as string, sql: readFileSync(join(dir, file), "utf8") };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (index > 0 && migrations[index - 1]?.version === migration.version) {
      throw new Error(`${dir}: two migrations share version ${migration.version}`);
    }
  });
  return migrations;
}

/**
 * Applies the migrations not yet recorded, in order, in one immediate
 * transaction: a second process starting at the same moment waits for the
 * write lock and then finds them recorded, so each runs exactly once.
 */
export function applyMigrations(db: Db, dir?: string): Migration[] {
  const migrations = readMigrations(dir);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = db.transaction(() => {
    const done = new Set(
      db
        .prepare<[], { version: number }>("SELECT version FROM schema_migrations")
        .all()
        .map((row) => row.version),
    );
    const record = db.prepare(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, datetime('now'))",
    );
    const pending = migrations.filter((migration) => !done.has(migration.version));
    for (const migration of pending) {
      db.exec(migration.sql);
      record.run(migration.version, migration.name);
    }
    return pending;
  });
  return applied.immediate();
}
