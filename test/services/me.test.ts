import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeAction } from "../../src/core/actions.js";
import type { View } from "../../src/core/views.js";
import { enrolActor, forgetClick, handleCommand } from "../../src/services/commandRouter.js";
import { runDoctor } from "../../src/services/doctor.js";
import { EXPORT_FORMAT } from "../../src/services/memberData.js";
import { callerOf, drillButton, rateButton } from "./drillHelpers.js";
import { actor, openTestBot, smallDeck, type TestBot } from "../kit/fakes.js";
import { remainingMemberRows } from "../kit/memberRows.js";
import { rowCounts } from "../kit/rowCounts.js";
import { useTempDir } from "../kit/tempDir.js";
import { viewText } from "../kit/viewText.js";

const say = async (bot: TestBot, who: string, line: string) =>
  (await handleCommand(bot.services, actor(who, { isAdmin: true }), line)).view;
const sayText = async (bot: TestBot, who: string, line: string) => viewText(await say(bot, who, line));

/** One channel quiz answered by each of `names` in turn, a second apart: `right` ones pick the right option. */
async function quizAnsweredBy(bot: TestBot, names: readonly string[], right: readonly string[]): Promise<number> {
  await say(bot, names[0] ?? "ana", "quiz now");
  const quiz = bot.store.quizzes.findOpenInChannel(callerOf(bot, "ana").community.id, "quiz-channel");
  if (!quiz) throw new Error("no quiz");
  for (const name of names) {
    const { community, member } = callerOf(bot, name);
    bot.clock.advance(1_000);
    const choice = right.includes(name) ? quiz.correctIndex : (quiz.correctIndex + 1) % 4;
    bot.services.quizzes.answer({ quizId: quiz.id, nonce: quiz.nonce, community, member, choice });
  }
  await say(bot, "ana", "quiz close");
  return quiz.id;
}

function drillTwoCards(bot: TestBot, name: string): void {
  const learner = callerOf(bot, name);
  let view = bot.services.drills.start(learner, { count: 2 });
  for (let card = 0; card < 2; card++) {
    view = bot.services.drills.act(learner, drillButton(view, "show"));
    view = bot.services.drills.act(learner, rateButton(view, card === 0 ? "good" : "again"));
  }
}

/** "rank name" of each row of a leaderboard, the caller's own line included. */
const ranking = (view: View) =>
  view.blocks.flatMap((block) =>
    block.type === "ranking" ? block.rows.map((row) => `${row.rank} ${row.user.name}`) : [],
  );

function forgetNonce(view: View): string {
  const action = decodeAction(view.buttons.flat()[0]?.action ?? "");
  if (action?.kind !== "forget") throw new Error(`no forget button in ${viewText(view)}`);
  return action.nonce;
}

