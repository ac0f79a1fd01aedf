import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.js";
import { Store } from "../../src/store/index.js";
import { useTempDir } from "../kit/tempDir.js";

function storeWithNotes(file: string, busyTimeoutMs: number) {
  const store = new Store(openDatabase(file, { busyTimeoutMs }));
  store.db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
  const add = store.db.prepare("INSERT INTO notes (text) VALUES (?)");
  return { store, add: (text: string) => Number(add.run(text).lastInsertRowid) };
}

describe("Store.joinTransaction on a database another process has locked", () => {
  const tempDir = useTempDir();

  it("waits on a timer, not in SQLite: the event loop runs, later work joins, all is committed once the lock goes", async () => {
    const file = join(tempDir(), "bot.db");
    const { store, add } = storeWithNotes(file, 2_000);
    const other = openDatabase(file);
    other.exec("BEGIN IMMEDIATE");
    const started = performance.now();
    const first = store.joinTransaction(() => add("first"));
    // Turns of the event loop go on meanwhile: a timer fires on time, and a later click joins.
    const timerLateMs = await new Promise<number>((resolve) => {
      const due = performance.now() + 20;
      setTimeout(() => resolve(performance.now() - due), 20);
    });
    const second = store.joinTransaction(() => add("second"));
    setTimeout(() => other.exec("ROLLBACK"), 150);
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(timerLateMs).toBeLessThan(100);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(store.db.pragma("busy_timeout", { simple: true })).toBe(2_000);
    other.close();
  });

  it("gives up after the busy timeout, and only on the work that has waited that long", async () => {
    const file = join(tempDir(), "bot.db");
    const { store, add } = storeWithNotes(file, 200);
    const other = openDatabase(file);
    other.exec("BEGIN IMMEDIATE");
    const early = store.joinTransaction(() => add("early"));
    const failed = expect(early).rejects.toThrow(/locked|busy/i);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const late = store.joinTransaction(() => add("late"));
    await failed;
    other.exec("ROLLBACK");
    expect(await late).toBe(1);
    expect(store.db.prepare("SELECT text FROM notes").pluck().all()).toEqual(["late"]);
    other.close();
  });
});
