import type { DrillStats } from "../core/boardViews.js";
import { type Card, cardLabel } from "../core/deck.js";
import { summariseMemory } from "../core/drillPlan.js";
import { type DrillRating, newMemory, ratingOfAnswer, review } from "../core/fsrs.js";
import { addDays, localDay, recordStudyDay, startOfLocalDay } from "../core/studyDay.js";
import type { Community } from "../store/communities.js";
import type { ReviewEntry } from "../store/drills.js";
import type { Store } from "../store/index.js";
import type { Member } from "../store/users.js";
import type { DeckLibrary } from "./deckLibrary.js";

export interface StudyProgressDeps {
  store: Store;
  decks: DeckLibrary;
}

/** The card a review is about. */
export interface ReviewedCard {
  deckId: string;
  cardId: string;
}

/**
 * What studying changes for a person, whichever way they studied: the study
 * day that keeps their streak, and the card's FSRS memory with its review
 * log. Channel quizzes and drills call it by name, inside their own
 * transaction, so an answer and its review are committed together.
 */
export class StudyProgress {
  constructor(private readonly deps: StudyProgressDeps) {}

  /**
   * A channel-quiz answer is a review too (right → Good, wrong → Again): the
   * card missed this morning comes back in the learner's own drill.
   */
  answeredQuiz(community: Community, member: Member, card: ReviewedCard, correct: boolean, at: Date): void {
    this.studied(community, member, at);
    this.review(member, card, ratingOfAnswer(correct), { source: "quiz", sessionId: null }, at);
  }

  /** One rating in a drill session; returns when the card is due next. */
  ratedInDrill(
    community: Community,
    member: Member,
    card: ReviewedCard,
    rating: DrillRating,
    sessionId: number,
    at: Date,
  ): Date {
    this.studied(community, member, at);
    return this.review(member, card, rating, { source: "drill", sessionId }, at);
  }

  /** What `stats` shows of a person's memory: cards learned, due today, mastered, the weakest by name. */
  drillStats(community: Community, member: Member, now: Date): DrillStats {
    const cardOf = this.cardFinder(community);
    const memories = this.deps.store.drills.memoriesOf(member.id);
    // Reviews of removed cards still happened: they count as learned and mastered, but cannot be due.
    const drillable = memories.filter((entry) => cardOf(entry.deckId, entry.cardId));
    const timeZone = this.timeZoneOf(community, member);
    const startOfTomorrow = startOfLocalDay(addDays(localDay(now, timeZone), 1), timeZone);
    const all = summariseMemory(memories, now, startOfTomorrow);
    const loaded = summariseMemory(drillable, now, startOfTomorrow);
    return {
      ...loaded,
      learned: all.learned,
      mastered: all.mastered,
      removed: memories.length - drillable.length,
      weakest: loaded.weakest.map((weak) => {
        const card = cardOf(weak.deckId, weak.cardId);
        return { ...weak, name: (card && cardLabel(card)) ?? weak.cardId };
      }),
    };
  }

  /** Finds a card through a map made once per deck: `stats` looks up every card a learner reviewed. */
  private cardFinder(community: Community): (deckId: string, cardId: string) => Card | undefined {
    const catalog = this.deps.decks.forCommunity(community.id);
    const byDeck = new Map<string, ReadonlyMap<string, Card>>();
    return (deckId, cardId) => {
      let cards = byDeck.get(deckId);
      if (cards === undefined) {
        cards = new Map((catalog.get(deckId)?.cards ?? []).map((card) => [card.id, card]));
        byDeck.set(deckId, cards);
      }
      return cards.get(cardId);
    };
  }

  /** The zone of a person's days (study days, streaks, drill limits): their own (`me timezone`), else the community's. */
  timeZoneOf(community: Community, member: Member): string {
    return this.deps.store.memberSettings.get(member.id).timeZone ?? community.timeZone;
  }

  /** A study day for the streak, in the person's time zone. */
  private studied(community: Community, member: Member, at: Date): void {
    const { stats } = this.deps.store;
    const before = stats.streak(member.id);
    const after = recordStudyDay(before, localDay(at, this.timeZoneOf(community, member)));
    // A second study the same day changes nothing: writing the row again would only cost WAL pages.
    if (after !== before) stats.saveStreak(member.id, community.id, after);
  }

  /** Applies a rating to the stored memory state with ts-fsrs and logs it. */
  private review(
    member: Member,
    { deckId, cardId }: ReviewedCard,
    rating: DrillRating,
    from: Pick<ReviewEntry, "source" | "sessionId">,
    at: Date,
  ): Date {
    const { drills } = this.deps.store;
    const userId = member.id;
    const before = drills.memory(userId, deckId, cardId) ?? newMemory(at);
    const { memory, record } = review(before, rating, at);
    drills.saveMemory(userId, deckId, cardId, memory);
    drills.logReview({ userId, deckId, cardId, ...from, record, dueAfter: memory.due });
    return memory.due;
  }
}
