import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { COMMAND_SPECS, commandText, parseCommand } from "../../src/core/grammar.js";
import {
  autocompleteChoices,
  commandLine,
  type SlashInvocation,
  slashCommands,
} from "../../src/platforms/discord/commands.js";
import { smallDeck } from "../kit/fakes.js";

const { String: Text, Integer, User } = ApplicationCommandOptionType;

function parse(invocation: SlashInvocation) {
  const line = commandLine(invocation);
  if (line === undefined) throw new Error("not a command");
  return parseCommand(line);
}

describe("Discord slash commands", () => {
  const commands = slashCommands();

  it("offers every command of the grammar, as a command or a subcommand", () => {
    const paths = commands.flatMap((command) => {
      const subcommands = (command.options ?? []).filter(
        (option) => option.type === ApplicationCommandOptionType.Subcommand,
      );
      return subcommands.length > 0 ? subcommands.map((sub) => `${command.name} ${sub.name}`) : [command.name];
    });
    // A word that also runs alone (me) is offered as the subcommand that stands for it (/me settings).
    const expected = COMMAND_SPECS.map((spec) => [commandText(spec), spec.aloneAs].filter(Boolean).join(" "));
    expect(paths.sort()).toEqual(expected.sort());
  });

  it("keeps within Discord's definition rules: names, descriptions, required options first", () => {
    for (const command of commands) {
      expect(command.name).toMatch(/^[a-z-]{1,32}$/);
      expect(command.description.length).toBeLessThanOrEqual(100);
      const personal = COMMAND_SPECS.filter((spec) => spec.words[0] === command.name).every((spec) => spec.personal);
      // Personal commands also run in the bot's DMs (1) and group DMs (2); the rest only in servers (0).
      expect(command.contexts).toEqual(personal ? [0, 1, 2] : [0]);
      const lists = [command.options ?? []];
      for (const option of command.options ?? []) if ("options" in option && option.options) lists.push(option.options);
      for (const options of lists) {
        const required = options.map((option) => ("required" in option && option.required) === true);
        expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
        for (const option of options) {
          expect(option.name).toMatch(/^[a-z-]{1,32}$/);
          expect(option.description.length).toBeGreaterThan(0);
          expect(option.description.length).toBeLessThanOrEqual(100);
        }
      }
    }
  });

  it("turns options into the grammar line, so they parse like typed commands", () => {
    expect(
      parse({
        command: "quiz",
        subcommand: "now",
        options: [
          { name: "window", type: Text, value: "1h 30m" },
          { name: "deck", type: Text, value: "Capitals" },
          { name: "mode", type: Text, value: "reactions" },
        ],
      }),
    ).toEqual({
      ok: true,
      command: { name: "quiz-now", deck: "capitals", mode: "reactions", window: { kind: "minutes", minutes: 90 } },
    });
    expect(
      parse({
        command: "schedule",
        subcommand: "add",
        options: [
          { name: "timezone", type: Text, value: "Europe/Berlin" },
          { name: "cron", type: Text, value: "0 9 * * 1-5" },
          { name: "window", type: Text, value: "next" },
          { name: "cards", type: Text, value: "weakest" },
        ],
      }),
    ).toEqual({
      ok: true,
      command: {
        name: "schedule-add",
        cron: "0 9 * * 1-5",
        timeZone: "Europe/Berlin",
        window: { kind: "until-next" },
        choice: "weakest",
      },
    });
    expect(
      parse({ command: "schedule", subcommand: "pause", options: [{ name: "id", type: Integer, value: 12 }] }),
    ).toEqual({
      ok: true,
      command: { name: "schedule-pause", id: 12 },
    });
    expect(
      parse({
        command: "drill",
        options: [
          { name: "count", type: Integer, value: 5 },
          { name: "mode", type: Text, value: "type" },
        ],
      }),
    ).toEqual({ ok: true, command: { name: "drill", count: 5, mode: "type" } });
    expect(
      parse({
        command: "leaderboard",
        options: [
          { name: "by", type: Text, value: "accuracy" },
          { name: "period", type: Text, value: "all" },
        ],
      }),
    ).toEqual({ ok: true, command: { name: "leaderboard", period: "all", sort: "accuracy" } });
    expect(parse({ command: "stats", options: [{ name: "user", type: User, value: "1400000000000000012" }] })).toEqual({
      ok: true,
      command: { name: "stats", user: "<@1400000000000000012>" },
    });
    expect(parse({ command: "help", options: [{ name: "command", type: Text, value: "schedule" }] })).toEqual({
      ok: true,
      command: { name: "help", topic: "schedule" },
    });
    expect(parse({ command: "deck", subcommand: "list", options: [] })).toEqual({
      ok: true,
      command: { name: "deck-list" },
    });
  });

  it("keeps each value one argument: quotes in a value cannot split it or smuggle another option in", () => {
    expect(
      commandLine({
        command: "deck",
        subcommand: "info",
        options: [{ name: "deck", type: Text, value: 'caps" reactions "x' }],
      }),
    ).toBe('deck info "caps reactions x"');
    const parsed = parse({
      command: "deck",
      subcommand: "info",
      options: [{ name: "deck", type: Text, value: 'caps" reactions "x' }],
    });
    expect(parsed.ok).toBe(false);
    expect(
      commandLine({ command: "deck", subcommand: "info", options: [{ name: "deck", type: Text, value: "  " }] }),
    ).toBe("deck info");
  });

  it("knows no command outside the grammar (a registration from another version)", () => {
    expect(commandLine({ command: "frobnicate", options: [] })).toBeUndefined();
    expect(commandLine({ command: "quiz", subcommand: "later", options: [] })).toBeUndefined();
  });

  it("suggests decks and time zones as they are typed", () => {
    const decks = [smallDeck("capitals"), smallDeck("rivers")];
    expect(autocompleteChoices("deck", "riv", decks)).toEqual([
      { name: "Capitals (rivers) (rivers)", value: "rivers" },
    ]);
    expect(autocompleteChoices("deck", "", decks).map((choice) => choice.value)).toEqual(["capitals", "rivers"]);
    const zones = autocompleteChoices("timezone", "berl", decks);
    expect(zones[0]).toEqual({ name: "Europe/Berlin", value: "Europe/Berlin" });
    expect(autocompleteChoices("timezone", "", decks).length).toBe(25);
    expect(autocompleteChoices("mode", "b", decks)).toEqual([]);
  });

  it("suggests the cards of the deck chosen in the same command, by id or front, none before a deck", () => {
    const decks = [smallDeck("capitals"), smallDeck("rivers")];
    expect(autocompleteChoices("card", "nor", decks, "rivers")).toEqual([
      { name: "Capital of Norway (norway)", value: "norway" },
    ]);
    expect(autocompleteChoices("card", "capital of", decks, "capitals")).toHaveLength(6);
    expect(autocompleteChoices("card", "nor", decks)).toEqual([]);
    expect(autocompleteChoices("card", "nor", decks, "oceans")).toEqual([]);
  });
});
