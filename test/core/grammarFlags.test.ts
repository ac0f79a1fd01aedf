import { describe, expect, it } from "vitest";
import type { Command, ParseResult } from "../../src/core/commands.js";
import { parseCommand } from "../../src/core/grammar.js";
import { isAdminOnly } from "../../src/core/grammar/table.js";

function command(line: string): Command {
  const result = parseCommand(line);
  if (!result.ok) throw new Error(`expected "${line}" to parse, got: ${result.error}`);
  return result.command;
}

function failure(line: string): Extract<ParseResult, { ok: false }> {
  const result = parseCommand(line);
  if (result.ok) throw new Error(`expected "${line}" to fail, got ${JSON.stringify(result.command)}`);
  return result;
}

describe("flag, deck flags, deck skip and deck unskip", () => {
  it("flag takes a deck, a card and the rest of the line as the reason, quoted or not", () => {
    const expected = { name: "flag", deck: "capitals", card: "paris", reason: "the back says Lyon" };
    expect(command("flag capitals paris the back says Lyon")).toStrictEqual(expected);
    expect(command('flag Capitals PARIS "the back says Lyon"')).toStrictEqual(expected);
    expect(isAdminOnly("flag")).toBe(false);
  });

  it("flag without a reason, or with one over 500 characters, is refused with an example or the limit", () => {
    expect(failure("flag capitals paris").error).toContain('flag lightweight-sandboxes gvisor "the back says');
    expect(failure("flag capitals").error).toContain("Name the deck and the card, such as flag");
    const long = failure(`flag capitals paris ${"x".repeat(501)}`).error;
    expect(long).toBe("That reason has 501 characters: a reason has at most 500.");
    expect(command(`flag capitals paris ${"x".repeat(500)}`)).toMatchObject({ reason: "x".repeat(500) });
    expect(failure("flag capitals par!s wrong").error).toContain('"par!s" is not a card id');
  });

  it("deck flags takes an optional deck; skip and unskip take a deck and a card; all are for admins", () => {
    expect(command("deck flags")).toStrictEqual({ name: "deck-flags" });
    expect(command("deck flags capitals")).toStrictEqual({ name: "deck-flags", deck: "capitals" });
    expect(command("deck skip capitals paris")).toStrictEqual({ name: "deck-skip", deck: "capitals", card: "paris" });
    expect(command("deck unskip capitals paris")).toStrictEqual({
      name: "deck-unskip",
      deck: "capitals",
      card: "paris",
    });
    expect(failure("deck skip capitals").error).toBe(
      "Name the deck and the card, such as deck skip lightweight-sandboxes gvisor",
    );
    expect(failure("deck unskip capitals paris now").error).toContain('Unexpected "now"');
    for (const name of ["deck-flags", "deck-skip", "deck-unskip"] as const) expect(isAdminOnly(name)).toBe(true);
  });
});
