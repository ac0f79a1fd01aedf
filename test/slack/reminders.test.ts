import { afterEach, describe, expect, it } from "vitest";
import { useTempDir } from "../kit/tempDir.js";
import { directChannelOf } from "./fake/webApi.js";
import { PEOPLE, replyTo, type SlackTestBot, shownText, slackCommunity, startSlackBot } from "./harness.js";

describe("Slack: reminders as direct messages from the app", () => {
  const tempDir = useTempDir("studybot-slack-");
  let t: SlackTestBot | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /** What `me remind 09:00` writes (another part of issue 14), at the bot's 09:00 UTC. */
  function remind(bot: SlackTestBot["bot"], userIds: readonly string[]) {
    const community = slackCommunity(bot);
    return userIds.map((userId) => {
      const member = bot.store.users.ensure(community.id, userId, userId);
      bot.store.memberSettings.update(member.id, community.id, { remindAt: "09:00" }, bot.clock.now());
      return member;
    });
  }

  it("opens the DM, posts the reminder there, and its button starts the drill under it", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    remind(bot, [PEOPLE.ana.id]);
    await bot.services.reminders.sweep(30);
    await bot.services.reminders.drained();

    expect(fake.callsTo("conversations.open").map((call) => call.args.users)).toEqual([PEOPLE.ana.id]);
    const channel = directChannelOf(PEOPLE.ana.id);
    const [reminder] = fake.messagesIn(channel);
    if (!reminder) throw new Error("no reminder in Ana's DM");
    expect(reminder.text).toContain("Time to study: 6 new");

    const opened = await fake.click(PEOPLE.ana.id, { channel, ts: reminder.ts }, "Start drill");
    const drill = await replyTo(fake, opened.responseUrl);
    expect(drill.args).toMatchObject({ response_type: "ephemeral" });
    expect(shownText(drill.args)).toMatch(/Drill · Capitals \(capitals\) · card 1 of 6/);
    const shown = await fake.clickEphemeralButton(drill, channel, PEOPLE.ana.id, "Show answer");
    expect(shownText((await replyTo(fake, shown.responseUrl)).args)).toContain("Answer");
  });

  it("switches reminders off, without retrying, for a deactivated account and someone who left", async () => {
    t = await startSlackBot(tempDir(), "http");
    const { fake, bot } = t;
    fake.api.inactive.add(PEOPLE.ben.id);
    const [inactive, gone] = remind(bot, [PEOPLE.ben.id, "U0GONE"]);
    await bot.services.reminders.sweep(30);
    await bot.services.reminders.drained();

    expect(fake.callsTo("chat.postMessage")).toEqual([]);
    expect(bot.store.memberSettings.get(inactive?.id ?? 0).remindersOffReason).toBe("left");
    expect(bot.store.memberSettings.get(gone?.id ?? 0).remindersOffReason).toBe("left");
    // The next day nobody tries again.
    bot.clock.advance(24 * 3_600_000);
    await bot.services.reminders.sweep(30);
    await bot.services.reminders.drained();
    expect(fake.callsTo("conversations.open")).toHaveLength(2);
  });
});
