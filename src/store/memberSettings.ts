import { aliveUntil } from "../core/streaks.js";
import type { Db } from "./database.js";

/** A member's personal settings; `undefined` fields fall back to the community's defaults. */
export interface MemberSettings {
  timeZone?: string;
  /** The zone came from the person's platform profile (Slack), not from `me timezone`. */
  timeZoneFromProfile: boolean;
  /** Local "HH:MM" of the daily reminder. */
  remindAt?: string;
  remindStreak: boolean;
  /** Set when studybot switched reminders off itself ('closed_dms', 'left'). */
  remindersOffReason?: string;
  remindersOffTold: boolean;
  newPerDay?: number;
  reviewsPerDay?: number;
  hidden: boolean;
}

/** Local days, inclusive ("YYYY-MM-DD"). */
export interface Pause {
  firstDay: string;
  lastDay: string;
}

interface SettingsRow {
  time_zone: string | null;
  time_zone_from_profile: number;
  remind_at: string | null;
  remind_streak: number;
  reminders_off_reason: string | null;
  reminders_off_told: number;
  new_per_day: number | null;
  reviews_per_day: number | null;
  hidden: number;
}

const DEFAULTS: MemberSettings = {
  timeZoneFromProfile: false,
  remindStreak: false,
  remindersOffTold: false,
  hidden: false,
};

const toSettings = (row: SettingsRow): MemberSettings => ({
  timeZone: row.time_zone ?? undefined,
  timeZoneFromProfile: row.time_zone_from_profile === 1,
  remindAt: row.remind_at ?? undefined,
  remindStreak: row.remind_streak === 1,
  remindersOffReason: row.reminders_off_reason ?? undefined,
  remindersOffTold: row.reminders_off_told === 1,
  newPerDay: row.new_per_day ?? undefined,
  reviewsPerDay: row.reviews_per_day ?? undefined,
  hidden: row.hidden === 1,
});

/** Personal settings (`me`) and vacations, per member. */
export class MemberSettingsRepository {
  private readonly byUser;
  private readonly upsert;
  private readonly pausesOfUser;
  private readonly insertPause;
  private readonly shortenPauses;
  private readonly dropFuturePauses;
  private readonly streakOf;
  private readonly setAliveUntil;

  constructor(db: Db) {
    this.byUser = db.prepare<[number], SettingsRow>("SELECT * FROM member_settings WHERE user_id = ?");
    this.upsert = db.prepare(
      `INSERT INTO member_settings (user_id, community_id, time_zone, time_zone_from_profile, remind_at, remind_streak, reminders_off_reason,
         reminders_off_told, new_per_day, reviews_per_day, hidden, updated_at)
       VALUES (@userId, @communityId, @timeZone, @timeZoneFromProfile, @remindAt, @remindStreak, @remindersOffReason,
         @remindersOffTold, @newPerDay, @reviewsPerDay, @hidden, @updatedAt)
       ON CONFLICT (user_id) DO UPDATE SET time_zone = excluded.time_zone,
         time_zone_from_profile = excluded.time_zone_from_profile, remind_at = excluded.remind_at,
         remind_streak = excluded.remind_streak, reminders_off_reason = excluded.reminders_off_reason,
         reminders_off_told = excluded.reminders_off_told, new_per_day = excluded.new_per_day,
         reviews_per_day = excluded.reviews_per_day, hidden = excluded.hidden, updated_at = excluded.updated_at`,
    );
    this.pausesOfUser = db.prepare<[number], { first_day: string; last_day: string }>(
      "SELECT first_day, last_day FROM member_pauses WHERE user_id = ? ORDER BY first_day",
    );
    this.insertPause = db.prepare(
      `INSERT INTO member_pauses (user_id, first_day, last_day) VALUES (?, ?, ?)
       ON CONFLICT (user_id, first_day) DO UPDATE SET last_day = excluded.last_day`,
    );
    this.shortenPauses = db.prepare(
      "UPDATE member_pauses SET last_day = @yesterday WHERE user_id = @userId AND first_day < @today AND last_day >= @today",
    );
    this.dropFuturePauses = db.prepare("DELETE FROM member_pauses WHERE user_id = @userId AND first_day >= @today");
    this.streakOf = db.prepare<[number], { last_study_day: string | null; freezes: number }>(
      "SELECT last_study_day, freezes FROM user_streaks WHERE user_id = ?",
    );
    this.setAliveUntil = db.prepare("UPDATE user_streaks SET alive_until = ? WHERE user_id = ?");
  }

  get(userId: number): MemberSettings {
    const row = this.byUser.get(userId);
    return row ? toSettings(row) : { ...DEFAULTS };
  }

  /** Changes the given settings and keeps the others; `null` clears a setting back to the default. */
  update(
    userId: number,
    communityId: number,
    change: { [K in keyof MemberSettings]?: MemberSettings[K] | null },
    now: Date,
  ): MemberSettings {
    const current = this.get(userId);
    const next = { ...current } as Record<string, unknown>;
    for (const [key, value] of Object.entries(change)) {
      if (value !== undefined) next[key] = value ?? undefined;
    }
    const merged = next as unknown as MemberSettings;
    this.upsert.run({
      userId,
      communityId,
      timeZone: merged.timeZone ?? null,
      timeZoneFromProfile: merged.timeZoneFromProfile ? 1 : 0,
      remindAt: merged.remindAt ?? null,
      remindStreak: merged.remindStreak ? 1 : 0,
      remindersOffReason: merged.remindersOffReason ?? null,
      remindersOffTold: merged.remindersOffTold ? 1 : 0,
      newPerDay: merged.newPerDay ?? null,
      reviewsPerDay: merged.reviewsPerDay ?? null,
      hidden: merged.hidden ? 1 : 0,
      updatedAt: now.getTime(),
    });
    return merged;
  }

  pauses(userId: number): Pause[] {
    return this.pausesOfUser.all(userId).map((row) => ({ firstDay: row.first_day, lastDay: row.last_day }));
  }

  /** Records a vacation of local days `firstDay`..`lastDay`, inclusive. */
  addPause(userId: number, pause: Pause): void {
    this.insertPause.run(userId, pause.firstDay, pause.lastDay);
    this.pausesChanged(userId);
  }

  /** Ends every vacation that covers `today` yesterday, and drops the ones not begun. */
  endPauses(userId: number, today: string, yesterday: string): void {
    this.shortenPauses.run({ userId, today, yesterday });
    this.dropFuturePauses.run({ userId, today });
    this.pausesChanged(userId);
  }

  /**
   * Paused days keep a streak alive: the streak's alive_until, which boards
   * read to find the live streaks, moves with the vacations. Every change of
   * vacations comes through here, so boards never wait for the next study day.
   */
  private pausesChanged(userId: number): void {
    const streak = this.streakOf.get(userId);
    if (!streak?.last_study_day) return;
    this.setAliveUntil.run(aliveUntil(streak.last_study_day, streak.freezes, this.pauses(userId)), userId);
  }
}
