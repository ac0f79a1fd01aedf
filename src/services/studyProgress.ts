import type { DrillStats } from "../core/boardViews.js";
import { cardLabel } from "../core/deck.js";
import { summariseMemory } from "../core/drillPlan.js";
import { type DrillRating, newMemory, review } from "../core/fsrs.js";
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
    this.review(member, card, correct ? "good" : "again", { source: "quiz", sessionId: null }, at);
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
    const decks = this.deps.decks.forCommunity(community.id);
    const cardOf = (deckId: string, cardId: string) => decks.get(deckId)?.cards.find((card) => card.id === cardId);
    // Cards removed from their deck since are left out: the learner can no longer drill them.
    const memories = this.deps.store.drills.memoriesOf(member.id).filter((entry) => cardOf(entry.deckId, entry.cardId));
    const { timeZone } = community;
    const summary = summariseMemory(memories, now, startOfLocalDay(addDays(localDay(now, timeZone), 1), timeZone));
    return {
      ...summary,
      weakest: summary.weakest.map((weak) => {
        const card = cardOf(weak.deckId, weak.cardId);
        return { ...weak, name: (card && cardLabel(card)) ?? weak.cardId };
      }),
    };
  }

  /** A study day for the streak, in the community's time zone. */
  private studied(community: Community, member: Member, at: Date): void {
    const { stats } = this.deps.store;
    const before = stats.streak(member.id);
    const after = recordStudyDay(before, localDay(at, community.timeZone));
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
