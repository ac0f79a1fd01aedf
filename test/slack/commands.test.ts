import { directChannelOf } from "./fake/webApi.js";
import { afterEach, describe, expect, it } from "vitest";
import { STATS_CARD_WIDTH, statsCardHeight } from "../../src/core/pictures/statsCard.js";
import { useTempDir } from "../kit/tempDir.js";
import { pngSize } from "../pictures/snapshots.js";
import {
  answerButton,
  ephemeralFor,
  expectAllMessagesWithinLimits,
  PEOPLE,
  postQuiz,
  QUIZ_CHANNEL,
  type SlackTestBot,
  shownText,
  slackCommunity,
  startSlackBot,
  replyTo,
} from "./harness.js";

describe("Slack: /study and admin rights", () => {
  const tempDir = useTempDir("studybot-slack-");
  let t: SlackTestBot | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("answers /study alone with the help and buttons that run common commands", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake } = t;
    const { status, body, responseUrl } = await fake.sendCommand(PEOPLE.ana.id, QUIZ_CHANNEL, "");
    expect([status, body]).toEqual([200, ""]);
    const help = await fake.waitForCall("response_url");
    expect(help.args).toMatchObject({ url: responseUrl, response_type: "ephemeral", replace_original: false });
    const shown = shownText(help.args);
    expect(shown).toContain("/study quiz now");
    expect(shown).toContain("leaderboard");
    expect(shown).toMatch(/Drill[\s\S]*Quiz now[\s\S]*Leaderboard[\s\S]*My stats[\s\S]*Decks/);

    const click = await fake.clickEphemeralButton(help, QUIZ_CHANNEL, PEOPLE.ana.id, "My stats");
    const stats = await replyTo(fake, click.responseUrl);
    expect(stats.args.response_type).toBe("ephemeral");
    expect(shownText(stats.args)).toContain("Stats · Ana");
    expectAllMessagesWithinLimits(fake);
  });

  it("finds a person named by an escaped mention, as Slack sends `/study stats @ana`", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake } = t;
    await fake.sendCommand(PEOPLE.ana.id, QUIZ_CHANNEL, "help");
    await fake.waitForCall("response_url");
    await fake.sendCommand(PEOPLE.ben.id, QUIZ_CHANNEL, `stats <@${PEOPLE.ana.id}|ana>`);
    const reply = await fake.waitForCall("response_url", 2);
    expect(reply.args.response_type).toBe("ephemeral");
    expect(shownText(reply.args)).toContain("Stats · Ana");
  });

  it("sends the stats card PNG to the asker's direct messages and says so in the private reply", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake } = t;
    await fake.sendCommand(PEOPLE.ana.id, QUIZ_CHANNEL, "stats");
    const reply = await fake.waitForCall("response_url");
    expect(reply.args.response_type).toBe("ephemeral");
    const shown = shownText(reply.args);
    expect(shown).toContain("Stats · Ana");
    expect(shown).toContain("Study calendar, last 26 weeks: 0 study days");
    expect(shown).toContain("Sent to you in a direct message from studybot: stats.png");
    const [card] = fake.filesIn(directChannelOf(PEOPLE.ana.id));
    expect(card?.filename).toBe("stats.png");
    expect(pngSize(card?.bytes ?? new Uint8Array())).toEqual({ width: STATS_CARD_WIDTH, height: statsCardHeight(0) });
    // Slack takes files up to 1 GB; a card is tens of kilobytes.
    expect(card?.bytes?.byteLength).toBeLessThan(1024 * 1024);
    expect(fake.filesIn(QUIZ_CHANNEL)).toEqual([]);
    expectAllMessagesWithinLimits(fake);
  });

  it("explains a mistyped command privately", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake } = t;
    await fake.sendCommand(PEOPLE.ana.id, QUIZ_CHANNEL, "leaderbord");
    const reply = await fake.waitForCall("response_url");
    expect(reply.args.response_type).toBe("ephemeral");
    expect(shownText(reply.args)).toContain("leaderboard");
    expect(fake.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("lets workspace admins, owners and SLACK_ADMIN_USERS run admin commands, and nobody else", async () => {
    t = await startSlackBot(tempDir(), "http", { adminUsers: [PEOPLE.cy.id] });
    const { fake, bot } = t;
    const settings = async (user: string, zone: string) => {
      const { responseUrl } = await fake.sendCommand(user, QUIZ_CHANNEL, `settings timezone ${zone}`);
      const reply = await replyTo(fake, responseUrl);
      return shownText(reply.args);
    };
    expect(await settings(PEOPLE.ana.id, "Europe/Paris")).toContain("Only admins can do that.");
    expect(await settings(PEOPLE.ana.id, "Europe/Paris")).toContain("SLACK_ADMIN_USERS");
    expect(slackCommunity(bot).timeZone).toBe("UTC");
    await settings(PEOPLE.admin.id, "Europe/Berlin");
    expect(slackCommunity(bot).timeZone).toBe("Europe/Berlin");
    await settings(PEOPLE.owner.id, "Asia/Tokyo");
    expect(slackCommunity(bot).timeZone).toBe("Asia/Tokyo");
    await settings(PEOPLE.cy.id, "America/Lima");
    expect(slackCommunity(bot).timeZone).toBe("America/Lima");
    // users.info is asked once per person while its answer is fresh.
    expect(fake.callsTo("users.info").filter((call) => call.args.user === PEOPLE.ana.id)).toHaveLength(1);
  });

  it("still answers when users.info fails, with the payload's name and no admin rights", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    const { quiz, ts } = await postQuiz(t);
    fake.failNext("users.info", "ratelimited");
    await fake.click(PEOPLE.ben.id, { channel: QUIZ_CHANNEL, ts }, answerButton(quiz.correctIndex));
    await ephemeralFor(fake, PEOPLE.ben.id);
    expect(bot.store.quizzes.get(quiz.id)?.answered).toBe(1);
    expect(bot.store.users.findByExternalId(quiz.communityId, PEOPLE.ben.id)?.name).toBe("ben");
  });
});

