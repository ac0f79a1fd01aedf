import type { AnswerMode, AnswerWindow, CardChoice } from "../core/commands.js";
import type { Db } from "./database.js";

export interface ScheduleRecord {
  id: number;
  communityId: number;
  channelId: string;
  cron: string;
  timeZone: string;
  deckId: string;
  answerMode: AnswerMode;
  window: AnswerWindow;
  cardChoice: CardChoice;
  paused: boolean;
  createdBy: number | null;
  createdAt: Date;
  /** Creation or last resume: fire times before it were never due. */
  activeSince: Date;
}

export type NewSchedule = Omit<ScheduleRecord, "id" | "paused" | "activeSince">;

export type FireOutcome = "posted" | "skipped" | "failed";

interface ScheduleRow {
  id: number;
  community_id: number;
  channel_id: string;
  cron: string;
  time_zone: string;
  deck_id: string;
  answer_mode: AnswerMode;
  window_minutes: number | null;
  card_choice: CardChoice;
  paused: number;
  created_by: number | null;
  created_at: number;
  active_since: number;
}

const toSchedule = (row: ScheduleRow): ScheduleRecord => ({
  id: row.id,
  communityId: row.community_id,
  channelId: row.channel_id,
  cron: row.cron,
  timeZone: row.time_zone,
  deckId: row.deck_id,
  answerMode: row.answer_mode,
  window: row.window_minutes === null ? { kind: "until-next" } : { kind: "minutes", minutes: row.window_minutes },
  cardChoice: row.card_choice,
  paused: row.paused === 1,
  createdBy: row.created_by,
  createdAt: new Date(row.created_at),
  activeSince: new Date(row.active_since),
});

/** Schedules and the fire times claimed for them. */
export class ScheduleRepository {
  private readonly insertSchedule;
  private readonly byId;
  private readonly byCommunity;
  private readonly latestFire;
  private readonly everySchedule;
  private readonly remove;
  private readonly pause;
  private readonly resume;
  private readonly claim;
  private readonly recordOutcome;

  constructor(db: Db) {
    this.insertSchedule = db.prepare(
      `INSERT INTO schedules (community_id, channel_id, cron, time_zone, deck_id, answer_mode, window_minutes,
         card_choice, created_by, created_at, active_since)
       VALUES (@communityId, @channelId, @cron, @timeZone, @deckId, @answerMode, @windowMinutes,
         @cardChoice, @createdBy, @createdAt, @createdAt)`,
    );
    this.byId = db.prepare<[number], ScheduleRow>("SELECT * FROM schedules WHERE id = ?");
    this.byCommunity = db.prepare<[number], ScheduleRow>("SELECT * FROM schedules WHERE community_id = ? ORDER BY id");
    this.everySchedule = db.prepare<[], ScheduleRow>("SELECT * FROM schedules ORDER BY id");
    this.remove = db.prepare("DELETE FROM schedules WHERE id = ?");
    this.pause = db.prepare("UPDATE schedules SET paused = 1 WHERE id = ?");
    this.resume = db.prepare("UPDATE schedules SET paused = 0, active_since = ? WHERE id = ? AND paused = 1");
    this.claim = db.prepare(
      `INSERT INTO schedule_fires (schedule_id, fire_time, claimed_at, outcome) VALUES (?, ?, ?, ?)
       ON CONFLICT (schedule_id, fire_time) DO NOTHING`,
    );
    this.recordOutcome = db.prepare(
      "UPDATE schedule_fires SET outcome = ?, quiz_id = ?, problem = ? WHERE schedule_id = ? AND fire_time = ?",
    );
    this.latestFire = db.prepare<[number], { fire_time: number; outcome: FireOutcome | null; problem: string | null }>(
      "SELECT fire_time, outcome, problem FROM schedule_fires WHERE schedule_id = ? ORDER BY fire_time DESC LIMIT 1",
    );
  }

  insert(schedule: NewSchedule): ScheduleRecord {
    const { lastInsertRowid } = this.insertSchedule.run({
      communityId: schedule.communityId,
      channelId: schedule.channelId,
      cron: schedule.cron,
      timeZone: schedule.timeZone,
      deckId: schedule.deckId,
      answerMode: schedule.answerMode,
      windowMinutes: schedule.window.kind === "minutes" ? schedule.window.minutes : null,
      cardChoice: schedule.cardChoice,
      createdBy: schedule.createdBy,
      createdAt: schedule.createdAt.getTime(),
    });
    return this.get(Number(lastInsertRowid)) as ScheduleRecord;
  }

  get(id: number): ScheduleRecord | undefined {
    const row = this.byId.get(id);
    return row ? toSchedule(row) : undefined;
  }

  forCommunity(communityId: number): ScheduleRecord[] {
    return this.byCommunity.all(communityId).map(toSchedule);
  }

  all(): ScheduleRecord[] {
    return this.everySchedule.all().map(toSchedule);
  }

  delete(id: number): void {
    this.remove.run(id);
  }

  setPaused(id: number): void {
    this.pause.run(id);
  }

  /** Fire times missed while paused are not owed: the schedule counts as active from `at`. */
  setResumed(id: number, at: Date): void {
    this.resume.run(at.getTime(), id);
  }

  /**
   * Claims a fire time for this process: true for exactly one caller, across
   * connections and processes. A skip is claimed with its outcome at once.
   */
  claimFire(scheduleId: number, fireTime: Date, at: Date, outcome: "skipped" | null = null): boolean {
    return this.claim.run(scheduleId, fireTime.getTime(), at.getTime(), outcome).changes === 1;
  }

  finishFire(
    scheduleId: number,
    fireTime: Date,
    outcome: FireOutcome,
    quizId: number | null = null,
    problem: string | null = null,
  ): void {
    this.recordOutcome.run(outcome, quizId, problem, scheduleId, fireTime.getTime());
  }

  /** The most recent fire time's failure, if it failed: fixed problems stop showing once a post succeeds. */
  lastFailure(scheduleId: number): { fireTime: Date; problem: string } | undefined {
    const row = this.latestFire.get(scheduleId);
    if (row?.outcome !== "failed") return undefined;
    return { fireTime: new Date(row.fire_time), problem: row.problem ?? "see the bot's log" };
  }
}
