import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../../kit/eventually.js";
import type { RecordedCall } from "../../slack/fakeSlack.js";
import {
  answerButton,
  PEOPLE,
  postQuiz,
  QUIZ_CHANNEL,
  type SlackTestBot,
  shownText,
  slackCommunity,
  startSlackBot,
} from "../../slack/harness.js";
import { useTempDir } from "../../kit/tempDir.js";
import { holdWriteLock, type LockHolder } from "./lockHolder.js";

const NOT_RECORDED = "not recorded";

describe("faults: Slack while another process holds the database's write lock", () => {
  const tempDir = useTempDir("studybot-faults-");
  let t: SlackTestBot | undefined;
  let lock: LockHolder | undefined;
  afterEach(async () => {
    await lock?.release();
    await t?.close();
    lock = undefined;
    t = undefined;
  });

  it("answers every acknowledged click and rating once: stored, or 'not recorded'; all work after release", async () => {
    const dir = tempDir();
    t = await startSlackBot(dir, "http");
    const { fake, bot } = t;
    const { quiz, ts } = await postQuiz(t);
    const memberOf = (id: string) => bot.store.users.findByExternalId(slackCommunity(bot).id, id);
    const replyTo = (url: string) =>
      eventually(() => fake.callsTo("response_url").find((call) => call.args.url === url), `a reply to ${url}`);
    const privateTo = (user: string) => fake.callsTo("chat.postEphemeral").filter((call) => call.args.user === user);
    const showAnswer = async (drill: RecordedCall) =>
      replyTo((await fake.clickEphemeralButton(drill, QUIZ_CHANNEL, PEOPLE.ana.id, "Show answer")).responseUrl);
    const rateGood = (answer: RecordedCall) =>
      fake.clickEphemeralButton(answer, QUIZ_CHANNEL, PEOPLE.ana.id, (b) => b.text.startsWith("Good"));

    const drill = await replyTo((await fake.sendCommand(PEOPLE.ana.id, QUIZ_CHANNEL, "drill")).responseUrl);
    const answer = await showAnswer(drill);
    // Past its busy timeout the store gives up; 5 s in production, short here.
    bot.store.db.pragma("busy_timeout = 50");
    lock = await holdWriteLock(join(dir, "studybot.db"));

    const clickers = [PEOPLE.ben.id, PEOPLE.cy.id, PEOPLE.ana.id];
    const clicks = await Promise.all(
      clickers.map((user) => fake.click(user, { channel: QUIZ_CHANNEL, ts }, answerButton(quiz.correctIndex))),
    );
    const rating = await rateGood(answer);
    expect([...clicks, rating].map((delivery) => delivery.status)).toEqual([200, 200, 200, 200]);
    // One private reply per acknowledged event: an answer's in the channel, the rating's to its drill message.
    const repliesUnderLock = { [PEOPLE.ben.id]: 1, [PEOPLE.cy.id]: 1, [PEOPLE.ana.id]: 1 };
    for (const [user, count] of Object.entries(repliesUnderLock)) {
      const replies = await eventually(() => privateTo(user)[count - 1] && privateTo(user), `replies to ${user}`);
      for (const reply of replies) expect(shownText(reply.args)).toContain(NOT_RECORDED);
    }
    expect(shownText((await replyTo(rating.responseUrl)).args)).toContain(NOT_RECORDED);

    await lock.release();
    expect(bot.store.answers.forQuiz(quiz.id)).toHaveLength(0);
    const ana = memberOf(PEOPLE.ana.id);
    if (!ana) throw new Error("Ana has no member row");
    expect(bot.store.drills.memoriesOf(ana.id)).toHaveLength(0);
    // Never double: nothing more was said about the events under the lock.
    for (const [user, count] of Object.entries(repliesUnderLock)) expect(privateTo(user)).toHaveLength(count);
    expect(fake.callsTo("response_url").filter((call) => call.args.url === rating.responseUrl)).toHaveLength(1);

    for (const [user, count] of Object.entries(repliesUnderLock)) {
      await fake.click(user, { channel: QUIZ_CHANNEL, ts }, answerButton(quiz.correctIndex));
      const reply = await eventually(() => privateTo(user)[count], `the next private reply to ${user}`);
      expect(shownText(reply.args)).toContain("Right!");
    }
    expect(bot.store.answers.forQuiz(quiz.id)).toHaveLength(clickers.length);
    const rated = await replyTo((await rateGood(answer)).responseUrl);
    expect(shownText(rated.args)).toContain("rated Good");
    expect(bot.store.drills.memoriesOf(ana.id)).toHaveLength(1);
  });
});
