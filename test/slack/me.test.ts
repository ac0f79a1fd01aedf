import { afterEach, describe, expect, it } from "vitest";
import { runDoctor } from "../../src/services/doctor.js";
import { remainingMemberRows } from "../kit/memberRows.js";
import { useTempDir } from "../kit/tempDir.js";
import {
  PEOPLE,
  QUIZ_CHANNEL,
  replyTo,
  type SlackTestBot,
  shownText,
  slackCommunity,
  startSlackBot,
} from "./harness.js";

/** A member whose Slack profile says Kolkata (users.info's tz). */
const DEV = { id: "U0DEV", name: "dev", displayName: "Dev", tz: "Asia/Kolkata" };

describe("Slack: /study me", () => {
  const tempDir = useTempDir("studybot-slack-me-");
  let t: SlackTestBot | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function say(line: string, user: string = DEV.id) {
    if (!t) throw new Error("no bot");
    const { responseUrl } = await t.fake.sendCommand(user, QUIZ_CHANNEL, line);
    return replyTo(t.fake, responseUrl);
  }

  const devSettings = () => {
    const bot = t?.bot;
    const member = bot?.store.users.findByExternalId(slackCommunity(bot).id, DEV.id);
    if (!bot || !member) throw new Error("Dev is not a member");
    return bot.store.memberSettings.get(member.id);
  };

  it("takes the Slack profile's zone until the member sets one, and says where it came from", async () => {
    t = await startSlackBot(tempDir(), "http");
    t.fake.addMember(DEV);
    const shown = await say("me");
    expect(shown.args.response_type).toBe("ephemeral");
    expect(shownText(shown.args)).toContain("Asia/Kolkata, from your Slack profile until you set one");
    expect(devSettings()).toMatchObject({ timeZone: "Asia/Kolkata", timeZoneFromProfile: true });

    await say("me timezone Europe/Lisbon");
    const own = shownText((await say("me")).args);
    expect(own).toContain("Europe/Lisbon");
    expect(own).not.toContain("from your Slack profile");
    expect(devSettings()).toMatchObject({ timeZone: "Europe/Lisbon", timeZoneFromProfile: false });
  });

  it("a profile without a zone leaves the community's", async () => {
    t = await startSlackBot(tempDir(), "http");
    expect(shownText((await say("me", PEOPLE.ben.id)).args)).toContain("UTC, the community's");
  });

  it("me forget deletes on its button, leaving no row of the member and no drift", async () => {
    t = await startSlackBot(tempDir(), "http");
    t.fake.addMember(DEV);
    await say("me reviews 30");
    const member = t.bot.store.users.findByExternalId(slackCommunity(t.bot).id, DEV.id);
    const asked = await say("me forget");
    expect(shownText(asked.args)).toContain("Delete your data here?");
    const click = await t.fake.clickEphemeralButton(asked, QUIZ_CHANNEL, DEV.id, "Delete my data");
    const done = await replyTo(t.fake, click.responseUrl);
    expect(done.args.response_type).toBe("ephemeral");
    expect(shownText(done.args)).toContain("Your data is deleted");
    expect(remainingMemberRows(t.bot.store.db, member?.id ?? 0)).toEqual({});
    expect(runDoctor(t.bot.store.db, { fix: false })).toMatchObject({ integrity: [], foreignKeys: [], drift: [] });
  });
});
