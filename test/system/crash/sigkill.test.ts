import { join } from "node:path";
import { InteractionResponseType } from "discord-api-types/v10";
import { afterEach, describe, expect, it } from "vitest";
import { type AnswerAction, decodeAction, type DrillAction } from "../../../src/core/actions.js";
import { optionLetter } from "../../../src/core/question.js";
import { type Rng, seededRng } from "../../../src/core/random.js";
import { registerCommands } from "../../../src/platforms/discord/register.js";
import { runDoctor } from "../../../src/services/doctor.js";
import { openDatabase } from "../../../src/store/database.js";
import {
  BOT_TOKEN,
  FakeDiscord,
  type FakeMember,
  GUILD_ID,
  type InteractionRecord,
  type StoredMessage,
} from "../../discord/fakeDiscord.js";
import { ANA, buttonsOf, QUIZ_CHANNEL } from "../../discord/harness.js";
import { type StudybotProcess, spawnStudybot } from "../../kit/studybotProcess.js";
import { useTempDir } from "../../kit/tempDir.js";
import { eventually } from "../../kit/eventually.js";

const ROUNDS = 12;
const LEARNERS: FakeMember[] = Array.from({ length: 12 }, (_, i) => ({
  id: `16000000000000000${10 + i}`,
  username: `learner${i}`,
}));

interface AnswerClick {
  record: InteractionRecord;
  action: AnswerAction;
}

