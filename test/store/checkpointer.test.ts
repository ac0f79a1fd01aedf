import { statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startCheckpointer } from "../../src/store/checkpointer.js";
import { openDatabase } from "../../src/store/database.js";
import { closeAfterTest } from "../kit/closeAfterTest.js";
import { useTempDir } from "../kit/tempDir.js";

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

  it("are not started for a database in memory", async () => {
    const db = closeAfterTest(openDatabase(":memory:"));
    const before = db.pragma("wal_autocheckpoint", { simple: true });
    await startCheckpointer(db).stop();
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(before);
  });
});
