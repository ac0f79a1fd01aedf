import type { Db } from "../../src/store/database.js";

/**
 * Every row that names a member, found from the schema itself rather than a
 * list: the users row, and each column of any table whose foreign key points
 * at users. A table added later is checked without a change here.
 */
export function memberRows(db: Db, userId: number): Record<string, number> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  const counts: Record<string, number> = {
    "users.id": db.prepare("SELECT COUNT(*) FROM users WHERE id = ?").pluck().get(userId) as number,
  };
  for (const table of tables) {
    const keys = db.pragma(`foreign_key_list("${table}")`) as { table: string; from: string }[];
    for (const key of keys.filter((each) => each.table === "users")) {
      counts[`${table}.${key.from}`] = db
        .prepare(`SELECT COUNT(*) FROM "${table}" WHERE "${key.from}" = ?`)
        .pluck()
        .get(userId) as number;
    }
  }
  return counts;
}

/** The same, only where rows remain: `{}` means the member is gone from every table. */
export function remainingMemberRows(db: Db, userId: number): Record<string, number> {
  return Object.fromEntries(Object.entries(memberRows(db, userId)).filter(([, count]) => count > 0));
}
