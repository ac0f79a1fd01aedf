import type { DrillStats } from "../core/boardViews.js";
import { type Card, cardLabel } from "../core/deck.js";
import { summariseMemory } from "../core/drillPlan.js";
import { type DrillRating, newMemory, ratingOfAnswer, review } from "../core/fsrs.js";
import type { RatingUndo } from "../core/drillSession.js";
import { aliveUntil, isNewStudyDay, recordStudyDay } from "../core/streaks.js";
import { localDay, localDayBounds } from "../core/studyDay.js";
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

  /**
   * One rating in a drill session: when the card is due next, and what the
   * rating changed, as it was before, so that it can be undone.
   */
  ratedInDrill(
    community: Community,
    member: Member,
    card: ReviewedCard,
    rating: DrillRating,
    sessionId: number,
    at: Date,
  ): { nextDue: Date; undo: Pick<RatingUndo, "reviewId" | "memory" | "streak"> } {
    const streak = this.deps.store.stats.streak(member.id);
    const memory = this.deps.store.drills.memory(member.id, card.deckId, card.cardId) ?? null;
    this.studied(community, member, at);
    const { due, reviewId } = this.review(member, card, rating, { source: "drill", sessionId }, at);
    return { nextDue: due, undo: { reviewId, memory, streak } };
  }

  /**
   * Takes a drill rating back: the card's memory, the review log and the
   * study day (streak, freezes) as they were before it. Only while it is the
   * member's last review: anything studied since was built on it. Returns
   * whether it was undone.
   */
  undoRating(community: Community, member: Member, card: ReviewedCard, undo: RatingUndo): boolean {
    const { drills, stats, memberSettings, frozenDays } = this.deps.store;
    if (drills.reviewedSince(member.id, undo.reviewId)) return false;
    drills.deleteReview(undo.reviewId);
    drills.restoreMemory(member.id, card.deckId, card.cardId, undo.memory);
    const { streak } = undo;
    // Vacations changed since the rating move alive_until, as they would have without it.
    const restored =
      streak.lastDay === null
        ? streak
        : { ...streak, aliveUntil: aliveUntil(streak.lastDay, streak.freezes, memberSettings.pauses(member.id)) };
    stats.restoreStreak(member.id, community.id, restored);
    // Days are frozen only when a later study day is recorded: any after the restored one were this rating's.
    frozenDays.forgetAfter(member.id, streak.lastDay);
    return true;
  }

  /** What `stats` shows of a person's memory: cards learned, due today, mastered, the weakest by name. */
  drillStats(community: Community, member: Member, now: Date): DrillStats {
    const cardOf = this.cardFinder(community);
    const memories = this.deps.store.drills.memoriesOf(member.id);
    // Reviews of removed cards still happened: they count as learned and mastered, but cannot be due.
    const drillable = memories.filter((entry) => cardOf(entry.deckId, entry.cardId));
    const timeZone = this.timeZoneOf(community, member);
    const { startOfTomorrow } = localDayBounds(now, timeZone);
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

  /** A study day for the streak, in the person's time zone, with their vacations, and the days freezes covered to reach it. */
  private studied(community: Community, member: Member, at: Date): void {
    const { stats, memberSettings, frozenDays } = this.deps.store;
    const before = stats.streak(member.id);
    const day = localDay(at, this.timeZoneOf(community, member));
    // A second study the same day changes nothing: neither the vacations are read nor the row written again.
    if (!isNewStudyDay(before, day)) return;
    const { streak, frozenOn } = recordStudyDay(before, day, memberSettings.pauses(member.id));
    stats.saveStreak(member.id, community.id, streak);
    frozenDays.record(member.id, frozenOn);
  }

  /** Applies a rating to the stored memory state with ts-fsrs and logs it: when the card is due next, and the log row. */
  private review(
    member: Member,
    { deckId, cardId }: ReviewedCard,
    rating: DrillRating,
    from: Pick<ReviewEntry, "source" | "sessionId">,
    at: Date,
  ): { due: Date; reviewId: number } {
    const { drills } = this.deps.store;
    const userId = member.id;
    const before = drills.memory(userId, deckId, cardId) ?? newMemory(at);
    const { memory, record } = review(before, rating, at);
    drills.saveMemory(userId, deckId, cardId, memory);
    const reviewId = drills.logReview({ userId, deckId, cardId, ...from, record, dueAfter: memory.due });
    return { due: memory.due, reviewId };
  }
}
