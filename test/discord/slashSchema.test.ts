import {
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  PermissionFlagsBits,
} from "discord-api-types/v10";
import { afterEach, describe, expect, it } from "vitest";
import type { CommandName } from "../../src/core/commands.js";
import {
  type ArgInput,
  COMMAND_ENTRIES,
  COMMAND_GROUPS,
  COMMAND_SPECS,
  type CommandArg,
  type CommandEntry,
  type CommandSpec,
  defineCommands,
} from "../../src/core/grammar.js";
import { commandLine, slashCommands } from "../../src/platforms/discord/commands.js";
import { registerCommands } from "../../src/platforms/discord/register.js";
import { BOT_TOKEN, FakeDiscord, GUILD_ID } from "./fakeDiscord.js";

/** Discord's option type for each kind of input the grammar describes. */
const OPTION_TYPE: Record<ArgInput["type"], ApplicationCommandOptionType> = {
  text: ApplicationCommandOptionType.String,
  choice: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  user: ApplicationCommandOptionType.User,
  role: ApplicationCommandOptionType.Role,
  file: ApplicationCommandOptionType.Attachment,
};
const MANAGE_SERVER = PermissionFlagsBits.ManageGuild.toString();

/** What a registered option must say, read from the grammar's argument alone. */
function expectedOption(arg: CommandArg) {
  return {
    name: arg.name,
    type: OPTION_TYPE[arg.input.type],
    ...(arg.required ? { required: true } : {}),
    ...(arg.choices ? { choices: arg.choices.map((value) => ({ name: value, value })) } : {}),
  };
}

function seenOption(option: APIApplicationCommandOption) {
  return {
    name: option.name,
    type: option.type,
    ...("required" in option && option.required ? { required: true } : {}),
    // Their names in other languages are checked in localizedCommands.test.ts.
    ...("choices" in option && option.choices
      ? { choices: option.choices.map(({ name, value }) => ({ name, value })) }
      : {}),
  };
}

/** The registered command or subcommand a spec became, and the permission its top-level command asks for. */
function slashOf(registered: readonly APIApplicationCommand[], spec: CommandSpec) {
  const [top, sub = spec.aloneAs] = spec.words;
  const command = registered.find((each) => each.name === top);
  const subcommand = command?.options?.find(
    (option) => option.type === ApplicationCommandOptionType.Subcommand && option.name === sub,
  );
  const leaf: APIApplicationCommand | APIApplicationCommandOption | undefined =
    sub === undefined ? command : subcommand;
  return { command, leaf, options: leaf && "options" in leaf ? (leaf.options ?? []) : [] };
}

describe("Discord's slash commands, generated from the grammar's table", () => {
  let fake: FakeDiscord | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it("registers every command of the table with its admin default permission, options and choices", async () => {
    fake = await FakeDiscord.start();
    await registerCommands({ token: BOT_TOKEN, apiBase: fake.apiBase, rest: { retries: 0 } }, GUILD_ID);
    const registered: APIApplicationCommand[] = fake.guildCommands;
    for (const spec of COMMAND_SPECS) {
      const { command, leaf, options } = slashOf(registered, spec);
      expect(leaf, spec.name).toBeDefined();
      const group = COMMAND_SPECS.filter((each) => each.words[0] === spec.words[0]);
      const groupIsAdmin = group.every((each) => each.admin);
      expect(command?.default_member_permissions, spec.name).toBe(groupIsAdmin ? MANAGE_SERVER : null);
      if (spec.admin && !groupIsAdmin) expect(leaf?.description, spec.name).toMatch(/\(Manage Server\)$/);
      // A personal command's last option picks the server when it runs in a DM.
      const serverOption = spec.personal ? [{ name: "server", type: ApplicationCommandOptionType.String }] : [];
      expect(options.map(seenOption), spec.name).toEqual([...spec.args.map(expectedOption), ...serverOption]);
    }
    const slash = registered.filter((command) => command.type === ApplicationCommandType.ChatInput);
    expect(slash.map((command) => command.name).sort()).toEqual(
      [...new Set(COMMAND_SPECS.map((spec) => spec.words[0]))].sort(),
    );
  });

  it("turns a command added to the table alone into a slash command whose options rebuild its line", () => {
    const focus: CommandEntry = {
      name: "focus-start" as CommandName,
      words: ["focus", "start"],
      args: [{ kind: "deck", required: true }, "period", "count"],
      summary: "Start a focus session on one deck.",
      admin: true,
      parse: () => ({ ok: false, error: "not parsed in this test" }),
    };
    const specs = defineCommands([...COMMAND_ENTRIES, focus]);
    const generated = slashCommands(specs, { ...COMMAND_GROUPS, focus: "Focus sessions" });

    const slash = generated.find((command) => command.name === "focus");
    expect(slash).toMatchObject({
      description: "Focus sessions (Manage Server)",
      default_member_permissions: MANAGE_SERVER,
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: "start",
          description: "Start a focus session on one deck.",
          options: [
            { type: ApplicationCommandOptionType.String, name: "deck", required: true, autocomplete: true },
            {
              type: ApplicationCommandOptionType.String,
              name: "period",
              choices: ["week", "month", "all"].map((value) => ({ name: value, value })),
            },
            { type: ApplicationCommandOptionType.Integer, name: "count", min_value: 1 },
          ],
        },
      ],
    });
    expect(specs.find((spec) => spec.words[0] === "focus")?.usage).toBe("focus start <deck> [week|month|all] [count]");
    // The help topic's choices follow the table too.
    const help = generated.find((command) => command.name === "help")?.options?.[0];
    expect(help && "choices" in help ? help.choices?.map((choice) => choice.value) : []).toContain("focus");

    const line = commandLine(
      {
        command: "focus",
        subcommand: "start",
        options: [
          { name: "count", type: ApplicationCommandOptionType.Integer, value: 5 },
          { name: "deck", type: ApplicationCommandOptionType.String, value: "capitals" },
        ],
      },
      specs,
    );
    expect(line).toBe('focus start "capitals" "5"');
    expect(slashCommands().some((command) => command.name === "focus")).toBe(false);
  });
});
