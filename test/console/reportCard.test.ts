import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../kit/tempDir.js";
import { runTerminal } from "../kit/studybotProcess.js";

describe("reporting and skipping cards in the terminal", () => {
  const tempDir = useTempDir();

  it("flags the card a drill answer shows, lists it with deck flags, and skips it until unskipped", () => {
    const db = join(tempDir(), "studybot.db");
    const card = "lightweight-sandboxes containers-vs-vms";
    const input = [
      "drill lightweight-sandboxes 2 flip",
      "show",
      "good",
      `flag ${card} the back mixes up VMs and containers`,
      `flag ${card} ${"x".repeat(501)}`,
      `flag ${card} the back mixes up VMs and containers, see slide 3`,
      "stop",
      "deck flags",
      `deck skip ${card}`,
      "drill lightweight-sandboxes 1 flip",
      "stop",
      `deck unskip ${card}`,
      "deck flags",
      "",
    ].join("\n");
    const { code, out, err } = runTerminal(input, { DATABASE_PATH: db });
    expect(err).toBe("");
    expect(code).toBe(0);
    // The answered card's report: no button to click, the line to type instead.
    expect(out).toContain(`flag ${card} <why> reports this card.`);
    expect(out).not.toContain("[Report card]");
    expect(out).toContain("Thank you: the admins will see your report on Containers vs VMs.");
    expect(out).toContain("That reason has 501 characters: a reason has at most 500.");
    expect(out).toContain("Your reason is updated for Containers vs VMs: each member counts once per card.");
    expect(out).toContain(`Containers vs VMs: ${card} · 1 report\n“the back mixes up VMs and containers, see slide 3”`);
    expect(out).toContain(`(${card}) is now kept out of quizzes, schedules and drills. Its reports stay.`);
    // The next drill starts past the skipped card.
    expect(out).toMatch(/== Drill · L12 – Lightweight sandboxes · card 1 of 1 ==\n {2}What is CRI\?\n/);
    expect(out).toContain(`${card} is back in quizzes and drills; 1 report cleared.`);
    expect(out).toContain("No card is reported.");
  });
});
