import { withTimetable } from "../cron/timetable.js";
import type { Community } from "../store/communities.js";
import type { FireClaims } from "../store/fireClaims.js";
import type { Store } from "../store/index.js";
import {
  type ChannelMessenger,
  type Clock,
  type Logger,
  messengerServing,
  PostRefusedError,
  UserError,
} from "./ports.js";

/** Something posted at the fire times of a cron expression read in an IANA zone: a quiz schedule, a digest. */
export interface CronTimed {
  id: number;
  communityId: number;
  cron: string;
  timeZone: string;
  /** Creation or last resume: fire times before it were never due, so catch-up ignores them. */
  activeSince: Date;
}

/** What became of the fire time that was due. */
export type DueOutcome =
  | "nothing-due"
  | "posted"
  | "failed"
  | "skipped"
  /** Another process (or an earlier run) claimed it first. */
  | "claimed-elsewhere"
  /** This process does not reach the community (another platform, or a shard run elsewhere): left for the one that does. */
  | "not-served-here";

/** A kind of cron-timed job (quiz schedules, digests) whose fire times the scheduler keeps timers for. */
export interface CronJobs {
  /** Keeps the timers of different kinds apart: "schedule", "digest". */
  readonly kind: string;
  /** Every job that may fire (not paused). */
  active(): CronTimed[];
  /** Posts or skips the job's latest due fire time, once across timers and processes. */
  runDue(id: number, graceMinutes: number): Promise<DueOutcome>;
  /** Told after every add, remove, pause and resume. Returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

/** The listeners of CronJobs.onChange. */
export class ChangeListeners {
  private readonly listeners = new Set<() => void>();

  add(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.listeners) listener();
  }
}

export interface CronFireDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  messengers: ReadonlyMap<string, ChannelMessenger>;
}

export interface DueFire<T extends CronTimed> {
  /** Read afresh by the caller: undefined when another process removed (or paused) it. */
  timed: T | undefined;
  claims: FireClaims;
  /** "scheduled quiz": what the log lines are about. */
  what: string;
  /** The log field naming it: "scheduleId". */
  logKey: string;
  graceMinutes: number;
  /** Posts it through the community's messenger; returns the id of what it made where its claims table keeps one. */
  post(timed: T, community: Community, fireTime: Date, messenger: ChannelMessenger): Promise<number | null>;
}

/**
 * Deals with the latest fire time that is due now: posts it when it is at
 * most `graceMinutes` late, else records it as skipped. Either way the fire
 * time is claimed in the database first, so that of all timers and processes
 * on this database only one acts on it.
 */
export async function runDueFire<T extends CronTimed>(deps: CronFireDeps, due: DueFire<T>): Promise<DueOutcome> {
  const { store, logger } = deps;
  const { timed, claims, what } = due;
  const now = deps.clock.now();
  if (!timed) return "nothing-due";
  const fireTime = withTimetable(timed.cron, timed.timeZone, (timetable) =>
    timetable.latestBetween(timed.activeSince, now),
  );
  const community = store.communities.get(timed.communityId);
  if (!fireTime || !community) return "nothing-due";
  const messenger = messengerServing(deps.messengers, community);
  if (!messenger) return "not-served-here";
  const late = now.getTime() - fireTime.getTime();
  const log = { [due.logKey]: timed.id, fireTime: fireTime.toISOString(), lateSeconds: Math.round(late / 1000) };
  if (late > due.graceMinutes * 60_000) {
    if (!claims.claimFire(timed.id, fireTime, now, "skipped")) return "claimed-elsewhere";
    logger.warn(
      { ...log, graceMinutes: due.graceMinutes },
      `${what} missed by more than the grace period (bot down or asleep); skipped`,
    );
    return "skipped";
  }
  if (!claims.claimFire(timed.id, fireTime, now)) return "claimed-elsewhere";
  try {
    const made = await due.post(timed, community, fireTime, messenger);
    claims.finishFire(timed.id, fireTime, "posted", made);
    logger.info({ ...log, resultId: made }, late >= 60_000 ? `${what} posted late` : `${what} posted`);
    return "posted";
  } catch (error) {
    // Shown to admins in the list: a post nobody asked for has nobody else to tell.
    const problem = error instanceof UserError || error instanceof PostRefusedError ? error.message : null;
    claims.finishFire(timed.id, fireTime, "failed", null, problem);
    logger.error({ ...log, err: error }, `${what} could not be posted; this fire time is not retried`);
    return "failed";
  }
}
