import type { CronJobs, CronTimed } from "../services/cronFires.js";
import type { Services } from "../services/services.js";
import { type CronTimetable, holdTimetable, releaseTimetable } from "../cron/timetable.js";

export interface SchedulerOptions {
  /** How late a fire time missed while the bot was down (or asleep) may still be posted. */
  catchUpGraceMinutes: number;
}

/**
 * Timers are re-checked at least this often: setTimeout counts monotonic time,
 * so after a suspend or a clock change a long sleep would wake at the wrong
 * wall-clock moment. Waking early costs one comparison.
 */
const MAX_SLEEP_MS = 5 * 60_000;
/**
 * The housekeeping timer wakes for the next close time, and at least this
 * often: to close quizzes posted by `quiz now` or another process, and to pick
 * up schedules changed by another process on the same database.
 */
const HOUSEKEEPING_MS = 60_000;
/** Reminders are set to the minute: the reminder timer wakes at the start of each one. */
const MINUTE_MS = 60_000;

interface ArmedJob {
  jobs: CronJobs;
  id: number;
  /** What the timer was computed from (armingKey); a change of any of it re-arms it. */
  arming: string;
  timetable: CronTimetable;
  nextFire: Date | null;
  timer?: NodeJS.Timeout;
}

const armingKey = (timed: CronTimed): string => `${timed.cron}|${timed.timeZone}|${timed.activeSince.getTime()}`;

/** Quiz schedules and digests share the timers: "schedule#3", "digest#3". */
const timerKey = (jobs: CronJobs, id: number): string => `${jobs.kind}#${id}`;

/**
 * Fires every active schedule and digest at its cron times and closes quizzes
 * at their close times, from timers armed on the injected clock. It keeps no
 * state that matters: the database says what to post and close, and each fire
 * time is claimed there before posting, so restarts, late timers and a second process
 * on the same database never post a fire time twice.
 */
export class Scheduler {
  private readonly armed = new Map<string, ArmedJob>();
  private readonly inFlight = new Set<Promise<void>>();
  private housekeepingTimer: NodeJS.Timeout | undefined;
  private reminderTimer: NodeJS.Timeout | undefined;
  private stopListening: (() => void)[] = [];
  private running = false;

  constructor(
    private readonly services: Services,
    private readonly options: SchedulerOptions,
  ) {}

