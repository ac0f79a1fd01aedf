import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Block } from "../../src/core/views.js";
import { enrolActor, handleCommand } from "../../src/services/commandRouter.js";
import { actor, openTestBot, type TestBot } from "../kit/fakes.js";
import { useTempDir } from "../kit/tempDir.js";

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
}

function ranking(blocks: Block[]) {
  const block = blocks.find((b) => b.type === "ranking");
  if (block?.type !== "ranking") throw new Error("no ranking");
  return block;
}

describe("leaderboards and stats", () => {
  const tempDir = useTempDir();

  it("orders by points with shared ranks for ties and shows the caller outside the top 10", async () => {
    const bot = openTestBot(join(tempDir(), "bot.db"));
    const users = Array.from({ length: 12 }, (_, i) => `u${String(i + 1).padStart(2, "0")}`);
    await quizAnsweredBy(
      bot,
      users.map((u, i) => [u, i < 11]),
    );

    const reply = await handleCommand(bot.services, actor("u12"), "leaderboard week points");
    expect(reply.visibility).toBe("public");
    const board = ranking(reply.view.blocks);
    expect(board.rows.map((r) => [r.rank, r.user.name, r.value])).toEqual([
      [1, "u01", "15 pts"],
      [2, "u02", "14 pts"],
      [3, "u03", "13 pts"],
      [4, "u04", "12 pts"],
      [5, "u05", "11 pts"],
      [6, "u06", "10 pts"],
      [6, "u07", "10 pts"],
      [6, "u08", "10 pts"],
      [6, "u09", "10 pts"],
      [6, "u10", "10 pts"],
      [12, "u12", "0 pts"],
    ]);
    expect(board.gapBeforeLast).toBe(true);
    expect(board.rows.at(-1)?.isCaller).toBe(true);
    expect(reply.view.footer).toBe("You are #12 of 12");

    const tied = await handleCommand(bot.services, actor("u11"), "leaderboard");
    expect(tied.view.footer).toBe("You are #6 of 12");
  });

  it("separates this week, this month and all time in the community's time zone", async () => {
    // Monday 2026-11-02 00:30 in Berlin is still Sunday 2026-11-01 in UTC: the week starts in Berlin time.
    const bot = openTestBot(join(tempDir(), "bot.db"), { start: "2026-10-31T12:00:00Z", timeZone: "Europe/Berlin" });
    await quizAnsweredBy(bot, [["ana", true]]); // Saturday, October
    bot.clock.set("2026-11-01T23:30:00Z"); // Monday 00:30 in Berlin, November
    await quizAnsweredBy(bot, [["ben", true]]);

    const week = ranking((await handleCommand(bot.services, actor("ana"), "leaderboard week")).view.blocks);
    expect(week.rows.map((r) => r.user.name)).toEqual(["ben"]);
    const month = ranking((await handleCommand(bot.services, actor("ana"), "leaderboard month")).view.blocks);
    expect(month.rows.map((r) => r.user.name)).toEqual(["ben"]);
    const all = ranking((await handleCommand(bot.services, actor("ana"), "leaderboard all")).view.blocks);
    expect(all.rows.map((r) => r.user.name).sort()).toEqual(["ana", "ben"]);
  });

  it("ranks accuracy only with enough answers, and live day streaks", async () => {
    const bot = openTestBot(join(tempDir(), "bot.db"), { timeZone: "America/New_York" });
    for (let day = 0; day < 3; day++) {
      await quizAnsweredBy(bot, [
        ["ana", true],
        ["ben", day !== 1],
        ["cy", day === 0],
      ]);
      bot.clock.advance(24 * 3600_000);
    }
    await quizAnsweredBy(bot, [["dee", true]]);
    const acc = ranking((await handleCommand(bot.services, actor("dee"), "leaderboard week accuracy")).view.blocks);
    expect(acc.rows.map((r) => [r.rank, r.user.name, r.value])).toEqual([
      [1, "ana", "100%"],
      [2, "ben", "67%"],
      [3, "cy", "33%"],
    ]);
    const streak = ranking((await handleCommand(bot.services, actor("dee"), "leaderboard week streak")).view.blocks);
    expect(streak.rows.map((r) => [r.rank, r.user.name, r.value])).toEqual([
      [1, "ana", "3d"],
      [1, "ben", "3d"],
      [1, "cy", "3d"],
      [4, "dee", "1d"],
    ]);
    bot.clock.advance(2 * 24 * 3600_000);
    const later = await handleCommand(bot.services, actor("dee"), "leaderboard all streak");
    expect(later.view.blocks.some((b) => b.type === "ranking")).toBe(false);
  });

  it("shows a member's stats, and another member's by mention or name", async () => {
    const bot = openTestBot(join(tempDir(), "bot.db"));
    await quizAnsweredBy(bot, [
      ["ana", true],
      ["ben", false],
    ]);
    const own = await handleCommand(bot.services, actor("ana"), "stats");
    expect(own.view.title).toBe("Stats · ana");
    const fields = own.view.blocks.find((b) => b.type === "fields");
    const text = JSON.stringify(fields);
    expect(text).toContain("15 pts · 1/1 right · 100%");
    expect(text).toContain("1 day (best 1)");
    expect(text).toContain("#1 of 2");
    expect((await handleCommand(bot.services, actor("ana"), "stats <@ben>")).view.title).toBe("Stats · ben");
    expect((await handleCommand(bot.services, actor("ana"), "stats ben")).view.title).toBe("Stats · ben");
    expect((await handleCommand(bot.services, actor("ana"), "stats nobody")).view.tone).toBe("error");
  });

  it("refuses admin commands to members and explains", async () => {
    const bot = openTestBot(join(tempDir(), "bot.db"));
    const reply = await handleCommand(
      bot.services,
      actor("ana", { isAdmin: false }),
      "settings timezone Europe/Berlin",
    );
    expect(reply.view.tone).toBe("error");
    expect(JSON.stringify(reply.view)).toContain("Only admins");
    const ok = await handleCommand(bot.services, actor("ana", { isAdmin: true }), "settings timezone Europe/Berlin");
    expect(ok.view.tone).toBe("success");
    expect(enrolActor(bot.services, actor("ana")).community.timeZone).toBe("Europe/Berlin");
  });
});
