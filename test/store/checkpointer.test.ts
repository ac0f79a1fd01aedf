import { statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { startCheckpointer } from "../../src/store/checkpointer.js";
import { openDatabase } from "../../src/store/database.js";
import { closeAfterTest } from "../kit/closeAfterTest.js";
import { makeReadOnly } from "../kit/readOnly.js";
import { useTempDir } from "../kit/tempDir.js";

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 10) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`waited 10 s for ${what}`);
}

describe("background checkpoints", () => {
  const tempDir = useTempDir();

  it("are made by the worker, not by the connection that writes", async () => {
    const file = join(tempDir(), "bot.db");
    const db = closeAfterTest(openDatabase(file));
    const checkpointer = startCheckpointer(db, { intervalMs: 20 });
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBeGreaterThan(1000);
    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
    const add = db.prepare("INSERT INTO notes (text) VALUES (?)");
    db.transaction(() => {
      for (let index = 0; index < 2000; index++) add.run(`note ${index} `.repeat(10));
    })();
    const walSize = () => statSync(`${file}-wal`).size;
    // A write that finds the WAL wholly checkpointed starts it over from the top: the file stops growing.
    let rewound = false;
    let written = 2000;
    for (let attempt = 0; attempt < 250 && !rewound; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const before = walSize();
      add.run("one more");
      written++;
      rewound = walSize() === before;
    }
    expect(rewound).toBe(true);
    await checkpointer.stop();
    db.close();
    expect(closeAfterTest(openDatabase(file)).prepare("SELECT COUNT(*) FROM notes").pluck().get()).toBe(written);
  });

  it("that fail (here: the file cannot be written) are reported at once, then once a minute with a count, and their recovery too", async () => {
    const file = join(tempDir(), "bot.db");
    const db = closeAfterTest(openDatabase(file));
    const migratedInWal = statSync(file).size;
    let minute = 0;
    const reports: string[] = [];
    const checkpointer = startCheckpointer(db, {
      intervalMs: 10,
      now: () => minute * 60_000,
      onFailing: ({ error, failures }) => reports.push(`${failures} failed: ${error}`),
      onRecovered: (failures) => reports.push(`works again after ${failures}`),
    });
    onTestFinished(() => checkpointer.stop());
    // Once the worker has opened the file (its first checkpoint copies the migrations into it), the file turns read-only.
    await until(() => statSync(file).size > migratedInWal, "the first checkpoint");
    const undo = makeReadOnly(file);
    try {
      // The WAL beside it still takes writes; only the checkpoint into the file fails, as on a full disk.
      db.prepare("INSERT INTO communities (platform, external_id, created_at) VALUES ('test', 'a', 0)").run();
      await until(() => reports.length === 1, "the first failure");
      expect(reports[0]).toMatch(/^1 failed: SqliteError: disk I\/O error/);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(reports).toHaveLength(1);
      minute = 1;
      await until(() => reports.length === 2, "the report a minute later");
    } finally {
      undo();
    }
    const [, count] = /^(\d+) failed/.exec(reports[1] ?? "") ?? [];
    expect(Number(count)).toBeGreaterThan(5);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await until(() => reports.length === 3, "the recovery");
    const [, total] = /^works again after (\d+)$/.exec(reports[2] ?? "") ?? [];
    expect(Number(total)).toBeGreaterThanOrEqual(1 + Number(count));
  });

  it("are not started for a database in memory", async () => {
    const db = closeAfterTest(openDatabase(":memory:"));
    const before = db.pragma("wal_autocheckpoint", { simple: true });
    await startCheckpointer(db).stop();
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(before);
  });
});