  /**
   * Closes what is overdue, arms a timer per active schedule and catches up
   * on fire times missed while the bot was down. Register the platforms'
   * messengers first: a schedule fires only where its platform is connected.
   */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const { quizzes } = this.services;
    this.stopListening = [
      ...this.cronJobs().map((jobs) => jobs.onChange(() => this.sync())),
      // A quiz posted by a command brings its own close time: close it on the dot too.
      quizzes.onPosted(() => this.armHousekeeping()),
    ];
    await quizzes.closeDue();
    await quizzes.publishPendingResults();
    this.sync();
    for (const armed of [...this.armed.values()]) await this.fireIfDue(armed);
    this.armHousekeeping();
    // The first sweep catches up on reminders missed while no process ran.
    this.track(this.sweepReminders());
  }

  private cronJobs(): CronJobs[] {
    return [this.services.schedules, this.services.digests];
  }

  /** Clears every timer and waits for posts and closes already under way. */
  async stop(): Promise<void> {
    this.running = false;
    for (const stop of this.stopListening.splice(0)) stop();
    clearTimeout(this.housekeepingTimer);
    clearTimeout(this.reminderTimer);
    for (const key of [...this.armed.keys()]) this.disarm(key);
    await Promise.allSettled([...this.inFlight]);
    await this.services.reminders.stop();
  }

  /** Brings the timers in line with the schedules and digests in the database. */
  private sync(): void {
    if (!this.running) return;
    const active = new Map(
      this.cronJobs().flatMap((jobs) => jobs.active().map((timed) => [timerKey(jobs, timed.id), { jobs, timed }])),
    );
    for (const [key, armed] of this.armed) {
      const found = active.get(key);
      if (!found || armingKey(found.timed) !== armed.arming) this.disarm(key);
    }
    for (const [key, { jobs, timed }] of active) {
      if (this.armed.has(key)) continue;
      try {
        this.arm(key, jobs, timed);
      } catch (error) {
        // One schedule the runtime cannot read (its zone left the time zone data) must not stop the others.
        this.services.logger.error({ err: error, [`${jobs.kind}Id`]: timed.id }, `${jobs.kind} cannot be armed`);
      }
    }
  }

  private arm(key: string, jobs: CronJobs, timed: CronTimed): void {
    const timetable = holdTimetable(timed.cron, timed.timeZone);
    const armed: ArmedJob = {
      jobs,
      id: timed.id,
      arming: armingKey(timed),
      timetable,
      nextFire: timetable.nextAfter(this.services.clock.now()),
    };
    this.armed.set(key, armed);
    this.sleepUntilFire(armed);
  }

  private disarm(key: string): void {
    const armed = this.armed.get(key);
    if (!armed) return;
    clearTimeout(armed.timer);
    releaseTimetable(armed.timetable);
    this.armed.delete(key);
  }

  private sleepUntilFire(armed: ArmedJob): void {
    clearTimeout(armed.timer);
    if (!armed.nextFire) return;
    const delay = Math.min(MAX_SLEEP_MS, Math.max(0, armed.nextFire.getTime() - this.services.clock.now().getTime()));
    armed.timer = setTimeout(() => this.track(this.wake(armed)), delay);
  }

  private async wake(armed: ArmedJob): Promise<void> {
    const now = this.services.clock.now();
    if (armed.nextFire && now < armed.nextFire) {
      this.sleepUntilFire(armed);
      return;
    }
    try {
      await this.fireIfDue(armed);
    } finally {
      // A change while posting re-armed this job with a new entry (or removed it): leave that alone.
      if (this.running && this.armed.get(timerKey(armed.jobs, armed.id)) === armed) {
        // From the wake time, not from after the post: a fire time that fell due while posting runs at once.
        armed.nextFire = armed.timetable.nextAfter(now);
        this.sleepUntilFire(armed);
      }
    }
  }

  /** Posts (or skips) the job's latest due fire time; a new quiz brings a new close time. */
  private async fireIfDue(armed: ArmedJob): Promise<void> {
    const outcome = await armed.jobs.runDue(armed.id, this.options.catchUpGraceMinutes);
    if (outcome === "posted") this.armHousekeeping();
  }

  private armHousekeeping(): void {
    clearTimeout(this.housekeepingTimer);
    if (!this.running) return;
    const untilClose =
      (this.services.store.quizzes.nextCloseTime()?.getTime() ?? Number.POSITIVE_INFINITY) -
      this.services.clock.now().getTime();
    // A close time already past means closing it just failed: retry on the next tick, not in a tight loop.
    const delay = untilClose > 0 ? Math.min(HOUSEKEEPING_MS, untilClose) : HOUSEKEEPING_MS;
    this.housekeepingTimer = setTimeout(() => this.track(this.housekeep()), delay);
  }

  private async housekeep(): Promise<void> {
    try {
      await this.services.quizzes.closeDue();
      // Results whose message edit failed (the platform was down) get another try.
      await this.services.quizzes.publishPendingResults();
      this.sync();
    } finally {
      this.armHousekeeping();
    }
  }

  /** Decides and queues the reminders due since the last sweep, then sleeps until the next minute starts. */
  private async sweepReminders(): Promise<void> {
    if (!this.running) return;
    try {
      await this.services.reminders.sweep(this.options.catchUpGraceMinutes);
    } catch (error) {
      this.services.logger.error({ err: error }, "reminder sweep failed");
    }
    if (!this.running) return;
    const delay = MINUTE_MS - (this.services.clock.now().getTime() % MINUTE_MS);
    this.reminderTimer = setTimeout(() => this.track(this.sweepReminders()), delay);
  }

  /** Timer callbacks run detached: keep them for stop(), and log what they throw instead of crashing. */
  private track(work: Promise<void>): void {
    const tracked = work
      .catch((error: unknown) => this.services.logger.error({ err: error }, "scheduler step failed"))
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }
}
