import { describe, expect, it } from "vitest";
import { Store } from "../../src/store/index.js";
import { applyMigrations } from "../../src/store/migrations.js";
import { databaseBefore } from "../kit/migratedBefore.js";
import { useTempDir } from "../kit/tempDir.js";

describe("migration 0009 (streak freezes)", () => {
  const tempDir = useTempDir();

  it("gives streaks kept before it the freezes they earned, and the boards still find them", () => {
    const db = databaseBefore(tempDir(), 9);
    db.exec(`INSERT INTO communities (id, platform, external_id, created_at) VALUES (1, 'test', 'c', 0);
      INSERT INTO users (id, community_id, external_id, display_name) VALUES (1, 1, 'ana', 'ana'), (2, 1, 'bo', 'bo');
      INSERT INTO user_streaks (user_id, community_id, current_streak, best_streak, last_study_day)
        VALUES (1, 1, 15, 15, '2026-11-20'), (2, 1, 3, 9, '2026-11-21');`);

    expect(applyMigrations(db).map((m) => m.version)).toContain(9);
    const store = new Store(db);
    expect(store.stats.streak(1)).toMatchObject({ current: 15, freezes: 2, aliveUntil: "2026-11-22" });
    expect(store.stats.streak(2)).toMatchObject({ current: 3, freezes: 0, aliveUntil: "2026-11-21" });
    // On the 23rd, ana's two freezes cover the 21st and 22nd; bo missed the 22nd with none.
    expect(store.stats.topByStreak(1, "all", "2026-11-22", 10).map((member) => member.name)).toEqual(["ana"]);
  });
});
