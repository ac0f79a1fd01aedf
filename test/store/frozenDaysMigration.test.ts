import { describe, expect, it } from "vitest";
import { Store } from "../../src/store/index.js";
import { applyMigrations } from "../../src/store/migrations.js";
import { databaseBefore } from "../kit/migratedBefore.js";
import { useTempDir } from "../kit/tempDir.js";

describe("migration 0015 (frozen days)", () => {
  const tempDir = useTempDir();

  it("keeps the count of freezes spent before it, with no days for them; days are kept from then on", () => {
    const db = databaseBefore(tempDir(), 15);
    db.exec(`INSERT INTO communities (id, platform, external_id, created_at) VALUES (1, 'test', 'c', 0);
      INSERT INTO users (id, community_id, external_id, display_name) VALUES (1, 1, 'ana', 'ana');
      INSERT INTO user_streaks (user_id, community_id, current_streak, best_streak, last_study_day, freezes,
          frozen_days, alive_until)
        VALUES (1, 1, 9, 9, '2026-11-20', 0, 1, '2026-11-20');`);

    expect(applyMigrations(db).map((m) => m.version)).toContain(15);
    const store = new Store(db);
    expect(store.stats.streak(1)).toMatchObject({ current: 9, frozenDays: 1 });
    expect(store.frozenDays.days(1)).toEqual([]);
    store.frozenDays.record(1, ["2026-11-22"]);
    expect(store.frozenDays.days(1, "2026-11-01")).toEqual(["2026-11-22"]);
  });
});
