import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.js";
import { applyMigrations, DEFAULT_MIGRATIONS_DIR, readMigrations } from "../../src/store/migrations.js";
import { useTempDir } from "../kit/tempDir.js";
import { closeAfterTest } from "../kit/closeAfterTest.js";

describe("migrations", () => {
  const tempDir = useTempDir();

  it("applies every migration once on a real database file and records it", () => {
    const file = join(tempDir(), "bot.db");
    const first = closeAfterTest(openDatabase(file));
    const recorded = first.prepare("SELECT version, name FROM schema_migrations ORDER BY version").all();
    expect(recorded).toEqual(readMigrations().map((m) => ({ version: m.version, name: m.name })));
    expect(first.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(first.pragma("foreign_keys", { simple: true })).toBe(1);
    first.close();

    const again = closeAfterTest(openDatabase(file, { migrate: false }));
    expect(applyMigrations(again)).toEqual([]);
    const count = again.prepare("SELECT COUNT(*) AS n FROM schema_migrations").get() as { n: number };
    expect(count.n).toBe(readMigrations().length);
  });

  it("applies only the new migration when one is added later", () => {
    const dir = tempDir();
    const migrations = join(dir, "migrations");
    mkdirSync(migrations);
    for (const m of readMigrations()) {
      const name = `${String(m.version).padStart(4, "0")}_${m.name}.sql`;
      copyFileSync(join(DEFAULT_MIGRATIONS_DIR, name), join(migrations, name));
    }
    const file = join(dir, "bot.db");
    openDatabase(file, { migrationsDir: migrations }).close();
    writeFileSync(join(migrations, "9999_extra.sql"), "CREATE TABLE extra (id INTEGER PRIMARY KEY);");
    const db = closeAfterTest(openDatabase(file, { migrate: false }));
    expect(applyMigrations(db, migrations).map((m) => m.version)).toEqual([9999]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").get()).toEqual({ name: "extra" });
  });

  it("rolls back a failing migration entirely", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "0001_good.sql"), "CREATE TABLE good (id INTEGER);");
    writeFileSync(join(dir, "0002_bad.sql"), "CREATE TABLE bad (id INTEGER); THIS IS NOT SQL;");
    const db = closeAfterTest(openDatabase(join(dir, "bot.db"), { migrate: false }));
    expect(() => applyMigrations(db, dir)).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('good', 'bad')").all()).toEqual([]);
  });

  it("refuses badly named migration files", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "1_initial.sql"), "SELECT 1;");
    expect(() => readMigrations(dir)).toThrow(/NNNN_name\.sql/);
  });
});
