import { type HomeContent, type HomeQuiz, homeViews, welcomeHomeViews } from "../core/homeViews.js";
import { pauseAhead } from "../core/streaks.js";
import { localDay } from "../core/studyDay.js";
import type { View } from "../core/views.js";
import type { Community } from "../store/communities.js";
import type { Store } from "../store/index.js";
import type { Member } from "../store/users.js";
import type { AnswerSettlement } from "./answerSettlement.js";
import type { BoardService } from "./boardService.js";
import type { Clock } from "./ports.js";
import type { ReminderService } from "./reminderService.js";
import type { ScheduleService } from "./scheduleService.js";
import type { StudyProgress } from "./studyProgress.js";

export interface HomeServiceDeps {
  store: Store;
  clock: Clock;
  progress: StudyProgress;
  boards: BoardService;
  reminders: ReminderService;
  schedules: ScheduleService;
  /** Quiz answers still unsettled are applied before a Home shows streaks, ranks and due cards. */
  settlement: Pick<AnswerSettlement, "settleAll">;
}

/** Which of the given channels the person is in; asked of the platform only when some channel has a schedule. */
export type ChannelsOf = () => Promise<ReadonlySet<string>>;

/**
 * A person's Home: each number comes from the service that owns it (streaks
 * and ranks from the boards, due cards from the reminders, quizzes from the
 * schedules). Reading it enrols nobody: someone studybot has not met gets the welcome.
 */
export class HomeService {
  constructor(private readonly deps: HomeServiceDeps) {}

  async views(platform: string, communityId: string, userId: string, channelsOf: ChannelsOf): Promise<View[]> {
    const { store, settlement } = this.deps;
    settlement.settleAll();
    const community = store.communities.find(platform, communityId);
    const member = community && store.users.findByExternalId(community.id, userId);
    if (!community || !member) return welcomeHomeViews();
    const quizzes = await this.nextQuizzes(community, channelsOf);
    return homeViews(this.content(community, member, quizzes));
  }

  private content(community: Community, member: Member, quizzes: HomeQuiz[]): HomeContent {
    const { store, clock, progress, boards, reminders } = this.deps;
    const now = clock.now();
    const timeZone = progress.timeZoneOf(community, member);
    const settings = store.memberSettings.get(member.id);
    const pause = pauseAhead(store.memberSettings.pauses(member.id), localDay(now, timeZone));
    return {
      communityName: community.name,
      timeZone,
      streak: boards.streakOf(community, member, now),
      decks: reminders.dueByDeck(community, member, now).map(({ id, due }) => ({ id, ...due })),
      week: boards.weekStanding(community, member, now),
      reminder: {
        ...(settings.remindAt ? { at: settings.remindAt } : {}),
        streak: settings.remindStreak,
        ...(pause ? { pause } : {}),
      },
      quizzes,
    };
  }

  /** The next quiz of each scheduled channel the person is in, soonest first. */
  private async nextQuizzes(community: Community, channelsOf: ChannelsOf): Promise<HomeQuiz[]> {
    const next = new Map<string, HomeQuiz>();
    for (const schedule of this.deps.schedules.list(community)) {
      const at = schedule.nextFires[0];
      const known = next.get(schedule.channelId);
      if (at && (!known || at < known.at))
        next.set(schedule.channelId, { channelId: schedule.channelId, deckTitle: schedule.deckTitle, at });
    }
    if (next.size === 0) return [];
    const joined = await channelsOf();
    return [...next.values()]
      .filter((quiz) => joined.has(quiz.channelId))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
  }
}
