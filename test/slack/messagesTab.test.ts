import { directChannelOf } from "./fake/webApi.js";
import { afterEach, describe, expect, it } from "vitest";
import { useTempDir } from "../kit/tempDir.js";
import {
  ephemeralFor,
  PEOPLE,
  replyTo,
  type SlackTestBot,
  shownText,
  slackCommunity,
  startSlackBot,
} from "./harness.js";

const DM = directChannelOf(PEOPLE.ana.id);
const typed = (text: string, extra: Record<string, unknown> = {}) => ({
  type: "message",
  channel_type: "im",
  channel: DM,
  user: PEOPLE.ana.id,
  text,
  ts: `${Date.now() / 1000}`,
  ...extra,
});

describe("Slack: the app's Messages tab takes command lines", () => {
  const tempDir = useTempDir("studybot-slack-dm-");
  let t: SlackTestBot | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("answers a typed line privately in the conversation, as /study would", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake } = t;
    await fake.sendEvent(typed("/study help"));
    const help = await ephemeralFor(fake, PEOPLE.ana.id);
    expect(help.args).toMatchObject({ channel: DM, user: PEOPLE.ana.id });
    expect(shownText(help.args)).toMatch(/drill/);
  });

  it("runs a drill there whose buttons work", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    await fake.sendEvent(typed("drill 2"));
    const first = await ephemeralFor(fake, PEOPLE.ana.id);
    expect(shownText(first.args)).toMatch(/Drill · .* · card 1 of 2/);
    const show = await fake.clickEphemeralButton(first, DM, PEOPLE.ana.id, "Show answer");
    const answer = await replyTo(fake, show.responseUrl);
    const good = await fake.clickEphemeralButton(answer, DM, PEOPLE.ana.id, (b) => b.text.startsWith("Good"));
    expect(shownText((await replyTo(fake, good.responseUrl)).args)).toMatch(/card 2 of 2/);
    const member = bot.store.users.findByExternalId(slackCommunity(bot).id, PEOPLE.ana.id);
    expect(bot.store.drills.memoriesOf(member?.id ?? 0)).toHaveLength(1);
  });

  it("ignores the app's own posts, edits and messages outside its DM, and a retried event", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake } = t;
    await fake.sendEvent(typed("help", { bot_id: "B0BOT" }));
    await fake.sendEvent(typed("help", { subtype: "message_changed" }));
    await fake.sendEvent(typed("help", { channel_type: "channel", channel: "C0QUIZ" }));
    const once = await fake.sendEvent(typed("stats"));
    await fake.sendEvent(typed("stats"), { eventId: once.eventId, retryNum: 1 });
    await ephemeralFor(fake, PEOPLE.ana.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.privateRepliesTo(PEOPLE.ana.id).map((call) => shownText(call.args))).toEqual([
      expect.stringMatching(/Ana/),
    ]);
  });
});
