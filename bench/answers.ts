import { join } from "node:path";
import { newMemory, review } from "../src/core/fsrs.js";
import { NO_STREAK, recordStudyDay } from "../src/core/streaks.js";
import { localDay, statPeriodsOf } from "../src/core/studyDay.js";
import type { Community } from "../src/store/communities.js";
import type { Store } from "../src/store/index.js";
import type { QuizRecord } from "../src/store/quizzes.js";
import { enrolActor } from "../src/services/commandRouter.js";
import { startCheckpointer } from "../src/store/checkpointer.js";
import { openDatabase } from "../src/store/database.js";
import type { Member } from "../src/store/users.js";
import { RecordingMessenger } from "../test/kit/fakes.js";
import { openBenchApp } from "./lib/app.js";
import { distribution, ratePerSecond, timeEach } from "./lib/measure.js";
import { type Pair, WARM_UP_PAIRS } from "./lib/pairs.js";
import { type Check, type Figure, figure, pairedFigure } from "./lib/report.js";

export interface AnswerBenchOptions {
  /** Answers timed one at a time, and as many of each floor; then as many again in bursts. */
  answers: number;
  /** The floors and studybot take turns this many times (the first round warms up), so a change in machine load hits them alike. */
  rounds: number;
}

/** Answers that reach the bot in one turn of the event loop during a burst of clicks (Discord delivered ~1,000 a turn in benchmark 3). */
const BURST_TURN = 200;
const CHANNEL = "quiz-channel";
const PLATFORM = "bench";

/**
 * The second floor: the rows one recorded answer writes (the answer, the
 * quiz's counts, three periods of stats, the card's accuracy, the streak, the
 * FSRS memory and its review log), through the store's own prepared
 * statements in one transaction, with every value worked out beforehand.
 * What studybot takes beyond it is its own code: the checks, the reads the
 * values come from, the study-day and FSRS arithmetic.
 */
function sameRowsInOneTransaction(store: Store, community: Community, quiz: QuizRecord, at: Date) {
  const periods = statPeriodsOf(localDay(at, community.timeZone));
  const firstStudyDay = recordStudyDay(NO_STREAK, localDay(at, community.timeZone), []).streak;
  const { memory, record } = review(newMemory(at), "good", at);
  return (member: Member, choice: number) => {
    const correct = choice === quiz.correctIndex;
    const points = correct ? 10 : 0;
    store.transaction(() => {
      store.answers.insert({ quizId: quiz.id, userId: member.id, choice, correct, points, answeredAt: at });
      store.quizzes.countAnswerOf(quiz.id, member.id, correct);
      store.stats.addAnswer(community.id, member.id, periods, points, correct);
      store.cards.recordAnswer(community.id, quiz.deckId, quiz.cardId, correct);
      store.stats.saveStreak(member.id, community.id, firstStudyDay);
      store.drills.saveMemory(member.id, quiz.deckId, quiz.cardId, memory);
      const { deckId, cardId } = quiz;
      store.drills.logReview({
        userId: member.id,
        deckId,
        cardId,
        source: "quiz",
        sessionId: null,
        record,
        dueAfter: memory.due,
      });
    });
  };
}

/**
 * Benchmark 1: one answer at a time through QuizService.answer, wired as
 * `studybot start` wires it for a click alone (checks the quiz is open,
 * records the answer, the quiz's counts and what follows from it: period
 * stats, streak, card stats and the answerer's FSRS memory, in one
 * transaction; answers in a burst are timed below, queued and settled after
 * it), against
 * two floors: a prepared single-row insert of the
 * same row shape in autocommit, on a WAL file opened with the bot's own
 * pragmas and background checkpoints; and the same rows the answer writes,
 * written in one transaction on the bot's database (sameRowsInOneTransaction,
 * on a second quiz answered by other members). The three take turns in
 * rounds, so a change in machine load hits them alike.
 */
