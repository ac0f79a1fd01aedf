import { linkSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { backupDatabase } from "../../src/store/backup.js";
import { openDatabase } from "../../src/store/database.js";
import { closeAfterTest } from "../kit/closeAfterTest.js";
import { useTempDir } from "../kit/tempDir.js";

describe("backup", () => {
  const tempDir = useTempDir();

  it("copies a live WAL database into a file that opens with every row and the schema", async () => {
    const dir = tempDir();
    const db = closeAfterTest(openDatabase(join(dir, "live.db")));
    const insert = db.prepare(
      "INSERT INTO communities (platform, external_id, name, time_zone, created_at) VALUES ('test', ?, '', 'UTC', 0)",
    );
    for (let i = 0; i < 500; i++) insert.run(`c${i}`);
    const writer = closeAfterTest(openDatabase(join(dir, "live.db")));
    writer.prepare("INSERT INTO communities (platform, external_id, created_at) VALUES ('test', 'during', 0)").run();

    const copyPath = join(dir, "nested", "copy.db");
    const { pages } = await backupDatabase(db, copyPath);
    expect(pages).toBeGreaterThan(0);
    const copy = closeAfterTest(new Database(copyPath, { readonly: true }));
    expect(copy.prepare("SELECT COUNT(*) AS n FROM communities").get()).toEqual({ n: 501 });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(copy.prepare("SELECT COUNT(*) AS n FROM schema_migrations").get()).not.toEqual({ n: 0 });
  });

  it("refuses to copy the live file onto itself, under its own name, a symbolic link or a hard link", async () => {
    const dir = tempDir();
    const live = join(dir, "live.db");
    const db = closeAfterTest(openDatabase(live));
    db.prepare("INSERT INTO communities (platform, external_id, created_at) VALUES ('test', 'kept', 0)").run();
    symlinkSync(live, join(dir, "link.db"));
    linkSync(live, join(dir, "hard.db"));
    const before = readFileSync(live);
    for (const same of [live, join(dir, ".", "live.db"), join(dir, "link.db"), join(dir, "hard.db")]) {
      await expect(backupDatabase(db, same)).rejects.toThrow(`${same} is the live database ${live} itself`);
    }
    expect(readFileSync(live).equals(before)).toBe(true);
    expect(db.prepare("SELECT COUNT(*) FROM communities").pluck().get()).toBe(1);
  });
});
