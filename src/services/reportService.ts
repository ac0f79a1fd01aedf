import type { Period } from "../core/commands.js";
import { cardLabel } from "../core/deck.js";
import {
  type CardResult,
  type ClassReport,
  hardestFirst,
  mostPickedWrong,
  periodFirstDay,
  REPORT_HARDEST_CARDS,
  REPORT_LISTED_MEMBERS,
} from "../core/report.js";
import { liveStreak } from "../core/streaks.js";
import { localDay, startOfLocalDay } from "../core/studyDay.js";
import type { Community } from "../store/communities.js";
import type { Store } from "../store/index.js";
import type { ReportScope } from "../store/reports.js";
import type { DeckLibrary } from "./deckLibrary.js";
import { UserError } from "./ports.js";

export interface ReportRequest {
  period: Period;
  deckId?: string;
  now: Date;
  /** Every member and every card (`report export`), instead of the few a chat message shows. */
  complete?: boolean;
}

/** Class reports: what a community's quizzes of a period say about what the group knows. */
export class ReportService {
  constructor(
    private readonly store: Store,
    private readonly decks: DeckLibrary,
  ) {}

  build(community: Community, request: ReportRequest): ClassReport {
    const deck = request.deckId === undefined ? undefined : this.deckOf(community, request.deckId, request.period);
    const today = localDay(request.now, community.timeZone);
    const firstDay = periodFirstDay(request.period, today);
    const scope: ReportScope = {
      communityId: community.id,
      ...(firstDay === null ? {} : { since: startOfLocalDay(firstDay, community.timeZone) }),
      ...(deck ? { deckId: deck.id } : {}),
    };
    const limits = request.complete ? {} : { members: REPORT_LISTED_MEMBERS, cards: REPORT_HARDEST_CARDS };
    return {
      period: request.period,
      firstDay,
      ...(deck ? { deck: { id: deck.id, title: deck.title } } : {}),
      timeZone: community.timeZone,
      ...this.figures(community, scope, today, limits),
    };
  }

  /**
   * The figures of the quizzes in `scope`: the totals, the members with the
   * most points and the hardest cards, the first `limits` of each (all of
   * them where no limit is given).
   */
  figures(
    community: Community,
    scope: ReportScope,
    today: string,
    limits: { members?: number; cards?: number },
  ): Pick<ClassReport, "totals" | "cards" | "members"> {
    const { reports } = this.store;
    const { totals, members } = reports.members(scope, limits.members);
    const cards = hardestFirst(reports.cards(scope)).slice(0, limits.cards);
    return {
      totals,
      cards: cards.map((card) => this.withNameAndWrongPick(community, scope, card)),
      members: members.map((member) => ({ ...member, streak: liveStreak(member.streak, today) })),
    };
  }

  private withNameAndWrongPick(
    community: Community,
    scope: ReportScope,
    card: Omit<CardResult, "name" | "mostPickedWrong">,
  ): CardResult {
    const found = this.decks.forCommunity(community.id).get(card.deckId);
    const deckCard = found?.cards.find((each) => each.id === card.cardId);
    const wrong = mostPickedWrong(this.store.reports.wrongAnswers({ ...scope, deckId: card.deckId }, card.cardId));
    return {
      ...card,
      name: (deckCard && cardLabel(deckCard)) ?? deckCard?.front ?? card.cardId,
      ...(wrong ? { mostPickedWrong: wrong } : {}),
    };
  }

  /** The deck a report names; an unknown one is refused with the decks there are and an example. */
  private deckOf(community: Community, deckId: string, period: Period) {
    const catalog = this.decks.forCommunity(community.id);
    const deck = catalog.get(deckId);
    if (deck) return deck;
    const known = catalog.list().map((each) => each.id);
    const example = `report ${known[0] ?? "lightweight-sandboxes"} ${period}`;
    throw new UserError(
      `There is no deck "${deckId}" here.`,
      `Decks here: ${known.join(", ") || "none loaded"}. For example: ${example}`,
    );
  }
}
