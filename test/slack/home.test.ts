import { describe, expect, it } from "vitest";
import { encodeAction } from "../../src/core/actions.js";
import type { Deck } from "../../src/core/deck.js";
import { TIME_CHOICE_ACTION_ID } from "../../src/platforms/slack/render.js";
import { eventually } from "../kit/eventually.js";
import { closeAfterTest } from "../kit/closeAfterTest.js";
import { smallDeck } from "../kit/fakes.js";
import { useTempDir } from "../kit/tempDir.js";
import { expectHomeWithinLimits } from "./blockKitLimits.js";
import type { FakeSlack, RecordedCall, SlackBlock } from "./fakeSlack.js";
import { directChannelOf } from "./fake/webApi.js";
import { ephemeralFor, PEOPLE, QUIZ_CHANNEL, replyTo } from "./harness.js";
import { type SlackTestBot, shownText, slackCommunity, startSlackBot } from "./harness.js";

const ANA = PEOPLE.ana.id;
const DM = directChannelOf(ANA);
const OTHER_CHANNEL = "C0OTHER";

/** The n-th (1-based) Home published for a user, checked against a Home view's limits. */
async function publishedHome(fake: FakeSlack, user: string, nth: number): Promise<RecordedCall> {
  const call = await eventually(
    () => fake.callsTo("views.publish").filter((each) => each.args.user_id === user)[nth - 1],
    `Home #${nth} for ${user}`,
  );
  expectHomeWithinLimits(call.args.view as { type: string; blocks: unknown[] });
  return call;
}
const homeText = (call: RecordedCall) => shownText(call.args.view as Record<string, unknown>);
const homeBlocks = (call: RecordedCall) => (call.args.view as { blocks: SlackBlock[] }).blocks;
const homesFor = (fake: FakeSlack, user: string) =>
  fake.callsTo("views.publish").filter((call) => call.args.user_id === user).length;
/** A time picked in a picker whose block id is `blockId`: studybot's own, or a forged one. */
const pickIn = (blockId: string, time: string) => ({
  type: "timepicker",
  action_id: TIME_CHOICE_ACTION_ID,
  block_id: blockId,
  selected_time: time,
});

