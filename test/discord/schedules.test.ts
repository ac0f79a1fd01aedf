import { afterEach, describe, expect, it } from "vitest";
import { useTempDir } from "../kit/tempDir.js";
import { BOT_USER } from "./fakeDiscord.js";
import {
  ANA,
  BO,
  type DiscordScenario,
  discordScenario,
  embedOf,
  embedText,
  QUIZ_CHANNEL,
  replyData,
} from "./harness.js";
import { eventually } from "../kit/eventually.js";

describe("Discord: scheduled quizzes, end to end", () => {
  const tempDir = useTempDir("studybot-discord-");
  let scenario: DiscordScenario | undefined;
  afterEach(async () => {
    await scenario?.shutdown();
    scenario = undefined;
  });

  it("adds a schedule from typed options (a cron with spaces included) and posts its reaction quiz in the channel", async () => {
    scenario = await discordScenario(tempDir());
    const { fake, services, clock } = scenario;
    const added = replyData(
      await scenario.response(
        fake.sendCommand(ANA.id, QUIZ_CHANNEL, "schedule add", {
          cron: "0 9 * * 1-5",
          timezone: "Europe/Berlin",
          mode: "reactions",
          window: "8h",
        }),
      ),
    );
    expect(embedOf(added).title).toBe("Schedule #1 added");

    const list = replyData(await scenario.response(fake.sendCommand(ANA.id, QUIZ_CHANNEL, "schedule list")));
    expect(embedText(list)).toContain("0 9 * * 1-5");
    const refused = replyData(await scenario.response(fake.sendCommand(BO.id, QUIZ_CHANNEL, "schedule list")));
    expect(embedText(refused)).toContain("Only admins can do that.");

    // Tuesday 09:00 in Berlin is 08:00 UTC; times are shown in the community's zone (UTC here).
    clock.set("2026-11-03T08:00:20Z");
    expect(await services.schedules.runDue(1, 30)).toBe("posted");
    const [message] = fake.messagesIn(QUIZ_CHANNEL);
    expect(embedOf(message).title).toBe("Quiz #1 · Capitals (capitals)");
    expect(embedOf(message).footer?.text).toMatch(/^Closes at 16:00 UTC/);
    await eventually(() => message?.reactions.size === 4, "the bot's letter reactions");
    expect([...(message?.reactions.values() ?? [])].every((users) => users.includes(BOT_USER.id))).toBe(true);
  });
});
