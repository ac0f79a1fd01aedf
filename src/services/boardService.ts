import {
  type BoardEntry,
  LEADERBOARD_SIZE,
  leaderboardView,
  MIN_ANSWERS_FOR_ACCURACY,
  statsView,
} from "../core/boardViews.js";
import type { LeaderboardSort, Period } from "../core/commands.js";
import type { StudyCalendar } from "../core/pictures/calendar.js";
import { accuracy } from "../core/scoring.js";
import { addDays, isoWeekKey, liveStreak, localDay, monthKey } from "../core/studyDay.js";
import type { View } from "../core/views.js";
import type { Community } from "../store/communities.js";
import type { Store } from "../store/index.js";
import type { RankedMember } from "../store/stats.js";
import type { Member } from "../store/users.js";
import type { StudyProgress } from "./studyProgress.js";

const toEntry = (member: RankedMember): BoardEntry => ({
  user: { externalId: member.externalId, name: member.name },
  points: member.points,
  answered: member.answered,
  correct: member.correct,
  currentStreak: member.currentStreak,
  bestStreak: member.bestStreak,
});

export function periodKey(period: Period, day: string): string {
  if (period === "week") return isoWeekKey(day);
  if (period === "month") return monthKey(day);
  return "all";
}

/** Leaderboards and personal stats, read from the incremental stats tables. */
export class BoardService {
  constructor(
    private readonly store: Store,
    private readonly progress: StudyProgress,
  ) {}

  leaderboard(community: Community, caller: Member, period: Period, sort: LeaderboardSort, now: Date): View {
    const { stats } = this.store;
    const today = localDay(now, community.timeZone);
    const key = periodKey(period, today);
    const aliveSince = addDays(today, -1);
    const own = stats.totals(community.id, key, caller.id);
    const streak = stats.streak(caller.id);
    const callerEntry: BoardEntry = {
      user: caller,
      ...own,
      currentStreak: liveStreak(streak, today),
      bestStreak: streak.best,
    };

    let top: RankedMember[];
    let callerPlace: { rank: number; of: number } | undefined;
    if (sort === "points") {
      top = stats.topByPoints(community.id, key, LEADERBOARD_SIZE);
      if (own.answered > 0) callerPlace = stats.rankByPoints(community.id, key, own.points);
    } else if (sort === "accuracy") {
      top = stats.topByAccuracy(community.id, key, LEADERBOARD_SIZE);
      if (own.answered >= MIN_ANSWERS_FOR_ACCURACY) {
        callerPlace = stats.rankByAccuracy(community.id, key, accuracy(own.correct, own.answered) ?? 0);
      }
    } else {
      top = stats.topByStreak(community.id, key, aliveSince, LEADERBOARD_SIZE);
      if (callerEntry.currentStreak > 0)
        callerPlace = stats.rankByStreak(community.id, aliveSince, callerEntry.currentStreak);
    }
    return leaderboardView({
      period,
      sort,
      top: top.map(toEntry),
      caller,
      callerEntry,
      ...(callerPlace ? { callerPlace } : {}),
    });
  }

  stats(community: Community, member: Member, now: Date, calendar?: StudyCalendar): View {
    const { stats } = this.store;
    const today = localDay(now, community.timeZone);
    const all = stats.totals(community.id, "all", member.id);
    const streak = stats.streak(member.id);
    return statsView({
      user: member,
      timeZone: community.timeZone,
      week: stats.totals(community.id, periodKey("week", today), member.id),
      month: stats.totals(community.id, periodKey("month", today), member.id),
      all,
      currentStreak: liveStreak(streak, today),
      bestStreak: streak.best,
      ...(all.answered > 0 ? { allTimePlace: stats.rankByPoints(community.id, "all", all.points) } : {}),
      drills: this.progress.drillStats(community, member, now),
      ...(calendar ? { calendar } : {}),
    });
  }
}