describe("me: personal settings", () => {
  const tempDir = useTempDir("studybot-me-");
  const bot = () => openTestBot(join(tempDir(), "studybot.db"), { decks: [smallDeck("capitals", 8)] });

  it("shows the community's defaults, then each setting as it was set", async () => {
    const b = bot();
    const before = await sayText(b, "ana", "me");
    expect(before).toContain("Time zone: UTC, the community's");
    expect(before).toContain("Reminder: off");
    expect(before).toContain("New cards per day: 10, the community's");
    expect(before).toContain("Reviews per day: no limit");
    expect(before).toContain("Leaderboards: listed");

    expect(await sayText(b, "ana", "me timezone Europe/Berlin")).toContain("now count in Europe/Berlin");
    expect(await sayText(b, "ana", "me remind 7:30 streak")).toContain("Every day at 07:30 (Europe/Berlin)");
    expect(await sayText(b, "ana", "me pause 7")).toContain("to 2026-11-08 (7 days, Europe/Berlin)");
    await say(b, "ana", "me new 3");
    await say(b, "ana", "me reviews 40");
    await say(b, "ana", "me hide");
    const after = await sayText(b, "ana", "me");
    expect(after).toContain("Time zone: Europe/Berlin · it is 2026-11-02 10:00 there");
    expect(after).toContain("Reminder: 07:30 every day, and when your streak is at risk");
    expect(after).toContain("Pause: 2026-11-02 to 2026-11-08");
    expect(after).toContain("New cards per day: 3");
    expect(after).toContain("Reviews per day: 40");
    expect(after).toContain("Leaderboards: hidden");
    const { member } = callerOf(b, "ana");
    expect(b.store.memberSettings.get(member.id)).toMatchObject({
      timeZone: "Europe/Berlin",
      remindAt: "07:30",
      remindStreak: true,
      newPerDay: 3,
      reviewsPerDay: 40,
      hidden: true,
    });

    await say(b, "ana", "me pause off");
    await say(b, "ana", "me remind off");
    await say(b, "ana", "me show");
    const back = await sayText(b, "ana", "me");
    expect(back).toContain("Pause: none");
    expect(back).toContain("Reminder: off");
    expect(back).toContain("Leaderboards: listed");
  });

  it("setting a reminder clears the reason studybot switched reminders off", async () => {
    const b = bot();
    const { member, community } = callerOf(b, "ana");
    b.store.memberSettings.update(member.id, community.id, { remindersOffReason: "closed_dms" }, b.clock.now());
    expect(await sayText(b, "ana", "me")).toContain("could not send you a direct message");
    await say(b, "ana", "me remind 19:00");
    expect(b.store.memberSettings.get(member.id)).toMatchObject({ remindAt: "19:00", remindStreak: false });
    expect(b.store.memberSettings.get(member.id).remindersOffReason).toBeUndefined();
  });

  it("refuses bad input with an example and changes nothing", async () => {
    const b = bot();
    await say(b, "ana", "me");
    const counts = rowCounts(b.store);
    const lines = {
      "me remind 25:00": "such as me remind 07:30",
      "me remind 7pm": "such as me remind 07:30",
      "me timezone Mars/Olympus": "such as Europe/Berlin",
      "me pause 91": "such as me pause 7",
      "me new 501": "such as me new 20",
      "me reviews -1": "such as me reviews 20",
    };
    for (const [line, example] of Object.entries(lines)) {
      const view = await say(b, "ana", line);
      expect(view.tone, line).toBe("error");
      expect(viewText(view), line).toContain(example);
    }
    expect(rowCounts(b.store)).toEqual(counts);
  });

  it("counts a member's study day in their own zone, not the community's", async () => {
    const b = bot();
    b.clock.set("2026-11-02T23:30:00Z"); // 08:30 on 3 November in Tokyo
    await say(b, "ana", "me timezone Asia/Tokyo");
    await quizAnsweredBy(b, ["ana", "bo"], ["ana", "bo"]);
    expect(b.store.stats.streak(callerOf(b, "ana").member.id).lastDay).toBe("2026-11-03");
    expect(b.store.stats.streak(callerOf(b, "bo").member.id).lastDay).toBe("2026-11-02");
    expect(runDoctor(b.store.db, { fix: false }).drift).toEqual([]);
  });

  it("limits new cards per the member's own day and count", async () => {
    const b = bot();
    b.clock.set("2026-11-02T23:30:00Z");
    await say(b, "ana", "me timezone Asia/Tokyo");
    await say(b, "ana", "me new 2");
    const first = b.services.drills.start(callerOf(b, "ana"), { count: 10 });
    expect(viewText(first)).toContain("card 1 of 2");
    drillTwoCards(b, "ana");
    // A new day in UTC, the community's zone, but still the same morning in Tokyo: the two cards seen
    // are due again, and no new card joins them (in UTC's new day two would).
    b.clock.set("2026-11-03T00:30:00Z");
    expect(viewText(b.services.drills.start(callerOf(b, "ana"), { count: 10 }))).toContain("card 1 of 2");
    await say(b, "ana", "me reviews 1");
    expect(viewText(b.services.drills.start(callerOf(b, "ana"), { count: 5 }))).toContain("card 1 of 1");
  });

  it("hidden members are not listed nor ranked above others, and still see their own rank", async () => {
    const b = bot();
    await quizAnsweredBy(b, ["ana", "bo", "cy"], ["ana", "bo"]);
    await say(b, "ana", "me hide");
    expect(ranking(await say(b, "bo", "leaderboard"))).toEqual(["1 bo", "2 cy"]);
    // Ana sees the others' board and, below it, her own place as if she were listed.
    expect(ranking(await say(b, "ana", "leaderboard"))).toEqual(["1 bo", "2 cy", "1 ana"]);
    const { community, member } = callerOf(b, "bo");
    const week = b.store.stats.topByPoints(community.id, "all", 10).map((row) => row.name);
    expect(week).toEqual(["bo", "cy"]);
    expect(b.store.stats.rankByPoints(community.id, "all", 0, member.id)).toEqual({ rank: 2, of: 2 });
    await say(b, "ana", "me show");
    expect(ranking(await say(b, "bo", "leaderboard"))).toEqual(["1 ana", "2 bo", "3 cy"]);
  });
});

