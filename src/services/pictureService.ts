import { cardLabel } from "../core/deck.js";
import { MASTERED_STABILITY_DAYS } from "../core/drillPlan.js";
import { plural } from "../core/reportViews.js";
import { CALENDAR_WEEKS, weekdayOf } from "../core/pictures/calendar.js";
import { REPORT_CHART_CARDS, type ReportChartInput, reportChartSvg } from "../core/pictures/reportChart.js";
import { type DeckProgress, type StatsCardInput, statsCardSvg } from "../core/pictures/statsCard.js";
import { type DayRange, streakToday } from "../core/streaks.js";
import { addDays, isoWeekKey, localDay, startOfLocalDay } from "../core/studyDay.js";
import type { Community } from "../store/communities.js";
import type { Store } from "../store/index.js";
import type { Member } from "../store/users.js";
import type { DeckLibrary } from "./deckLibrary.js";
import { fontCoverage, renderPng } from "./pictures/png.js";

/** Weeks of points and accuracy on a stats card; days of cards due. */
export const CHART_WEEKS = 12;
export const DUE_DAYS = 14;
export const REPORT_DAYS = 30;

export interface ReportChartRequest {
  deckId?: string;
  /** How many days, today included, the chart covers. */
  days: number;
}

/** Vacation days from `firstDay` to `today`, one entry per day. */
function pausedDays(pauses: readonly DayRange[], firstDay: string, today: string): string[] {
  const days: string[] = [];
  for (const pause of pauses) {
    const from = pause.firstDay > firstDay ? pause.firstDay : firstDay;
    const to = pause.lastDay < today ? pause.lastDay : today;
    for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  }
  return days;
}

/** Reads what the pictures show from the store, as the plain data core draws. */
export class PictureService {
  constructor(
    private readonly store: Store,
    private readonly decks: DeckLibrary,
  ) {}

  /** A member's stats card data, in their own time zone (the community's until they set one). */
  statsCardData(community: Community, member: Member, now: Date): StatsCardInput {
    const { store } = this;
    const timeZone = store.memberSettings.get(member.id).timeZone ?? community.timeZone;
    const today = localDay(now, timeZone);
    const firstDay = addDays(today, -weekdayOf(today) - 7 * (CALENDAR_WEEKS - 1));
    const studyTimes = store.studyHistory.studyTimes(member.id, startOfLocalDay(firstDay, timeZone));
    const studied = [...new Set(studyTimes.map((at) => localDay(new Date(at), timeZone)))];
    const pauses = store.memberSettings.pauses(member.id);
    const streak = streakToday(store.stats.streak(member.id), today, pauses);
    // Points are kept per week of the community's calendar (see quizService), so the weeks are read in its zone.
    const communityToday = localDay(now, community.timeZone);
    const weeks = Array.from({ length: CHART_WEEKS }, (_, index) => {
      const week = isoWeekKey(addDays(communityToday, -7 * (CHART_WEEKS - 1 - index)));
      return { week, ...store.stats.totals(community.id, week, member.id) };
    });
    return {
      name: member.name,
      timeZone,
      today,
      studied,
      // Recorded at each study day, and those since the last one that freezes cover as they pass.
      frozen: [...store.frozenDays.days(member.id, firstDay), ...streak.frozenOn],
      paused: pausedDays(pauses, firstDay, today),
      currentStreak: streak.current,
      bestStreak: streak.best,
      weeks,
      ...this.memoryFigures(community, member, today, timeZone),
    };
  }

  statsCardPng(data: StatsCardInput): Promise<Buffer> {
    return renderPng(statsCardSvg(data, fontCoverage()));
  }

  /** The `report` chart data: the hardest cards in quizzes and members active per day, over the last days. */
  reportChartData(community: Community, request: ReportChartRequest, now: Date): ReportChartInput {
    const { timeZone } = community;
    const deck = request.deckId === undefined ? undefined : this.decks.resolve(community, request.deckId);
    const today = localDay(now, timeZone);
    const firstDay = addDays(today, 1 - request.days);
    const since = startOfLocalDay(firstDay, timeZone);
    const catalog = this.decks.forCommunity(community.id);
    const hardest = this.store.studyHistory
      .hardestCards(community.id, since, REPORT_CHART_CARDS, deck?.id)
      .map(({ deckId, cardId, answered, correct }) => {
        const card = catalog.get(deckId)?.cards.find((candidate) => candidate.id === cardId);
        return { name: (card && (cardLabel(card) ?? card.front.split("\n")[0])) ?? cardId, answered, correct };
      });
    const membersByDay = new Map<string, Set<number>>();
    for (const { userId, at } of this.store.studyHistory.communityStudies(community.id, since, deck?.id)) {
      const day = localDay(new Date(at), timeZone);
      membersByDay.set(day, (membersByDay.get(day) ?? new Set()).add(userId));
    }
    const activeByDay = Array.from({ length: request.days }, (_, index) => {
      const day = addDays(firstDay, index);
      return { day, members: membersByDay.get(day)?.size ?? 0 };
    });
    return {
      title: `Class report · ${deck?.title ?? (community.name || "all decks")}`,
      subtitle: `last ${plural(request.days, "day")} · ${deck ? "one deck" : "all decks"} · ${timeZone}`,
      hardest,
      activeByDay,
    };
  }

  reportChartPng(data: ReportChartInput): Promise<Buffer> {
    return renderPng(reportChartSvg(data, fontCoverage()));
  }

  /** Cards due per day from today (overdue ones today) and learned/mastered per deck, of cards still in a deck. */
  private memoryFigures(
    community: Community,
    member: Member,
    today: string,
    timeZone: string,
  ): Pick<StatsCardInput, "dueByDay" | "decks"> {
    const catalog = this.decks.forCommunity(community.id);
    const dayEnds = Array.from({ length: DUE_DAYS }, (_, index) =>
      startOfLocalDay(addDays(today, index + 1), timeZone).getTime(),
    );
    const dueByDay = dayEnds.map(() => 0);
    const byDeck = new Map<string, { learned: number; mastered: number; cardIds: Set<string> }>();
    for (const { deckId, cardId, memory } of this.store.drills.memoriesOf(member.id)) {
      const deck = catalog.get(deckId);
      let tally = byDeck.get(deckId);
      if (!tally) {
        tally = { learned: 0, mastered: 0, cardIds: new Set(deck?.cards.map((card) => card.id)) };
        byDeck.set(deckId, tally);
      }
      if (!tally.cardIds.has(cardId)) continue;
      tally.learned++;
      if (memory.stability > MASTERED_STABILITY_DAYS) tally.mastered++;
      const dueDay = dayEnds.findIndex((end) => memory.due.getTime() < end);
      if (dueDay >= 0) dueByDay[dueDay] = (dueByDay[dueDay] ?? 0) + 1;
    }
    const decks: DeckProgress[] = [];
    for (const [deckId, tally] of byDeck) {
      const deck = catalog.get(deckId);
      if (deck && tally.learned > 0) {
        decks.push({ title: deck.title, cards: deck.cards.length, learned: tally.learned, mastered: tally.mastered });
      }
    }
    // Code-point order, not the machine's locale: the same data draws the same picture everywhere.
    decks.sort((a, b) => b.learned - a.learned || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
    return { dueByDay, decks };
  }
}
