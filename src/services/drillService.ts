import type { DrillAction } from "../core/actions.js";
import type { DrillMode } from "../core/commands.js";
import type { Card, Deck } from "../core/deck.js";
import { gradeTyped } from "../core/drillGrading.js";
import { canDrill, DEFAULT_DRILL_COUNT, planDrill } from "../core/drillPlan.js";
import {
  checkInput,
  type DrillInput,
  type DrillOptions,
  drillQuestion,
  type RatingUndo,
  type Rejection,
  resumesToday,
  type StoredQuestion,
} from "../core/drillSession.js";
import {
  drillCardView,
  drillDoneView,
  type Feedback,
  type Notice,
  type Outcome,
  nothingToDrillView,
  rejectionNotice,
  rejectionView,
  resumeNotice,
  undoneNotice,
} from "../core/drillViews.js";
import { type DrillRating, newMemory, nextDueByRating, ratingOfAnswer } from "../core/fsrs.js";
import { localDayBounds } from "../core/studyDay.js";
import { errorView, type View } from "../core/views.js";
import type { Community } from "../store/communities.js";
import type { DrillSessionRecord } from "../store/drills.js";
import type { Store } from "../store/index.js";
import type { Member } from "../store/users.js";
import type { DeckLibrary } from "./deckLibrary.js";
import { type Clock, type Randomness, UserError } from "./ports.js";
import type { StudyProgress } from "./studyProgress.js";

/** Who drills, where: a command context, or `enrolActor(services, actor)` in an adapter. */
export interface DrillCaller {
  community: Community;
  member: Member;
}

export type { DrillOptions };

/** What a drill button's id names: the session, its nonce and the card it was shown for. */
export type DrillClaim = Pick<DrillAction, "sessionId" | "nonce" | "position">;

export interface DrillServiceDeps {
  store: Store;
  decks: DeckLibrary;
  clock: Clock;
  randomness: Randomness;
  progress: StudyProgress;
  /** A quiz answer is a review: those of a burst still unsettled are applied before a drill reads memory. */
  settlement: { settleAll(): unknown };
  /** New cards a person may start per deck and local day. */
  newCardsPerDay: number;
}

/**
 * Private FSRS drills. Every method returns the view to show in place of the
 * drill's previous one, and every change (rating, memory state, review log,
 * session position, study day) happens in one transaction, so a restart or a
 * second process never sees half a review.
 */
export class DrillService {
  constructor(private readonly deps: DrillServiceDeps) {}

  /** New cards a learner may start per deck and local day unless they set their own (`me new`). */
  get newCardsPerDay(): number {
    return this.deps.newCardsPerDay;
  }

  /** `drill [deck] [count] [mode]`: resumes today's unfinished drill when nothing else is asked for, else starts one. */
  start(caller: DrillCaller, options: DrillOptions = {}): View {
    const { store, clock, settlement } = this.deps;
    settlement.settleAll();
    const now = clock.now();
    let deck: Deck;
    try {
      deck = this.deps.decks.resolve(caller.community, options.deck);
    } catch (error) {
      if (error instanceof UserError) return errorView(error.message, "deck list shows the decks you can drill.");
      throw error;
    }
    deck = this.deps.decks.askable(caller.community.id, deck);
    return store.transaction(() => {
      const open = store.drills.openSession(caller.member.id);
      if (open && resumesToday(open, options, this.timeZoneOf(caller), now)) {
        const resumed = this.current(open, caller, now);
        if (resumed)
          return this.cardView(resumed.session, resumed.deck, resumed.card, caller, now, { notice: resumeNotice() });
      } else if (open) {
        store.drills.finish(open.id, now);
      }
      return this.begin(caller, deck, options.mode ?? "flip", options.count ?? DEFAULT_DRILL_COUNT, now);
    });
  }

  /** True while the session is under way: a drill step that closes it ends the drill. */
  isOpen(sessionId: number): boolean {
    const session = this.deps.store.drills.session(sessionId);
    return session !== undefined && !session.finishedAt;
  }

  /** A click on a drill button. Stale, replayed or foreign clicks change nothing and say why. */
  act(caller: DrillCaller, action: DrillAction): View {
    return this.apply(caller, action, action.step);
  }

  /** The term typed for a type-mode card; `claim` comes from the card's "Type the term" button. */
  answerTyped(caller: DrillCaller, claim: DrillClaim, typed: string): View {
    return this.apply(caller, claim, { op: "answer", text: typed });
  }

  /** Drills count days, limits and due times in the learner's own zone. */
  private timeZoneOf(caller: DrillCaller): string {
    return this.deps.progress.timeZoneOf(caller.community, caller.member);
  }

