import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../src/store/database.js";
import { Store } from "../../src/store/index.js";
import { useTempDir } from "../kit/tempDir.js";

function storeWithNotes(file: string) {
  const store = new Store(openDatabase(file));
  store.db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
  const add = store.db.prepare("INSERT INTO notes (text) VALUES (?)");
  return { store, add: (text: string) => Number(add.run(text).lastInsertRowid) };
}

describe("Store.joinTransaction (group commit)", () => {
  const tempDir = useTempDir();

  it("commits the work joined in one turn of the event loop together, and answers only once it is committed", async () => {
    const file = join(tempDir(), "bot.db");
    const { store, add } = storeWithNotes(file);
    const reader = openDatabase(file, { readonly: true });
    const committed = () => reader.prepare<[], number>("SELECT COUNT(*) FROM notes").pluck().get();
    const seenOnAnswer: number[] = [];
    const joined = ["a", "b", "c"].map(async (text) => {
      const id = await store.joinTransaction(() => add(text));
      seenOnAnswer.push(committed() ?? 0);
      return id;
    });
    expect(committed()).toBe(0);
    expect(await Promise.all(joined)).toEqual([1, 2, 3]);
    expect(seenOnAnswer).toEqual([3, 3, 3]);
  });

  it("rolls back only the work that fails: the rest of its turn is committed", async () => {
    const { store, add } = storeWithNotes(join(tempDir(), "bot.db"));
    const failing = store.joinTransaction(() => {
      add("half done");
      throw new Error("no");
    });
    const fine = store.joinTransaction(() => add("kept"));
    await expect(failing).rejects.toThrow("no");
    await fine;
    expect(store.db.prepare("SELECT text FROM notes").pluck().all()).toEqual(["kept"]);
  });

  it("fails every joined work when the commit itself fails", async () => {
    const file = join(tempDir(), "bot.db");
    const { store, add } = storeWithNotes(file);
    const other = openDatabase(file);
    other.pragma("busy_timeout = 0");
    store.db.pragma("busy_timeout = 0");
    other.exec("BEGIN IMMEDIATE");
    const joined = [store.joinTransaction(() => add("a")), store.joinTransaction(() => add("b"))];
    for (const work of joined) await expect(work).rejects.toThrow(/locked|busy/i);
    other.exec("ROLLBACK");
    expect(store.db.prepare("SELECT COUNT(*) FROM notes").pluck().get()).toBe(0);
  });
});

describe("Store.transaction", () => {
  const tempDir = useTempDir();

  it("reuses one transaction function: better-sqlite3 builds four wrappers for each db.transaction()", () => {
    const { store, add } = storeWithNotes(join(tempDir(), "bot.db"));
    const wrapperMade = vi.spyOn(store.db, "transaction");
    store.transaction(() => add("a"));
    store.transaction(() => store.transaction(() => add("b")));
    expect(wrapperMade).not.toHaveBeenCalled();
    expect(store.db.prepare("SELECT text FROM notes").pluck().all()).toEqual(["a", "b"]);
  });

  it("is immediate at the top and a savepoint inside another: a failing inner one undoes only itself", () => {
    const file = join(tempDir(), "bot.db");
    const { store, add } = storeWithNotes(file);
    const other = openDatabase(file);
    other.pragma("busy_timeout = 0");
    const result = store.transaction(() => {
      // Immediate: the write lock is held from the start, before any write.
      expect(() => other.exec("BEGIN IMMEDIATE")).toThrow(/locked|busy/i);
      add("outer");
      expect(() =>
        store.transaction(() => {
          add("inner");
          throw new Error("no");
        }),
      ).toThrow("no");
      return "done";
    });
    expect(result).toBe("done");
    expect(store.db.prepare("SELECT text FROM notes").pluck().all()).toEqual(["outer"]);
  });
});
