import { join } from "node:path";
import { afterEach, beforeEach, expect, vi } from "vitest";
import { enrolActor, handleCommand } from "../../src/services/commandRouter.js";
import type { View } from "../../src/core/views.js";
import { Scheduler } from "../../src/scheduler/scheduler.js";
import type { Logger } from "../../src/services/ports.js";
import { actor, FakeClock, makeServices, type TestBot } from "../kit/fakes.js";
import { useTempDir } from "../kit/tempDir.js";
import { viewText } from "../kit/viewText.js";

/**
 * A FakeClock on vitest's fake Date: the scheduler's timers and its clock
 * then move together, and `vi.advanceTimersByTimeAsync` runs each timer at
 * its own instant.
 */
export class FakeTimersClock extends FakeClock {
  constructor() {
    super(new Date(0));
  }
  override now(): Date {
    return new Date();
  }
  override set(at: Date | string): void {
    vi.setSystemTime(new Date(at));
  }
  override advance(ms: number): void {
    vi.setSystemTime(Date.now() + ms);
  }
}

export const admin = (channelId = "quiz-channel") => actor("admin", { isAdmin: true, channelId });

export interface SchedulerBot extends TestBot {
  scheduler: Scheduler;
}

/**
 * Fake timers (never setImmediate: better-sqlite3 and vitest need the real
 * one), a temporary folder, and bots that are stopped after each test.
 */
export function useSchedulerBots(): {
  open(file?: string, options?: { platform?: string; grace?: number; logger?: Logger }): SchedulerBot;
  file(): string;
} {
  const tempDir = useTempDir("studybot-scheduler-");
  const bots: SchedulerBot[] = [];
  let defaultFile = "";
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    defaultFile = join(tempDir(), "bot.db");
  });
  afterEach(async () => {
    for (const bot of bots.splice(0)) await stopBot(bot);
    vi.restoreAllMocks();
    vi.useRealTimers();
  });
  return {
    file: () => defaultFile,
    open(file = defaultFile, options = {}) {
      const bot = makeServices(file, {
        clock: new FakeTimersClock(),
        timeZone: "Europe/Berlin",
        ...(options.platform ? { platform: options.platform } : {}),
        ...(options.logger ? { logger: options.logger } : {}),
      });
      const scheduled = {
        ...bot,
        scheduler: new Scheduler(bot.services, { catchUpGraceMinutes: options.grace ?? 30 }),
      };
      bots.push(scheduled);
      return scheduled;
    },
  };
}

/** Stops the scheduler and closes the database: what a process exit does (bots.close is idempotent here). */
export async function stopBot(bot: SchedulerBot): Promise<void> {
  await bot.scheduler.stop();
  if (bot.store.db.open) bot.close();
}

export async function run(bot: TestBot, line: string, channelId?: string): Promise<View> {
  return (await handleCommand(bot.services, admin(channelId), line)).view;
}

export async function addSchedule(bot: TestBot, line: string, channelId?: string): Promise<number> {
  const reply = await run(bot, line, channelId);
  expect(reply.tone, viewText(reply)).toBe("success");
  const id = /#(\d+)/.exec(reply.title)?.[1];
  return Number(id);
}

export interface FireRow {
  scheduleId: number;
  fireTime: string;
  outcome: string | null;
  quizId: number | null;
}

export function fires(bot: TestBot): FireRow[] {
  return bot.store.db
    .prepare<[], { schedule_id: number; fire_time: number; outcome: string | null; quiz_id: number | null }>(
      "SELECT * FROM schedule_fires ORDER BY fire_time, schedule_id",
    )
    .all()
    .map((row) => ({
      scheduleId: row.schedule_id,
      fireTime: new Date(row.fire_time).toISOString(),
      outcome: row.outcome,
      quizId: row.quiz_id,
    }));
}

export interface QuizRow {
  id: number;
  channelId: string;
  postedAt: string;
  closesAt: string | null;
  closedAt: string | null;
}

export function quizzes(bot: TestBot): QuizRow[] {
  return bot.store.db
    .prepare<
      [],
      { id: number; channel_id: string; posted_at: number; closes_at: number | null; closed_at: number | null }
    >("SELECT id, channel_id, posted_at, closes_at, closed_at FROM quizzes ORDER BY id")
    .all()
    .map((row) => ({
      id: row.id,
      channelId: row.channel_id,
      postedAt: new Date(row.posted_at).toISOString(),
      closesAt: row.closes_at === null ? null : new Date(row.closes_at).toISOString(),
      closedAt: row.closed_at === null ? null : new Date(row.closed_at).toISOString(),
    }));
}

export const communityOf = (bot: TestBot) => enrolActor(bot.services, admin()).community;

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
