import type { ReportAction } from "../core/actions.js";
import { checkReason } from "../core/grammar.js";
import type { Card, Deck } from "../core/deck.js";
import {
  FLAG_LIST_MAX_CARDS,
  FLAG_LIST_REASONS_EACH,
  type FlagListEntry,
  flaggedView,
  flagListView,
  type ReportForm,
  reportForm,
  skippedView,
  unskippedView,
} from "../core/flagViews.js";
import type { View } from "../core/views.js";
import type { Community } from "../store/communities.js";
import type { Store } from "../store/index.js";
import type { Member } from "../store/users.js";
import type { DeckLibrary } from "./deckLibrary.js";
import type { DrillCaller } from "./drillService.js";
import { type Clock, UserError } from "./ports.js";

export interface FlagServiceDeps {
  store: Store;
  decks: DeckLibrary;
  clock: Clock;
}

const STALE_REPORT = "That Report card button is not one studybot knows, or its card is gone.";

/**
 * Members report cards they think are wrong; admins list the reports and
 * keep cards out of quizzes and drills (skip) until they bring them back.
 */
export class FlagService {
  constructor(private readonly deps: FlagServiceDeps) {}

  /** The form a "Report card" click opens; a forged or stale button is refused before any form opens. */
  formFor(caller: DrillCaller, action: ReportAction): ReportForm {
    return reportForm(this.reportedCard(caller, action).card);
  }

  /** The reason submitted in the form of a "Report card" button, checked again as if nothing had been shown. */
  flagFromForm(caller: DrillCaller, action: ReportAction, typedReason: string): View {
    const { deckId, card } = this.reportedCard(caller, action);
    return this.record(caller, deckId, card, typedReason);
  }

  /** `flag <deck> <card> <reason>`. */
  flag(caller: DrillCaller, deckId: string, cardId: string, reason: string): View {
    const deck = this.deps.decks.resolve(caller.community, deckId);
    return this.record(caller, deck.id, cardOf(deck, cardId, "flag"), reason);
  }

  private record(caller: DrillCaller, deckId: string, card: Card, typedReason: string): View {
    const reason = checkReason(typedReason);
    if (!reason.ok) throw new UserError(reason.error);
    const { store } = this.deps;
    // One transaction, so that "updated" is true even when two processes take the same member's report.
    const outcome = store.transaction(() =>
      store.cardFlags.flag({
        communityId: caller.community.id,
        deckId,
        cardId: card.id,
        userId: caller.member.id,
        reason: reason.value,
        flaggedAt: this.deps.clock.now(),
      }),
    );
    return flaggedView(card, outcome);
  }

  /**
   * The deck and card a report button names. A quiz's button works once the
   * quiz is closed (the answer is out); a drill's only for its learner, and
   * only for a card the drill has reached.
   */
  private reportedCard(caller: DrillCaller, action: ReportAction): { deckId: string; card: Card } {
    const { store } = this.deps;
    let deckId: string;
    let cardId: string | undefined;
    if (action.source === "quiz") {
      const quiz = store.quizzes.get(action.quizId);
      if (!quiz || quiz.nonce !== action.nonce || quiz.communityId !== caller.community.id) {
        throw new UserError(STALE_REPORT);
      }
      if (!quiz.closedAt) throw new UserError("This quiz is still open: report its card once it closes.");
      ({ deckId, cardId } = quiz);
    } else {
      const session = store.drills.session(action.sessionId);
      const reached = session && (session.finishedAt !== null || action.position <= session.position);
      if (!session || session.nonce !== action.nonce || session.userId !== caller.member.id || !reached) {
        throw new UserError(STALE_REPORT);
      }
      deckId = session.deckId;
      cardId = session.queue[action.position];
    }
    const card = this.deps.decks
      .forCommunity(caller.community.id)
      .get(deckId)
      ?.cards.find((each) => each.id === cardId);
    if (!card) throw new UserError(STALE_REPORT);
    return { deckId, card };
  }

  /** `deck flags [deck]`: the cards still in their decks, most reported first. */
  list(community: Community, deckId: string | undefined): View {
    const { cardFlags } = this.deps.store;
    const decks = this.deps.decks.forCommunity(community.id);
    const deck = deckId === undefined ? undefined : this.deps.decks.resolve(community, deckId);
    const inDecks = cardFlags.flagged(community.id, deck?.id).flatMap((flagged) => {
      const card = decks.get(flagged.deckId)?.cards.find((each) => each.id === flagged.cardId);
      return card ? [{ ...flagged, card }] : [];
    });
    const skippedByDeck = new Map<string, Set<string>>();
    const skippedIn = (id: string) => {
      const skipped = skippedByDeck.get(id) ?? cardFlags.skipped(community.id, id);
      skippedByDeck.set(id, skipped);
      return skipped;
    };
    // Reasons are read for the cards shown only; the others are counted.
    const entries: FlagListEntry[] = inDecks.map((each, index) => ({
      ...each,
      reasons:
        index < FLAG_LIST_MAX_CARDS
          ? cardFlags.reasons({ communityId: community.id, ...each }, FLAG_LIST_REASONS_EACH)
          : [],
      skipped: skippedIn(each.deckId).has(each.cardId),
    }));
    return flagListView(entries, deck?.id);
  }

  /** `deck skip <deck> <card>`: the card stays out of quizzes (posted and scheduled) and drills. */
  skip(community: Community, member: Member, deckId: string, cardId: string): View {
    const deck = this.deps.decks.resolve(community, deckId);
    const card = cardOf(deck, cardId, "deck skip");
    const skipped = this.deps.store.cardFlags.skip(
      { communityId: community.id, deckId: deck.id, cardId: card.id },
      member.id,
      this.deps.clock.now(),
    );
    return skippedView(deck.id, card, !skipped);
  }

  /** `deck unskip <deck> <card>`: back in quizzes and drills, its reports dealt with. */
  unskip(community: Community, deckId: string, cardId: string): View {
    const deck = this.deps.decks.resolve(community, deckId);
    const key = { communityId: community.id, deckId: deck.id, cardId };
    // A skipped card the deck has since dropped can still be unskipped, which clears what is left of it.
    if (!this.deps.store.cardFlags.skipped(community.id, deck.id).has(cardId)) cardOf(deck, cardId, "deck unskip");
    return unskippedView(deck.id, cardId, this.deps.store.cardFlags.unskip(key));
  }
}

function cardOf(deck: Deck, cardId: string, command: string): Card {
  const card = deck.cards.find((each) => each.id === cardId);
  if (card) return card;
  const some = deck.cards
    .slice(0, 5)
    .map((each) => each.id)
    .join(", ");
  throw new UserError(
    `Deck "${deck.id}" has no card "${cardId}".`,
    `Its cards include ${some}; for example: ${command} ${deck.id} ${deck.cards[0]?.id ?? "gvisor"}${command === "flag" ? " <reason>" : ""}. deck flags shows the ids of reported cards.`,
  );
}
