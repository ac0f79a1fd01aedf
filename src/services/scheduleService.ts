import type { AnswerMode, AnswerWindow, CardChoice, PingGroup, PingTarget } from "../core/commands.js";
import { MAX_SCHEDULES_PER_CHANNEL, MAX_SCHEDULES_PER_COMMUNITY } from "../core/limits.js";
import type { ScheduleSummary } from "../core/scheduleViews.js";
import { withTimetable } from "../cron/timetable.js";
import { scheduleProblem } from "../cron/validation.js";
import type { Community } from "../store/communities.js";
import type { Store } from "../store/index.js";
import type { ScheduleRecord } from "../store/schedules.js";
import type { Member } from "../store/users.js";
import type { DeckLibrary } from "./deckLibrary.js";
import { ChangeListeners, type CronJobs, type DueOutcome, runDueFire } from "./cronFires.js";
import { type ChannelMessenger, type Clock, type Logger, messengerServing, UserError } from "./ports.js";
import type { QuizService } from "./quizService.js";

const UNKNOWN_SCHEDULE_HINT = "schedule list shows this community's schedules and their ids.";
const LISTED_FIRE_TIMES = 3;

export interface ScheduleServiceDeps {
  store: Store;
  decks: DeckLibrary;
  clock: Clock;
  logger: Logger;
  quizzes: QuizService;
  messengers: ReadonlyMap<string, ChannelMessenger>;
}

export interface AddScheduleRequest {
  community: Community;
  channelId: string;
  createdBy: Member;
  cron: string;
  /** Defaults to the community's time zone. */
  timeZone?: string;
  /** Defaults to the community's default deck. */
  deckId?: string;
  mode?: AnswerMode;
  /** Defaults to "until the next post". */
  window?: AnswerWindow;
  choice?: CardChoice;
  /** Start a discussion thread on each quiz. */
  thread?: boolean;
  /** The role or user group each post mentions; checked on the platform now. */
  ping?: PingTarget;
}

function refuse(where: string, cap: number, taken: readonly ScheduleRecord[]): never {
  const example = taken[0]?.id;
  throw new UserError(
    `${where} already has ${taken.length} schedules, the most it may have (${cap}).`,
    `Remove one to make room: schedule list shows their ids, and schedule remove ${example} removes #${example}.`,
  );
}

/** Schedules: checked and saved from commands, and posted when due. */
export class ScheduleService implements CronJobs {
  readonly kind = "schedule";
  private readonly changeListeners = new ChangeListeners();

  constructor(private readonly deps: ScheduleServiceDeps) {}

  /** Told after every add, remove, pause and resume (the scheduler re-arms its timers). Returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    return this.changeListeners.add(listener);
  }

  async add(request: AddScheduleRequest): Promise<ScheduleSummary> {
    const { store, clock } = this.deps;
    const timeZone = request.timeZone ?? request.community.timeZone;
    const problem = scheduleProblem(request.cron, timeZone, clock.now());
    if (problem) throw new UserError(problem.message, problem.hint);
    this.checkRoomFor(request.community, request.channelId);
    const deck = this.deps.decks.resolve(request.community, request.deckId);
    const ping = request.ping ? await this.findPing(request.community, request.ping) : null;
    // Read after the platform answered, which takes a while.
    const now = clock.now();
    const nextFires = withTimetable(request.cron, timeZone, (timetable) => timetable.nextTimes(now, LISTED_FIRE_TIMES));
    const schedule = store.schedules.insert({
      communityId: request.community.id,
      channelId: request.channelId,
      cron: request.cron,
      timeZone,
      deckId: deck.id,
      answerMode: request.mode ?? "buttons",
      window: request.window ?? { kind: "until-next" },
      cardChoice: request.choice ?? "rotation",
      thread: request.thread ?? false,
      ping,
      createdBy: request.createdBy.id,
      createdAt: now,
    });
    this.changed();
    return this.summary(schedule, nextFires);
  }

  /** The community's schedules, each with its next fire times. */
  list(community: Community): ScheduleSummary[] {
    const now = this.deps.clock.now();
    return this.deps.store.schedules.forCommunity(community.id).map((schedule) => {
      const nextFires = schedule.paused
        ? []
        : withTimetable(schedule.cron, schedule.timeZone, (timetable) => timetable.nextTimes(now, LISTED_FIRE_TIMES));
      return this.summary(schedule, nextFires);
    });
  }

  remove(community: Community, id: number): void {
    this.checkOwn(community, id);
    this.deps.store.schedules.delete(id);
    this.changed();
  }

