import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../kit/tempDir.js";
import { runTerminal } from "../kit/studybotProcess.js";

describe("terminal bot", () => {
  const tempDir = useTempDir();

  it("runs a scripted quiz from piped input and exits 0 at end of input", () => {
    const db = join(tempDir(), "studybot.db");
    const { code, out, err } = runTerminal("quiz now\nA\nleaderboard\nstats\n", { DATABASE_PATH: db });
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toContain("Hello tester");
    expect(out).toMatch(/== Quiz #1 · L12 – Lightweight sandboxes ==/);
    expect(out).toMatch(/A\) |\[A · /);
    expect(out).toMatch(/\[D( · .*)?\]|D\) /);
    expect(out).toMatch(/== Locked in: A ==\n(Right! \+15 points\.|Not this one\. No points this time\.)/);
    expect(out).toMatch(/ {2}1\. tester — (15|0) pts/);
    expect(out).toContain("== Stats · tester ==");
    expect(out).not.toContain("\u001b[");
  });

  it("keeps points and streaks across a restart on the same database", () => {
    const db = join(tempDir(), "studybot.db");
    const first = runTerminal("quiz now\nA\nquiz close\n", { DATABASE_PATH: db });
    expect(first.code).toBe(0);
    const points = /Right! \+15 points/.test(first.out) ? 15 : 0;
    const second = runTerminal("stats\n", { DATABASE_PATH: db });
    expect(second.code).toBe(0);
    expect(second.out).toContain(`All time: ${points} pts · ${points ? 1 : 0}/1 right`);
    expect(second.out).toContain("Day streak: 1 day (best 1)");
    // The study calendar in block characters: today, the last cell of its weekday's row, was studied.
    expect(second.out).toMatch(/^ {2}(Mon|Wed|Fri|Sun| {3}) ·+█$/m);
    expect(second.out).toContain("█ studied 1 · ▓ frozen 0 · ░ paused 0 · · missed");
  });

  it("answers bad input with a message and keeps going", () => {
    const db = join(tempDir(), "studybot.db");
    const { code, out } = runTerminal("frobnicate\nA\nleaderbord\nhelp\n", { DATABASE_PATH: db });
    expect(code).toBe(0);
    expect(out).toContain('Unknown command "frobnicate"');
    expect(out).toContain("There is no open quiz here");
    expect(out).toContain('Did you mean "leaderboard"');
    expect(out).toContain("== studybot · commands ==");
  });

  it("refuses a bad environment with the variable named", () => {
    const { code, err } = runTerminal("", { DATABASE_PATH: join(tempDir(), "x.db"), DEFAULT_TIMEZONE: "Mars/Base" });
    expect(code).toBe(1);
    expect(err).toContain("DEFAULT_TIMEZONE: must be an IANA time zone such as Europe/Berlin");
  });
});