  private begin(caller: DrillCaller, deck: Deck, mode: DrillMode, count: number, now: Date): View {
    const { drills, memberSettings } = this.deps.store;
    const timeZone = this.timeZoneOf(caller);
    const { startOfToday, startOfTomorrow } = localDayBounds(now, timeZone);
    const startedToday = drills.newCardsStartedSince(caller.member.id, deck.id, startOfToday);
    // The learner's own limits (`me new`, `me reviews`), else the community's: new cards limited, reviews not.
    const own = memberSettings.get(caller.member.id);
    const newPerDay = own.newPerDay ?? this.deps.newCardsPerDay;
    const reviewsPerDay = own.reviewsPerDay;
    const plan = planDrill({
      cards: deck.cards.filter((card) => canDrill(deck, card, mode)),
      memories: drills.dueStatesInDeck(caller.member.id, deck.id),
      now,
      startOfTomorrow,
      count,
      newAllowance: Math.max(0, newPerDay - startedToday),
      ...(reviewsPerDay !== undefined
        ? { reviewAllowance: reviewsPerDay - drills.reviewsDoneSince(caller.member.id, deck.id, startOfToday) }
        : {}),
    });
    const first = deck.cards.find((card) => card.id === plan.queue[0]);
    if (!first) {
      return nothingToDrillView({
        deckTitle: deck.title,
        mode,
        nextDue: plan.nextDue,
        newHeldBack: plan.newHeldBack,
        newPerDay,
        reviewsHeldBack: plan.reviewsHeldBack,
        ...(reviewsPerDay !== undefined ? { reviewsPerDay } : {}),
        now,
        timeZone,
      });
    }
    const session = drills.createSession({
      userId: caller.member.id,
      deckId: deck.id,
      mode,
      queue: plan.queue,
      question: drillQuestion(this.deps.randomness.rng, deck, first, mode),
      nonce: this.deps.randomness.nonce(),
      createdAt: now,
    });
    return this.cardView(session, deck, first, caller, now, {});
  }

  private apply(caller: DrillCaller, claim: DrillClaim, input: DrillInput): View {
    const { store, clock, settlement } = this.deps;
    settlement.settleAll();
    const now = clock.now();
    return store.transaction(() => {
      const found = store.drills.session(claim.sessionId);
      const rejection = checkInput(found, claim, caller.member.id, input);
      if (rejection || !found) return this.rejected(rejection ?? "unknown-session", found, caller, now);
      const current = this.current(found, caller, now);
      if (!current) return this.finishedView(found, caller, now, undefined);
      const { session, deck, card } = current;
      switch (input.op) {
        case "stop":
          store.drills.finish(session.id, now);
          return this.finishedView(session, caller, now, undefined);
        case "undo":
          return this.undo(caller, session, now);
        case "type":
          return this.cardView(session, deck, card, caller, now, {});
        case "show": {
          const shown = { ...session, answerShown: true };
          if (!session.answerShown) store.drills.saveProgress(shown, now);
          return this.cardView(shown, deck, card, caller, now, {});
        }
        case "rate": {
          const { nextDue, rated } = this.rate(caller, session, card, input.rating, now);
          return this.advance(rated, deck, caller, now, { kind: "rated", card, rating: input.rating, nextDue });
        }
        case "pick": {
          const question = session.question as StoredQuestion;
          const rating = ratingOfAnswer(input.choice === question.correctIndex);
          const { nextDue, rated } = this.rate(caller, session, card, rating, now);
          return this.advance(rated, deck, caller, now, {
            kind: "picked",
            card,
            question,
            picked: input.choice,
            nextDue,
          });
        }
        case "answer": {
          const grade = gradeTyped(input.text, card, deck);
          const { nextDue, rated } = this.rate(caller, session, card, grade.rating, now);
          const otherCard = deck.cards.find((each) => each.id === grade.otherCardId);
          const typed = input.text.trim();
          return this.advance(rated, deck, caller, now, {
            kind: "typed",
            card,
            typed,
            grade,
            nextDue,
            ...(otherCard ? { otherCard } : {}),
          });
        }
      }
    });
  }

  /** Refused input: the learner's own open drill is shown again under the reason; anything else gets the reason alone. */
  private rejected(reason: Rejection, session: DrillSessionRecord | undefined, caller: DrillCaller, now: Date): View {
    const own = session && reason !== "unknown-session" && reason !== "not-yours" && !session.finishedAt;
    const current = own ? this.current(session, caller, now) : undefined;
    if (!current) return rejectionView(reason);
    const notice = rejectionNotice(reason, current.session.mode);
    return this.cardView(current.session, current.deck, current.card, caller, now, { notice });
  }

  /**
   * One rating of the current card (memory, review log, study day), kept
   * with the session until the next one so that it can be undone; returns
   * when the card is due next, and the session with its undo.
   */
  private rate(
    caller: DrillCaller,
    session: DrillSessionRecord,
    card: Card,
    rating: DrillRating,
    now: Date,
  ): { nextDue: Date; rated: DrillSessionRecord } {
    const reviewed = { deckId: session.deckId, cardId: card.id };
    const { progress, store } = this.deps;
    const { nextDue, undo } = progress.ratedInDrill(caller.community, caller.member, reviewed, rating, session.id, now);
    const { position, answerShown, question } = session;
    const lastRating = { ...undo, position, answerShown, question };
    store.drills.setLastRating(session.id, lastRating);
    return { nextDue, rated: { ...session, lastRating } };
  }