  pause(community: Community, id: number): void {
    this.checkOwn(community, id);
    this.deps.store.schedules.setPaused(id);
    this.changed();
  }

  resume(community: Community, id: number): void {
    this.checkOwn(community, id);
    this.deps.store.schedules.setResumed(id, this.deps.clock.now());
    this.changed();
  }

  /**
   * Every active (not paused) schedule this process serves, for the scheduler:
   * of several processes on one database, each arms only its own communities'.
   */
  active(): ScheduleRecord[] {
    const { store, messengers } = this.deps;
    return store.schedules.all().filter((schedule) => {
      const community = schedule.paused ? undefined : store.communities.get(schedule.communityId);
      return community !== undefined && messengerServing(messengers, community) !== undefined;
    });
  }

  /**
   * Posts the schedule's latest due fire time, or records it as skipped (see
   * runDueFire). The schedule is read afresh: another process may have
   * paused or removed it.
   */
  runDue(scheduleId: number, graceMinutes: number): Promise<DueOutcome> {
    const schedule = this.deps.store.schedules.get(scheduleId);
    return runDueFire(this.deps, {
      timed: schedule?.paused ? undefined : schedule,
      claims: this.deps.store.schedules.fires,
      what: "scheduled quiz",
      logKey: "scheduleId",
      graceMinutes,
      post: async (due, community, fireTime) => {
        const quiz = await this.deps.quizzes.post({
          community,
          channelId: due.channelId,
          deckId: due.deckId,
          mode: due.answerMode,
          windowMinutes: this.windowMinutes(due, fireTime),
          choice: due.cardChoice,
          thread: due.thread,
          ...(due.ping ? { ping: due.ping } : {}),
        });
        return quiz.id;
      },
    });
  }

  /** Whether the community's platform starts threads on quizzes (the terminal does not). */
  startsThreads(community: Community): boolean {
    return messengerServing(this.deps.messengers, community)?.startThread !== undefined;
  }

  /** The platform checks the role or group: it exists, and the bot may mention it. */
  private async findPing(community: Community, target: PingTarget): Promise<PingGroup> {
    const messenger = messengerServing(this.deps.messengers, community);
    if (!messenger?.resolvePing) {
      throw new UserError(
        `Pings name a Discord role or a Slack user group: the ${community.platform} bot has none to ping.`,
        'Add the schedule without ping, such as schedule add "0 9 * * 1-5" thread.',
      );
    }
    return messenger.resolvePing(community.externalId, target);
  }

  /** "Until the next post" closes at the schedule's next fire time, so it closes even if that post never comes. */
  private windowMinutes(schedule: ScheduleRecord, fireTime: Date): number | null {
    if (schedule.window.kind === "minutes") return schedule.window.minutes;
    const next = withTimetable(schedule.cron, schedule.timeZone, (timetable) => timetable.nextAfter(fireTime));
    return next ? (next.getTime() - this.deps.clock.now().getTime()) / 60_000 : null;
  }

  /** Refuses a schedule past the caps of src/core/limits.ts, naming the cap and a schedule whose removal makes room. */
  private checkRoomFor(community: Community, channelId: string): void {
    const schedules = this.deps.store.schedules.forCommunity(community.id);
    const inChannel = schedules.filter((schedule) => schedule.channelId === channelId);
    if (inChannel.length >= MAX_SCHEDULES_PER_CHANNEL) refuse("This channel", MAX_SCHEDULES_PER_CHANNEL, inChannel);
    if (schedules.length >= MAX_SCHEDULES_PER_COMMUNITY)
      refuse("This community", MAX_SCHEDULES_PER_COMMUNITY, schedules);
  }

  /** Admins manage only their own community's schedules; another's is "not here", not "forbidden". */
  private checkOwn(community: Community, id: number): void {
    if (this.deps.store.schedules.get(id)?.communityId !== community.id) {
      throw new UserError(`There is no schedule #${id} here.`, UNKNOWN_SCHEDULE_HINT);
    }
  }

  private summary(schedule: ScheduleRecord, nextFires: Date[]): ScheduleSummary {
    return {
      ...schedule,
      deckTitle: this.deps.decks.forCommunity(schedule.communityId).get(schedule.deckId)?.title ?? schedule.deckId,
      nextFires,
      lastFailure: this.deps.store.schedules.fires.lastFailure(schedule.id),
    };
  }

  private changed(): void {
    this.changeListeners.notify();
  }
}
