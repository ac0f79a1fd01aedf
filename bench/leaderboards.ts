import { LEADERBOARD_SIZE } from "../src/core/boardViews.js";
import type { LeaderboardSort, Period } from "../src/core/commands.js";
import { randomIndex, seededRng } from "../src/core/random.js";
import { pointsForAnswer } from "../src/core/scoring.js";
import { NO_STREAK, recordStudyDay, type StreakState } from "../src/core/streaks.js";
import { addDays, statPeriodsOf } from "../src/core/studyDay.js";
import { silentLogger } from "../src/services/ports.js";
import { seededRandomness } from "../src/services/randomness.js";
import { Services } from "../src/services/services.js";
import { DeckCatalog } from "../src/decks/loader.js";
import { openDatabase } from "../src/store/database.js";
import { Store } from "../src/store/index.js";
import { streakParams, UPSERT_STREAK } from "../src/store/stats.js";
import type { Community } from "../src/store/communities.js";
import type { Member } from "../src/store/users.js";
import { FakeClock } from "../test/kit/fakes.js";
import { distribution, timeEach } from "./lib/measure.js";
import { type Figure, figure } from "./lib/report.js";

/** The day the seeded history ends: a Wednesday, so this week and this month both hold a few quizzes. */
export const BOARD_TODAY = "2026-11-04";
const COMMUNITY_ID = 1;
/** One quiz a day over this many days. */
const QUIZ_DAYS = 200;
/** Every member answered about this many quizzes. */
const ANSWERS_PER_MEMBER = 10;

export interface BoardSize {
  answers: number;
  file: string;
}

/**
 * Writes a community's history straight into the tables, in one transaction:
 * `size.answers` answers from answers/10 members over 200 daily quizzes, and
 * the period stats and streaks those answers make, computed with the same
 * core rules the services use. The three ranking indexes are dropped while
 * the rows go in and built again at the end, which is much faster than
 * keeping them up to date row by row.
 */
export function seedLeaderboardDb(size: BoardSize): void {
  const db = openDatabase(size.file);
  const rng = seededRng(size.answers);
  const members = Math.max(LEADERBOARD_SIZE * 2, Math.round(size.answers / ANSWERS_PER_MEMBER));
  const perQuiz = Math.round(size.answers / QUIZ_DAYS);
  const firstDay = addDays(BOARD_TODAY, 1 - QUIZ_DAYS);
  const rankingIndexes = db
    .prepare<[], { sql: string }>(
      "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('period_stats', 'user_streaks') AND sql IS NOT NULL",
    )
    .all()
    .map((row) => row.sql);

  db.transaction(() => {
    // Each quiz row is written after its answers, once its counts are known.
    db.pragma("defer_foreign_keys = ON");
    for (const sql of rankingIndexes) db.exec(`DROP INDEX ${/INDEX (\w+)/.exec(sql)?.[1]}`);
    db.prepare(
      "INSERT INTO communities (id, platform, external_id, name, time_zone, created_at) VALUES (?, 'bench', 'bench', 'Bench', 'UTC', 0)",
    ).run(COMMUNITY_ID);
    const insertUser = db.prepare(
      "INSERT INTO users (id, community_id, external_id, display_name) VALUES (?, ?, ?, ?)",
    );
    for (let id = 1; id <= members; id++) insertUser.run(id, COMMUNITY_ID, `member-${id}`, `Member ${id}`);

    const insertQuiz = db.prepare(
      `INSERT INTO quizzes (id, community_id, channel_id, deck_id, card_id, direction, prompt, options, correct_index,
         options_in_body, answer_mode, nonce, posted_at, closes_at, closed_at, answered, correct)
       VALUES (?, ?, 'quiz-channel', 'bench', 'card', 'term', 'Q?', '[]', 0, 0, 'buttons', 'n', ?, ?, ?, ?, ?)`,
    );
    const insertAnswer = db.prepare(
      "INSERT INTO answers (quiz_id, user_id, choice, correct, points, answered_at) VALUES (?, ?, ?, ?, ?, ?)",
    );
    const totals = new Map<string, { points: number; answered: number; correct: number }>();
    const streaks = new Map<number, StreakState>();
    for (let quiz = 1; quiz <= QUIZ_DAYS; quiz++) {
      const day = addDays(firstDay, quiz - 1);
      const postedAt = Date.parse(`${day}T09:00:00Z`);
      // Distinct members, in key order: a random start and a step prime to the member count.
      const start = randomIndex(rng, members);
      const answerers = Array.from({ length: perQuiz }, (_, k) => ((start + k * 7919) % members) + 1).sort(
        (a, b) => a - b,
      );
      let correctSoFar = 0;
      for (const userId of answerers) {
        const correct = rng() < 0.7;
        const points = pointsForAnswer(correct, correctSoFar);
        if (correct) correctSoFar++;
        insertAnswer.run(quiz, userId, correct ? 0 : 1, correct ? 1 : 0, points, postedAt + 60_000);
        for (const period of statPeriodsOf(day)) {
          const key = `${period}|${userId}`;
          const total = totals.get(key) ?? { points: 0, answered: 0, correct: 0 };
          total.points += points;
          total.answered += 1;
          total.correct += correct ? 1 : 0;
          totals.set(key, total);
        }
        streaks.set(userId, recordStudyDay(streaks.get(userId) ?? NO_STREAK, day, []).streak);
      }
      insertQuiz.run(
        quiz,
        COMMUNITY_ID,
        postedAt,
        postedAt + 8 * 3_600_000,
        postedAt + 8 * 3_600_000,
        perQuiz,
        correctSoFar,
      );
    }

    const insertStats = db.prepare(
      "INSERT INTO period_stats (community_id, period, user_id, points, answered, correct, accuracy) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    for (const [key, total] of totals) {
      const [period = "", userId = ""] = key.split("|");
      insertStats.run(
        COMMUNITY_ID,
        period,
        Number(userId),
        total.points,
        total.answered,
        total.correct,
        total.correct / total.answered,
      );
    }
    const insertStreak = db.prepare(UPSERT_STREAK);
    for (const [userId, streak] of streaks) insertStreak.run(streakParams(userId, COMMUNITY_ID, streak));
    for (const sql of rankingIndexes) db.exec(sql);
  })();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
}

