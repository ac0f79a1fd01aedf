import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../kit/tempDir.js";
import { runTerminal } from "../kit/studybotProcess.js";

describe("drills in the terminal", () => {
  const tempDir = useTempDir();

  it("runs a whole flip drill from piped input", () => {
    const db = join(tempDir(), "studybot.db");
    const input = "drill lightweight-sandboxes 3 flip\nshow\ngood\nshow\nagain\nshow\neasy\nstats\n";
    const { code, out, err } = runTerminal(input, { DATABASE_PATH: db });
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toContain(
      "== Drill · L12 – Lightweight sandboxes · card 1 of 3 ==\n  Containers vs VMs\n  [Show answer]\n  [Stop]\nType show to see the answer. stop ends the drill.",
    );
    expect(out).toContain("  [Again · 1m]\n  [Hard · 6m]\n  [Good · 10m]\n  [Easy · 8d]");
    expect(out).toContain("Type again, hard, good or easy (or 1-4).");
    expect(out).toContain("Containers vs VMs rated Good · back in 10m");
    expect(out).toContain("CRI rated Again · back in 1m");
    expect(out).toContain("== Drill done · L12 – Lightweight sandboxes ==");
    expect(out).toContain("Ratings: Again 1 · Hard 0 · Good 1 · Easy 1");
    expect(out).toContain("Day streak: 1 day (best 1)");
    expect(out).toContain("Cards learned: 3");
  });

  it("takes the last rating back with undo, once", () => {
    const db = join(tempDir(), "studybot.db");
    const input = "drill lightweight-sandboxes 2 flip\nshow\ngood\nundo\nundo\neasy\nshow\ngood\n";
    const { code, out, err } = runTerminal(input, { DATABASE_PATH: db });
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toContain(
      "  [Undo last rating]\n  [Stop]\nType show to see the answer. undo takes back your last rating.",
    );
    expect(out).toContain("Rating undone. The card is back as it was before you rated it.");
    expect(out).toContain("Nothing to undo Only the last rating of this drill can be undone, once.");
    expect(out).toContain("Containers vs VMs rated Easy · back in 8d");
    expect(out).toContain("Ratings: Again 0 · Hard 0 · Good 1 · Easy 1");
  });

  it("runs a choice drill with letters and resumes it after a restart", () => {
    const db = join(tempDir(), "studybot.db");
    const first = runTerminal("drill lightweight-sandboxes 2 choice\nb\n", { DATABASE_PATH: db });
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      /== Drill · L12 – Lightweight sandboxes · card 1 of 2 ==\n(Which term matches this definition\?|Which of these describes Containers vs VMs\?)/,
    );
    expect(first.out).toContain("Type a letter to answer. stop ends the drill.");
    expect(first.out).toMatch(/✔ Right: [A-D]|✘ Not B\. The answer was [A-D]/);

    const second = runTerminal("drill\nc\n", { DATABASE_PATH: db });
    expect(second.code).toBe(0);
    expect(second.out).toContain("== Drill · L12 – Lightweight sandboxes · card 2 of 2 ==\nResuming your drill.");
    expect(second.out).toContain("== Drill done · L12 – Lightweight sandboxes ==\n");
    expect(second.out).toContain("Cards reviewed: 2");
  });

  it("runs a type drill: typed terms are graded, a near miss is shown, commands still work mid-drill", () => {
    const db = join(tempDir(), "studybot.db");
    const input = "drill lightweight-sandboxes 3 type\ncontainers vs. VMs\nstats\nCRI\ncontainer runtme\n";
    const { code, out } = runTerminal(input, { DATABASE_PATH: db });
    expect(code).toBe(0);
    expect(out).toContain("Which term is this?");
    expect(out).toContain("Type the term. stop ends the drill.");
    expect(out).not.toContain("[Type the term]");
    expect(out).toContain("✔ Right: Containers vs VMs");
    expect(out).toContain("== Stats · tester ==");
    expect(out).toContain("✔ Right: CRI");
    expect(out).toContain("≈ Almost: you typed “container runtme”, it is spelled Container runtime · rated Hard");
    expect(out).toContain("Ratings: Again 0 · Hard 1 · Good 2 · Easy 0");
  });

  it("keeps to DRILL_NEW_PER_DAY new cards a day and stops on request", () => {
    const db = join(tempDir(), "studybot.db");
    const { code, out } = runTerminal("drill lightweight-sandboxes 5\nstop\ndrill\n", {
      DATABASE_PATH: db,
      DRILL_NEW_PER_DAY: "2",
    });
    expect(code).toBe(0);
    expect(out).toContain("== Drill · L12 – Lightweight sandboxes · card 1 of 2 ==");
    expect(out).toContain("== Drill stopped · L12 – Lightweight sandboxes ==");
    // Stopped before rating anything: both of today's new cards are still to come.
    expect(out).toMatch(
      /== Drill · L12 – Lightweight sandboxes · card 1 of 2 ==[\s\S]*== Drill stopped[\s\S]*== Drill · L12 – Lightweight sandboxes · card 1 of 2 ==/,
    );
  });

  it("names DRILL_NEW_PER_DAY when it is not a whole number", () => {
    const { code, err } = runTerminal("", { DATABASE_PATH: join(tempDir(), "x.db"), DRILL_NEW_PER_DAY: "lots" });
    expect(code).toBe(1);
    expect(err).toContain("DRILL_NEW_PER_DAY: must be a whole number such as 10");
  });
});
