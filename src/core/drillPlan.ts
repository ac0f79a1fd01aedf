import type { DrillMode } from "./commands.js";
import type { Card, Deck } from "./deck.js";
import { acceptedAnswers } from "./drillGrading.js";
import { type MemoryState, retrievability } from "./fsrs.js";
import { directionsFor } from "./question.js";

/** Cards in a drill unless the command says otherwise. */
export const DEFAULT_DRILL_COUNT = 10;
/** New cards a person starts per deck and local day unless DRILL_NEW_PER_DAY says otherwise. */
export const DEFAULT_NEW_CARDS_PER_DAY = 10;
/** A card counts as mastered once FSRS expects it to stay 90% recallable for three weeks (Anki's "mature"). */
export const MASTERED_STABILITY_DAYS = 21;

/** Whether the card can be drilled in this mode: choice needs distractors, type needs a short term. */
export function canDrill(deck: Deck, card: Card, mode: DrillMode): boolean {
  if (mode === "choice") return directionsFor(deck, card).length > 0;
  if (mode === "type") return acceptedAnswers(card).length > 0;
  return true;
}

/**
 * A card is due when ts-fsrs says so, with one allowance: a card in review is
 * due for the whole local day it falls on, so yesterday's 18:00 review can be
 * done at today's 08:00 drill. Learning steps (1m, 10m) are kept to the minute.
 */
export function isDue(memory: DueState, now: Date, startOfTomorrow: Date): boolean {
  const cutoff = memory.state === "review" ? startOfTomorrow : now;
  return memory.due.getTime() <= cutoff.getTime();
}

/** What planning reads of a memory state: when it is due, and whether the card is in review. */
export type DueState = Pick<MemoryState, "due" | "state">;

export interface PlanInput {
  /** The deck's cards that can be drilled in the session's mode, in deck order. */
  cards: readonly Card[];
  /** The learner's memory of the cards they have seen, by card id. */
  memories: ReadonlyMap<string, DueState>;
  now: Date;
  startOfTomorrow: Date;
  count: number;
  /** How many more new cards the learner may start today. */
  newAllowance: number;
  /** How many more due cards the learner may review today (`me reviews`); no limit when absent. */
  reviewAllowance?: number;
}

export interface DrillPlan {
  /** Card ids in the order they will be asked. */
  queue: string[];
  /** Unseen cards left out by the daily limit. */
  newHeldBack: number;
  /** Due cards left out by the daily review limit. */
  reviewsHeldBack: number;
  /** The next moment a seen card of this deck falls due, after the cards already due. */
  nextDue: Date | null;
}

/** Due cards first, most overdue first; then unseen cards in deck order, within the daily new-card allowance. */
export function planDrill(input: PlanInput): DrillPlan {
  const due: { id: string; at: number }[] = [];
  const unseen: string[] = [];
  let nextDue: number | null = null;
  for (const card of input.cards) {
    const memory = input.memories.get(card.id);
    if (!memory) unseen.push(card.id);
    else if (isDue(memory, input.now, input.startOfTomorrow)) due.push({ id: card.id, at: memory.due.getTime() });
    else nextDue = nextDue === null ? memory.due.getTime() : Math.min(nextDue, memory.due.getTime());
  }
  // A stable sort keeps deck order among cards due at the same moment.
  const allowedDue = Math.max(0, Math.min(due.length, input.reviewAllowance ?? due.length));
  const dueIds = due
    .sort((a, b) => a.at - b.at)
    .map((entry) => entry.id)
    .slice(0, Math.min(allowedDue, input.count));
  const newIds = unseen.slice(0, Math.max(0, Math.min(input.newAllowance, input.count - dueIds.length)));
  return {
    queue: [...dueIds, ...newIds],
    newHeldBack: unseen.length - newIds.length,
    reviewsHeldBack: due.length - allowedDue,
    nextDue: nextDue === null ? null : new Date(nextDue),
  };
}

export interface WeakCard {
  deckId: string;
  cardId: string;
  lapses: number;
  retrievability: number;
}

export interface DrillSummary {
  learned: number;
  dueToday: number;
  mastered: number;
  /** Most lapses first, then the least likely to be recalled now. */
  weakest: WeakCard[];
}

/** What `stats` shows of a learner's memory: every card they have reviewed, over all decks. */
export function summariseMemory(
  memories: readonly { deckId: string; cardId: string; memory: MemoryState }[],
  now: Date,
  startOfTomorrow: Date,
  weakestCount = 5,
): DrillSummary {
  const weakest = memories
    .map(({ deckId, cardId, memory }) => ({
      deckId,
      cardId,
      lapses: memory.lapses,
      retrievability: retrievability(memory, now),
    }))
    .sort((a, b) => b.lapses - a.lapses || a.retrievability - b.retrievability)
    .slice(0, weakestCount);
  return {
    learned: memories.length,
    dueToday: memories.filter(({ memory }) => memory.due.getTime() < startOfTomorrow.getTime()).length,
    mastered: memories.filter(({ memory }) => memory.stability > MASTERED_STABILITY_DAYS).length,
    weakest,
  };
}
