import { type CardResult, type ClassReport, hardestFirst, mostPickedWrong } from "../core/report.js";
import { liveStreak } from "../core/streaks.js";
import type { ReportRepository, ReportScope } from "../store/reports.js";

/** What a report calls a card: its term, or its id once it left the deck. */
export type CardNamer = (deckId: string, cardId: string) => string;

/** How many members and hardest cards a report keeps; all of them where no number is given. */
export interface FigureLimits {
  members?: number;
  cards?: number;
}

/**
 * The figures of the quizzes in `scope`: the totals, the members with the
 * most points and the hardest cards. A function of the repository alone, so
 * a worker thread's own connection reads them as the bot's does.
 */
export function readReportFigures(
  reports: ReportRepository,
  scope: ReportScope,
  today: string,
  limits: FigureLimits,
  nameOf: CardNamer,
): Pick<ClassReport, "totals" | "cards" | "members"> {
  const { totals, members } = reports.members(scope, limits.members);
  const cards = hardestFirst(reports.cards(scope)).slice(0, limits.cards);
  return {
    totals,
    cards: cards.map((card) => {
      const wrong = mostPickedWrong(reports.wrongAnswers({ ...scope, deckId: card.deckId }, card.cardId));
      const named: CardResult = { ...card, name: nameOf(card.deckId, card.cardId) };
      return wrong ? { ...named, mostPickedWrong: wrong } : named;
    }),
    members: members.map((member) => ({ ...member, streak: liveStreak(member.streak, today) })),
  };
}
