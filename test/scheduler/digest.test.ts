import { describe, expect, it, vi } from "vitest";
import { enrolActor, handleCommand } from "../../src/services/commandRouter.js";
import { actor, type TestBot } from "../kit/fakes.js";
import { viewText } from "../kit/viewText.js";
import { renderText } from "../../src/platforms/console/render.js";
import { admin, HOUR, run, stopBot, useSchedulerBots } from "./helpers.js";

function digestFires(bot: TestBot) {
  return bot.store.db
    .prepare<[], { digest_id: number; fire_time: number; outcome: string | null }>(
      "SELECT * FROM digest_fires ORDER BY fire_time, digest_id",
    )
    .all()
    .map((row) => ({ digestId: row.digest_id, fireTime: new Date(row.fire_time).toISOString(), outcome: row.outcome }));
}

const digestPosts = (bot: TestBot) => bot.messenger.posts.filter((post) => post.view.title.startsWith("Class digest"));

async function addDigest(bot: TestBot, line: string): Promise<number> {
  const reply = await run(bot, line);
  expect(reply.tone, viewText(reply)).toBe("success");
  return Number(/#(\d+)/.exec(reply.title)?.[1]);
}

/** A quiz answered by each member, right or wrong as given. */
async function quizAnswered(bot: TestBot, answers: [user: string, right: boolean][]) {
  const { community } = enrolActor(bot.services, admin());
  const quiz = await bot.services.quizzes.post({ community, channelId: "quiz-channel", windowMinutes: 10 });
  for (const [user, right] of answers) {
    const { member } = enrolActor(bot.services, actor(user, { userName: user }));
    const choice = right ? quiz.correctIndex : (quiz.correctIndex + 1) % quiz.options.length;
    bot.services.quizzes.answer({ quizId: quiz.id, community, member, choice });
  }
  await bot.services.quizzes.close(quiz);
}

describe("digests", () => {
  const bots = useSchedulerBots();

  it("posts the week's board, hardest card and streaks in the channel where it was added, at its fire time", async () => {
    vi.setSystemTime(new Date("2026-11-02T07:00:00Z"));
    const bot = bots.open();
    const id = await addDigest(bot, "digest add 0 17 * * 5 Europe/Berlin");
    const { community, member } = enrolActor(bot.services, actor("shy", { userName: "Shy" }));
    bot.store.memberSettings.update(member.id, community.id, { hidden: true }, bot.clock.now());
    await quizAnswered(bot, [
      ["ana", true],
      ["shy", true],
      ["ben", false],
    ]);
    await bot.scheduler.start();

    await vi.advanceTimersByTimeAsync(new Date("2026-11-06T16:00:00Z").getTime() - Date.now());
    expect(digestPosts(bot)).toHaveLength(1);
    expect(digestFires(bot)).toEqual([{ digestId: id, fireTime: "2026-11-06T16:00:00.000Z", outcome: "posted" }]);
    const [post] = digestPosts(bot);
    expect(post?.channelId).toBe("quiz-channel");
    const shown = renderText(post?.view ?? { title: "", tone: "info", blocks: [], buttons: [] });
    expect(shown).toContain("3 members gave 3 answers: 67% right.");
    expect(shown).toMatch(/1\. ana — 15 pts/);
    expect(shown).not.toContain("Shy");
    expect(shown).toContain("Hard card 1:");
    expect(shown).toContain("Cards mastered: 0");
  });

  it("refuses a cron more often than hourly, an 11th digest and a digest of another community", async () => {
    vi.setSystemTime(new Date("2026-11-02T07:00:00Z"));
    const bot = bots.open();
    const often = await run(bot, "digest add */30 * * * *");
    expect(often.tone).toBe("error");
    expect(viewText(often)).toContain('"*/30 * * * *" would post more than once an hour');
    expect(viewText(often)).toContain("Example: digest add 0 17 * * 5");
    for (let hour = 0; hour < 10; hour++) await addDigest(bot, `digest add 0 ${hour} * * 5`);
    const eleventh = await run(bot, "digest add 0 12 * * 5");
    expect(viewText(eleventh)).toContain("This community already has 10 digests, the most it may have (10).");
    const elsewhere = (
      await handleCommand(bot.services, actor("admin", { isAdmin: true, communityId: "guild-2" }), "digest remove 1")
    ).view;
    expect(viewText(elsewhere)).toContain("There is no digest #1 here.");
    expect(viewText(await run(bot, "digest list"))).toContain("#10 · this channel");
    expect((await run(bot, "digest remove 10")).tone).toBe("success");
    expect(viewText(await run(bot, "digest list"))).not.toContain("#10");
  });

  it("posts each fire time once across restarts and with two schedulers on one file, catching up within the grace", async () => {
    vi.setSystemTime(new Date("2026-11-02T06:00:00Z"));
    const a = bots.open();
    const b = bots.open(bots.file());
    const id = await addDigest(a, "digest add 0 * * * * UTC");
    await Promise.all([a.scheduler.start(), b.scheduler.start()]);
    await vi.advanceTimersByTimeAsync(3 * HOUR);
    expect([...digestPosts(a), ...digestPosts(b)]).toHaveLength(3);
    await stopBot(a);
    await stopBot(b);

    // Down at 10:00: back at 10:20, that fire time is owed once, late, whichever process claims it.
    vi.setSystemTime(new Date("2026-11-02T10:20:00Z"));
    const c = bots.open(bots.file());
    const d = bots.open(bots.file());
    await Promise.all([c.scheduler.start(), d.scheduler.start()]);
    expect([...digestPosts(c), ...digestPosts(d)]).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(HOUR);
    expect([...digestPosts(c), ...digestPosts(d)]).toHaveLength(2);
    await stopBot(c);
    await stopBot(d);

    // Down for a day: the latest fire time is beyond the grace, so it is skipped, never posted.
    vi.setSystemTime(new Date("2026-11-03T10:45:00Z"));
    const e = bots.open(bots.file());
    await e.scheduler.start();
    expect(digestPosts(e)).toHaveLength(0);
    expect(digestFires(e).map((row) => `${row.digestId} ${row.fireTime.slice(5, 16)} ${row.outcome}`)).toEqual([
      `${id} 11-02T07:00 posted`,
      `${id} 11-02T08:00 posted`,
      `${id} 11-02T09:00 posted`,
      `${id} 11-02T10:00 posted`,
      `${id} 11-02T11:00 posted`,
      `${id} 11-03T10:00 skipped`,
    ]);
  });
});
