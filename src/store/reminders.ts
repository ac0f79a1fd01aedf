import type { ReminderTimeRange } from "../core/reminderTimes.js";
import type { Db } from "./database.js";

/** Someone whose reminder time falls in a range, with what deciding and sending it needs. */
export interface ReminderCandidate {
  userId: number;
  externalId: string;
  communityId: number;
  platform: string;
  communityName: string;
  /** Theirs, else their community's. */
  timeZone: string;
  remindAt: string;
  remindStreak: boolean;
  /** Their own limits per deck and local day, if they set them. */
  newPerDay?: number;
  reviewsPerDay?: number;
  /** When they last changed a setting: a reminder time that passed before it was not owed. */
  updatedAt: Date;
}

/** How a claimed reminder ended; NULL in the table while it is queued or being sent. */
export type ReminderOutcome = "sent" | "nothing_due" | "paused" | "missed" | "unreachable" | "failed";

/** Per deck the learner has seen cards of: how many, and how many are due. */
export interface DeckMemoryCount {
  deckId: string;
  seen: number;
  due: number;
}

interface CandidateRow {
  user_id: number;
  external_id: string;
  community_id: number;
  platform: string;
  community_name: string;
  time_zone: string;
  remind_at: string;
  remind_streak: number;
  new_per_day: number | null;
  reviews_per_day: number | null;
  updated_at: number;
}

const CANDIDATE_COLUMNS = `ms.user_id, u.external_id, ms.community_id, c.platform, c.name AS community_name,
  COALESCE(ms.time_zone, c.time_zone) AS time_zone, ms.remind_at, ms.remind_streak, ms.new_per_day, ms.reviews_per_day, ms.updated_at`;
/** Reminders studybot switched off, and people already dealt with that day, are not candidates. */
const STILL_OWED = `ms.reminders_off_reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM reminder_claims rc WHERE rc.user_id = ms.user_id AND rc.local_day = @day)`;

const toCandidate = (row: CandidateRow): ReminderCandidate => ({
  userId: row.user_id,
  externalId: row.external_id,
  communityId: row.community_id,
  platform: row.platform,
  communityName: row.community_name,
  timeZone: row.time_zone,
  remindAt: row.remind_at,
  remindStreak: row.remind_streak === 1,
  ...(row.new_per_day === null ? {} : { newPerDay: row.new_per_day }),
  ...(row.reviews_per_day === null ? {} : { reviewsPerDay: row.reviews_per_day }),
  updatedAt: new Date(row.updated_at),
});

/**
 * Daily reminders: who is due (indexed ranges of member_settings per time
 * zone, never a scan of the members), the claims that make each person's
 * reminder of a local day go out once, and the switch studybot turns off
 * when a person cannot be reached.
 */
export class ReminderRepository {
  private readonly memberZones;
  private readonly communityZones;
  private readonly withOwnZone;
  private readonly withCommunityZone;
  private readonly pausedOn;
  private readonly insertClaim;
  private readonly updateOutcome;
  private readonly deleteQueued;
  private readonly claimByNonce;
  private readonly switchOffStatement;
  private readonly untoldReason;
  private readonly markTold;
  private readonly deleteOld;
  private readonly memoryCounts;

