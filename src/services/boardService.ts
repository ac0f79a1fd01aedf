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
import { aliveSince, liveStreak, streakToday } from "../core/streaks.js";
import { isoWeekKey, localDay, monthKey } from "../core/studyDay.js";
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
    const alive = aliveSince(today);
    const own = stats.totals(community.id, key, caller.id);
    const streak = stats.streak(caller.id);
    const callerEntry: BoardEntry = {
      user: caller,
      ...own,
      currentStreak: liveStreak(streak, this.personalToday(community, caller, now)),
      bestStreak: streak.best,
    };

    let top: RankedMember[];
    let callerPlace: { rank: number; of: number } | undefined;
    if (sort === "points") {
      top = stats.topByPoints(community.id, key, LEADERBOARD_SIZE);
      callerPlace = this.placeByPoints(community, key, own, caller);
    } else if (sort === "accuracy") {
      top = stats.topByAccuracy(community.id, key, LEADERBOARD_SIZE);
      if (own.answered >= MIN_ANSWERS_FOR_ACCURACY) {
        callerPlace = stats.rankByAccuracy(community.id, key, accuracy(own.correct, own.answered) ?? 0, caller.id);
      }
    } else {
      top = stats.topByStreak(community.id, key, alive, LEADERBOARD_SIZE);
      if (callerEntry.currentStreak > 0)
        callerPlace = stats.rankByStreak(community.id, alive, callerEntry.currentStreak, caller.id);
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

  /** The member's points this week (the community's week), and their place once they answered. */
  weekStanding(
    community: Community,
    member: Member,
    now: Date,
  ): { points: number; place?: { rank: number; of: number } } {
    const key = periodKey("week", localDay(now, community.timeZone));
    const own = this.store.stats.totals(community.id, key, member.id);
    const place = this.placeByPoints(community, key, own, member);
    return { points: own.points, ...(place ? { place } : {}) };
  }

  /** Ranked by points only once they answered: nobody is "last" for not playing. */
  private placeByPoints(
    community: Community,
    key: string,
    own: { points: number; answered: number },
    member: Member,
  ): { rank: number; of: number } | undefined {
    return own.answered > 0 ? this.store.stats.rankByPoints(community.id, key, own.points, member.id) : undefined;
  }

  /** The day streak as it stands today in the member's zone, with freezes held and frozen days. */
  streakOf(community: Community, member: Member, now: Date) {
    return streakToday(
      this.store.stats.streak(member.id),
      this.personalToday(community, member, now),
      this.store.memberSettings.pauses(member.id),
    );
  }

  /** Streaks count in the person's days; leaderboard periods in the community's. */
  private personalToday(community: Community, member: Member, now: Date): string {
    return localDay(now, this.progress.timeZoneOf(community, member));
  }

  stats(community: Community, member: Member, now: Date, calendar?: StudyCalendar): View {
    const { stats } = this.store;
    const today = localDay(now, community.timeZone);
    const all = stats.totals(community.id, "all", member.id);
    const timeZone = this.progress.timeZoneOf(community, member);
    const streak = this.streakOf(community, member, now);
    const allTimePlace = this.placeByPoints(community, "all", all, member);
    return statsView({
      user: member,
      timeZone,
      week: stats.totals(community.id, periodKey("week", today), member.id),
      month: stats.totals(community.id, periodKey("month", today), member.id),
      all,
      currentStreak: streak.current,
      bestStreak: streak.best,
      freezes: streak.freezes,
      frozenDays: streak.frozenDays,
      ...(allTimePlace ? { allTimePlace } : {}),
      drills: this.progress.drillStats(community, member, now),
      ...(calendar ? { calendar } : {}),
    });
  }
}
