import { directChannelOf } from "./fake/webApi.js";
import { afterEach, describe, expect, it } from "vitest";
import { REPORT_CHART_WIDTH, reportChartHeight } from "../../src/core/pictures/reportChart.js";
import { REPORT_CHART_FILE } from "../../src/services/commands/report.js";
import { eventually } from "../kit/eventually.js";
import { pngSize } from "../pictures/snapshots.js";
import { useTempDir } from "../kit/tempDir.js";
import {
  answerButton,
  ephemeralFor,
  expectAllMessagesWithinLimits,
  PEOPLE,
  postQuiz,
  QUIZ_CHANNEL,
  replyTo,
  type SlackTestBot,
  shownText,
  startSlackBot,
} from "./harness.js";

describe("Slack: report, report export and digests, end to end", () => {
  const tempDir = useTempDir("studybot-slack-");
  let t: SlackTestBot | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /** One quiz: ana right, ben and cy on the same wrong option. */
  async function playOneQuiz(bot: SlackTestBot) {
    const { quiz, ts } = await postQuiz(bot);
    const wrong = (quiz.correctIndex + 1) % 4;
    for (const [person, choice, nth] of [
      [PEOPLE.ana.id, quiz.correctIndex, 1],
      [PEOPLE.ben.id, wrong, 1],
      [PEOPLE.cy.id, wrong, 1],
    ] as const) {
      await bot.fake.click(person, { channel: QUIZ_CHANNEL, ts }, answerButton(choice));
      await ephemeralFor(bot.fake, person, nth);
    }
    await command(bot, "quiz close");
    return quiz.options[wrong]?.text ?? "";
  }

  async function command(bot: SlackTestBot, line: string, who: string = PEOPLE.admin.id) {
    const { responseUrl } = await bot.fake.sendCommand(who, QUIZ_CHANNEL, line);
    return replyTo(bot.fake, responseUrl);
  }

  it("shows the report privately, its chart and the export's CSV files in the admin's direct messages", async () => {
    const bot = await startSlackBot(tempDir(), "http");
    t = bot;
    const dm = directChannelOf(PEOPLE.admin.id);
    const empty = shownText((await command(bot, "report week")).args);
    expect(empty).toContain("there is nothing to report yet");
    expect(empty).not.toContain("Sent to you");
    const picked = await playOneQuiz(bot);

    const report = await command(bot, "report week");
    expect(report.args.response_type).toBe("ephemeral");
    const shown = shownText(report.args);
    expect(shown).toContain("Class report · this week");
    expect(shown).toContain("3 members gave 3 answers this week");
    expect(shown).toContain(`33% right of 3 answers · most who missed it picked *${picked}* (2 of 2)`);
    expect(shown).toContain(`Sent to you in a direct message from studybot: ${REPORT_CHART_FILE}`);
    const [chart] = await eventually(() => {
      const found = bot.fake.filesIn(dm);
      return found.length === 1 ? found : undefined;
    }, "the report chart");
    expect(chart?.filename).toBe(REPORT_CHART_FILE);
    const png = chart?.bytes ?? new Uint8Array();
    expect(pngSize(png)).toEqual({ width: REPORT_CHART_WIDTH, height: reportChartHeight(1) });
    expect(png.byteLength).toBeLessThan(1024 * 1024);

    const exported = await command(bot, "report export");
    expect(shownText(exported.args)).toContain("Sent to you in a direct message from studybot");
    const files = await eventually(() => {
      const found = bot.fake.filesIn(dm).slice(1);
      return found.length === 2 ? found : undefined;
    }, "the two CSV files");
    expect(files.map((file) => file.filename)).toEqual([
      "report-week-2026-11-02-members.csv",
      "report-week-2026-11-02-cards.csv",
    ]);
    expect(Buffer.from(files[0]?.bytes ?? []).toString("utf8")).toContain('"Ana"');
    expect(bot.fake.filesIn(QUIZ_CHANNEL)).toEqual([]);
    expectAllMessagesWithinLimits(bot.fake);
  });

  it("posts a digest in the channel where it was added", async () => {
    t = await startSlackBot(tempDir(), "http");
    await playOneQuiz(t);
    expect(shownText((await command(t, "digest add 0 17 * * 5 UTC")).args)).toContain("Digest #1 added");

    t.bot.clock.set("2026-11-06T17:00:05Z");
    expect(await t.bot.services.digests.runDue(1, 30)).toBe("posted");
    const shown = t.fake.messagesIn(QUIZ_CHANNEL).map((message) => shownText({ blocks: message.blocks }));
    expect(shown.find((text) => text.includes("Class digest"))).toMatch(/1\. Ana — 15 pts/);
    expectAllMessagesWithinLimits(t.fake);
  });
});