  constructor(db: Db) {
    // A loose index scan: one seek per distinct zone, however many members share each.
    this.memberZones = db
      .prepare<[], string>(
        `WITH RECURSIVE zones (zone) AS (
           SELECT MIN(time_zone) FROM member_settings WHERE remind_at IS NOT NULL AND time_zone IS NOT NULL
           UNION ALL
           SELECT (SELECT MIN(time_zone) FROM member_settings WHERE remind_at IS NOT NULL AND time_zone > zones.zone)
           FROM zones WHERE zones.zone IS NOT NULL)
         SELECT zone FROM zones WHERE zone IS NOT NULL`,
      )
      .pluck();
    // Communities whose members go by the community's zone: one probe of a partial index per community.
    this.communityZones = db
      .prepare<[], string>(
        `SELECT DISTINCT c.time_zone FROM communities c WHERE EXISTS (
           SELECT 1 FROM member_settings ms INDEXED BY member_settings_reminders_by_community
           WHERE ms.community_id = c.id AND ms.time_zone IS NULL AND ms.remind_at IS NOT NULL)`,
      )
      .pluck();
    this.withOwnZone = db.prepare<object, CandidateRow>(
      `SELECT ${CANDIDATE_COLUMNS}
       FROM member_settings ms INDEXED BY member_settings_reminders_by_zone
       JOIN users u ON u.id = ms.user_id JOIN communities c ON c.id = ms.community_id
       WHERE ms.time_zone = @zone AND ms.remind_at > @after AND ms.remind_at <= @upTo AND ${STILL_OWED}`,
    );
    this.withCommunityZone = db.prepare<object, CandidateRow>(
      `SELECT ${CANDIDATE_COLUMNS}
       FROM communities c
       JOIN member_settings ms INDEXED BY member_settings_reminders_by_community ON ms.community_id = c.id
       JOIN users u ON u.id = ms.user_id
       WHERE c.time_zone = @zone AND ms.time_zone IS NULL AND ms.remind_at > @after AND ms.remind_at <= @upTo
         AND ${STILL_OWED}`,
    );
    this.pausedOn = db
      .prepare<[number, string, string], number>(
        "SELECT 1 FROM member_pauses WHERE user_id = ? AND first_day <= ? AND last_day >= ? LIMIT 1",
      )
      .pluck();
    this.insertClaim = db.prepare(
      `INSERT INTO reminder_claims (user_id, local_day, claimed_at, outcome, deck_id, nonce)
       VALUES (@userId, @day, @at, @outcome, @deckId, @nonce) ON CONFLICT (user_id, local_day) DO NOTHING`,
    );
    this.updateOutcome = db.prepare("UPDATE reminder_claims SET outcome = ? WHERE user_id = ? AND local_day = ?");
    this.deleteQueued = db.prepare(
      "DELETE FROM reminder_claims WHERE user_id = ? AND local_day = ? AND outcome IS NULL",
    );
    this.claimByNonce = db.prepare<[number, string], { deck_id: string | null; community_id: number }>(
      `SELECT rc.deck_id, u.community_id FROM reminder_claims rc JOIN users u ON u.id = rc.user_id
       WHERE rc.user_id = ? AND rc.nonce = ?`,
    );
    this.switchOffStatement = db.prepare(
      `UPDATE member_settings SET reminders_off_reason = ?, reminders_off_told = 0, updated_at = ?
       WHERE user_id = ?`,
    );
    this.untoldReason = db
      .prepare<[number], string>(
        "SELECT reminders_off_reason FROM member_settings WHERE user_id = ? AND reminders_off_reason IS NOT NULL AND reminders_off_told = 0",
      )
      .pluck();
    this.markTold = db.prepare("UPDATE member_settings SET reminders_off_told = 1 WHERE user_id = ?");
    this.deleteOld = db.prepare("DELETE FROM reminder_claims WHERE claimed_at < ?");
    this.memoryCounts = db.prepare<object, { deck_id: string; seen: number; due: number }>(
      `SELECT m.deck_id, COUNT(*) AS seen,
         SUM(CASE WHEN m.state = 'review' THEN m.due <= @startOfTomorrow ELSE m.due <= @now END) AS due
       FROM card_memory m JOIN users u ON u.id = m.user_id
       WHERE m.user_id = @userId AND NOT EXISTS (
         SELECT 1 FROM card_skips s
         WHERE s.community_id = u.community_id AND s.deck_id = m.deck_id AND s.card_id = m.card_id)
       GROUP BY m.deck_id`,
    );
  }

  /** Every time zone someone's reminder is read in: members' own, and their communities' for those without. */
  zonesInUse(): string[] {
    return [...new Set([...this.memberZones.all(), ...this.communityZones.all()])];
  }

  /** Members reminded at a time in `range` in `timeZone`, not switched off, not yet claimed that day. */
  candidates(timeZone: string, range: ReminderTimeRange): ReminderCandidate[] {
    const parameters = { zone: timeZone, day: range.day, after: range.after, upTo: range.upTo };
    return [...this.withOwnZone.all(parameters), ...this.withCommunityZone.all(parameters)].map(toCandidate);
  }

  /** True when a vacation (`me pause`) covers the local day. */
  isPaused(userId: number, day: string): boolean {
    return this.pausedOn.get(userId, day, day) !== undefined;
  }

  /**
   * Claims the person's reminder of a local day for this process: true for
   * exactly one caller, across connections and processes. An outcome given
   * here is final (a reminder not sent); without one, it is being sent.
   */
  claim(
    userId: number,
    day: string,
    at: Date,
    claim: { outcome: ReminderOutcome } | { deckId: string; nonce: string },
  ): boolean {
    const outcome = "outcome" in claim ? claim.outcome : null;
    const { deckId = null, nonce = null } = "deckId" in claim ? claim : {};
    return this.insertClaim.run({ userId, day, at: at.getTime(), outcome, deckId, nonce }).changes === 1;
  }

  finish(userId: number, day: string, outcome: ReminderOutcome): void {
    this.updateOutcome.run(outcome, userId, day);
  }

  /** Gives back a claim this process queued but did not send (it is stopping): whoever starts next may send it. */
  release(userId: number, day: string): void {
    this.deleteQueued.run(userId, day);
  }

  /** The drill a reminder's button starts, when the button is the one sent to this member. */
  buttonTarget(userId: number, nonce: string): { communityId: number; deckId: string | null } | undefined {
    const row = this.claimByNonce.get(userId, nonce);
    return row ? { communityId: row.community_id, deckId: row.deck_id } : undefined;
  }

  /** Switches the member's reminders off, to be told why at their next command. */
  switchOff(userId: number, reason: string, at: Date): void {
    this.switchOffStatement.run(reason, at.getTime(), userId);
  }

  /** Why the member's reminders were switched off, once: the first call after the switch says it, later ones not. */
  takeUntoldReason(userId: number): string | undefined {
    const reason = this.untoldReason.get(userId);
    if (reason !== undefined) this.markTold.run(userId);
    return reason;
  }

  /** Claims older than `before` decide nothing any more (their local days are over everywhere). */
  prune(before: Date): number {
    return this.deleteOld.run(before.getTime()).changes;
  }

  /** Cards the learner has seen, and due ones, per deck, skipped cards left out: one indexed aggregate over their memory. */
  deckCounts(userId: number, now: Date, startOfTomorrow: Date): DeckMemoryCount[] {
    return this.memoryCounts
      .all({ userId, now: now.getTime(), startOfTomorrow: startOfTomorrow.getTime() })
      .map((row) => ({ deckId: row.deck_id, seen: row.seen, due: row.due }));
  }
}
