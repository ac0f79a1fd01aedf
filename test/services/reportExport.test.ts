import { join } from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { reportCsvFiles } from "../../src/core/reportCsv.js";
import { enrolActor } from "../../src/services/commandRouter.js";
import { buildReportExportOnWorker, type ReportExport } from "../../src/services/reportExport.js";
import { actor, openTestBot, type TestBot } from "../kit/fakes.js";
import { useTempDir } from "../kit/tempDir.js";

const admin = actor("admin", { isAdmin: true, userName: "Admin" });

/** A quiz answered by a few members, some right, some wrong; returns the community. */
async function answeredQuiz(bot: TestBot) {
  const { community } = enrolActor(bot.services, admin);
  const quiz = await bot.services.quizzes.post({ community, channelId: "quiz-channel", windowMinutes: 30 });
  ["ana", "ben", "cy", "=dee"].forEach((user, index) => {
    const { member } = enrolActor(bot.services, actor(user, { userName: user }));
    const choice = (quiz.correctIndex + index) % quiz.options.length;
    bot.services.quizzes.answer({ quizId: quiz.id, community, member, choice });
  });
  await bot.services.quizzes.close(quiz);
  return community;
}

/** The export's files as the report's own CSV would be: what the export sent before it moved to a worker. */
function expectedFiles(bot: TestBot, community: Awaited<ReturnType<typeof answeredQuiz>>) {
  const report = bot.services.reports.build(community, { period: "week", now: bot.clock.now(), complete: true });
  return reportCsvFiles(report).map((file) => ({ name: file.name, text: file.text }));
}

// ignoreBOM keeps the byte order mark the files start with in the text.
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
const filesOf = (exported: ReportExport) =>
  exported.files.map((file) => ({ name: file.name, text: utf8.decode(file.bytes) }));

describe("report export", () => {
  const tempDir = useTempDir();

  it("is built off the bot's thread: the event loop keeps turning until the files arrive", async () => {
    const bot = openTestBot(join(tempDir(), "bot.db"));
    const community = await answeredQuiz(bot);

    let settled = false;
    const exporting = bot.services.reports.export(community, { period: "week", now: bot.clock.now() });
    void exporting.finally(() => {
      settled = true;
    });
    // Built on this thread, the export would be done before the first turn; a worker answers many turns later.
    let turns = 0;
    while (!settled) {
      await nextTurn();
      turns++;
    }
    expect(turns).toBeGreaterThan(1);
    const exported = await exporting;
    expect(exported.members).toBe(4);
    expect(exported.report.totals).toEqual({ members: 4, answered: 4, correct: 1 });
    expect(filesOf(exported)).toEqual(expectedFiles(bot, community));
    expect(filesOf(exported)[0]?.text).toContain(`"'=dee"`);
  }, 60_000);

  it("reads a database in memory on the bot's thread, which a worker cannot open", async () => {
    const bot = openTestBot(":memory:");
    const community = await answeredQuiz(bot);
    const exported = await bot.services.reports.export(community, { period: "week", now: bot.clock.now() });
    expect(exported.members).toBe(4);
    expect(filesOf(exported)).toEqual(expectedFiles(bot, community));
  });

  it("sends no file for a period nobody answered in", async () => {
    const bot = openTestBot(join(tempDir(), "bot.db"));
    const community = await answeredQuiz(bot);
    bot.clock.set("2026-12-01T10:00:00Z");
    const exported = await bot.services.reports.export(community, { period: "week", now: bot.clock.now() });
    expect(exported.files).toEqual([]);
    expect(exported.report.totals.members).toBe(0);
  }, 60_000);

  it("rejects with SQLite's reason when the worker cannot open the database file", async () => {
    const missing = join(tempDir(), "gone", "bot.db");
    const job = {
      heading: { period: "week" as const, firstDay: "2026-11-02", timeZone: "UTC" },
      scope: { communityId: 1 },
      today: "2026-11-04",
      cardNames: new Map<string, string>(),
    };
    await expect(buildReportExportOnWorker(missing, job)).rejects.toThrow(/database/);
  }, 60_000);
});
