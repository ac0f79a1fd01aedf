import type { Db } from "./database.js";

/** The missed days streak freezes were spent on, per member (migration 0015). */
export class FrozenDayRepository {
  private readonly insertDay;
  private readonly daysFrom;
  private readonly deleteAfter;

  constructor(db: Db) {
    this.insertDay = db.prepare("INSERT OR IGNORE INTO streak_frozen_days (user_id, day) VALUES (?, ?)");
    this.daysFrom = db
      .prepare<[number, string], string>(
        "SELECT day FROM streak_frozen_days WHERE user_id = ? AND day >= ? ORDER BY day",
      )
      .pluck();
    this.deleteAfter = db.prepare("DELETE FROM streak_frozen_days WHERE user_id = ? AND day > ?");
  }

  record(userId: number, days: readonly string[]): void {
    for (const day of days) this.insertDay.run(userId, day);
  }

  /** The member's frozen days from `firstDay` on (every one without it), oldest first. */
  days(userId: number, firstDay = ""): string[] {
    return this.daysFrom.all(userId, firstDay);
  }

  /** Takes back the days frozen after `day` (undo of the study day that spent them); all of them when `day` is null. */
  forgetAfter(userId: number, day: string | null): void {
    this.deleteAfter.run(userId, day ?? "");
  }
}
