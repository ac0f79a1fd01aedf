import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { enrolActor, handleCommand } from "../../src/services/commandRouter.js";
import { doctorLines, runDoctor } from "../../src/services/doctor.js";
import { studyPlaceFor } from "../../src/services/studyPlaces.js";
import type { TestBot } from "../kit/fakes.js";
import { actor, openTestBot } from "../kit/fakes.js";
import { RecordingLogger } from "../kit/recordingLogger.js";
import { useTempDir } from "../kit/tempDir.js";
import { viewText } from "../kit/viewText.js";
import { callerOf, drillButton, rateButton } from "./drillHelpers.js";

async function postQuiz(bot: TestBot) {
  await handleCommand(bot.services, actor("admin", { isAdmin: true }), "quiz now");
  const { community } = enrolActor(bot.services, actor("admin"));
  const quiz = bot.store.quizzes.findOpenInChannel(community.id, "quiz-channel");
  if (!quiz) throw new Error("no quiz posted");
  return { quiz, community };
}

function answerAs(bot: TestBot, userId: string, quizId: number, choice: number) {
  const { community, member } = enrolActor(bot.services, actor(userId));
  const quiz = bot.store.quizzes.get(quizId);
  bot.services.quizzes.answer({ quizId, nonce: quiz?.nonce ?? "", community, member, choice });
  return member;
}

/**
 * A wrong answer by "opener", alone, so settled at once: the answers that
 * follow it before QUIET_MS (the fake timers do not move) are a burst's, and queued.
 */
function openBurst(bot: TestBot, quizId: number, correctIndex: number) {
  const opener = answerAs(bot, "opener", quizId, (correctIndex + 1) % 4);
  expect(bot.store.unsettledAnswers.count()).toBe(0);
  return opener;
}

const pointsOf = (bot: TestBot, communityId: number, userId: number) =>
  bot.store.stats.totals(communityId, "all", userId).points;

