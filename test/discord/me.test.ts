import { afterEach, describe, expect, it } from "vitest";
import { runDoctor } from "../../src/services/doctor.js";
import { remainingMemberRows } from "../kit/memberRows.js";
import { rowCounts } from "../kit/rowCounts.js";
import { useTempDir } from "../kit/tempDir.js";
import {
  ANA,
  BO,
  buttonsOf,
  CY,
  type DiscordScenario,
  discordScenario,
  embedText,
  isEphemeral,
  QUIZ_CHANNEL,
  playQuiz,
} from "./harness.js";

describe("Discord: /me, end to end", () => {
  const tempDir = useTempDir("studybot-discord-me-");
  let scenario: DiscordScenario | undefined;
  afterEach(async () => {
    await scenario?.shutdown();
    scenario = undefined;
  });

  /** One quiz: ana right first, bo right, cy wrong; then closed. */
  const playOneQuiz = (s: DiscordScenario) =>
    playQuiz(s, (right) => [
      [ANA.id, right],
      [BO.id, right],
      [CY.id, (right + 1) % 4],
    ]);

  it("/me settings and /me timezone answer privately and keep the zone", async () => {
    scenario = await discordScenario(tempDir());
    const set = await scenario.replyOf(
      scenario.fake.sendCommand(BO.id, QUIZ_CHANNEL, "me timezone", { timezone: "America/New_York" }),
    );
    expect(isEphemeral(set)).toBe(true);
    // Discord markdown: the renderer escapes the zone's underscore.
    expect(embedText(set)).toContain("now count in America/New\\_York");
    const shown = await scenario.replyOf(scenario.fake.sendCommand(BO.id, QUIZ_CHANNEL, "me settings"));
    expect(isEphemeral(shown)).toBe(true);
    expect(embedText(shown)).toContain("Time zone: America/New\\_York");
    const member = scenario.member(BO.id);
    expect(member && scenario.store.memberSettings.get(member.id).timeZone).toBe("America/New_York");
  });

  it("/me export attaches the member's data as a JSON file to a private reply", async () => {
    scenario = await discordScenario(tempDir());
    await playOneQuiz(scenario);
    const reply = await scenario.replyOf(scenario.fake.sendCommand(BO.id, QUIZ_CHANNEL, "me export"));
    expect(isEphemeral(reply)).toBe(true);
    const [file] = reply.attachments;
    expect(file?.filename).toBe("studybot-export-2026-11-02.json");
    const data = JSON.parse(Buffer.from(file?.bytes ?? []).toString("utf8"));
    expect(data.member).toEqual({ id: BO.id, name: expect.any(String) });
    expect(data.answers).toHaveLength(1);
  });

  it("/me forget asks with a button; only its member's click deletes, once, leaving no row and no drift", async () => {
    scenario = await discordScenario(tempDir());
    await playOneQuiz(scenario);
    const anaId = scenario.member(ANA.id)?.id ?? 0;
    const asked = await scenario.replyOf(scenario.fake.sendCommand(ANA.id, QUIZ_CHANNEL, "me forget"));
    expect(isEphemeral(asked)).toBe(true);
    expect(embedText(asked)).toContain("Delete your data here?");
    const [confirm] = buttonsOf(asked);
    if (!confirm) throw new Error("no confirmation button");
    expect(confirm.label).toBe("Delete my data");

    const counts = rowCounts(scenario.store);
    const foreign = await scenario.replyOf(scenario.fake.click(BO.id, asked.id, confirm.customId));
    expect(embedText(foreign)).toContain("nothing was deleted");
    const forged = await scenario.replyOf(scenario.fake.click(ANA.id, asked.id, "sb1:f:Forged12"));
    expect(embedText(forged)).toContain("nothing was deleted");
    expect(rowCounts(scenario.store)).toEqual(counts);

    const done = await scenario.replyOf(scenario.fake.click(ANA.id, asked.id, confirm.customId));
    expect(isEphemeral(done)).toBe(true);
    expect(embedText(done)).toContain("Your data is deleted");
    expect(remainingMemberRows(scenario.store.db, anaId)).toEqual({});
    expect(runDoctor(scenario.store.db, { fix: false })).toMatchObject({ integrity: [], foreignKeys: [], drift: [] });

    const after = rowCounts(scenario.store);
    const again = await scenario.replyOf(scenario.fake.click(ANA.id, asked.id, confirm.customId));
    expect(embedText(again)).toContain("Nothing to delete");
    expect(rowCounts(scenario.store)).toEqual(after);
    expect(scenario.member(ANA.id)).toBeUndefined();
  });
});
