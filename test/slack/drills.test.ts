import { afterEach, describe, expect, it } from "vitest";
import { smallDeck } from "../kit/fakes.js";
import { useTempDir } from "../kit/tempDir.js";
import {
  expectAllMessagesWithinLimits,
  PEOPLE,
  QUIZ_CHANNEL,
  type SlackTestBot,
  shownText,
  slackCommunity,
  startSlackBot,
  replyTo,
} from "./harness.js";
import { eventually } from "../kit/eventually.js";

describe("Slack: private drills", () => {
  const tempDir = useTempDir("studybot-slack-");
  let t: SlackTestBot | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const anasSession = () => {
    const bot = t?.bot;
    const member = bot?.store.users.findByExternalId(slackCommunity(bot).id, PEOPLE.ana.id);
    const session = member ? bot?.store.drills.openSession(member.id) : undefined;
    if (!bot || !member || !session) throw new Error("Ana has no open drill");
    return { member, session, card: smallDeck().cards.find((card) => card.id === session.queue[session.position]) };
  };

  it("runs a flip drill in one ephemeral message that every click replaces", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    const { responseUrl } = await fake.sendCommand(PEOPLE.ana.id, QUIZ_CHANNEL, "drill");
    const first = await replyTo(fake, responseUrl);
    expect(first.args).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(shownText(first.args)).toMatch(/Drill · .* · card 1 of \d+/);

    const show = await fake.clickEphemeralButton(first, QUIZ_CHANNEL, PEOPLE.ana.id, "Show answer");
    const answer = await replyTo(fake, show.responseUrl);
    expect(answer.args).toMatchObject({ response_type: "ephemeral", replace_original: true });
    expect(shownText(answer.args)).toContain("Answer");

    const good = await fake.clickEphemeralButton(answer, QUIZ_CHANNEL, PEOPLE.ana.id, (b) => b.text.startsWith("Good"));
    const next = await replyTo(fake, good.responseUrl);
    expect(shownText(next.args)).toMatch(/card 2 of/);
    expect(shownText(next.args)).toContain("rated Good");
    const { member } = anasSession();
    expect(bot.store.drills.memoriesOf(member.id)).toHaveLength(1);

    // A button of a card already rated changes nothing and shows the current card.
    const stale = await fake.clickEphemeralButton(answer, QUIZ_CHANNEL, PEOPLE.ana.id, (b) =>
      b.text.startsWith("Easy"),
    );
    expect(shownText((await replyTo(fake, stale.responseUrl)).args)).toMatch(/card 2 of/);
    expect(bot.store.drills.memoriesOf(member.id)).toHaveLength(1);

    const stop = await fake.clickEphemeralButton(next, QUIZ_CHANNEL, PEOPLE.ana.id, "Stop");
    const done = await replyTo(fake, stop.responseUrl);
    expect(done.args.replace_original).toBe(true);
    expect(shownText(done.args)).toContain("Cards reviewed");
    expect(bot.store.drills.openSession(member.id)).toBeUndefined();
    expect(fake.callsTo("chat.postMessage")).toHaveLength(0); // nothing of a drill is posted in the channel
    expectAllMessagesWithinLimits(fake);
  });

  it("undoes the last rating with the Undo button on the next card, once", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    const first = await replyTo(fake, (await fake.sendCommand(PEOPLE.ana.id, QUIZ_CHANNEL, "drill")).responseUrl);
    const show = await fake.clickEphemeralButton(first, QUIZ_CHANNEL, PEOPLE.ana.id, "Show answer");
    const answer = await replyTo(fake, show.responseUrl);
    const { member } = anasSession();
    const rowsBefore = () => [bot.store.drills.memoriesOf(member.id), bot.store.stats.streak(member.id)];
    const before = rowsBefore();
    const good = await fake.clickEphemeralButton(answer, QUIZ_CHANNEL, PEOPLE.ana.id, (b) => b.text.startsWith("Good"));
    const next = await replyTo(fake, good.responseUrl);
    expect(bot.store.drills.memoriesOf(member.id)).toHaveLength(1);

    const undo = await fake.clickEphemeralButton(next, QUIZ_CHANNEL, PEOPLE.ana.id, "Undo last rating");
    const undone = await replyTo(fake, undo.responseUrl);
    expect(undone.args.replace_original).toBe(true);
    expect(shownText(undone.args)).toMatch(/card 1 of/);
    expect(shownText(undone.args)).toContain("Rating undone.");
    expect(rowsBefore()).toEqual(before);
    expect(anasSession().session).toMatchObject({ position: 0, answerShown: true, lastRating: null });

    const twice = await fake.clickEphemeralButton(next, QUIZ_CHANNEL, PEOPLE.ana.id, "Undo last rating");
    expect(shownText((await replyTo(fake, twice.responseUrl)).args)).toContain("Already answered");
    expect(rowsBefore()).toEqual(before);
    expectAllMessagesWithinLimits(fake);
  });

  it("takes type-mode answers in a modal and shows the verdict in the drill message", async () => {
    t = await startSlackBot(tempDir(), "socket");
    const { fake, bot } = t;
    const { responseUrl } = await fake.sendCommand(PEOPLE.ana.id, QUIZ_CHANNEL, "drill type");
    const card = await replyTo(fake, responseUrl);
    const { card: asked, member } = anasSession();

    const typeClick = await fake.clickEphemeralButton(card, QUIZ_CHANNEL, PEOPLE.ana.id, "Type the term");
    const opened = await fake.waitForCall("views.open");
    const modal = opened.args.view as {
      callback_id: string;
      title: { text: string };
      blocks: { type: string; block_id?: string }[];
    };
    expect(opened.args.trigger_id).toBeTruthy();
    expect(modal.title.text).toBe("Type the term");
    expect(modal.blocks.at(-1)).toMatchObject({ type: "input", block_id: "typed" });
    expect(modal.blocks.some((block) => block.type === "actions")).toBe(false);
    expect(shownText(opened.args.view as Record<string, unknown>)).toContain("Which term is this?");

    const submitted = await fake.submitModal(opened, PEOPLE.ana.id, {
      typed: { term: `  ${asked?.term?.toUpperCase()} ` },
    });
    expect(submitted.status).toBe(200);
    const verdict = await replyTo(fake, typeClick.responseUrl);
    expect(verdict.args.replace_original).toBe(true);
    expect(shownText(verdict.args)).toContain("✔ Right");
    expect(bot.store.drills.memoriesOf(member.id)).toHaveLength(1);

    // Submitting the same modal again answers a card already answered: refused, nothing recorded.
    await fake.submitModal(opened, PEOPLE.ana.id, { typed: { term: "anything" } });
    await eventually(
      () => fake.callsTo("response_url").filter((call) => call.args.url === typeClick.responseUrl).length === 2,
      "both replies to the typed answer",
    );
    expect(bot.store.drills.memoriesOf(member.id)).toHaveLength(1);
    expectAllMessagesWithinLimits(fake);
  });

  it("sends the verdict as a new private message when the drill message's response URL has expired", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake } = t;
    const { responseUrl } = await fake.sendCommand(PEOPLE.ana.id, QUIZ_CHANNEL, "drill type");
    const card = await replyTo(fake, responseUrl);
    const { card: asked } = anasSession();
    await fake.clickEphemeralButton(card, QUIZ_CHANNEL, PEOPLE.ana.id, "Type the term");
    const opened = await fake.waitForCall("views.open");
    fake.failNext("response_url", "expired_url");
    await fake.submitModal(opened, PEOPLE.ana.id, { typed: { term: asked?.term ?? "" } });
    const anew = await fake.waitForCall("chat.postEphemeral");
    expect(anew.args).toMatchObject({ channel: QUIZ_CHANNEL, user: PEOPLE.ana.id });
    expect(shownText(anew.args)).toContain("✔ Right");
  });

  it("starts a drill from the help's Drill button", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake } = t;
    const { responseUrl } = await fake.sendCommand(PEOPLE.ana.id, QUIZ_CHANNEL, "");
    const help = await replyTo(fake, responseUrl);
    const click = await fake.clickEphemeralButton(help, QUIZ_CHANNEL, PEOPLE.ana.id, "Drill");
    const drill = await replyTo(fake, click.responseUrl);
    expect(drill.args).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(shownText(drill.args)).toMatch(/Drill · .* · card 1 of/);
  });
});
