import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runTerminal } from "../kit/studybotProcess.js";
import { useTempDir } from "../kit/tempDir.js";

describe("terminal bot reports", () => {
  const tempDir = useTempDir();

  it("after a few answers, report names the cards with their percentages the chart is saved, and report export prints the CSV paths", () => {
    const db = join(tempDir(), "studybot.db");
    const script = "quiz now\nA\nquiz close\nquiz now\nB\nquiz close\nreport\nreport export\n";
    const { code, out, err } = runTerminal(script, { DATABASE_PATH: db });
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toContain("== Class report · this week ==");
    expect(out).toMatch(/1 member gave 2 answers this week \(since \d{4}-\d{2}-\d{2}\): \d+% right\./);
    expect(out).toMatch(/Hard card 1: .+: (0|100)% right of 1 answer/);
    expect(out).toMatch(/tester: \d+ pts · 2 answers · \d+% right · streak 1d · \d learned · \d mastered/);
    const chart = /Saved: (.+report\.png)\n/.exec(out)?.[1] ?? "";
    expect(chart.startsWith(join(dirname(db), "files")), out).toBe(true);
    expect(readFileSync(chart).subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    const saved = /Saved: (.+-members\.csv)\n(.+-cards\.csv)/.exec(out);
    expect(saved, out).not.toBeNull();
    const [members = "", cards = ""] = saved?.slice(1) ?? [];
    expect(members.startsWith(join(dirname(db), "files"))).toBe(true);
    expect(existsSync(cards)).toBe(true);
    const text = readFileSync(members, "utf8");
    expect(text).toMatch(/^\uFEFF"member","points","answers","correct",/);
    expect(text).toContain('"tester"');
  }, 120_000);
});
