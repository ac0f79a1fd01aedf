import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/core/grammar.js";
import { handleCommand } from "../../src/services/commandRouter.js";
import { actor, openTestBot } from "../kit/fakes.js";
import { useTempDir } from "../kit/tempDir.js";
import { viewText } from "../kit/viewText.js";

const errorOf = (line: string): string => {
  const result = parseCommand(line);
  if (result.ok) throw new Error(`expected "${line}" to fail`);
  return result.error;
};

const DECK_ID_RULE = "is not a deck id: use lowercase letters, digits and dashes, such as lightweight-sandboxes.";

describe("what a refused command echoes back", () => {
  const tempDir = useTempDir();

  it("stats of an unknown 1 MB name echoes its first graphemes, not the megabyte", async () => {
    const bot = openTestBot(join(tempDir(), "bot.db"));
    const name = `${"👩‍👩‍👧".repeat(4)}${"x".repeat(1024 * 1024)}`;
    const reply = await handleCommand(bot.services, actor("ana"), `stats "${name}"`);
    const text = viewText(reply.view);
    expect(reply.view.tone).toBe("error");
    expect(text).toContain(`No stats for ${"👩‍👩‍👧".repeat(4)}xxxxxxx… yet`);
    expect(text.length).toBeLessThan(500);
  });

  it("a path where a deck id goes is called a bad deck id, with the rule and an example, not a time zone", () => {
    for (const path of ["./deck", "../decks/capitals.yaml", "~/decks"]) {
      expect(errorOf(`quiz now ${path}`)).toBe(`"${path}" ${DECK_ID_RULE}`);
      expect(errorOf(`schedule add 0 9 * * * ${path}`)).toBe(`"${path}" ${DECK_ID_RULE}`);
    }
    // Shaped like Area/Location: a command that takes a zone cannot tell, one that takes none can.
    expect(errorOf("quiz now decks/capitals")).toBe(`"decks/capitals" ${DECK_ID_RULE}`);
    expect(errorOf("quiz now Europe/Berlin")).toBe('quiz now does not take a time zone ("Europe/Berlin").');
  });
});
