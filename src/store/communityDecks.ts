import { type Deck, validateDeck } from "../core/deck.js";
import type { Db } from "./database.js";

export interface CommunityDeck {
  deck: Deck;
  importedAt: Date;
}

/** What a card said when the bot last loaded its file deck. */
export interface SeenCard {
  front: string;
  back: string;
}

/** Decks imported from the chat, per community, and the last seen text of file decks' cards. */
export class CommunityDeckRepository {
  private readonly byCommunity;
  private readonly revisionOf;
  private readonly deleteOne;
  private readonly insertOne;
  private readonly seenOfDeck;
  private readonly upsertSeen;

  constructor(private readonly db: Db) {
    this.byCommunity = db.prepare<[number], { deck: string; imported_at: number }>(
      "SELECT deck, imported_at FROM community_decks WHERE community_id = ? ORDER BY deck_id",
    );
    this.revisionOf = db.prepare<[number], { decks: number; last: number }>(
      "SELECT count(*) AS decks, coalesce(max(id), 0) AS last FROM community_decks WHERE community_id = ?",
    );
    this.deleteOne = db.prepare("DELETE FROM community_decks WHERE community_id = ? AND deck_id = ?");
    this.insertOne = db.prepare(
      "INSERT INTO community_decks (community_id, deck_id, deck, imported_by, imported_at) VALUES (?, ?, ?, ?, ?)",
    );
    this.seenOfDeck = db.prepare<[string], { card_id: string; front: string; back: string }>(
      "SELECT card_id, front, back FROM file_deck_cards WHERE deck_id = ?",
    );
    this.upsertSeen = db.prepare(
      `INSERT INTO file_deck_cards (deck_id, card_id, front, back) VALUES (?, ?, ?, ?)
       ON CONFLICT (deck_id, card_id) DO UPDATE SET front = excluded.front, back = excluded.back
       WHERE front <> excluded.front OR back <> excluded.back`,
    );
  }

  /**
   * The community's decks, by id. Each is validated again, so a deck saved by
   * an older version that today's rules refuse is left out instead of breaking quizzes.
   */
  list(communityId: number): CommunityDeck[] {
    return this.byCommunity.all(communityId).flatMap((row) => {
      const checked = validateDeck(JSON.parse(row.deck));
      return "deck" in checked ? [{ deck: checked.deck, importedAt: new Date(row.imported_at) }] : [];
    });
  }

  /** Changes with every save and removal in the community, whichever process made it. */
  revision(communityId: number): string {
    const row = this.revisionOf.get(communityId);
    return `${row?.decks ?? 0}:${row?.last ?? 0}`;
  }

  count(communityId: number): number {
    return this.revisionOf.get(communityId)?.decks ?? 0;
  }

  /** Adds the deck, or replaces the community's deck with the same id. */
  save(communityId: number, deck: Deck, importedBy: number | null, at: Date): void {
    this.db.transaction(() => {
      this.deleteOne.run(communityId, deck.id);
      this.insertOne.run(communityId, deck.id, JSON.stringify(deck), importedBy, at.getTime());
    })();
  }

  remove(communityId: number, deckId: string): boolean {
    return this.deleteOne.run(communityId, deckId).changes > 0;
  }

  seenCards(deckId: string): Map<string, SeenCard> {
    return new Map(this.seenOfDeck.all(deckId).map((row) => [row.card_id, { front: row.front, back: row.back }]));
  }

  /** Records the cards' text as loaded now; cards no longer in the deck keep their last text. */
  recordSeen(deck: Deck): void {
    this.db.transaction(() => {
      for (const card of deck.cards) this.upsertSeen.run(deck.id, card.id, card.front, card.back);
    })();
  }
}
