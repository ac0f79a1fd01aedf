import type { Services } from "../services/services.js";
import type { ScheduleRecord } from "../store/schedules.js";
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

interface ArmedSchedule {
  /** What the timer was computed from; a change of any of these re-arms it. */
  key: string;
  timetable: CronTimetable;
  nextFire: Date | null;
  timer?: NodeJS.Timeout;
}

const armingKey = (schedule: ScheduleRecord): string =>
  `${schedule.cron}|${schedule.timeZone}|${schedule.activeSince.getTime()}`;

/**
 * Fires every active schedule at its cron times and closes quizzes at their
 * close times, from timers armed on the injected clock. It keeps no state that
 * matters: the database says what to post and close, and each fire time is
 * claimed there before posting, so restarts, late timers and a second process
 * on the same database never post a fire time twice.
 */
export class Scheduler {
  private readonly armed = new Map<number, ArmedSchedule>();
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
    const { quizzes, schedules } = this.services;
    this.stopListening = [
      schedules.onChange(() => this.sync()),
      // A quiz posted by a command brings its own close time: close it on the dot too.
      quizzes.onPosted(() => this.armHousekeeping()),
    ];
    await quizzes.closeDue();
    await quizzes.publishPendingResults();
    this.sync();
    for (const id of [...this.armed.keys()]) await this.fireIfDue(id);
    this.armHousekeeping();
    // The first sweep catches up on reminders missed while no process ran.
    this.track(this.sweepReminders());
  }

  /** Clears every timer and waits for posts and closes already under way. */
  async stop(): Promise<void> {
    this.running = false;
    for (const stop of this.stopListening.splice(0)) stop();
    clearTimeout(this.housekeepingTimer);
    clearTimeout(this.reminderTimer);
    for (const id of [...this.armed.keys()]) this.disarm(id);
    await Promise.allSettled([...this.inFlight]);
    await this.services.reminders.stop();
  }

  /** Brings the timers in line with the schedules in the database. */
  private sync(): void {
    if (!this.running) return;
    const active = new Map(this.services.schedules.active().map((schedule) => [schedule.id, schedule]));
    for (const [id, armed] of this.armed) {
      const schedule = active.get(id);
      if (!schedule || armingKey(schedule) !== armed.key) this.disarm(id);
    }
    for (const schedule of active.values()) {
      if (this.armed.has(schedule.id)) continue;
      try {
        this.arm(schedule);
      } catch (error) {
        // One schedule the runtime cannot read (its zone left the time zone data) must not stop the others.
        this.services.logger.error({ err: error, scheduleId: schedule.id }, "schedule cannot be armed");
      }
    }
  }

  private arm(schedule: ScheduleRecord): void {
    const timetable = holdTimetable(schedule.cron, schedule.timeZone);
    const armed: ArmedSchedule = {
      key: armingKey(schedule),
      timetable,
      nextFire: timetable.nextAfter(this.services.clock.now()),
    };
    this.armed.set(schedule.id, armed);
    this.sleepUntilFire(schedule.id, armed);
  }

  private disarm(id: number): void {
    const armed = this.armed.get(id);
    if (!armed) return;
    clearTimeout(armed.timer);
    releaseTimetable(armed.timetable);
    this.armed.delete(id);
  }

  private sleepUntilFire(id: number, armed: ArmedSchedule): void {
    clearTimeout(armed.timer);
    if (!armed.nextFire) return;
    const delay = Math.min(MAX_SLEEP_MS, Math.max(0, armed.nextFire.getTime() - this.services.clock.now().getTime()));
    armed.timer = setTimeout(() => this.track(this.wake(id, armed)), delay);
  }

  private async wake(id: number, armed: ArmedSchedule): Promise<void> {
    const now = this.services.clock.now();
    if (armed.nextFire && now < armed.nextFire) {
      this.sleepUntilFire(id, armed);
      return;
    }
    try {
      await this.fireIfDue(id);
    } finally {
      // A change while posting re-armed this schedule with a new entry (or removed it): leave that alone.
      if (this.running && this.armed.get(id) === armed) {
        // From the wake time, not from after the post: a fire time that fell due while posting runs at once.
        armed.nextFire = armed.timetable.nextAfter(now);
        this.sleepUntilFire(id, armed);
      }
    }
  }

  /** Posts (or skips) the schedule's latest due fire time; a new quiz brings a new close time. */
  private async fireIfDue(id: number): Promise<void> {
    const outcome = await this.services.schedules.runDue(id, this.options.catchUpGraceMinutes);
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
