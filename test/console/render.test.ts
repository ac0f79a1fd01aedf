import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPORT_CHART_WIDTH, reportChartHeight } from "../../src/core/pictures/reportChart.js";
import { STATS_CARD_WIDTH, statsCardHeight } from "../../src/core/pictures/statsCard.js";
import { addDays, localDay } from "../../src/core/studyDay.js";
import { openDatabase } from "../../src/store/database.js";
import { runStudybot, runTerminal } from "../kit/studybotProcess.js";
import { useTempDir } from "../kit/tempDir.js";
import { pngSize } from "../pictures/snapshots.js";

describe("studybot render", () => {
  const tempDir = useTempDir();

  // Three runs of the CLI, each a second or more on a busy machine.
  it("draws a member's stats card and the report chart from the terminal's database into PNG files", {
    timeout: 60_000,
  }, () => {
    const dir = tempDir();
    const env = { DATABASE_PATH: join(dir, "studybot.db") };
    expect(runTerminal("quiz now\nA\nquiz close\n", env).code).toBe(0);

    const card = join(dir, "card.png");
    const stats = runStudybot(["render", "stats", "--user", "tester", "--out", card], env);
    expect([stats.code, stats.err]).toEqual([0, ""]);
    expect(stats.out).toBe(`Wrote ${card} (${readFileSync(card).length} bytes).\n`);
    expect(pngSize(readFileSync(card))).toEqual({ width: STATS_CARD_WIDTH, height: statsCardHeight(1) });

    const chart = join(dir, "chart.png");
    const report = runStudybot(["render", "report", "--days", "7", "--out", chart], env);
    expect(report.code).toBe(0);
    expect(pngSize(readFileSync(chart))).toEqual({ width: REPORT_CHART_WIDTH, height: reportChartHeight(1) });
  });

  // The CLI runs on the real clock: the frozen day is written as a spent freeze leaves it, ten days back.
  it("draws the days a freeze covered on the stats card", { timeout: 120_000 }, () => {
    const dir = tempDir();
    const env = { DATABASE_PATH: join(dir, "studybot.db") };
    expect(runTerminal("quiz now\nA\nquiz close\n", env).code).toBe(0);
    const render = (out: string) => {
      expect(runStudybot(["render", "stats", "--user", "tester", "--out", out], env).code).toBe(0);
      return readFileSync(out);
    };
    const before = render(join(dir, "before.png"));
    const db = openDatabase(env.DATABASE_PATH);
    const tester = db.prepare("SELECT id FROM users WHERE external_id = 'tester'").pluck().get() as number;
    db.prepare("INSERT INTO streak_frozen_days (user_id, day) VALUES (?, ?)").run(
      tester,
      addDays(localDay(new Date(), "UTC"), -10),
    );
    db.close();
    expect(render(join(dir, "after.png")).equals(before)).toBe(false);
  });

  it("names the mistake: an unknown member, a bad flag", { timeout: 60_000 }, () => {
    const env = { DATABASE_PATH: join(tempDir(), "studybot.db") };
    expect(runTerminal("help\n", env).code).toBe(0);
    const nobody = runStudybot(["render", "stats", "--user", "nobody"], env);
    expect([nobody.code, nobody.err]).toEqual([1, 'Nobody named "nobody" has studied in console:local.\n']);
    const bad = runStudybot(["render", "report", "--days", "0"], env);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--days takes 1 to 366, not "0".\nUsage: studybot render stats --user NAME');
  });
});