/** The runner's seeding step, in a process of its own: it is not the bot, so its memory is not the bot's. */
export function seedLeaderboards(sizes: BoardSize[]): number {
  const started = performance.now();
  for (const size of sizes) seedLeaderboardDb(size);
  return (performance.now() - started) / 1000;
}

const PERIODS: Period[] = ["week", "month", "all"];
const SORTS: LeaderboardSort[] = ["points", "streak", "accuracy"];

interface OpenBoard {
  services: Services;
  store: Store;
  members: number;
  close(): void;
}

function openBoard(file: string): OpenBoard {
  const store = new Store(openDatabase(file));
  const services = new Services({
    store,
    decks: new DeckCatalog([]),
    clock: new FakeClock(new Date(`${BOARD_TODAY}T12:00:00Z`)),
    randomness: seededRandomness(1),
    logger: silentLogger,
    config: { defaultTimeZone: "UTC", quizWindowMinutes: 60 },
  });
  const members = store.db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM users").get()?.n ?? 0;
  return { services, store, members, close: () => store.db.close() };
}

type BoardView = (board: OpenBoard, community: Community, caller: Member) => unknown;

/** p50/p99 of `calls` views for callers picked at random among all members (ranked high, low, or not at all). */
function timeBoard(board: OpenBoard, calls: number, view: BoardView) {
  const rng = seededRng(calls);
  const community = board.store.communities.get(COMMUNITY_ID) as Community;
  const callers = Array.from(
    { length: calls },
    () => board.store.users.get(randomIndex(rng, board.members) + 1) as Member,
  );
  timeEach(Math.min(calls, 100), (index) => view(board, community, callers[index] as Member));
  return distribution(timeEach(calls, (index) => view(board, community, callers[index] as Member)));
}

/**
 * Benchmark 2: every leaderboard (week / month / all time × points / streak /
 * accuracy, with the caller's rank) and `stats`, at 10k and at 1M answers.
 * The floor is the read a leaderboard cannot do without: the top ten of a
 * period straight from the points index, one prepared statement.
 */
export function benchLeaderboards(small: BoardSize, large: BoardSize, calls: number): Figure[] {
  const smallBoard = openBoard(small.file);
  const largeBoard = openBoard(large.file);
  const now = new Date(`${BOARD_TODAY}T12:00:00Z`);
  const topTen = largeBoard.store.db.prepare(
    "SELECT user_id, points FROM period_stats WHERE community_id = ? AND period = 'all' ORDER BY points DESC LIMIT 10",
  );
  const floor = timeBoard(largeBoard, calls, () => topTen.all(COMMUNITY_ID));
  const kinds: { name: string; view: BoardView }[] = [
    ...PERIODS.flatMap((period) =>
      SORTS.map((sort) => ({
        name: `${period} by ${sort}`,
        view: ((board, community, caller) =>
          board.services.boards.leaderboard(community, caller, period, sort, now)) as BoardView,
      })),
    ),
    { name: "stats", view: (board, community, caller) => board.services.boards.stats(community, caller, now) },
  ];
  const figures = kinds.map((kind) => {
    const atSmall = timeBoard(smallBoard, calls, kind.view);
    const atLarge = timeBoard(largeBoard, calls, kind.view);
    return figure(`${kind.name}, p99 at ${large.answers.toLocaleString("en-US")} answers`, "ms", atLarge.p99, {
      floor: { label: "top-10 index read", value: floor.p99 },
      target: (value) => ({ text: "< 5 ms, ≤ 2× at 10k", met: value < 5 && value <= 2 * atSmall.p99 }),
      detail: `p50 ${atLarge.p50.toFixed(3)}; at ${small.answers.toLocaleString("en-US")}: p50 ${atSmall.p50.toFixed(3)}, p99 ${atSmall.p99.toFixed(3)}`,
    });
  });
  smallBoard.close();
  largeBoard.close();
  return figures;
}
