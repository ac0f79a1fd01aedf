import { join } from "node:path";
import Database from "better-sqlite3";
import { eventually } from "../kit/eventually.js";
import { afterEach, describe, expect, it } from "vitest";
import { rowCounts } from "../kit/rowCounts.js";
import { useTempDir } from "../kit/tempDir.js";
import type { RecordedCall } from "./fakeSlack.js";
import {
  ephemeralFor,
  PEOPLE,
  postQuiz,
  QUIZ_CHANNEL,
  type SlackTestBot,
  shownText,
  slackCommunity,
  startSlackBot,
} from "./harness.js";

/**
 * Every input Slack has acknowledged is either done or answered privately and
 * honestly: "not recorded" when its one transaction failed (here: another
 * process holds the database past the bot's busy timeout), "may have been
 * applied" with where to check when its work was done and only the reply failed.
 */
describe("Slack: when things go wrong, the person hears it privately", () => {
  const tempDir = useTempDir("studybot-slack-");
  let t: SlackTestBot | undefined;
  let dir = "";
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const start = async () => {
    dir = tempDir();
    t = await startSlackBot(dir, "http");
    return t;
  };

  /** Runs `during` while a second connection holds the write lock; the bot gives up after 50 ms, not 5 s. */
  const whileLocked = async <T>(during: () => Promise<T>): Promise<T> => {
    t?.bot.store.db.pragma("busy_timeout = 50");
    const locker = new Database(join(dir, "studybot.db"));
    try {
      locker.exec("BEGIN IMMEDIATE");
      return await during();
    } finally {
      locker.exec("ROLLBACK");
      locker.close();
    }
  };

  /** The n-th (1-based) message sent to a response URL. */
  const replyTo = (responseUrl: string, nth = 1) =>
    eventually(
      () => t?.fake.callsTo("response_url").filter((call) => call.args.url === responseUrl)[nth - 1],
      `reply #${nth} to ${responseUrl}`,
    ) as Promise<RecordedCall>;

  const anasMemories = () => {
    const bot = t?.bot;
    const member = bot?.store.users.findByExternalId(slackCommunity(bot).id, PEOPLE.ana.id);
    if (!bot || !member) throw new Error("Ana is not a member");
    return bot.store.drills.memoriesOf(member.id);
  };

  it("a drill rating clicked during a lock is 'not recorded' and keeps the card; clicked again it counts", async () => {
    const { fake } = await start();
    const { responseUrl } = await fake.sendCommand(PEOPLE.ana.id, QUIZ_CHANNEL, "drill");
    const card = await replyTo(responseUrl);
    const show = await fake.clickEphemeralButton(card, QUIZ_CHANNEL, PEOPLE.ana.id, "Show answer");
    const answer = await replyTo(show.responseUrl);
    const good = (b: { text: string }) => b.text.startsWith("Good");

    const locked = await whileLocked(async () => {
      const click = await fake.clickEphemeralButton(answer, QUIZ_CHANNEL, PEOPLE.ana.id, good);
      expect(click.status).toBe(200);
      return replyTo(click.responseUrl);
    });
    expect(shownText(locked.args)).toContain("not recorded");
    // A new private message: the drill message stays, so its buttons can be clicked again.
    expect(locked.args).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(anasMemories()).toHaveLength(0);

    const again = await fake.clickEphemeralButton(answer, QUIZ_CHANNEL, PEOPLE.ana.id, good);
    expect(shownText((await replyTo(again.responseUrl)).args)).toContain("rated Good");
    expect(anasMemories()).toHaveLength(1);
  });

  it("a typed drill answer submitted during a lock is 'not recorded'; submitted again it counts", async () => {
    const { fake } = await start();
    const { responseUrl } = await fake.sendCommand(PEOPLE.ana.id, QUIZ_CHANNEL, "drill type");
    const card = await replyTo(responseUrl);
    const typeClick = await fake.clickEphemeralButton(card, QUIZ_CHANNEL, PEOPLE.ana.id, "Type the term");
    const opened = await fake.waitForCall("views.open");
    const typed = { typed: { term: "not the term, whatever it is" } };

    const locked = await whileLocked(async () => {
      expect((await fake.submitModal(opened, PEOPLE.ana.id, typed)).status).toBe(200);
      return replyTo(typeClick.responseUrl);
    });
    expect(shownText(locked.args)).toContain("not recorded");
    expect(locked.args).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(anasMemories()).toHaveLength(0);

    await fake.submitModal(opened, PEOPLE.ana.id, typed);
    const verdict = await replyTo(typeClick.responseUrl, 2);
    expect(verdict.args.replace_original).toBe(true);
    expect(shownText(verdict.args)).toContain("✘");
    expect(anasMemories()).toHaveLength(1);
  });

  it("a /study command whose reply fails after its work is done says it may have been applied", async () => {
    const { fake, bot } = await start();
    // The quiz is posted, then the private reply to the command fails (its response URL refused it).
    fake.failNext("response_url", "expired_url");
    const { responseUrl } = await fake.sendCommand(PEOPLE.admin.id, QUIZ_CHANNEL, "quiz now");
    await fake.waitForCall("chat.postMessage");
    const apology = await replyTo(responseUrl, 2);
    expect(shownText(apology.args)).toContain("may have been applied");
    expect(shownText(apology.args)).toContain("the channel");
    expect(shownText(apology.args)).not.toContain("not recorded");
    expect(bot.store.quizzes.findOpenInChannel(slackCommunity(bot).id, QUIZ_CHANNEL)).toBeDefined();
  });

  it("a deck import form submitted during a lock says where to check, then imports when sent again", async () => {
    const { fake, bot } = await start();
    await fake.sendCommand(PEOPLE.admin.id, QUIZ_CHANNEL, "deck import");
    const opened = await fake.waitForCall("views.open");
    const form = { title: { title: "Spanish 1" }, cards: { cards: "perro,dog\ngato,cat\n" } };

    const locked = await whileLocked(async () => {
      expect((await fake.submitModal(opened, PEOPLE.admin.id, form)).status).toBe(200);
      return ephemeralFor(fake, PEOPLE.admin.id);
    });
    // A command that fails is 'may have been applied' (the router cannot tell how far it got), with where to look.
    expect(shownText(locked.args)).toContain("may have been applied");
    expect(shownText(locked.args)).toContain("deck list");

    await fake.submitModal(opened, PEOPLE.admin.id, form);
    expect(shownText((await ephemeralFor(fake, PEOPLE.admin.id, 2)).args)).toContain("Deck added · spanish-1");
    expect(bot.services.decksFor(slackCommunity(bot)).has("spanish-1")).toBe(true);
  });

  it("a reaction answer during a lock gets a private 'not recorded' in the channel; reacting again counts", async () => {
    const { fake, bot } = await start();
    const { quiz, ts } = await postQuiz(t as SlackTestBot, "quiz now reactions");
    const at = { channel: QUIZ_CHANNEL, ts };
    const before = rowCounts(bot.store);

    const reply = await whileLocked(async () => {
      await fake.react(PEOPLE.ben.id, at, "regional_indicator_a");
      return ephemeralFor(fake, PEOPLE.ben.id);
    });
    expect(reply.args).toMatchObject({ channel: QUIZ_CHANNEL, user: PEOPLE.ben.id });
    expect(shownText(reply.args)).toContain("not recorded");
    expect(rowCounts(bot.store)).toEqual(before);

    await fake.react(PEOPLE.ben.id, at, "regional_indicator_b");
    expect(shownText((await ephemeralFor(fake, PEOPLE.ben.id, 2)).args)).not.toContain("not recorded");
    expect(bot.store.answers.forQuiz(quiz.id)).toHaveLength(1);
  });
});
