import { DIGEST_HARDEST_CARDS, DIGEST_TOP, type DigestSummary, digestView, MIN_PERSONAL_BEST } from "../core/digest.js";
import { MAX_DIGESTS_PER_COMMUNITY } from "../core/limits.js";
import { localDay } from "../core/studyDay.js";
import type { View } from "../core/views.js";
import { withTimetable } from "../cron/timetable.js";
import { digestProblem } from "../cron/validation.js";
import type { Community } from "../store/communities.js";
import type { DigestRecord } from "../store/digests.js";
import type { Member } from "../store/users.js";
import { ChangeListeners, type CronFireDeps, type CronJobs, type DueOutcome, runDueFire } from "./cronFires.js";
import { UserError } from "./ports.js";
import type { AnswerSettlement } from "./answerSettlement.js";
import type { ReportService } from "./reportService.js";

const LISTED_FIRE_TIMES = 3;
const WEEK_MS = 7 * 24 * 3_600_000;

export interface DigestServiceDeps extends CronFireDeps {
  reports: ReportService;
  /** Quiz answers still unsettled are applied before a digest reads the period's totals. */
  settlement: Pick<AnswerSettlement, "settleAll">;
}

export interface AddDigestRequest {
  community: Community;
  channelId: string;
  createdBy: Member;
  cron: string;
  /** Defaults to the community's time zone. */
  timeZone?: string;
}

/**
 * Digests: the class's period posted in a channel at each fire time of a
 * cron, claimed and caught up exactly as quiz schedules are (runDueFire).
 */
export class DigestService implements CronJobs {
  readonly kind = "digest";
  private readonly changeListeners = new ChangeListeners();

  constructor(private readonly deps: DigestServiceDeps) {}

  onChange(listener: () => void): () => void {
    return this.changeListeners.add(listener);
  }

  add(request: AddDigestRequest): DigestSummary {
    const { store } = this.deps;
    const now = this.deps.clock.now();
    const timeZone = request.timeZone ?? request.community.timeZone;
    const problem = digestProblem(request.cron, timeZone, now);
    if (problem) throw new UserError(problem.message, problem.hint);
    const existing = store.digests.forCommunity(request.community.id);
    if (existing.length >= MAX_DIGESTS_PER_COMMUNITY) {
      const example = existing[0]?.id;
      throw new UserError(
        `This community already has ${existing.length} digests, the most it may have (${MAX_DIGESTS_PER_COMMUNITY}).`,
        `Remove one to make room: digest list shows their ids, and digest remove ${example} removes #${example}.`,
      );
    }
    const digest = store.digests.insert({
      communityId: request.community.id,
      channelId: request.channelId,
      cron: request.cron,
      timeZone,
      createdBy: request.createdBy.id,
      createdAt: now,
    });
    this.changeListeners.notify();
    return this.summary(digest);
  }

  list(community: Community): DigestSummary[] {
    return this.deps.store.digests.forCommunity(community.id).map((digest) => this.summary(digest));
  }

  remove(community: Community, id: number): void {
    if (this.deps.store.digests.get(id)?.communityId !== community.id) {
      throw new UserError(
        `There is no digest #${id} here.`,
        "digest list shows this community's digests and their ids.",
      );
    }
    this.deps.store.digests.delete(id);
    this.changeListeners.notify();
  }

  active(): DigestRecord[] {
    return this.deps.store.digests.all();
  }

  /** Posts the digest's latest due fire time, or records it as skipped, once across timers and processes. */
  runDue(digestId: number, graceMinutes: number): Promise<DueOutcome> {
    return runDueFire(this.deps, {
      timed: this.deps.store.digests.get(digestId),
      claims: this.deps.store.digests.fires,
      what: "digest",
      logKey: "digestId",
      graceMinutes,
      post: async (digest, community, fireTime, messenger) => {
        await messenger.post(digest.channelId, this.compose(digest, community, fireTime));
        return null;
      },
    });
  }

  /** What happened since the digest's previous fire time (a week before this one if it has none). */
  compose(digest: DigestRecord, community: Community, fireTime: Date): View {
    const { store, settlement } = this.deps;
    settlement.settleAll();
    const since =
      withTimetable(digest.cron, digest.timeZone, (timetable) =>
        timetable.latestBetween(new Date(0), new Date(fireTime.getTime() - 1)),
      ) ?? new Date(fireTime.getTime() - WEEK_MS);
    const now = this.deps.clock.now();
    const sinceDay = localDay(since, community.timeZone);
    // Hidden members take no place on a public board: fetch as many more places as there are of them.
    const hidden = store.reports.hiddenMembers(community.id);
    const figures = this.deps.reports.figures(
      community,
      { communityId: community.id, since },
      localDay(now, community.timeZone),
      { members: DIGEST_TOP + hidden, cards: DIGEST_HARDEST_CARDS },
    );
    return digestView({
      since,
      sinceDay,
      timeZone: digest.timeZone,
      totals: figures.totals,
      top: figures.members.filter((member) => !member.hidden).slice(0, DIGEST_TOP),
      hardest: figures.cards,
      streaks: store.reports.streaksSince(community.id, sinceDay, MIN_PERSONAL_BEST),
      mastered: store.reports.masteredSince(community.id, since, sinceDay),
    });
  }

  private summary(digest: DigestRecord): DigestSummary {
    const now = this.deps.clock.now();
    return {
      id: digest.id,
      channelId: digest.channelId,
      cron: digest.cron,
      timeZone: digest.timeZone,
      nextFires: withTimetable(digest.cron, digest.timeZone, (timetable) =>
        timetable.nextTimes(now, LISTED_FIRE_TIMES),
      ),
      lastFailure: this.deps.store.digests.fires.lastFailure(digest.id),
    };
  }
}
