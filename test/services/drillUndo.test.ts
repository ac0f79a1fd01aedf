import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeAction } from "../../src/core/actions.js";
import type { View } from "../../src/core/views.js";
import { handleCommand } from "../../src/services/commandRouter.js";
import { runDoctor } from "../../src/services/doctor.js";
import { actor, openTestBot, type TestBot } from "../kit/fakes.js";
import { useTempDir } from "../kit/tempDir.js";
import { callerOf, drillButton, numberedDeck, rateButton } from "./drillHelpers.js";

const DAY_MS = 86_400_000;

/** Every row a rating touches for `userId`, and where their drill stands. */
function rowsOf(bot: TestBot, userId: number) {
  const { db } = bot.store;
  return {
    memory: db.prepare("SELECT * FROM card_memory WHERE user_id = ? ORDER BY deck_id, card_id").all(userId),
    reviews: db.prepare("SELECT * FROM review_log WHERE user_id = ? ORDER BY id").all(userId),
    streak: db.prepare("SELECT * FROM user_streaks WHERE user_id = ?").all(userId),
    frozen: bot.store.frozenDays.days(userId),
    sessions: db
      .prepare("SELECT id, position, answer_shown, question, finished_at FROM drill_sessions WHERE user_id = ?")
      .all(userId),
  };
}

/** One card rated Again at the clock's time: a study day. */
function studyNow(bot: TestBot, name: string): void {
  const learner = callerOf(bot, name);
  const view = bot.services.drills.start(learner, { count: 1 });
  bot.services.drills.act(learner, rateButton(bot.services.drills.act(learner, drillButton(view, "show")), "again"));
}

describe("undo in drills", () => {
  const tempDir = useTempDir("studybot-undo-");

  it("restores the card's memory, the review log and the streak with its freezes exactly, once", () => {
    const bot = openTestBot(join(tempDir(), "bot.db"), { decks: [numberedDeck(40)] });
    // A week of study earns a freeze; a missed day, then the rating below spends it.
    for (let day = 0; day < 7; day++) {
      studyNow(bot, "ana");
      bot.clock.advance(DAY_MS);
    }
    bot.clock.advance(DAY_MS);
    const learner = callerOf(bot, "ana");
    const { drills } = bot.services;
    // The day's first rating: it makes the study day that spends the freeze.
    const view = drills.start(learner, { count: 3, mode: "choice" });
    const before = rowsOf(bot, learner.member.id);
    bot.clock.advance(60_000);
    const next = drills.act(learner, drillButton(view, "pick"));
    expect(bot.store.stats.streak(learner.member.id)).toMatchObject({ freezes: 0, frozenDays: 1, current: 8 });
    expect(bot.store.frozenDays.days(learner.member.id)).toHaveLength(1);
    expect(rowsOf(bot, learner.member.id)).not.toEqual(before);

    const undo = drillButton(next, "undo");
    const undone = drills.act(learner, undo);
    expect(undone.title).toBe(view.title);
    expect(undone.blocks).toContainEqual({ type: "text", text: [{ strong: "Rating undone." }, expect.any(String)] });
    expect(rowsOf(bot, learner.member.id)).toEqual(before);
    expect(runDoctor(bot.store.db, { fix: false }).drift).toEqual([]);

    // A second click of the same button is answered, and changes nothing.
    const again = drills.act(learner, undo);
    expect(again.title).toBe(view.title);
    expect(again.blocks[0]).toMatchObject({ type: "text", text: [{ strong: "Already answered" }, expect.any(String)] });
    expect(rowsOf(bot, learner.member.id)).toEqual(before);
    // Undone once: the restored card offers no second undo.
    expect(() => drillButton(again, "undo")).toThrow(/no undo button/);
  });

  it("refuses a forged id and someone else's click, and a rating studied on since", async () => {
    const bot = openTestBot(join(tempDir(), "bot.db"), { decks: [numberedDeck(40)] });
    const learner = callerOf(bot, "bo");
    const { drills } = bot.services;
    let view: View = drills.start(learner, { count: 3 });
    view = drills.act(learner, rateButton(drills.act(learner, drillButton(view, "show")), "good"));
    const undo = drillButton(view, "undo");
    const rated = rowsOf(bot, learner.member.id);

    expect(drills.act(learner, { ...undo, nonce: "Forged99" }).title).toBe("Unknown drill");
    expect(drills.act(callerOf(bot, "cy"), undo).title).toBe("Not your drill");
    expect(encodeAction(undo)).toMatch(/:u$/);
    expect(rowsOf(bot, learner.member.id)).toEqual(rated);

    // A quiz answered after the rating builds on it: the rating stays.
    bot.clock.advance(1_000);
    await handleCommand(bot.services, actor("admin", { isAdmin: true }), "quiz now");
    const quiz = bot.store.quizzes.findOpenInChannel(learner.community.id, "quiz-channel");
    if (!quiz) throw new Error("no quiz");
    bot.services.quizzes.answer({ ...learner, quizId: quiz.id, nonce: quiz.nonce, choice: quiz.correctIndex });
    bot.services.settlement.settleAll();
    const studied = rowsOf(bot, learner.member.id);
    const refused = drills.act(learner, undo);
    expect(refused.blocks[0]).toMatchObject({ text: [{ strong: "Too late to undo" }, expect.any(String)] });
    expect(rowsOf(bot, learner.member.id)).toEqual(studied);
    expect(runDoctor(bot.store.db, { fix: false }).drift).toEqual([]);
  });
});
