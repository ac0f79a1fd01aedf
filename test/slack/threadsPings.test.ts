import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../kit/eventually.js";
import { useTempDir } from "../kit/tempDir.js";
import {
  expectAllMessagesWithinLimits,
  PEOPLE,
  postQuiz,
  QUIZ_CHANNEL,
  replyTo,
  type SlackTestBot,
  shownText,
  startSlackBot,
} from "./harness.js";

const STUDENTS = { id: "S0STUDENTS", handle: "students", name: "Students" };
const GROUP_MENTION = /<!subteam\^|<!here|<!channel|<!everyone/;

describe("Slack: quiz threads and user group pings", () => {
  const tempDir = useTempDir("studybot-slack-threads-");
  let t: SlackTestBot | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const command = async (line: string) => {
    if (!t) throw new Error("no bot");
    const delivery = await t.fake.sendCommand(PEOPLE.admin.id, QUIZ_CHANNEL, line);
    return shownText((await replyTo(t.fake, delivery.responseUrl)).args);
  };

  it("quiz now thread: the quiz is updated at close and its results are replied in its thread", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake } = t;
    const { quiz, ts, posted, reply } = await postQuiz(t, "quiz now thread");
    expect(shownText(reply.args)).toContain("Its discussion thread is open");
    expect(t.bot.store.quizzes.get(quiz.id)?.threadId).toBe(ts);
    expect(posted.args.thread_ts).toBeUndefined();

    await fake.sendCommand(PEOPLE.admin.id, QUIZ_CHANNEL, "quiz close");
    const update = await fake.waitForCall("chat.update");
    expect(update.args.ts).toBe(ts);
    const [results] = await eventually(() => {
      const replies = fake.repliesTo(QUIZ_CHANNEL, ts);
      return replies.length > 0 ? replies : undefined;
    }, "the results in the quiz's thread");
    expect(shownText({ blocks: results?.blocks })).toContain(`Quiz #${quiz.id} · closed`);
    expect(fake.messagesIn(QUIZ_CHANNEL)).toHaveLength(1);
    // Ordinary posts mention nobody.
    for (const call of fake.callsTo("chat.postMessage")) {
      expect(JSON.stringify(call.args)).not.toMatch(GROUP_MENTION);
    }
    expectAllMessagesWithinLimits(fake);
  });

  it("schedule add … ping checks the user group, and its posts after a restart mention that group alone", async () => {
    const dir = tempDir();
    t = await startSlackBot(dir, "http");
    t.fake.api.userGroups.push(STUDENTS);
    const added = await command(`schedule add 0 9 * * 1-5 thread ping <!subteam^${STUDENTS.id}|@students>`);
    expect(added).toContain("Schedule #1 added");
    expect(added).toContain("thread · pings @students");
    expect(t.fake.callsTo("usergroups.list")).toHaveLength(1);
    expect(await command("schedule list")).toContain("thread · pings @students");
    await t.close();

    t = await startSlackBot(dir, "http");
    const { fake, bot } = t;
    bot.clock.set("2026-11-03T09:00:10Z");
    expect(await bot.services.schedules.runDue(1, 30)).toBe("posted");
    const [post] = fake.callsTo("chat.postMessage");
    expect(String(post?.args.text)).toMatch(new RegExp(`^<!subteam\\^${STUDENTS.id}> `));
    expect((post?.args.blocks as { text?: { text?: string } }[] | undefined)?.[1]?.text?.text).toBe(
      `<!subteam^${STUDENTS.id}>`,
    );
    const mentions = JSON.stringify(post?.args).match(/<![a-z]+[^>]*>/g);
    expect(mentions).toEqual([`<!subteam^${STUDENTS.id}>`, `<!subteam^${STUDENTS.id}>`]);

    // The next post closes it: the results go to the first quiz's thread, mentioning nobody.
    const first = String(post?.args && fake.messagesIn(QUIZ_CHANNEL)[0]?.ts);
    bot.clock.set("2026-11-04T09:00:10Z");
    expect(await bot.services.schedules.runDue(1, 30)).toBe("posted");
    const [results] = await eventually(() => {
      const replies = fake.repliesTo(QUIZ_CHANNEL, first);
      return replies.length > 0 ? replies : undefined;
    }, "the results in the first quiz's thread");
    expect(JSON.stringify(results)).not.toMatch(GROUP_MENTION);
    for (const call of fake.callsTo("chat.update")) expect(JSON.stringify(call.args)).not.toMatch(GROUP_MENTION);
    expectAllMessagesWithinLimits(fake);
  });

  it("refuses an unknown user group, @here and a person, with an example", async () => {
    t = await startSlackBot(tempDir(), "http");
    t.fake.api.userGroups.push(STUDENTS, { id: "S0OLD", handle: "old-class", name: "Old class", disabled: true });
    const unknown = await command("schedule add 0 9 * * 1-5 ping @teachers");
    expect(unknown).toContain('This workspace has no user group "@teachers"');
    // The renderer shows the cron's stars literally (Slack would read them as bold).
    expect(unknown).toMatch(/such as schedule add 0 9 .* 1-5 ping @students/);
    expect(await command("schedule add 0 9 * * 1-5 ping @old-class")).toContain("no user group");
    expect(await command("schedule add 0 9 * * 1-5 ping <!here>")).toContain(
      "never pings everyone, here or the whole channel",
    );
    expect(await command(`schedule add 0 9 * * 1-5 ping <@${PEOPLE.ana.id}>`)).toContain("is a person");
    expect(t.bot.store.schedules.all()).toHaveLength(0);
  });
});