interface RatingClick {
  record: InteractionRecord;
  action: DrillAction & { step: { op: "rate" } };
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const titleOf = (record: InteractionRecord) => {
  const response = record.callbacks[0]?.response;
  return response?.type === InteractionResponseType.ChannelMessageWithSource
    ? (response.data?.embeds?.[0]?.title ?? "")
    : "";
};

/**
 * Plays members answering the channel quiz and rating their drills through the
 * fake Discord, as fast as the bot keeps up, until `stop()`. Each learner has
 * one click in flight at a time, as a person would; some click twice, some
 * click buttons of cards they already rated.
 */
function playTraffic(
  fake: FakeDiscord,
  quiz: StoredMessage,
  rng: Rng,
  clicks: { answers: AnswerClick[]; ratings: RatingClick[] },
) {
  let running = true;
  const drillOf = new Map<string, string>();
  const learner = async (member: FakeMember) => {
    while (running) {
      const roll = rng();
      const drillMessage = fake.messages.get(drillOf.get(member.id) ?? "");
      const drillButtons = drillMessage ? buttonsOf(drillMessage) : [];
      let record: InteractionRecord;
      if (roll < 0.4) {
        const button = pick(rng, buttonsOf(quiz));
        record = fake.click(member.id, quiz.id, button.customId);
        const action = decodeAction(button.customId);
        if (action?.kind === "answer") clicks.answers.push({ record, action });
      } else if (drillButtons.length === 0 || drillButtons.every((button) => button.label === "Stop")) {
        record = fake.sendCommand(member.id, QUIZ_CHANNEL, "drill");
        const reply = await eventually(
          () => record.originalId ?? (record.callbacks.length > 0 && "none"),
          "a drill",
          3_500,
        ).catch(() => undefined);
        if (reply && reply !== "none") drillOf.set(member.id, reply);
        continue;
      } else {
        // Undo takes an acknowledged rating back on purpose (tested exactly in drillUndo.test.ts): here every
        // acknowledged rating must survive the kills, so learners never undo.
        const isUndo = (customId: string) => {
          const action = decodeAction(customId);
          return action?.kind === "drill" && action.step.op === "undo";
        };
        const candidates = drillButtons.filter((button) => button.label !== "Stop" && !isUndo(button.customId));
        const button = pick(rng, candidates);
        record = fake.click(member.id, drillMessage?.id ?? "", button.customId);
        const action = decodeAction(button.customId);
        if (action?.kind === "drill" && action.step.op === "rate")
          clicks.ratings.push({ record, action: action as RatingClick["action"] });
      }
      await eventually(() => record.callbacks.length > 0, "a response", 3_500).catch(() => undefined);
    }
  };
  const done = Promise.all(LEARNERS.map(learner));
  return async () => {
    running = false;
    await done;
  };
}

describe("crash safety: SIGKILL at random moments", () => {
  const tempDir = useTempDir("studybot-crash-");
  let fake: FakeDiscord | undefined;
  let bot: StudybotProcess | undefined;
  afterEach(async () => {
    if (bot && bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill("SIGKILL");
    await bot?.exit;
    await fake?.close();
  });

  it(`keeps every acknowledged answer and rating exactly once over ${ROUNDS} kills and restarts, with stats as the answers imply`, async () => {
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
    console.info(`crash test seed ${seed} (CRASH_SEED=${seed} replays it)`);
    const rng = seededRng(seed);
    fake = await FakeDiscord.start();
    for (const member of [ANA, ...LEARNERS]) fake.addMember(member);
    await registerCommands({ token: BOT_TOKEN, apiBase: fake.apiBase }, GUILD_ID);
    const database = join(tempDir(), "studybot.db");
    const clicks = { answers: [] as AnswerClick[], ratings: [] as RatingClick[] };
    let kills = 0;

    for (let round = 0; round < ROUNDS; round++) {
      const running = spawnStudybot(["start"], {
        DISCORD_TOKEN: BOT_TOKEN,
        DISCORD_API_BASE: fake.apiBase,
        DATABASE_PATH: database,
        DRILL_NEW_PER_DAY: "1000",
        LOG_LEVEL: "info",
      });
      bot = running;
      await eventually(
        () => running.err().includes('"msg":"studybot running"'),
        `round ${round}: the bot to start`,
        30_000,
      );

      const before = fake.messagesIn(QUIZ_CHANNEL).length;
      const quizNow = fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz now");
      await eventually(() => quizNow.callbacks[0], `round ${round}: quiz now`, 10_000);
      const quiz = await eventually(
        () => fake?.messagesIn(QUIZ_CHANNEL)[before],
        `round ${round}: the quiz message`,
        10_000,
      );

      const stopTraffic = playTraffic(fake, quiz, rng, clicks);
      await new Promise((resolve) => setTimeout(resolve, 200 + rng() * 1_300));
      running.child.kill("SIGKILL");
      expect((await running.exit).signal).toBe("SIGKILL");
      kills += 1;
      await stopTraffic();
    }
    expect(kills).toBe(ROUNDS);

    const db = openDatabase(database);
    const answerOf = db.prepare<[number, string], { choice: number }>(
      "SELECT a.choice FROM answers a JOIN users u ON u.id = a.user_id WHERE a.quiz_id = ? AND u.external_id = ?",
    );
    const locked = new Map<string, number>();
    for (const { record, action } of clicks.answers) {
      const title = titleOf(record);
      const stored = answerOf.get(action.quizId, record.userId);
      if (title.startsWith("Locked in")) {
        // Acknowledged as recorded: it is there, as clicked, and no other click of this person was also taken.
        const key = `${action.quizId}/${record.userId}`;
        expect(locked.has(key), `two answers taken for ${key}`).toBe(false);
        locked.set(key, action.choice);
        expect(stored?.choice).toBe(action.choice);
      } else if (title.startsWith("Already answered")) {
        expect(title).toBe(`Already answered ${optionLetter(stored?.choice ?? -1)}`);
      }
    }

    const reviewsOf = db.prepare<[number, string], { n: number; rating: number }>(
      "SELECT COUNT(*) AS n, MAX(rating) AS rating FROM review_log WHERE source = 'drill' AND session_id = ? AND card_id = ?",
    );
    const queueOf = db.prepare<[number], { queue: string }>("SELECT queue FROM drill_sessions WHERE id = ?");
    let acknowledgedRatings = 0;
    for (const { record, action } of clicks.ratings) {
      if (record.callbacks[0]?.response.type !== InteractionResponseType.UpdateMessage) continue;
      acknowledgedRatings += 1;
      // A rating click answered is a rating kept: this one, or the earlier one that rated the same card.
      const cardId = (JSON.parse(queueOf.get(action.sessionId)?.queue ?? "[]") as string[])[action.position] ?? "";
      expect(reviewsOf.get(action.sessionId, cardId)?.n).toBe(1);
    }
    for (const [key, choice] of locked) {
      const [quizId, userId] = key.split("/");
      expect(answerOf.get(Number(quizId), userId ?? "")?.choice).toBe(choice);
    }
    // Nothing twice: one drill review per card and session, one quiz review per answer.
    expect(
      db
        .prepare("SELECT session_id, card_id FROM review_log WHERE source = 'drill' GROUP BY 1, 2 HAVING COUNT(*) > 1")
        .all(),
    ).toEqual([]);
    const counts = db
      .prepare<[], { answers: number; quizReviews: number }>(
        "SELECT (SELECT COUNT(*) FROM answers) AS answers, (SELECT COUNT(*) FROM review_log WHERE source = 'quiz') AS quizReviews",
      )
      .get();
    expect(counts?.quizReviews).toBe(counts?.answers);
    // Leaderboards, streaks, quiz counts, card accuracy and drill memory: exactly what the raw answers and reviews imply.
    expect(runDoctor(db, { fix: false })).toMatchObject({ integrity: [], foreignKeys: [], drift: [] });
    db.close();

    console.info(
      `crash test: ${ROUNDS} SIGKILLs, ${locked.size} answers and ${acknowledgedRatings} ratings acknowledged of ${clicks.answers.length} answer and ${clicks.ratings.length} rating clicks`,
    );
    expect(locked.size).toBeGreaterThan(ROUNDS);
    expect(acknowledgedRatings).toBeGreaterThan(ROUNDS);
  }, 300_000);
});
