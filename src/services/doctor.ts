import type { MemoryState } from "../core/fsrs.js";
import { type Drift, expectedStats, findDrift, type ReviewFact, replayMemory, sameMemory } from "../core/statsAudit.js";
import type { Db } from "../store/database.js";
import { DrillRepository } from "../store/drills.js";
import { StatsAuditRepository } from "../store/statsAudit.js";
import { UnsettledAnswerRepository } from "../store/unsettledAnswers.js";

/** A drill memory that is not what its review log makes of it. */
export interface MemoryDrift {
  kind: "memory";
  userId: number;
  deckId: string;
  cardId: string;
  stored?: MemoryState;
  expected: MemoryState;
}

export interface DoctorReport {
  /** SQLite's integrity_check: empty when the file is sound. */
  integrity: string[];
  foreignKeys: string[];
  drift: (Drift | MemoryDrift)[];
  /** True when the drift was written back (--fix). */
  fixed: boolean;
  /** Member names for the report, by user id. */
  names: Map<number, string>;
  /** Quiz answers whose totals a running bot has still to write (AnswerSettlement): not drift. */
  unsettled: number;
}

/** The review log cut into each person's reviews of each card, in order. */
function reviewsByCard(reviews: readonly ReviewFact[]): ReviewFact[][] {
  const groups = new Map<string, ReviewFact[]>();
  for (const entry of reviews) {
    const key = JSON.stringify([entry.userId, entry.deckId, entry.cardId]);
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  return [...groups.values()];
}

/**
 * Checks the database file, then recomputes every kept number (leaderboard
 * totals, streaks, quiz counts, card accuracy, drill memory) from the raw
 * answers and reviews and compares. With `fix`, what differs is rewritten.
 * One transaction, so the numbers are read, compared and repaired as of one
 * moment: to repair, an immediate one that a bot on the same file waits for;
 * to look, a read that waits for nobody and works on a read-only connection.
 */
export function runDoctor(db: Db, options: { fix: boolean }): DoctorReport {
  const audit = new StatsAuditRepository(db);
  const drills = new DrillRepository(db);
  const unsettledAnswers = new UnsettledAnswerRepository(db);
  const integrity = audit.integrityProblems();
  const foreignKeys = audit.foreignKeyProblems();
  // A damaged file is not rewritten: its numbers could be read wrong. Restore a backup instead.
  const canFix = options.fix && integrity.length === 0;
  const audited = db.transaction((): DoctorReport => {
    const zones = audit.timeZones();
    const memberZones = audit.memberTimeZones();
    const communityOfUser = audit.communityOfUser();
    const reviews = audit.reviews();
    const pauses = audit.pauses();
    const expected = expectedStats({
      answers: audit.answers(),
      reviews,
      communityOfUser,
      timeZoneOf: (communityId) => zones.get(communityId) ?? "UTC",
      pausesOf: (userId) => pauses.get(userId) ?? [],
      personalTimeZoneOf: (userId, communityId) => memberZones.get(userId) ?? zones.get(communityId) ?? "UTC",
    });
    const drift: (Drift | MemoryDrift)[] = findDrift(audit.stored(), expected);
    for (const group of reviewsByCard(reviews)) {
      const [first] = group;
      const replayed = replayMemory(group);
      if (!first || !replayed) continue;
      const stored = drills.memory(first.userId, first.deckId, first.cardId);
      if (stored && sameMemory(stored, replayed)) continue;
      drift.push({
        kind: "memory",
        userId: first.userId,
        deckId: first.deckId,
        cardId: first.cardId,
        ...(stored ? { stored } : {}),
        expected: replayed,
      });
    }
    if (canFix) {
      for (const entry of drift) {
        if (entry.kind === "period") audit.setPeriod(entry.key, entry.expected);
        else if (entry.kind === "streak") audit.setStreak(entry.userId, entry.expected);
        else if (entry.kind === "quiz") audit.setQuizCounts(entry.quizId, entry.expected);
        else if (entry.kind === "card") audit.setCard(entry.key, entry.expected);
        else drills.saveMemory(entry.userId, entry.deckId, entry.cardId, entry.expected);
      }
    }
    return {
      integrity,
      foreignKeys,
      drift,
      fixed: canFix && drift.length > 0,
      names: audit.memberNames(),
      unsettled: unsettledAnswers.count(),
    };
  });
  return options.fix ? audited.immediate() : audited.deferred();
}

const MAX_LISTED = 50;

const totals = (value: { points?: number; answered: number; correct: number } | undefined) =>
  value
    ? `${value.points !== undefined ? `${value.points} pts, ` : ""}${value.correct}/${value.answered} right`
    : "no row";

function describe(entry: Drift | MemoryDrift, names: ReadonlyMap<number, string>): string {
  const who = (userId: number) => names.get(userId) ?? `user ${userId}`;
  switch (entry.kind) {
    case "period": {
      const [, period, userId] = JSON.parse(entry.key) as [number, string, number];
      return `leaderboard ${period}, ${who(userId)}: kept ${totals(entry.stored)}, answers say ${totals(entry.expected)}`;
    }
    case "streak": {
      const streak = (value: typeof entry.stored) =>
        value
          ? `${value.current} days to ${value.lastDay ?? "never"}, best ${value.best}, ${value.freezes} freezes held, ${value.frozenDays} days frozen, alive until ${value.aliveUntil ?? "never"}`
          : "no row";
      return `streak, ${who(entry.userId)}: kept ${streak(entry.stored)}, answers and reviews say ${streak(entry.expected)}`;
    }
    case "quiz": {
      const first = (id: number | null) => (id === null ? "nobody first" : `${who(id)} first`);
      return `quiz #${entry.quizId}: kept ${totals(entry.stored)}, ${first(entry.stored.firstCorrect)}; answers say ${totals(entry.expected)}, ${first(entry.expected.firstCorrect)}`;
    }
    case "card": {
      const [, deckId, cardId] = JSON.parse(entry.key) as [number, string, string];
      return `card accuracy ${deckId}/${cardId}: kept ${totals(entry.stored)}, answers say ${totals(entry.expected)}`;
    }
    case "memory":
      return `drill memory, ${who(entry.userId)}, ${entry.deckId}/${entry.cardId}: ${entry.stored ? `kept due ${entry.stored.due.toISOString()}` : "no row"}, review log says due ${entry.expected.due.toISOString()} after ${entry.expected.reps} reviews`;
  }
}

/** What to say about a file SQLite finds damaged: the problems, and what to do. */
export function damagedFileLines(problems: readonly string[]): string[] {
  return [
    "Database file is damaged (PRAGMA integrity_check):",
    ...problems.map((line) => `  ${line}`),
    "Stop the bot and restore the latest backup (see README, Operating studybot). Nothing was repaired.",
  ];
}

/** The report as lines for the terminal, and whether the database is healthy now. */
export function doctorLines(report: DoctorReport): { lines: string[]; healthy: boolean } {
  const lines: string[] = [];
  if (report.integrity.length > 0) {
    lines.push(...damagedFileLines(report.integrity));
  } else {
    lines.push("Database file: ok (integrity_check).");
  }
  if (report.foreignKeys.length > 0) {
    lines.push(
      "Rows pointing at missing rows (PRAGMA foreign_key_check):",
      ...report.foreignKeys.map((line) => `  ${line}`),
    );
  } else {
    lines.push("References: ok (foreign_key_check).");
  }
  if (report.drift.length === 0) {
    lines.push("Stats, streaks, quiz counts, card accuracy and drill memory: all match the answers and reviews.");
  } else {
    lines.push(`${report.drift.length} kept numbers differ from what the answers and reviews imply:`);
    lines.push(...report.drift.slice(0, MAX_LISTED).map((entry) => `  ${describe(entry, report.names)}`));
    if (report.drift.length > MAX_LISTED) lines.push(`  … and ${report.drift.length - MAX_LISTED} more`);
    lines.push(
      report.fixed
        ? "Repaired: each is now what the answers and reviews imply."
        : "Run studybot doctor --fix to repair them.",
    );
  }
  if (report.unsettled > 0) {
    lines.push(
      `${report.unsettled} quiz answers wait for their totals, streaks and memory: the bot writes them when the clicks pause, or at its next start.`,
    );
  }
  const healthy =
    report.integrity.length === 0 && report.foreignKeys.length === 0 && (report.drift.length === 0 || report.fixed);
  return { lines, healthy };
}
