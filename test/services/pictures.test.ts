import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { statsCardSvg } from "../../src/core/pictures/statsCard.js";
import { enrolActor, handleCommand } from "../../src/services/commandRouter.js";
import { askToForget, forgetConfirmed, memberExport } from "../../src/services/memberData.js";
import { UserError } from "../../src/services/ports.js";
import { actor, openTestBot, smallDeck, type TestBot } from "../kit/fakes.js";
import { remainingMemberRows } from "../kit/memberRows.js";
import { useTempDir } from "../kit/tempDir.js";
import { pngSize } from "../pictures/snapshots.js";

const ZONE = "Europe/Berlin";

/** One channel quiz, answered right or wrong by each user, closed. */
async function quizAnsweredBy(bot: TestBot, answers: [user: string, right: boolean][]) {
  await handleCommand(bot.services, actor("admin", { isAdmin: true }), "quiz now");
  const { community } = enrolActor(bot.services, actor("admin"));
  const quiz = bot.store.quizzes.findOpenInChannel(community.id, "quiz-channel");
  if (!quiz) throw new Error("no quiz");
  for (const [user, right] of answers) {
    const { member } = enrolActor(bot.services, actor(user));
    const choice = right ? quiz.correctIndex : (quiz.correctIndex + 1) % quiz.options.length;
    bot.services.quizzes.answer({ quizId: quiz.id, nonce: quiz.nonce, community, member, choice });
  }
  await bot.services.quizzes.close(quiz);
  return quiz;
}

