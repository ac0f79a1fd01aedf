import type { Db } from "./database.js";

export type FireOutcome = "posted" | "skipped" | "failed";

/** The tables that claim cron fire times, each keyed by (its owner's id, fire_time). */
const FIRE_TABLES = {
  schedule_fires: { owner: "schedule_id", result: "quiz_id" },
  digest_fires: { owner: "digest_id", result: undefined },
} as const;

/**
 * The fire times some process has dealt with, for one kind of cron-timed job
 * (quiz schedules, digests). The key is the claim: the INSERT succeeds for
 * exactly one caller across connections and processes, which then posts (or
 * records the skip); everyone else leaves that fire time alone.
 */
export class FireClaims {
  private readonly claim;
  private readonly recordOutcome;
  private readonly latestFire;

  constructor(db: Db, table: keyof typeof FIRE_TABLES) {
    const { owner, result } = FIRE_TABLES[table];
    this.claim = db.prepare(
      `INSERT INTO ${table} (${owner}, fire_time, claimed_at, outcome) VALUES (?, ?, ?, ?)
       ON CONFLICT (${owner}, fire_time) DO NOTHING`,
    );
    this.recordOutcome = db.prepare(
      `UPDATE ${table} SET outcome = @outcome, problem = @problem${result ? `, ${result} = @result` : ""}
       WHERE ${owner} = @ownerId AND fire_time = @fireTime`,
    );
    this.latestFire = db.prepare<[number], { fire_time: number; outcome: FireOutcome | null; problem: string | null }>(
      `SELECT fire_time, outcome, problem FROM ${table} WHERE ${owner} = ? ORDER BY fire_time DESC LIMIT 1`,
    );
  }

  /** True for exactly one caller. A skip is claimed with its outcome at once. */
  claimFire(ownerId: number, fireTime: Date, at: Date, outcome: "skipped" | null = null): boolean {
    return this.claim.run(ownerId, fireTime.getTime(), at.getTime(), outcome).changes === 1;
  }

  /** What became of a claimed fire time, with what it made (a quiz's id) where the table keeps that. */
  finishFire(
    ownerId: number,
    fireTime: Date,
    outcome: FireOutcome,
    result: number | null = null,
    problem: string | null = null,
  ): void {
    this.recordOutcome.run({ outcome, problem, result, ownerId, fireTime: fireTime.getTime() });
  }

  /** The most recent fire time's failure, if it failed: fixed problems stop showing once a post succeeds. */
  lastFailure(ownerId: number): { fireTime: Date; problem: string } | undefined {
    const row = this.latestFire.get(ownerId);
    if (row?.outcome !== "failed") return undefined;
    return { fireTime: new Date(row.fire_time), problem: row.problem ?? "see the bot's log" };
  }
}
