import type { Period } from "../core/commands.js";
import { type Card, cardLabel, type Deck } from "../core/deck.js";
import { type ClassReport, periodFirstDay, REPORT_HARDEST_CARDS, REPORT_LISTED_MEMBERS } from "../core/report.js";
import { localDay, startOfLocalDay } from "../core/studyDay.js";
import type { Community } from "../store/communities.js";
import type { Store } from "../store/index.js";
import type { ReportScope } from "../store/reports.js";
import type { DeckLibrary } from "./deckLibrary.js";
import { UserError } from "./ports.js";
import {
  buildReportExport,
  buildReportExportOnWorker,
  cardNameKey,
  type ReportExport,
  type ReportHeading,
} from "./reportExport.js";
import { type CardNamer, type FigureLimits, readReportFigures } from "./reportFigures.js";

export interface ReportRequest {
  period: Period;
  deckId?: string;
  now: Date;
  /** Every member and every card, instead of the few a chat message shows. */
  complete?: boolean;
}

/** What a report covers and where it reads it, before any figure is read. */
interface ReportPlan {
  heading: ReportHeading;
  scope: ReportScope;
  today: string;
  deck?: Deck;
}

const nameOfCard = (card: Card): string => cardLabel(card) ?? card.front;

/** Class reports: what a community's quizzes of a period say about what the group knows. */
export class ReportService {
  constructor(
    private readonly store: Store,
    private readonly decks: DeckLibrary,
  ) {}

  /** `report`: the totals, the members with the most points and the hardest cards (all of them when complete). */
  build(community: Community, request: ReportRequest): ClassReport {
    const { heading, scope, today } = this.plan(community, request);
    const limits = request.complete ? {} : { members: REPORT_LISTED_MEMBERS, cards: REPORT_HARDEST_CARDS };
    return { ...heading, ...this.figures(community, scope, today, limits) };
  }

  /**
   * `report export`: every member and every card as CSV files. On a database
   * file they are built on a worker thread, so that a big community's export
   * (seconds at 100,000 members) leaves the bot answering meanwhile; a
   * database in memory (tests) cannot be opened from another thread, and is
   * read here.
   */
  export(community: Community, request: ReportRequest): Promise<ReportExport> {
    const { heading, scope, today, deck } = this.plan(community, request);
    const cardNames = new Map<string, string>();
    for (const each of deck ? [deck] : this.decks.forCommunity(community.id).list()) {
      for (const card of each.cards) cardNames.set(cardNameKey(each.id, card.id), nameOfCard(card));
    }
    const job = { heading, scope, today, cardNames };
    const { db } = this.store;
    return db.memory
      ? Promise.resolve(buildReportExport(this.store.reports, job))
      : buildReportExportOnWorker(db.name, job);
  }

  /** The figures of the quizzes in `scope` (the digest's too), card names from the community's decks. */
  figures(
    community: Community,
    scope: ReportScope,
    today: string,
    limits: FigureLimits,
  ): Pick<ClassReport, "totals" | "cards" | "members"> {
    return readReportFigures(this.store.reports, scope, today, limits, this.cardNamer(community));
  }

  private cardNamer(community: Community): CardNamer {
    const catalog = this.decks.forCommunity(community.id);
    return (deckId, cardId) => {
      const card = catalog.get(deckId)?.cards.find((each) => each.id === cardId);
      return card ? nameOfCard(card) : cardId;
    };
  }

  private plan(community: Community, request: ReportRequest): ReportPlan {
    const deck = request.deckId === undefined ? undefined : this.deckOf(community, request.deckId, request.period);
    const today = localDay(request.now, community.timeZone);
    const firstDay = periodFirstDay(request.period, today);
    return {
      heading: {
        period: request.period,
        firstDay,
        ...(deck ? { deck: { id: deck.id, title: deck.title } } : {}),
        timeZone: community.timeZone,
      },
      scope: {
        communityId: community.id,
        ...(firstDay === null ? {} : { since: startOfLocalDay(firstDay, community.timeZone) }),
        ...(deck ? { deckId: deck.id } : {}),
      },
      today,
      ...(deck ? { deck } : {}),
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
