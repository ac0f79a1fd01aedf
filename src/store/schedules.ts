import type { AnswerMode, AnswerWindow, CardChoice, PingGroup } from "../core/commands.js";
import type { Db } from "./database.js";
import { FireClaims } from "./fireClaims.js";

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
  /** Each quiz gets a discussion thread. */
  thread: boolean;
  /** The one role or user group its posts mention. */
  ping: PingGroup | null;
  paused: boolean;
  createdBy: number | null;
  createdAt: Date;
  /** Creation or last resume: fire times before it were never due. */
  activeSince: Date;
}

export type NewSchedule = Omit<ScheduleRecord, "id" | "paused" | "activeSince" | "thread" | "ping"> &
  Partial<Pick<ScheduleRecord, "thread" | "ping">>;

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
  thread: number;
  ping_id: string | null;
  ping_label: string | null;
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
  thread: row.thread === 1,
  ping: row.ping_id === null ? null : { id: row.ping_id, label: row.ping_label ?? row.ping_id },
  paused: row.paused === 1,
  createdBy: row.created_by,
  createdAt: new Date(row.created_at),
  activeSince: new Date(row.active_since),
});

/** Schedules and the fire times claimed for them. */
export class ScheduleRepository {
  /** Each fire time's claim, and the quiz it posted. */
  readonly fires: FireClaims;
  private readonly insertSchedule;
  private readonly byId;
  private readonly byCommunity;
  private readonly everySchedule;
  private readonly remove;
  private readonly pause;
  private readonly resume;

  constructor(db: Db) {
    this.fires = new FireClaims(db, "schedule_fires");
    this.insertSchedule = db.prepare(
      `INSERT INTO schedules (community_id, channel_id, cron, time_zone, deck_id, answer_mode, window_minutes,
         card_choice, thread, ping_id, ping_label, created_by, created_at, active_since)
       VALUES (@communityId, @channelId, @cron, @timeZone, @deckId, @answerMode, @windowMinutes,
         @cardChoice, @thread, @pingId, @pingLabel, @createdBy, @createdAt, @createdAt)`,
    );
    this.byId = db.prepare<[number], ScheduleRow>("SELECT * FROM schedules WHERE id = ?");
    this.byCommunity = db.prepare<[number], ScheduleRow>("SELECT * FROM schedules WHERE community_id = ? ORDER BY id");
    this.everySchedule = db.prepare<[], ScheduleRow>("SELECT * FROM schedules ORDER BY id");
    this.remove = db.prepare("DELETE FROM schedules WHERE id = ?");
    this.pause = db.prepare("UPDATE schedules SET paused = 1 WHERE id = ?");
    this.resume = db.prepare("UPDATE schedules SET paused = 0, active_since = ? WHERE id = ? AND paused = 1");
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
      thread: schedule.thread ? 1 : 0,
      pingId: schedule.ping?.id ?? null,
      pingLabel: schedule.ping?.label ?? null,
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
}
