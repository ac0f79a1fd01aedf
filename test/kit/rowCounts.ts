import type { Store } from "../../src/store/index.js";

/** How many rows each table of the database holds, to show that something wrote nothing at all. */
export function rowCounts(store: Store): Record<string, number> {
  const tables = store.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((table) => [table, store.db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number]),
  );
}
