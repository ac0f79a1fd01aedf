import { ApplicationCommandOptionType } from "discord.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ParseResult } from "../../src/core/commands.js";
import { COMMAND_SPECS, commandText, parseCommand } from "../../src/core/grammar.js";
import { commandLine } from "../../src/platforms/discord/commands.js";

const KNOWN = new Set(COMMAND_SPECS.map((spec) => spec.name));
const WORDS = [
  ...new Set(COMMAND_SPECS.flatMap((spec) => spec.words)),
  "now",
  "next",
  "30m",
  "2h",
  "1d",
  "*",
  "0",
  "9",
  "1-5",
  "Europe/Berlin",
  "utc",
  "flip",
  "type",
  "choice",
  "reactions",
  "buttons",
  "week",
  "month",
  "all",
  "points",
  "streak",
  "accuracy",
  "#3",
  "@ana",
  "<@123>",
  "constructor",
  "__proto__",
  '"',
  "“",
  "”",
  "'",
];

/** Lines people (and attackers) type: grammar words and any Unicode, joined by any spacing. */
const line = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc
    .array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ unit: "binary", maxLength: 8 })), { maxLength: 10 })
    .chain((parts) => fc.constantFrom(" ", "  ", "\t", "").map((gap) => parts.join(gap))),
);

/** Commands by their words, with arguments that may or may not fit. */
const startsOfCommands = fc
  .tuple(fc.constantFrom(...COMMAND_SPECS.map(commandText)), fc.array(fc.constantFrom(...WORDS), { maxLength: 3 }))
  .map(([words, extra]) => [words, ...extra].join(" "));

function wellFormed(result: ParseResult): void {
  if (result.ok) {
    expect(KNOWN).toContain(result.command.name);
  } else {
    expect(result.error.length).toBeGreaterThan(0);
    // The parser's safety net answers "Sorry…": reaching it means a rule threw.
    expect(result.error.startsWith("Sorry")).toBe(false);
  }
}

describe("command grammar (property)", () => {
  it("reads any line as a known command or a sentence saying what is wrong, never by throwing", () => {
    fc.assert(
      fc.property(line, (typed) => wellFormed(parseCommand(typed))),
      { numRuns: 5000 },
    );
  });

  it("reads a command the same with a leading slash and surrounding spaces", () => {
    fc.assert(
      fc.property(startsOfCommands, fc.constantFrom("", " ", "\t "), (typed, pad) => {
        const plain = parseCommand(typed);
        fc.pre(plain.ok);
        expect(parseCommand(`${pad}/${typed}${pad}`)).toEqual(plain);
      }),
      { numRuns: 2000 },
    );
  });

  it("reads a slash command's typed option as one option at most: no value can smuggle in another", () => {
    fc.assert(
      fc.property(fc.oneof(line, fc.constantFrom('x" 5 "type', "caps 10 choice", "“x” type")), (value) => {
        const typed = commandLine({
          command: "drill",
          options: [{ name: "deck", type: ApplicationCommandOptionType.String, value }],
        });
        const parsed = parseCommand(typed ?? "");
        if (!parsed.ok) return;
        // The grammar reads options by their shape, so a deck value shaped like a count or a mode ("9", "type") is read as one.
        const { name, ...given } = parsed.command;
        expect(Object.keys(given).length).toBeLessThanOrEqual(1);
        if ("deck" in given)
          expect(given.deck).toBe(
            value
              .replace(/["“”„]/g, "")
              .trim()
              .toLowerCase(),
          );
      }),
      { numRuns: 2000 },
    );
  });
});