describe("answers settled after the burst", () => {
  const tempDir = useTempDir();
  const open = () => openTestBot(join(tempDir(), "bot.db"));
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "clearImmediate"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Two bots on one file, as two processes: "shard" queued ana's answer of a burst; "elsewhere" has settled all it knew of. */
  const answerQueuedInAnotherProcess = async () => {
    const file = join(tempDir(), "shared.db");
    const shard = openTestBot(file);
    const elsewhere = openTestBot(file);
    // As at its start: nothing waits, and it has recorded nothing since.
    expect(elsewhere.services.settlement.settleAll()).toBe(0);
    const { quiz, community } = await postQuiz(shard);
    openBurst(shard, quiz.id, quiz.correctIndex);
    const ana = answerAs(shard, "ana", quiz.id, quiz.correctIndex);
    return { shard, elsewhere, community, ana };
  };

  it("commits the answer and the quiz's counts at once, and the rest once the clicks pause", () => {
    const bot = open();
    return postQuiz(bot).then(({ quiz, community }) => {
      const opener = openBurst(bot, quiz.id, quiz.correctIndex);
      expect(bot.store.stats.totals(community.id, "all", opener.id)).toMatchObject({ answered: 1 });
      const ana = answerAs(bot, "ana", quiz.id, quiz.correctIndex);
      expect(bot.store.answers.find(quiz.id, ana.id)?.points).toBe(15);
      expect(bot.store.quizzes.get(quiz.id)).toMatchObject({ answered: 2, correct: 1 });
      expect(pointsOf(bot, community.id, ana.id)).toBe(0);
      expect(bot.store.unsettledAnswers.count()).toBe(1);

      // Clicks every 30 ms keep it waiting: their acknowledgements go first.
      for (let click = 0; click < 20; click++) {
        vi.advanceTimersByTime(30);
        answerAs(bot, `member-${click}`, quiz.id, (quiz.correctIndex + 1) % 4);
      }
      expect(pointsOf(bot, community.id, ana.id)).toBe(0);
      expect(bot.store.unsettledAnswers.count()).toBe(21);

      // A pause of 400 ms within a burst (the bot busy, a sender slow) is no end of it.
      vi.advanceTimersByTime(400);
      expect(bot.store.unsettledAnswers.count()).toBe(21);
      vi.advanceTimersByTime(100);
      vi.runAllTimers();
      expect(pointsOf(bot, community.id, ana.id)).toBe(15);
      expect(bot.store.stats.streak(ana.id).current).toBe(1);
      expect(bot.store.cards.accuracyByCard(community.id, quiz.deckId).get(quiz.cardId)).toEqual({
        answered: 22,
        correct: 1,
      });
      expect(bot.store.drills.memory(ana.id, quiz.deckId, quiz.cardId)).toBeDefined();
      expect(bot.store.unsettledAnswers.count()).toBe(0);
    });
  });

  it("settles anyway after 10 s of clicks that never pause", async () => {
    const bot = open();
    const { quiz, community } = await postQuiz(bot);
    openBurst(bot, quiz.id, quiz.correctIndex);
    const ana = answerAs(bot, "ana", quiz.id, quiz.correctIndex);
    for (let click = 0; click < 400; click++) {
      vi.advanceTimersByTime(30);
      answerAs(bot, `member-${click}`, quiz.id, quiz.correctIndex);
      vi.advanceTimersByTime(0);
    }
    expect(pointsOf(bot, community.id, ana.id)).toBe(15);
  });

  it("settles for a reader nobody waits on one chunk a turn, reading clicks in between", async () => {
    const bot = open();
    const { quiz, community } = await postQuiz(bot);
    openBurst(bot, quiz.id, quiz.correctIndex);
    for (let click = 0; click < 120; click++) answerAs(bot, `member-${click}`, quiz.id, quiz.correctIndex);
    const settling = bot.services.settlement.settleInTurns();
    expect(bot.store.unsettledAnswers.count()).toBe(70);
    // A click read before the next chunk joins the queue, and is settled before the reader goes on.
    const late = answerAs(bot, "late", quiz.id, quiz.correctIndex);
    expect(bot.store.unsettledAnswers.count()).toBe(71);
    expect(settling).toBeDefined();
    await vi.runAllTimersAsync();
    await settling;
    expect(bot.store.unsettledAnswers.count()).toBe(0);
    expect(bot.store.stats.totals(community.id, "all", late.id)).toMatchObject({ answered: 1, points: 10 });
  });

  it("posts a quiz after settling one chunk a turn, reading clicks in between (a schedule amid a burst)", async () => {
    const bot = open();
    const { quiz, community } = await postQuiz(bot);
    openBurst(bot, quiz.id, quiz.correctIndex);
    for (let click = 0; click < 120; click++) answerAs(bot, `member-${click}`, quiz.id, quiz.correctIndex);
    const posting = bot.services.quizzes.post({ community, channelId: "other-channel", windowMinutes: 60 });
    expect(bot.store.unsettledAnswers.count()).toBe(70);
    const late = answerAs(bot, "late", quiz.id, quiz.correctIndex);
    await vi.runAllTimersAsync();
    const posted = await posting;
    expect(posted.channelId).toBe("other-channel");
    expect(bot.store.unsettledAnswers.count()).toBe(0);
    expect(bot.store.stats.totals(community.id, "all", late.id)).toMatchObject({ answered: 1, points: 10 });
  });

  it("settles before any read: `stats` right after the click counts it", async () => {
    const bot = open();
    const { quiz } = await postQuiz(bot);
    openBurst(bot, quiz.id, quiz.correctIndex);
    answerAs(bot, "ana", quiz.id, quiz.correctIndex);
    const stats = await handleCommand(bot.services, actor("ana"), "stats");
    expect(viewText(stats.view)).toContain("This week: 15 pts · 1/1");
    expect(bot.store.unsettledAnswers.count()).toBe(0);
  });

  it("settles answers another process queued before a read here (a shard's, the command line's)", async () => {
    const { shard, elsewhere, community, ana } = await answerQueuedInAnotherProcess();
    expect(shard.store.unsettledAnswers.count()).toBe(1);

    const stats = await handleCommand(elsewhere.services, actor("ana"), "stats");
    expect(viewText(stats.view)).toContain("This week: 15 pts · 1/1");
    expect(elsewhere.store.unsettledAnswers.count()).toBe(0);
    // The shard's own settlement, when its clicks pause, finds nothing left to count twice.
    vi.runAllTimers();
    expect(shard.services.settlement.settleAll()).toBe(0);
    expect(shard.store.stats.totals(community.id, "all", ana.id)).toMatchObject({ points: 15, answered: 1 });
  });

  it("asks the file, not its memory, whether answers wait: the minute's sweep settles another's too", async () => {
    const { elsewhere, community, ana } = await answerQueuedInAnotherProcess();
    expect(elsewhere.services.settlement.settleInTurns()).toBeUndefined();
    expect(pointsOf(elsewhere, community.id, ana.id)).toBe(15);
  });

  it("counts a burst's answer waiting to settle as where the person studied last (a DM's server)", async () => {
    const bot = open();
    const elsewhere = enrolActor(bot.services, actor("ana", { communityId: "guild-2", communityName: "Other" }));
    const card = bot.services.drills.start(elsewhere);
    const shown = bot.services.drills.act(elsewhere, drillButton(card, "show"));
    bot.services.drills.act(elsewhere, rateButton(shown, "good"));
    const { quiz } = await postQuiz(bot);
    bot.clock.advance(60_000);
    openBurst(bot, quiz.id, quiz.correctIndex);
    answerAs(bot, "ana", quiz.id, quiz.correctIndex);
    expect(studyPlaceFor(bot.services, "test", "ana")).toMatchObject({ communityExternalId: "guild-1" });
  });

  it("counts each answer once, whoever settles it and however often", async () => {
    const bot = open();
    const { quiz, community } = await postQuiz(bot);
    openBurst(bot, quiz.id, quiz.correctIndex);
    const ana = answerAs(bot, "ana", quiz.id, quiz.correctIndex);
    expect(bot.services.settlement.settleAll()).toBe(1);
    expect(bot.services.settlement.settleAll()).toBe(0);
    answerAs(bot, "ana", quiz.id, quiz.correctIndex);
    expect(bot.services.settlement.settleAll()).toBe(0);
    expect(bot.store.stats.totals(community.id, "all", ana.id)).toMatchObject({ points: 15, answered: 1 });
  });

  it("applies a quiz answer's review before a drill rating clicked right after it", async () => {
    const bot = open();
    const ana = callerOf(bot, "ana");
    const card = bot.services.drills.start(ana);
    const { quiz } = await postQuiz(bot);
    openBurst(bot, quiz.id, quiz.correctIndex);
    answerAs(bot, "ana", quiz.id, (quiz.correctIndex + 1) % 4);
    bot.clock.advance(1_000);
    const shown = bot.services.drills.act(ana, drillButton(card, "show"));
    bot.services.drills.act(ana, rateButton(shown, "good"));
    const sources = bot.store.db
      .prepare<[number], { source: string }>("SELECT source FROM review_log WHERE user_id = ? ORDER BY id")
      .all(ana.member.id)
      .map((row) => row.source);
    expect(sources).toEqual(["quiz", "drill"]);
  });

  it("shows the streaks an answer keeps alive in the results of a quiz closed right after it", async () => {
    const bot = open();
    const { quiz } = await postQuiz(bot);
    openBurst(bot, quiz.id, quiz.correctIndex);
    answerAs(bot, "ana", quiz.id, quiz.correctIndex);
    const closing = bot.store.quizzes.get(quiz.id);
    if (!closing) throw new Error("quiz gone");
    await bot.services.quizzes.close(closing);
    const results = bot.messenger.edits.at(-1)?.view;
    expect(results && viewText(results)).toMatch(/Streaks kept alive: [^\n]*@ana 1d/);
  });

  it("leaves nothing of a forgotten member's unsettled answer", async () => {
    const bot = open();
    const { quiz, community } = await postQuiz(bot);
    openBurst(bot, quiz.id, quiz.correctIndex);
    const ana = answerAs(bot, "ana", quiz.id, quiz.correctIndex);
    bot.store.memberData.forget(ana.id, community.id);
    expect(bot.store.unsettledAnswers.count()).toBe(0);
    bot.services.settlement.settleAll();
    expect(bot.store.stats.totals(community.id, "all", ana.id)).toMatchObject({ points: 0, answered: 0 });
  });

  it("survives a crash: the answers queued in the file are settled at the next start, once", async () => {
    const file = join(tempDir(), "crash.db");
    const first = openTestBot(file);
    const { quiz, community } = await postQuiz(first);
    openBurst(first, quiz.id, quiz.correctIndex);
    const ana = answerAs(first, "ana", quiz.id, quiz.correctIndex);
    first.close();

    const doctorBefore = openTestBot(file);
    const report = runDoctor(doctorBefore.store.db, { fix: false });
    expect(report.drift).toEqual([]);
    expect(doctorLines(report).lines.join("\n")).toContain("1 quiz answers wait for their totals");
    doctorBefore.close();

    const second = openTestBot(file);
    expect(second.services.settlement.settleAll()).toBe(1);
    expect(pointsOf(second, community.id, ana.id)).toBe(15);
    second.close();
    const third = openTestBot(file);
    expect(third.services.settlement.settleAll()).toBe(0);
    expect(pointsOf(third, community.id, ana.id)).toBe(15);
    expect(runDoctor(third.store.db, { fix: false }).drift).toEqual([]);
  });

  it("is settled by `studybot start` before anything else runs, and by a clean stop", async () => {
    const dir = tempDir();
    const file = join(dir, "studybot.db");
    const crashed = openTestBot(file);
    const { quiz, community } = await postQuiz(crashed);
    openBurst(crashed, quiz.id, quiz.correctIndex);
    const ana = answerAs(crashed, "ana", quiz.id, quiz.correctIndex);
    crashed.close();

    const decksDir = join(dir, "decks");
    mkdirSync(decksDir, { recursive: true });
    const config = loadConfig({ DATABASE_PATH: file, DECKS_DIR: decksDir });
    const logger = new RecordingLogger();
    vi.useRealTimers();
    const app = await openApp(config, {
      logger,
      clock: { now: () => new Date("2026-11-02T09:10:00Z") },
      fallbackTimeZone: "UTC",
      commandRateLimit: null,
    });
    expect(app.services.store.stats.totals(community.id, "all", ana.id).points).toBe(15);
    expect(logger.entries).toContainEqual({
      level: "info",
      obj: { answers: 1 },
      msg: "settled the quiz answers the last run left",
    });
    // Answered and stopped before the clicks paused: the stop writes it.
    const answer = (userId: string) => {
      const member = enrolActor(app.services, actor(userId)).member;
      const fresh = app.services.store.quizzes.get(quiz.id);
      const nonce = fresh?.nonce ?? "";
      expect(app.services.quizzes.answer({ quizId: quiz.id, nonce, community, member, choice: 0 }).status).toBe(
        "recorded",
      );
      return member;
    };
    answer("cy");
    const ben = answer("ben");
    expect(app.services.store.unsettledAnswers.count()).toBe(1);
    app.close();
    const after = openTestBot(file);
    expect(after.store.unsettledAnswers.count()).toBe(0);
    expect(after.store.stats.totals(community.id, "all", ben.id).answered).toBe(1);
  });
});
