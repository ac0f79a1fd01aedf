import { afterEach, describe, expect, it } from "vitest";
import { REPORT_CHART_WIDTH, reportChartHeight } from "../../src/core/pictures/reportChart.js";
import { REPORT_CHART_FILE } from "../../src/services/commands/report.js";
import { DISCORD_UPLOAD_MAX_BYTES } from "../../src/platforms/discord/replyFiles.js";
import { pngSize } from "../pictures/snapshots.js";
import { useTempDir } from "../kit/tempDir.js";
import {
  ANA,
  BO,
  buttonsOf,
  CY,
  type DiscordScenario,
  discordScenario,
  embedOf,
  embedText,
  isEphemeral,
  QUIZ_CHANNEL,
  playQuiz,
} from "./harness.js";

describe("Discord: report, report export and digests, end to end", () => {
  const tempDir = useTempDir("studybot-discord-");
  let scenario: DiscordScenario | undefined;
  afterEach(async () => {
    await scenario?.shutdown();
    scenario = undefined;
  });

  /** One quiz: bo and cy pick the same wrong option, ana is right; returns the option they picked. */
  async function playOneQuiz(s: DiscordScenario) {
    const quiz = await playQuiz(s, (right) => [
      [BO.id, (right + 1) % 4],
      [ANA.id, right],
      [CY.id, (right + 1) % 4],
    ]);
    return quiz?.options[((quiz?.correctIndex ?? 0) + 1) % 4]?.text ?? "";
  }

  it("shows the report privately with its chart, and attaches the export's CSV files", async () => {
    scenario = await discordScenario(tempDir());
    const empty = await scenario.replyOf(
      scenario.fake.sendCommand(ANA.id, QUIZ_CHANNEL, "report show", { period: "week" }),
    );
    expect(embedText(empty)).toContain("there is nothing to report yet");
    expect(empty.attachments).toEqual([]);
    expect(embedOf(empty).image).toBeUndefined();
    const picked = await playOneQuiz(scenario);

    const report = await scenario.replyOf(
      scenario.fake.sendCommand(ANA.id, QUIZ_CHANNEL, "report show", { period: "week" }),
    );
    expect(isEphemeral(report)).toBe(true);
    const text = embedText(report);
    expect(embedOf(report).title).toBe("Class report · this week");
    expect(text).toContain("3 members gave 3 answers this week");
    expect(text).toMatch(
      new RegExp(`33% right of 3 answers · most who missed it picked \\*\\*${picked}\\*\\* \\(2 of 2\\)`),
    );
    expect(embedOf(report).image?.url).toBe(`attachment://${REPORT_CHART_FILE}`);
    expect(report.attachments.map((file) => file.filename)).toEqual([REPORT_CHART_FILE]);
    const chart = report.attachments[0]?.bytes ?? new Uint8Array();
    expect(pngSize(chart)).toEqual({ width: REPORT_CHART_WIDTH, height: reportChartHeight(1) });
    expect(chart.byteLength).toBeLessThan(DISCORD_UPLOAD_MAX_BYTES);

    const exported = await scenario.replyOf(scenario.fake.sendCommand(ANA.id, QUIZ_CHANNEL, "report export", {}));
    expect(isEphemeral(exported)).toBe(true);
    expect(exported.attachments.map((file) => file.filename)).toEqual([
      "report-week-2026-11-02-members.csv",
      "report-week-2026-11-02-cards.csv",
    ]);
    const members = Buffer.from(exported.attachments[0]?.bytes ?? []).toString("utf8");
    expect(members.startsWith('\uFEFF"member","points"')).toBe(true);
    expect(members).toContain('"Ana L."');

    const refused = await scenario.replyOf(scenario.fake.sendCommand(BO.id, QUIZ_CHANNEL, "report export", {}));
    expect(refused.attachments).toEqual([]);
    expect(embedText(refused)).toContain("Only admins can do that.");
  });

  it("answers a quiz click while an export is being built", async () => {
    scenario = await discordScenario(tempDir());
    await playOneQuiz(scenario);
    await scenario.response(scenario.fake.sendCommand(ANA.id, QUIZ_CHANNEL, "quiz now"));
    const quiz = scenario.fake.messagesIn(QUIZ_CHANNEL).at(-1);
    const [button] = quiz ? buttonsOf(quiz) : [];

    const exporting = scenario.fake.sendCommand(ANA.id, QUIZ_CHANNEL, "report export", {});
    const click = await scenario.response(scenario.fake.click(CY.id, quiz?.id ?? "", button?.customId ?? ""));
    expect(JSON.stringify(click)).toContain("Locked in: A");
    // Built on the bot's thread, the export would have been answered before the click was even read.
    expect(exporting.callbacks).toEqual([]);
    const exported = await scenario.replyOf(exporting);
    expect(exported.attachments.map((file) => file.filename)).toHaveLength(2);
  });

  it("posts a digest in the channel where it was added", async () => {
    scenario = await discordScenario(tempDir());
    await playOneQuiz(scenario);
    const added = await scenario.replyOf(
      scenario.fake.sendCommand(ANA.id, QUIZ_CHANNEL, "digest add", { cron: "0 17 * * 5" }),
    );
    expect(embedOf(added).title).toBe("Digest #1 added");

    scenario.clock.set("2026-11-06T17:00:05Z");
    expect(await scenario.services.digests.runDue(1, 30)).toBe("posted");
    const digest = scenario.fake.messagesIn(QUIZ_CHANNEL).find((m) => embedOf(m).title?.startsWith("Class digest"));
    expect(digest && embedText(digest)).toContain(`**1.** <@${ANA.id}> — 15 pts (1/1 right)`);
    expect(digest?.allowedMentions).toMatchObject({ parse: [] });
    expect(await scenario.services.digests.runDue(1, 30)).toBe("claimed-elsewhere");
  });
});