export async function benchAnswers(
  dir: string,
  options: AnswerBenchOptions,
): Promise<{ figures: Figure[]; checks: Check[] }> {
  const raw = openDatabase(join(dir, "raw-insert.db"), { migrate: false });
  const rawCheckpoints = startCheckpointer(raw);
  raw.exec(`CREATE TABLE answers (quiz_id INTEGER NOT NULL, user_id INTEGER NOT NULL, choice INTEGER NOT NULL,
    correct INTEGER NOT NULL, points INTEGER NOT NULL, answered_at INTEGER NOT NULL, PRIMARY KEY (quiz_id, user_id)) WITHOUT ROWID`);
  const insertRaw = raw.prepare("INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?)");

  const { app } = await openBenchApp(join(dir, "answers.db"), join(dir, "answers.log"));
  const { quizzes, store } = app.services;
  app.services.messengers.set(PLATFORM, new RecordingMessenger());
  const actor = {
    platform: PLATFORM,
    communityId: "bench",
    channelId: CHANNEL,
    userId: "admin",
    userName: "admin",
    isAdmin: true,
  };
  const { community } = enrolActor(app.services, actor);
  const quiz = await quizzes.post({ community, channelId: CHANNEL, windowMinutes: 24 * 60 });
  const floorQuiz = await quizzes.post({ community, channelId: `${CHANNEL}-floor`, windowMinutes: 24 * 60 });
  const total = 2 * options.answers;
  const newMembers = (prefix: string, count: number): Member[] =>
    store.transaction(() =>
      Array.from({ length: count }, (_, index) =>
        store.users.ensure(community.id, `${prefix}-${index}`, `${prefix} ${index}`),
      ),
    );
  const members = newMembers("user", total);
  const floorMembers = newMembers("floor", options.answers);
  const writeSameRows = sameRowsInOneTransaction(store, community, floorQuiz, new Date());

  let rawRows = 0;
  const rawInsert = () => {
    insertRaw.run(quiz.id, rawRows, rawRows % 4, 1, 10, Date.now());
    rawRows++;
  };
  let floorAnswered = 0;
  const sameRows = () => {
    writeSameRows(floorMembers[floorAnswered] as Member, floorAnswered % 4);
    floorAnswered++;
  };
  let answered = 0;
  let recorded = 0;
  const answer = () => {
    const member = members[answered++] as Member;
    const outcome = quizzes.answer({
      quizId: quiz.id,
      nonce: quiz.nonce,
      community,
      channelId: CHANNEL,
      member,
      choice: answered % 4,
    });
    if (outcome.status === "recorded") recorded++;
  };
  // One at a time, each answer alone, as a click with no other within the settlement's quiet time (100 ms): it is
  // settled in its own transaction. Stopping the settlement's timers stands in for waiting out that quiet time.
  const answerAlone = () => {
    answer();
    app.services.settlement.settleAll();
    app.services.settlement.stop();
  };
  // As the adapters answer clicks: every answer of a turn joins the turn's transaction (group commit).
  const burstTurn = async (size: number) => {
    const started = performance.now();
    await Promise.all(Array.from({ length: size }, () => store.joinTransaction(answer)));
    return performance.now() - started;
  };

  const floorSamples: number[] = [];
  const studybotSamples: number[] = [];
  const rawPairs: Pair[] = [];
  const sameRowsPairs: Pair[] = [];
  const meanMs = (samples: readonly number[]) => 1000 / ratePerSecond(samples);
  const perRound = Math.ceil(options.answers / options.rounds);
  for (let round = 0; round < options.rounds; round++) {
    const count = Math.min(perRound, options.answers - round * perRound);
    const rawRound = timeEach(count, rawInsert);
    const sameRowsRound = timeEach(count, sameRows);
    const studybotRound = timeEach(count, answerAlone);
    rawPairs.push({ floor: ratePerSecond(rawRound), value: ratePerSecond(studybotRound) });
    sameRowsPairs.push({ floor: meanMs(sameRowsRound), value: meanMs(studybotRound) });
    if (round < WARM_UP_PAIRS) continue;
    floorSamples.push(...rawRound);
    studybotSamples.push(...studybotRound);
  }

  // Each answer of a turn is acknowledged when the turn's transaction commits: its latency is the turn's.
  const burstLatencies: number[] = [];
  let burstMs = 0;
  for (let sent = 0; sent < options.answers; sent += BURST_TURN) {
    const size = Math.min(BURST_TURN, options.answers - sent);
    const turnMs = await burstTurn(size);
    burstMs += turnMs;
    burstLatencies.push(...Array<number>(size).fill(turnMs));
  }
  // Acknowledged at each turn's commit; the burst's totals, streaks and memory are written once it pauses.
  const settleStarted = performance.now();
  app.services.settlement.settleAll();
  burstMs += performance.now() - settleStarted;
  const burstRate = (options.answers * 1000) / burstMs;

  const floor = distribution(floorSamples);
  const studybot = distribution(studybotSamples);
  const burst = distribution(burstLatencies);
  const count = (sql: string) => store.db.prepare<[number], number>(sql).pluck().get(quiz.id) ?? 0;
  const stored = count("SELECT COUNT(*) FROM answers WHERE quiz_id = ?");
  const counted = count("SELECT answered FROM quizzes WHERE id = ?");
  const allTime = count(
    "SELECT SUM(answered) FROM period_stats WHERE period = 'all' AND community_id = (SELECT community_id FROM quizzes WHERE id = ?)",
  );
  await rawCheckpoints.stop();
  raw.close();
  app.close();

  const label = "raw insert";
  return {
    figures: [
      pairedFigure("ingestion rate", "answers/s", rawPairs, {
        floorLabel: label,
        warmUp: WARM_UP_PAIRS,
        target: (ratio) => ({ text: "ratio ≥ 0.5", met: ratio >= 0.5 }),
        detail: `mean ${studybot.mean.toFixed(3)} ms`,
      }),
      pairedFigure("time per answer", "ms", sameRowsPairs, {
        floorLabel: "same rows, one transaction",
        warmUp: WARM_UP_PAIRS,
        target: (ratio) => ({ text: "ratio ≤ 1.5", met: ratio <= 1.5 }),
        detail: `medians of ${options.rounds - WARM_UP_PAIRS} rounds after ${WARM_UP_PAIRS} warm-up`,
      }),
      figure("latency p50", "ms", studybot.p50, { floor: { label, value: floor.p50 } }),
      figure("latency p99", "ms", studybot.p99, {
        floor: { label, value: floor.p99 },
        target: (value) => ({ text: "< 1 ms", met: value < 1 }),
        detail: `max ${studybot.max.toFixed(1)} ms`,
      }),
      figure(`ingestion rate in bursts (${BURST_TURN} a turn, group commit)`, "answers/s", burstRate, {
        floor: { label, value: ratePerSecond(floorSamples) },
        detail: `latency p50 ${burst.p50.toFixed(1)} ms, p99 ${burst.p99.toFixed(1)} ms (the turn's commit)`,
      }),
    ],
    checks: [
      {
        what: `${total} answers recorded, each once (stored ${stored}, counted on the quiz ${counted}, in all-time stats ${allTime} with the floor's ${options.answers})`,
        ok: recorded === total && stored === total && counted === total && allTime === total + options.answers,
      },
    ],
  };
}