describe("Slack: the app's Home tab", () => {
  const tempDir = useTempDir("studybot-slack-home-");
  const start = async (options: { decks?: Deck[] } = {}) =>
    closeAfterTest(await startSlackBot(tempDir(), "http", options));

  /** Ana sets a reminder (so she is a member) and is in the quiz channel, which has a schedule; another channel too. */
  async function anaWithScheduleAndReminder(bot: SlackTestBot) {
    const { fake } = bot;
    const set = await fake.sendCommand(ANA, QUIZ_CHANNEL, "me remind 07:30");
    expect(shownText((await replyTo(fake, set.responseUrl)).args)).toContain("Reminder set");
    for (const [channel, cron] of [
      [QUIZ_CHANNEL, '"0 9 * * *"'],
      [OTHER_CHANNEL, '"0 8 * * *"'],
    ] as const) {
      const added = await fake.sendCommand(PEOPLE.admin.id, channel, `schedule add ${cron}`);
      expect(shownText((await replyTo(fake, added.responseUrl)).args)).toMatch(/schedule/i);
    }
    fake.joinChannel(ANA, QUIZ_CHANNEL);
  }

  /** Ana's first Home, opened once she has a reminder and the quiz channel a schedule; her settings read afresh. */
  async function anasHomeOpened() {
    const t = await start();
    await anaWithScheduleAndReminder(t);
    await t.fake.openHome(ANA);
    const home = await publishedHome(t.fake, ANA, 1);
    const settings = () => {
      const member = t.bot.store.users.findByExternalId(slackCommunity(t.bot).id, ANA);
      return t.bot.store.memberSettings.get(member?.id ?? 0);
    };
    return { ...t, home, settings };
  }

  it("publishes the person's streak, due cards, rank, reminder and next quiz on app_home_opened", async () => {
    const { fake, home } = await anasHomeOpened();
    const shown = homeText(home);
    expect(shown).toContain("Your studybot in");
    expect(shown).toContain("No day streak yet");
    expect(shown).toContain("no quiz answered yet");
    expect(shown).toMatch(/Capitals \(capitals\).*: 6 new/);
    expect(shown).toContain("Start drill · Capitals (capitals)");
    expect(shown).toContain("Every day at 07:30");
    expect(shown).toContain("Turn reminders off");
    // The quiz of the channel she is in, not of the one she is not in (users.conversations says which).
    expect(shown).toContain(`<#${QUIZ_CHANNEL}>`);
    expect(shown).not.toContain(OTHER_CHANNEL);
    expect(fake.callsTo("users.conversations").at(-1)?.args).toMatchObject({ user: ANA });
    const picker = homeBlocks(home).find((block) => block.accessory !== undefined)?.accessory;
    expect(picker).toMatchObject({ type: "timepicker", action_id: TIME_CHOICE_ACTION_ID, initial_time: "07:30" });

    // Opening the Messages tab publishes nothing.
    await fake.openHome(ANA, "messages");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(homesFor(fake, ANA)).toBe(1);
  });

  it("welcomes someone studybot has not met, without enrolling them", async () => {
    const t = await start();
    const { fake, bot } = t;
    await fake.openHome(PEOPLE.ben.id);
    const home = await publishedHome(fake, PEOPLE.ben.id, 1);
    expect(homeText(home)).toContain("Welcome to studybot");
    expect(homeText(home)).toContain("/study help");
    expect(bot.store.communities.find("slack", "T0TEAM")).toBeUndefined();

    // Its Start drill button starts one in the DM with the app, with the community's default deck.
    await fake.clickHome(PEOPLE.ben.id, "Start drill");
    const drill = await ephemeralFor(fake, PEOPLE.ben.id);
    expect(drill.args).toMatchObject({ channel: directChannelOf(PEOPLE.ben.id), user: PEOPLE.ben.id });
    expect(shownText(drill.args)).toMatch(/Drill · Capitals \(capitals\) · card 1 of/);
  });

  it("starts a drill in the DM from a deck's button, and republishes the Home when the drill ends", async () => {
    const { fake, bot } = await anasHomeOpened();
    await fake.clickHome(ANA, "Start drill · Capitals (capitals)");
    const drill = await ephemeralFor(fake, ANA);
    expect(drill.args).toMatchObject({ channel: DM, user: ANA });
    expect(shownText(drill.args)).toMatch(/Drill · Capitals \(capitals\) · card 1 of/);

    const show = await fake.clickEphemeralButton(drill, DM, ANA, "Show answer");
    const answer = await replyTo(fake, show.responseUrl);
    const good = await fake.clickEphemeralButton(answer, DM, ANA, (b) => b.text.startsWith("Good"));
    const next = await replyTo(fake, good.responseUrl);
    // A step that does not end the drill leaves the Home as it is.
    expect(homesFor(fake, ANA)).toBe(1);
    const stop = await fake.clickEphemeralButton(next, DM, ANA, "Stop");
    expect(shownText((await replyTo(fake, stop.responseUrl)).args)).toContain("Drill stopped");
    const after = await publishedHome(fake, ANA, 2);
    const member = bot.store.users.findByExternalId(slackCommunity(bot).id, ANA);
    expect(bot.store.drills.memoriesOf(member?.id ?? 0)).toHaveLength(1);
    // One card was started today: the due count went down with it.
    expect(homeText(after)).toMatch(/Capitals \(capitals\).*: 5 new|Capitals \(capitals\).*1 due/);
  });

  it("republishes the Home when a typed answer ends a type-mode drill", async () => {
    const { fake } = await start();
    const { responseUrl } = await fake.sendCommand(ANA, QUIZ_CHANNEL, "drill 1 type");
    const card = await replyTo(fake, responseUrl);
    const typeClick = await fake.clickEphemeralButton(card, QUIZ_CHANNEL, ANA, "Type the term");
    await fake.submitModal(await fake.waitForCall("views.open"), ANA, { typed: { term: "anything" } });
    expect(shownText((await replyTo(fake, typeClick.responseUrl)).args)).toContain("Drill done");
    expect(homeText(await publishedHome(fake, ANA, 1))).toContain("Cards due");
  });

  it("changes the reminder time, the streak nudge, reminders off and a pause there, through me remind and me pause", async () => {
    const { fake, settings } = await anasHomeOpened();

    await fake.pickHomeTime(ANA, "18:45");
    const timeSet = await publishedHome(fake, ANA, 2);
    expect(settings()).toMatchObject({ remindAt: "18:45", remindStreak: false });
    expect(homeText(timeSet)).toContain("Reminder set");
    expect(homeBlocks(timeSet).find((block) => block.accessory !== undefined)?.accessory).toMatchObject({
      initial_time: "18:45",
    });

    await fake.clickHome(ANA, "Streak nudge: on");
    const nudged = await publishedHome(fake, ANA, 3);
    expect(settings()).toMatchObject({ remindAt: "18:45", remindStreak: true });
    expect(homeText(nudged)).toContain("Streak nudge: off");
    // A second click on the same (now stale) button is answered and sets the same thing once more.
    await fake.sendHomeAction(ANA, {
      type: "button",
      action_id: "studybot-3-0-1",
      value: encodeAction({ kind: "home", step: { op: "streak", on: true } }),
    });
    await publishedHome(fake, ANA, 4);
    expect(settings()).toMatchObject({ remindAt: "18:45", remindStreak: true });

    await fake.clickHome(ANA, "Pause 7 days");
    const paused = await publishedHome(fake, ANA, 5);
    expect(homeText(paused)).toContain("Paused from");
    expect(homeText(paused)).toContain("End the pause");

    await fake.clickHome(ANA, "Turn reminders off");
    const off = await publishedHome(fake, ANA, 6);
    expect(settings().remindAt).toBeUndefined();
    expect(homeText(off)).toContain("Reminder off");
    expect(homeText(off)).not.toContain("Turn reminders off");
  });

  it("rejects forged and stale controls, and a time the grammar refuses, changing nothing", async () => {
    const { fake, settings } = await anasHomeOpened();
    const remindAt = () => settings().remindAt;

    await fake.sendHomeAction(ANA, { type: "button", action_id: "studybot-1-0-0", value: "sb1:h:d:../../etc" });
    expect(homeText(await publishedHome(fake, ANA, 2))).toContain("not one studybot made");

    await fake.sendHomeAction(ANA, pickIn("sb1:h:o", "06:00"));
    // A picker whose block id names another control is no picker studybot made.
    expect(homeText(await publishedHome(fake, ANA, 3))).toContain("not one studybot made");
    expect(remindAt()).toBe("07:30");

    await fake.sendHomeAction(ANA, pickIn("forged", "06:00"));
    expect(homeText(await publishedHome(fake, ANA, 4))).toContain("not one studybot made");
    expect(remindAt()).toBe("07:30");

    await fake.pickHomeTime(ANA, "25:99");
    const refused = homeText(await publishedHome(fake, ANA, 5));
    expect(refused).toContain("That did not work");
    expect(refused).toMatch(/07:30/);
    expect(remindAt()).toBe("07:30");

    // A deck that is gone: the drill is refused in the DM, with where to find the decks.
    await fake.sendHomeAction(ANA, {
      type: "button",
      action_id: "studybot-1-0-0",
      value: encodeAction({ kind: "home", step: { op: "drill", deckId: "gone-deck" } }),
    });
    const refusedDrill = await ephemeralFor(fake, ANA);
    expect(shownText(refusedDrill.args)).toContain("deck list");

    // A Home control sent as a channel message's button is no button of that message.
    const inChannel = await fake.sendBlockAction({
      channel: QUIZ_CHANNEL,
      messageTs: "1790000000.000001",
      user: ANA,
      actionId: "studybot-0-0",
      value: encodeAction({ kind: "home", step: { op: "time" } }),
    });
    expect(inChannel.status).toBe(200);
    await eventually(
      () => fake.privateRepliesTo(ANA).find((call) => shownText(call.args).includes("not one studybot made")),
      "the refusal in the channel",
    );
  });

  it("keeps serving when Slack refuses: no channel list, a failed publish", async () => {
    const { fake } = await anasHomeOpened();
    // Without the channel list (a scope missing) the Home still comes, with no quizzes listed.
    fake.failNext("users.conversations", "missing_scope");
    await fake.openHome(ANA);
    expect(homeText(await publishedHome(fake, ANA, 2))).toContain("No scheduled quiz in the channels you are in.");
    // A publish Slack refuses is logged; the next opening publishes again.
    fake.failNext("views.publish", "internal_error");
    await fake.openHome(ANA);
    await eventually(() => homesFor(fake, ANA) === 3, "the refused publish");
    await fake.openHome(ANA);
    expect(homeText(await publishedHome(fake, ANA, 4))).toContain(`<#${QUIZ_CHANNEL}>`);
  });

  it("stays within a Home view's limits with 60 decks and 30 scheduled channels", async () => {
    const longTitle = (index: number) => `${"A very long deck title that goes on and on ".repeat(3)}#${index}`;
    const decks: Deck[] = Array.from({ length: 60 }, (_, index) => ({
      ...smallDeck(`deck-${index}`, 3),
      title: longTitle(index),
    }));
    const t = await start({ decks });
    const { fake, bot } = t;
    const set = await fake.sendCommand(ANA, QUIZ_CHANNEL, "me remind 07:30 streak");
    await replyTo(fake, set.responseUrl);
    const community = slackCommunity(bot);
    const admin = bot.store.users.ensure(community.id, PEOPLE.admin.id, "olga");
    for (let index = 0; index < 30; index++) {
      const channel = `C0CH${String(index).padStart(3, "0")}`;
      bot.services.schedules.add({ community, channelId: channel, createdBy: admin, cron: `${index} 9 * * *` });
      fake.joinChannel(ANA, channel);
    }
    await fake.openHome(ANA);
    const home = await publishedHome(fake, ANA, 1);
    const shown = homeText(home);
    expect(homeBlocks(home).length).toBeLessThanOrEqual(100);
    expect(shown).toContain("… and 50 more decks with 150 cards to study.");
    expect(shown).toContain("… and 25 more channels with scheduled quizzes.");
    const labels = homeBlocks(home).flatMap((block) =>
      (block.elements ?? []).map((element) => element.text?.text ?? ""),
    );
    expect(labels.filter((label) => label.startsWith("Start drill"))).toHaveLength(10);
    for (const label of labels) expect(label.length).toBeLessThanOrEqual(75);
    // The five listed are the soonest, in order.
    const listed = [...shown.matchAll(/\*\w+ (\d{4}-\d\d-\d\d \d\d:\d\d)\* in <#C0CH\d+>/g)].map((match) => match[1]);
    expect(listed).toHaveLength(5);
    expect([...listed].sort()).toEqual(listed);
  });
});