describe("me export and me forget", () => {
  const tempDir = useTempDir("studybot-me-data-");
  const bot = () => openTestBot(join(tempDir(), "studybot.db"), { decks: [smallDeck("capitals", 8)] });

  async function studied(b: TestBot): Promise<number> {
    await say(b, "ana", "me timezone Europe/Paris");
    await say(b, "ana", "me pause 3");
    await say(b, "ana", "flag capitals france the back is wrong");
    const quizId = await quizAnsweredBy(b, ["ana", "bo", "cy"], ["ana", "bo"]);
    drillTwoCards(b, "ana");
    drillTwoCards(b, "bo");
    return quizId;
  }

  it("exports answers, reviews, card states, streak, settings and pauses as JSON", async () => {
    const b = bot();
    await studied(b);
    const reply = await handleCommand(b.services, actor("ana"), "me export");
    expect(reply.visibility).toBe("private");
    const [file] = reply.files ?? [];
    expect(file?.name).toBe("studybot-export-2026-11-02.json");
    expect(file?.contentType).toBe("application/json; charset=utf-8");
    const data = JSON.parse(new TextDecoder().decode(file?.bytes));
    expect(data).toMatchObject({
      format: EXPORT_FORMAT,
      version: 1,
      member: { id: "ana", name: "ana" },
      settings: { timeZone: "Europe/Paris", hidden: false },
      pauses: [{ firstDay: "2026-11-02", lastDay: "2026-11-04" }],
      streak: { current: 1, best: 1, lastDay: "2026-11-02" },
    });
    expect(data.answers).toEqual([expect.objectContaining({ correct: true, points: 15, deckId: "capitals" })]);
    // The quiz answer and the two drill ratings.
    expect(data.reviews.map((review: { source: string }) => review.source)).toEqual(["quiz", "drill", "drill"]);
    expect(data.cards.length).toBeGreaterThanOrEqual(2);
    expect(data.cards[0]).toMatchObject({ state: expect.any(String), due: expect.stringMatching(/^2026-/) });
    expect(data.cardReports).toEqual([
      { deckId: "capitals", cardId: "france", reason: "the back is wrong", flaggedAt: "2026-11-02T09:00:00.000Z" },
    ]);
  });

  it("asks first; a forged, foreign or stale confirmation deletes nothing", async () => {
    const b = bot();
    await studied(b);
    const asked = await say(b, "ana", "me forget");
    expect(asked.tone).toBe("warning");
    expect(viewText(asked)).toContain("1 quiz answers, 3 reviews");
    const nonce = forgetNonce(asked);
    const counts = rowCounts(b.store);

    expect((await say(b, "ana", "me forget WrongCode1")).tone).toBe("error");
    // Bo clicks a copy of Ana's button: his own request does not exist, so nothing happens to either.
    expect(forgetClick(b.services, actor("bo"), { kind: "forget", nonce }).view.tone).toBe("error");
    b.clock.advance(11 * 60_000);
    expect(viewText(await say(b, "ana", `me forget ${nonce}`))).toContain("expired");
    expect(rowCounts(b.store)).toEqual(counts);
  });

  it("deletes every row of the member, keeps the others' numbers right, and answers a second click", async () => {
    const b = bot();
    const quizId = await studied(b);
    const { member: ana, community } = callerOf(b, "ana");
    const bo = callerOf(b, "bo").member;
    expect(b.store.quizzes.get(quizId)?.firstCorrectUserId).toBe(ana.id);
    const nonce = forgetNonce(await say(b, "ana", "me forget"));

    const done = forgetClick(b.services, actor("ana"), { kind: "forget", nonce });
    expect(done.view.title).toBe("Your data is deleted");
    expect(remainingMemberRows(b.store.db, ana.id)).toEqual({});
    expect(runDoctor(b.store.db, { fix: false })).toMatchObject({ integrity: [], foreignKeys: [], drift: [] });
    expect(b.store.quizzes.get(quizId)).toMatchObject({ answered: 2, correct: 1, firstCorrectUserId: bo.id });
    expect(b.store.stats.rankByPoints(community.id, "all", 0, bo.id).of).toBe(2);
    expect(viewText(await say(b, "bo", "leaderboard all"))).not.toContain("ana");

    const counts = rowCounts(b.store);
    expect(forgetClick(b.services, actor("ana"), { kind: "forget", nonce }).view.title).toBe("Nothing to delete");
    expect(rowCounts(b.store)).toEqual(counts);
  });

  it("a member who comes back after forget starts afresh", async () => {
    const b = bot();
    await studied(b);
    const nonce = forgetNonce(await say(b, "ana", "me forget"));
    await say(b, "ana", `me forget ${nonce}`);
    const again = enrolActor(b.services, actor("ana"));
    expect(b.store.stats.streak(again.member.id)).toMatchObject({ current: 0, best: 0, lastDay: null });
    expect(b.store.memberSettings.get(again.member.id).timeZone).toBeUndefined();
  });
});