describe("picture data from the store", () => {
  const tempDir = useTempDir();

  it("gives the stats card the study days of the member's zone across a DST change, pauses, weeks, due cards, decks", async () => {
    const bot = openTestBot(join(tempDir(), "bot.db"), { timeZone: ZONE, start: "2026-03-28T23:30:00Z" });
    const { community, member } = enrolActor(bot.services, actor("ada"));
    const card = { deckId: "capitals", cardId: "france" };
    // 00:30 local on the day of the spring change and the day after: two study days, not one or three.
    bot.services.progress.answeredQuiz(community, member, card, true, new Date("2026-03-28T23:30:00Z"));
    bot.services.progress.answeredQuiz(
      community,
      member,
      { ...card, cardId: "spain" },
      false,
      new Date("2026-03-29T22:30:00Z"),
    );
    bot.store.memberSettings.addPause(member.id, { firstDay: "2026-03-31", lastDay: "2026-04-02" });
    bot.clock.set(new Date("2026-04-03T10:00:00Z"));
    await quizAnsweredBy(bot, [["ada", true]]);

    const data = bot.services.pictures.statsCardData(community, member, bot.clock.now());
    expect(data.today).toBe("2026-04-03");
    expect(data.timeZone).toBe(ZONE);
    expect([...data.studied].sort()).toEqual(["2026-03-29", "2026-03-30", "2026-04-03"]);
    expect(data.paused).toEqual(["2026-03-31", "2026-04-01", "2026-04-02"]);
    // The vacation neither breaks nor extends the streak: Mar 29, Mar 30 and Apr 3.
    expect(data.currentStreak).toBe(3);
    expect(data.weeks).toHaveLength(12);
    expect(data.weeks.at(-1)).toMatchObject({ week: "2026-W14", answered: 1, correct: 1 });
    expect(data.weeks.at(-1)?.points).toBeGreaterThanOrEqual(10);
    expect(data.dueByDay).toHaveLength(14);
    // Spain, missed on 30 March, is overdue: it counts today. France, right twice, is due after the 14 days.
    expect(
      bot.store.drills
        .memoriesOf(member.id)
        .map((entry) => entry.cardId)
        .sort(),
    ).toEqual(["france", "spain"]);
    expect(data.dueByDay).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(data.decks).toEqual([{ title: "Capitals (capitals)", cards: 6, learned: 2, mastered: 0 }]);
  });

  it("records the day a freeze covered when the next answer spends it; the card draws it; forget deletes it", async () => {
    const bot = openTestBot(join(tempDir(), "bot.db"), { timeZone: ZONE, start: "2026-11-02T09:00:00Z" });
    // A week of answers, 2–8 November, earns a freeze.
    for (let day = 2; day <= 8; day++) {
      bot.clock.set(new Date(`2026-11-0${day}T09:00:00Z`));
      await quizAnsweredBy(bot, [["ada", true]]);
    }
    const { community, member } = enrolActor(bot.services, actor("ada"));
    // 9 November goes by unstudied: the freeze covers it as it passes, before any row is written.
    bot.clock.set(new Date("2026-11-10T08:00:00Z"));
    const pending = bot.services.pictures.statsCardData(community, member, bot.clock.now());
    expect([pending.frozen, pending.currentStreak]).toEqual([["2026-11-09"], 7]);
    expect(bot.store.frozenDays.days(member.id)).toEqual([]);

    bot.clock.set(new Date("2026-11-10T09:00:00Z"));
    await quizAnsweredBy(bot, [["ada", false]]);
    expect(bot.store.frozenDays.days(member.id)).toEqual(["2026-11-09"]);
    expect(bot.store.stats.streak(member.id)).toMatchObject({ current: 8, freezes: 0, frozenDays: 1 });
    const data = bot.services.pictures.statsCardData(community, member, bot.clock.now());
    expect([data.frozen, data.currentStreak]).toEqual([["2026-11-09"], 8]);
    const svg = statsCardSvg(data);
    // The day's cell and the legend's swatch.
    expect(svg.match(/class="day-frozen"/g)).toHaveLength(2);
    expect(svg).toContain(">frozen 1 day<");
    expect(pngSize(await bot.services.pictures.statsCardPng(data)).width).toBe(840);
    expect(memberExport(bot.services, community, member, bot.clock.now())).toMatchObject({
      frozenDays: ["2026-11-09"],
    });

    askToForget(bot.services, member, bot.clock.now());
    const nonce = bot.store.memberData.forgetRequest(member.id)?.nonce ?? "";
    expect(forgetConfirmed(bot.services, community, member, nonce, bot.clock.now()).tone).toBe("success");
    expect(bot.store.frozenDays.days(member.id)).toEqual([]);
    expect(remainingMemberRows(bot.store.db, member.id)).toEqual({});
  });

  it("reads the member's own time zone when they set one", () => {
    const bot = openTestBot(join(tempDir(), "bot.db"), { timeZone: "UTC", start: "2026-06-01T23:30:00Z" });
    const { community, member } = enrolActor(bot.services, actor("ada"));
    bot.store.memberSettings.update(member.id, community.id, { timeZone: "Asia/Tokyo" }, bot.clock.now());
    bot.services.progress.answeredQuiz(
      community,
      member,
      { deckId: "capitals", cardId: "peru" },
      true,
      bot.clock.now(),
    );
    const data = bot.services.pictures.statsCardData(community, member, bot.clock.now());
    expect([data.today, data.studied]).toEqual(["2026-06-02", ["2026-06-02"]]);
  });

  it("gives the report chart the hardest cards with class accuracy and distinct members per day", async () => {
    const bot = openTestBot(join(tempDir(), "bot.db"), { timeZone: ZONE, start: "2026-11-20T09:00:00Z" });
    const first = await quizAnsweredBy(bot, [
      ["ada", true],
      ["bo", false],
      ["cy", false],
    ]);
    bot.clock.set(new Date("2026-11-21T09:00:00Z"));
    const second = await quizAnsweredBy(bot, [
      ["ada", true],
      ["bo", true],
    ]);
    expect(second.cardId).not.toBe(first.cardId);
    const termOf = (cardId: string) => smallDeck().cards.find((card) => card.id === cardId)?.term;
    const { community } = enrolActor(bot.services, actor("ada"));
    const data = bot.services.pictures.reportChartData(community, { days: 7 }, bot.clock.now());
    expect(data.hardest).toEqual([
      { name: termOf(first.cardId), answered: 3, correct: 1 },
      { name: termOf(second.cardId), answered: 2, correct: 2 },
    ]);
    expect(data.activeByDay.map((day) => day.members)).toEqual([0, 0, 0, 0, 0, 3, 2]);
    expect(data.activeByDay.at(-1)?.day).toBe("2026-11-21");
    expect(() =>
      bot.services.pictures.reportChartData(community, { days: 7, deckId: "nope" }, bot.clock.now()),
    ).toThrow(UserError);
    const png = await bot.services.pictures.reportChartPng(data);
    expect(pngSize(png).width).toBe(840);
  });
});