describe("Slack: Socket Mode", () => {
  const tempDir = useTempDir("studybot-slack-");
  let t: SlackTestBot | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("connects with the app token, acknowledges every envelope, and runs a slash command, a click and a reaction", async () => {
    t = await startSlackBot(tempDir(), "socket");
    const { fake, bot } = t;
    expect(fake.callsTo("apps.connections.open")).toHaveLength(1);
    expect(t.slack.mode).toBe("socket");

    const { quiz, ts } = await postQuiz(t);
    const click = await fake.click(PEOPLE.ana.id, { channel: QUIZ_CHANNEL, ts }, answerButton(quiz.correctIndex));
    expect(click.status).toBe(200); // the envelope was acknowledged
    expect(shownText((await ephemeralFor(fake, PEOPLE.ana.id)).args)).toContain("Right!");
    expect(bot.store.quizzes.get(quiz.id)?.answered).toBe(1);

    const reacted = await postQuiz(t, "quiz now reactions");
    const retried = await fake.react(PEOPLE.ben.id, { channel: QUIZ_CHANNEL, ts: reacted.ts }, "regional_indicator_a");
    await fake.react(PEOPLE.ben.id, { channel: QUIZ_CHANNEL, ts: reacted.ts }, "regional_indicator_a", {
      eventId: retried?.eventId,
      retryNum: 1,
    });
    await ephemeralFor(fake, PEOPLE.ben.id);
    await fake.react(PEOPLE.cy.id, { channel: QUIZ_CHANNEL, ts: reacted.ts }, "regional_indicator_b");
    await ephemeralFor(fake, PEOPLE.cy.id);
    expect(bot.store.quizzes.get(reacted.quiz.id)?.answered).toBe(2);
    expect(fake.callsTo("chat.postEphemeral").filter((call) => call.args.user === PEOPLE.ben.id)).toHaveLength(1);
    expectAllMessagesWithinLimits(fake);
  });
});