  /** Takes the last rating back and shows its card again, as it was before the rating. */
  private undo(caller: DrillCaller, session: DrillSessionRecord, now: Date): View {
    const { progress, store } = this.deps;
    const undo = session.lastRating as RatingUndo;
    const cardId = session.queue[undo.position] ?? "";
    const undone = progress.undoRating(caller.community, caller.member, { deckId: session.deckId, cardId }, undo);
    store.drills.setLastRating(session.id, null);
    if (!undone) return this.rejected("studied-since", { ...session, lastRating: null }, caller, now);
    const back = { ...session, position: undo.position, answerShown: undo.answerShown, question: undo.question };
    store.drills.saveProgress(back, now);
    const current = this.current({ ...back, lastRating: null }, caller, now);
    if (!current) return this.finishedView(back, caller, now, undefined);
    return this.cardView(current.session, current.deck, current.card, caller, now, { notice: undoneNotice() });
  }

  /** Moves past the rated card: the next card with the outcome above it, or the end of the drill. */
  private advance(session: DrillSessionRecord, deck: Deck, caller: DrillCaller, now: Date, outcome: Outcome): View {
    const answered = { sessionId: session.id, nonce: session.nonce, position: session.position, deckId: deck.id };
    const feedback: Feedback = { ...outcome, answered };
    const next = this.moveTo(session, deck, session.position + 1, now);
    if (!next) return this.finishedView(session, caller, now, feedback);
    return this.cardView(next.session, deck, next.card, caller, now, { feedback });
  }

  /**
   * The session with its current card. A card removed from the deck or skipped by
   * an admin since the drill started (or no longer askable in its mode) is passed over; a drill whose
   * deck is gone, or that runs out of cards that way, is finished.
   */
  private current(
    session: DrillSessionRecord,
    caller: DrillCaller,
    now: Date,
  ): { session: DrillSessionRecord; deck: Deck; card: Card } | undefined {
    const full = this.deps.decks.forCommunity(caller.community.id).get(session.deckId);
    if (!full) {
      this.deps.store.drills.finish(session.id, now);
      return undefined;
    }
    const deck = this.deps.decks.askable(caller.community.id, full);
    const card = this.drillableAt(session, deck, session.position);
    if (card) return { session, deck, card };
    const next = this.moveTo(session, deck, session.position + 1, now);
    return next ? { ...next, deck } : undefined;
  }

  private drillableAt(session: DrillSessionRecord, deck: Deck, position: number): Card | undefined {
    const card = deck.cards.find((each) => each.id === session.queue[position]);
    return card && canDrill(deck, card, session.mode) ? card : undefined;
  }

  /** Saves the session at the first drillable card from `position` on, or finishes it. */
  private moveTo(
    session: DrillSessionRecord,
    deck: Deck,
    position: number,
    now: Date,
  ): { session: DrillSessionRecord; card: Card } | undefined {
    const { drills } = this.deps.store;
    for (let at = position; at < session.queue.length; at++) {
      const card = this.drillableAt(session, deck, at);
      if (!card) continue;
      const moved = {
        ...session,
        position: at,
        answerShown: false,
        question: drillQuestion(this.deps.randomness.rng, deck, card, session.mode),
      };
      drills.saveProgress(moved, now);
      return { session: moved, card };
    }
    drills.finish(session.id, now);
    return undefined;
  }

  private cardView(
    session: DrillSessionRecord,
    deck: Deck,
    card: Card,
    caller: DrillCaller,
    now: Date,
    extra: { feedback?: Feedback; notice?: Notice },
  ): View {
    const showsRatings = session.mode === "flip" && session.answerShown;
    const memory = showsRatings
      ? (this.deps.store.drills.memory(session.userId, deck.id, card.id) ?? newMemory(now))
      : undefined;
    return drillCardView({
      progress: {
        sessionId: session.id,
        nonce: session.nonce,
        position: session.position,
        total: session.queue.length,
        mode: session.mode,
        deckTitle: deck.title,
      },
      card,
      answerShown: session.answerShown,
      question: session.question,
      ...(memory ? { nextDue: nextDueByRating(memory, now) } : {}),
      ...extra,
      canUndo: session.lastRating !== null,
      now,
      timeZone: this.timeZoneOf(caller),
    });
  }

  private finishedView(
    session: DrillSessionRecord,
    caller: DrillCaller,
    now: Date,
    feedback: Feedback | undefined,
  ): View {
    const { drills } = this.deps.store;
    const ratings = drills.ratingsInSession(session.id);
    const rated = Object.values(ratings).reduce((sum, n) => sum + n, 0);
    const deck = this.deps.decks.forCommunity(caller.community.id).get(session.deckId);
    const nextDue = deck ? drills.soonestDueInDeck(session.userId, deck.id) : null;
    return drillDoneView({
      deckTitle: deck?.title ?? session.deckId,
      ratings,
      skipped: Math.max(0, session.queue.length - rated),
      ...(feedback ? { feedback } : {}),
      nextDue,
      now,
      timeZone: this.timeZoneOf(caller),
    });
  }
}
