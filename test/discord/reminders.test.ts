import { InteractionResponseType } from "discord-api-types/v10";
import { afterEach, describe, expect, it } from "vitest";
import { useTempDir } from "../kit/tempDir.js";
import { type FakeMember, GUILD_ID, type StoredMessage } from "./fakeDiscord.js";
import {
  BO,
  buttonsOf,
  CY,
  type DiscordScenario,
  discordScenario,
  embedOf,
  embedText,
  isEphemeral,
  QUIZ_CHANNEL,
} from "./harness.js";

/** What `me remind 09:00` writes (another part of issue 14): set straight in the store, at the scenario's 09:00 UTC. */
function remind(s: DiscordScenario, people: readonly FakeMember[]) {
  const community = s.store.communities.ensure("discord", GUILD_ID, "Study Group", "UTC", s.clock.now());
  return people.map((person) => {
    const member = s.store.users.ensure(community.id, person.id, person.username);
    s.store.memberSettings.update(member.id, community.id, { remindAt: "09:00" }, s.clock.now());
    return member;
  });
}

async function sendDueReminders(s: DiscordScenario) {
  await s.services.reminders.sweep(30);
  await s.services.reminders.drained();
}

function button(message: StoredMessage, label: string): string {
  const found = buttonsOf(message).find((each) => each.label.startsWith(label));
  if (!found) throw new Error(`no "${label}" button in ${buttonsOf(message).map((each) => each.label)}`);
  return found.customId;
}

describe("Discord: reminders as direct messages", () => {
  const tempDir = useTempDir("studybot-discord-");
  let scenario: DiscordScenario | undefined;
  afterEach(async () => {
    await scenario?.shutdown();
    scenario = undefined;
  });

  it("sends the DM with a Start drill button that opens the drill there, which goes on in the DM", async () => {
    scenario = await discordScenario(tempDir());
    remind(scenario, [BO]);
    await sendDueReminders(scenario);

    expect(scenario.fake.callsTo("POST", "/users/@me/channels").map((call) => call.body)).toEqual([
      { recipient_id: BO.id },
    ]);
    const [reminder] = scenario.fake.directMessagesTo(BO.id);
    if (!reminder) throw new Error("no reminder arrived");
    expect(embedOf(reminder).title).toBe("Time to study: 8 new");
    expect(embedText(reminder)).toContain("Capitals (capitals)");

    const opened = scenario.fake.clickInDm(BO.id, reminder.id, button(reminder, "Start drill"));
    const drill = await scenario.replyOf(opened);
    expect(isEphemeral(drill)).toBe(true);
    expect(embedOf(drill).title).toBe("Drill · Capitals (capitals) · card 1 of 8");

    const shown = scenario.fake.clickInDm(BO.id, drill.id, button(drill, "Show answer"));
    expect((await scenario.response(shown)).type).toBe(InteractionResponseType.UpdateMessage);
    expect(embedText(drill)).toContain("**Answer**");
  });

  it("switches reminders off for closed DMs and for people who left, and tells the first at their next command", async () => {
    scenario = await discordScenario(tempDir());
    scenario.fake.state.closedDms.add(CY.id);
    const [closed, gone] = remind(scenario, [CY, { id: "1400000000000000099", username: "gone" }]);
    await sendDueReminders(scenario);

    expect(scenario.fake.directMessagesTo(CY.id)).toEqual([]);
    expect(scenario.store.memberSettings.get(closed?.id ?? 0).remindersOffReason).toBe("closed_dms");
    expect(scenario.store.memberSettings.get(gone?.id ?? 0).remindersOffReason).toBe("left");

    const told = await scenario.replyOf(scenario.fake.sendCommand(CY.id, QUIZ_CHANNEL, "help"));
    expect(embedText(told)).toContain("Your reminders are off: your direct messages are closed");
    const later = await scenario.replyOf(scenario.fake.sendCommand(CY.id, QUIZ_CHANNEL, "help"));
    expect(embedText(later)).not.toContain("Your reminders are off");
  });

  it("sends 100 reminders due in one minute within Discord's global limit: no 429, none failed", async () => {
    scenario = await discordScenario(tempDir());
    scenario.fake.rest.globalLimitPerSecond = 50;
    const people = Array.from({ length: 100 }, (_, index) => ({
      id: `15000000000000${String(index).padStart(5, "0")}`,
      username: `learner${index}`,
    }));
    for (const person of people) scenario.fake.addMember(person);
    remind(scenario, people);
    await sendDueReminders(scenario);

    const sends = scenario.fake.calls.filter(
      (call) => call.route === "/users/@me/channels" || call.route === "/channels/:channel/messages",
    );
    expect(sends.filter((call) => call.status !== 200)).toEqual([]);
    expect(people.filter((person) => scenario?.fake.directMessagesTo(person.id).length !== 1)).toEqual([]);
    const busiestSecond = Math.max(
      ...sends.map((call) => sends.filter((other) => other.at >= call.at && other.at < call.at + 1000).length),
    );
    // Sent at 40 a second; arrivals bunch a little on a busy machine, but never past Discord's 50.
    expect(busiestSecond).toBeLessThanOrEqual(50);
    const outcomes = scenario.store.db
      .prepare("SELECT outcome, COUNT(*) AS n FROM reminder_claims GROUP BY outcome")
      .all();
    expect(outcomes).toEqual([{ outcome: "sent", n: 100 }]);
  }, 30_000);
});
