import type { Db } from "./database.js";

export interface NewCardFlag {
  communityId: number;
  deckId: string;
  cardId: string;
  userId: number;
  reason: string;
  flaggedAt: Date;
}

/** A reported card, and how many members reported it. */
export interface FlaggedCard {
  deckId: string;
  cardId: string;
  count: number;
}

interface FlaggedRow {
  deck_id: string;
  card_id: string;
  n: number;
}

/** Members' reports of wrong cards, and the cards admins keep out of quizzes and drills. */
export class CardFlagRepository {
  private readonly existing;
  private readonly upsert;
  private readonly flaggedIn;
  private readonly flaggedInDeck;
  private readonly latestReasons;
  private readonly addSkip;
  private readonly removeSkip;
  private readonly clearFlags;
  private readonly skippedIn;
  private readonly ofMember;

  constructor(db: Db) {
    this.existing = db.prepare<[number, string, string, number], { n: number }>(
      `SELECT COUNT(*) AS n FROM card_flags
       WHERE community_id = ? AND deck_id = ? AND card_id = ? AND user_id = ?`,
    );
    this.upsert = db.prepare(
      `INSERT INTO card_flags (community_id, deck_id, card_id, user_id, reason, flagged_at)
       VALUES (@communityId, @deckId, @cardId, @userId, @reason, @flaggedAt)
       ON CONFLICT (community_id, deck_id, card_id, user_id)
       DO UPDATE SET reason = excluded.reason, flagged_at = excluded.flagged_at`,
    );
    const flagged = (where: string) =>
      `SELECT deck_id, card_id, COUNT(*) AS n FROM card_flags WHERE ${where}
       GROUP BY deck_id, card_id ORDER BY n DESC, MAX(flagged_at) DESC, deck_id, card_id`;
    this.flaggedIn = db.prepare<[number], FlaggedRow>(flagged("community_id = ?"));
    this.flaggedInDeck = db.prepare<[number, string], FlaggedRow>(flagged("community_id = ? AND deck_id = ?"));
    this.latestReasons = db.prepare<[number, string, string, number], { reason: string }>(
      `SELECT reason FROM card_flags WHERE community_id = ? AND deck_id = ? AND card_id = ?
       ORDER BY flagged_at DESC, user_id LIMIT ?`,
    );
    this.addSkip = db.prepare(
      `INSERT INTO card_skips (community_id, deck_id, card_id, skipped_by, skipped_at)
       VALUES (@communityId, @deckId, @cardId, @userId, @at) ON CONFLICT DO NOTHING`,
    );
    this.removeSkip = db.prepare(
      "DELETE FROM card_skips WHERE community_id = @communityId AND deck_id = @deckId AND card_id = @cardId",
    );
    this.clearFlags = db.prepare(
      "DELETE FROM card_flags WHERE community_id = @communityId AND deck_id = @deckId AND card_id = @cardId",
    );
    this.ofMember = db.prepare<[number], { deckId: string; cardId: string; reason: string; flaggedAt: number }>(
      `SELECT deck_id AS deckId, card_id AS cardId, reason, flagged_at AS flaggedAt FROM card_flags
       WHERE user_id = ? ORDER BY flagged_at, deck_id, card_id`,
    );
    this.skippedIn = db.prepare<[number, string], { card_id: string }>(
      "SELECT card_id FROM card_skips WHERE community_id = ? AND deck_id = ?",
    );
  }

  /** Stores the member's report; `updated` when they had reported this card before (their reason is replaced). */
  flag(flag: NewCardFlag): "added" | "updated" {
    const { communityId, deckId, cardId, userId } = flag;
    const before = this.existing.get(communityId, deckId, cardId, userId)?.n ?? 0;
    this.upsert.run({ ...flag, flaggedAt: flag.flaggedAt.getTime() });
    return before > 0 ? "updated" : "added";
  }

  /** Reported cards, most reported first (then the most recently reported). */
  flagged(communityId: number, deckId?: string): FlaggedCard[] {
    const rows = deckId === undefined ? this.flaggedIn.all(communityId) : this.flaggedInDeck.all(communityId, deckId);
    return rows.map((row) => ({ deckId: row.deck_id, cardId: row.card_id, count: row.n }));
  }

  /** The latest `limit` reasons given for a card. */
  reasons(card: { communityId: number; deckId: string; cardId: string }, limit: number): string[] {
    return this.latestReasons.all(card.communityId, card.deckId, card.cardId, limit).map((row) => row.reason);
  }

  /** Keeps the card out of quizzes and drills; false when it already was. */
  skip(card: { communityId: number; deckId: string; cardId: string }, userId: number, at: Date): boolean {
    return this.addSkip.run({ ...card, userId, at: at.getTime() }).changes > 0;
  }

  /** Lets the card back in and clears its reports; false when it was not skipped. */
  unskip(card: { communityId: number; deckId: string; cardId: string }): { wasSkipped: boolean; flagsCleared: number } {
    const wasSkipped = this.removeSkip.run(card).changes > 0;
    return { wasSkipped, flagsCleared: this.clearFlags.run(card).changes };
  }

  /** The member's own reports, for `me export` (`me forget` deletes them with the member). */
  ofUser(userId: number): { deckId: string; cardId: string; reason: string; flaggedAt: Date }[] {
    return this.ofMember.all(userId).map((row) => ({ ...row, flaggedAt: new Date(row.flaggedAt) }));
  }

  skipped(communityId: number, deckId: string): Set<string> {
    return new Set(this.skippedIn.all(communityId, deckId).map((row) => row.card_id));
  }
}
