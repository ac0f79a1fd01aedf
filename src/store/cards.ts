import type { Db } from "./database.js";

/** Per-community card accuracy and per-channel rotation: what the next quiz asks. */
export class CardProgressRepository {
  private readonly upsertAnswer;
  private readonly statsOfDeck;
  private readonly usedInRotation;
  private readonly markUsed;
  private readonly resetRotation;

  constructor(db: Db) {
    this.upsertAnswer = db.prepare(
      `INSERT INTO card_stats (community_id, deck_id, card_id, answered, correct) VALUES (?, ?, ?, 1, ?)
       ON CONFLICT (community_id, deck_id, card_id)
       DO UPDATE SET answered = answered + 1, correct = correct + excluded.correct`,
    );
    this.statsOfDeck = db.prepare<[number, string], { card_id: string; answered: number; correct: number }>(
      "SELECT card_id, answered, correct FROM card_stats WHERE community_id = ? AND deck_id = ?",
    );
    this.usedInRotation = db.prepare<[number, string, string], { card_id: string }>(
      "SELECT card_id FROM rotation WHERE community_id = ? AND channel_id = ? AND deck_id = ?",
    );
    this.markUsed = db.prepare(
      "INSERT OR IGNORE INTO rotation (community_id, channel_id, deck_id, card_id) VALUES (?, ?, ?, ?)",
    );
    this.resetRotation = db.prepare("DELETE FROM rotation WHERE community_id = ? AND channel_id = ? AND deck_id = ?");
  }

  recordAnswer(communityId: number, deckId: string, cardId: string, correct: boolean): void {
    this.upsertAnswer.run(communityId, deckId, cardId, correct ? 1 : 0);
  }

  accuracyByCard(communityId: number, deckId: string): Map<string, { answered: number; correct: number }> {
    return new Map(
      this.statsOfDeck
        .all(communityId, deckId)
        .map((row) => [row.card_id, { answered: row.answered, correct: row.correct }]),
    );
  }

  usedThisCycle(communityId: number, channelId: string, deckId: string): Set<string> {
    return new Set(this.usedInRotation.all(communityId, channelId, deckId).map((row) => row.card_id));
  }

  markAsked(communityId: number, channelId: string, deckId: string, cardId: string, startsNewCycle: boolean): void {
    if (startsNewCycle) this.resetRotation.run(communityId, channelId, deckId);
    this.markUsed.run(communityId, channelId, deckId, cardId);
  }
}
