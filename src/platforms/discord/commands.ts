import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOptionChoice,
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { clip } from "../../core/clip.js";
import type { ParseResult } from "../../core/commands.js";
import type { Deck } from "../../core/deck.js";
import {
  COMMAND_GROUPS,
  COMMAND_SPECS,
  type CommandArg,
  type CommandSpec,
  commandText,
  ownWord,
  parseCommand,
} from "../../core/grammar.js";
import { BASE_TEXTS } from "../../core/i18n/catalogues.js";
import { argDescription, type CommandTexts, choiceName, type Named } from "../../core/i18n/texts.js";
import type { StudyPlace } from "../../services/studyPlaces.js";
import { localizations, type TextPick } from "./localizations.js";

/**
 * Slash commands generated from the grammar's table: `quiz now` becomes
 * `/quiz now`, its `[deck] [buttons|reactions] [window]` typed options with
 * choices, an admin-only group is limited to Manage Server by default, and
 * every name and description comes in each language of src/core/i18n. An
 * invocation (which Discord sends with the default names, whatever language
 * the person saw) is turned back into a grammar line and parsed like one typed
 * in Slack or the terminal, so every platform accepts and refuses the same things.
 */

const DESCRIPTION_LIMIT = 100;
const describe = (text: string) => clip(text, DESCRIPTION_LIMIT);

/** A name as the table spells it, with each language's; a pick that finds nothing leaves that language out. */
const named = (name: string, pick: TextPick) => ({ name, name_localizations: localizations(pick) });

/**
 * A description in each language, clipped to Discord's 100 characters like the
 * base one; `adminMark` adds each language's "(Manage Server)".
 */
function described(description: string, pick: TextPick, adminMark = false) {
  const mark = (text: string, texts: CommandTexts) => (adminMark ? `${text}${texts.adminMark}` : text);
  return {
    description: describe(mark(description, BASE_TEXTS)),
    description_localizations: localizations((texts) => {
      const text = pick(texts);
      return text === undefined ? undefined : describe(mark(text, texts));
    }),
  };
}

/** What a language says of a top-level command: its group's texts, or the lone command's own. */
function topTexts(texts: CommandTexts, top: string, lone: CommandSpec | undefined): Named | undefined {
  const groups: Partial<Record<string, Named>> = texts.groups;
  return lone ? texts.commands[lone.name] : groups[top];
}

/** A grammar argument as a slash option: its input decides the option's type. */
function optionOf(
  arg: CommandArg,
  command: CommandSpec,
  specs: readonly CommandSpec[],
): APIApplicationCommandBasicOption {
  const base = {
    ...named(arg.name, (texts) => texts.args[arg.kind]?.name),
    ...described(arg.description, (texts) => argDescription(texts, command.name, arg.kind)),
    ...(arg.required ? { required: true } : {}),
  };
  const { input } = arg;
  switch (input.type) {
    case "text":
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        ...(input.suggested ? { autocomplete: true } : {}),
        max_length: input.maxLength,
      };
    case "choice":
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        choices: (arg.choices ?? []).map((value) => ({
          ...named(value, (texts) =>
            arg.kind === "topic"
              ? topTexts(texts, value, loneCommand(specs, value))?.name
              : choiceName(texts, arg.kind, value),
          ),
          value,
        })),
      };
    case "integer":
      return {
        ...base,
        type: ApplicationCommandOptionType.Integer,
        min_value: input.min,
        ...(input.max !== undefined ? { max_value: input.max } : {}),
      };
    case "user":
      return { ...base, type: ApplicationCommandOptionType.User };
    case "role":
      return { ...base, type: ApplicationCommandOptionType.Role };
    case "file":
      return { ...base, type: ApplicationCommandOptionType.Attachment };
  }
}

/** Where a personal command runs outside a server it needs to know whose server's decks and progress. */
export const SERVER_OPTION = BASE_TEXTS.serverOption.name;
const serverOption: APIApplicationCommandBasicOption = {
  type: ApplicationCommandOptionType.String,
  ...named(SERVER_OPTION, (texts) => texts.serverOption.name),
  ...described(BASE_TEXTS.serverOption.description, (texts) => texts.serverOption.description),
  autocomplete: true,
  max_length: 20,
};

/** Personal commands also work in DMs with the bot and wherever a user installed the app for themselves. */
const everywhere = {
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
  integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
};
const inServers = {
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
};

/** The command a top-level word stands for alone, if it has no subcommands. */
function loneCommand(specs: readonly CommandSpec[], top: string): CommandSpec | undefined {
  const members = specs.filter((spec) => spec.words[0] === top);
  return members.length === 1 && members[0]?.words.length === 1 ? members[0] : undefined;
}

/**
 * Every slash command, made from the grammar's table, named and described in
 * every language of src/core/i18n. A top-level command is limited to Manage
 * Server by default when all of its subcommands are admin ones; the bot checks
 * the right again on every use, since server admins can change who sees what.
 */
export function slashCommands(
  specs: readonly CommandSpec[] = COMMAND_SPECS,
  groupSummaries: Readonly<Record<string, string>> = COMMAND_GROUPS,
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const groups = new Map<string, CommandSpec[]>();
  for (const spec of specs) {
    const [top = ""] = spec.words;
    groups.set(top, [...(groups.get(top) ?? []), spec]);
  }
  return [...groups].map(([top, members]) => {
    const single = loneCommand(specs, top);
    const adminOnly = members.every((spec) => spec.admin);
    const personal = members.every((spec) => spec.personal);
    const summary = single?.summary ?? groupSummaries[top] ?? top;
    const optionsOf = (spec: CommandSpec) => [
      ...spec.args.map((arg) => optionOf(arg, spec, specs)),
      ...(personal ? [serverOption] : []),
    ];
    return {
      ...named(top, (texts) => topTexts(texts, top, single)?.name),
      ...described(summary, (texts) => topTexts(texts, top, single)?.description, adminOnly && !single),
      options: single
        ? optionsOf(single)
        : members.map((spec) => ({
            type: ApplicationCommandOptionType.Subcommand,
            ...named(ownWord(spec), (texts) => texts.commands[spec.name]?.name),
            ...described(spec.summary, (texts) => texts.commands[spec.name]?.description, spec.admin && !adminOnly),
            options: optionsOf(spec),
          })),
      default_member_permissions: adminOnly ? PermissionFlagsBits.ManageGuild.toString() : null,
      ...(personal ? everywhere : inServers),
    };
  });
}

export interface SlashInvocation {
  command: string;
  subcommand?: string | null;
  options: readonly { name: string; type: ApplicationCommandOptionType; value?: string | number | boolean }[];
}

// The grammar's quotes; stripped from values so a value is always exactly one quoted token.
const QUOTES = /["“”„]/g;

/**
 * The grammar line for a slash command: its words, then each given option's
 * value as one quoted token, in the grammar's order, after its keyword if it
 * has one (`ping`). A user or role option becomes a mention, which the
 * grammar reads as that user's or role's id.
 */
export function commandLine(
  invocation: SlashInvocation,
  specs: readonly CommandSpec[] = COMMAND_SPECS,
): string | undefined {
  const path = [invocation.command, invocation.subcommand].filter(Boolean).join(" ");
  const spec = specs.find(
    (each) => commandText(each) === path || (each.aloneAs && `${commandText(each)} ${each.aloneAs}` === path),
  );
  if (!spec) return undefined;
  const tokens = [...spec.words];
  // An attached file is not part of a line: /deck import reads it itself.
  for (const arg of spec.args.filter((each) => each.input.type !== "file")) {
    const given = invocation.options.find((option) => option.name === arg.name);
    if (given?.value === undefined) continue;
    const cleaned = mentionOf(given).replace(QUOTES, "").trim();
    if (cleaned !== "") tokens.push(...(arg.keyword ? [arg.keyword] : []), `"${cleaned}"`);
  }
  return tokens.join(" ");
}

function mentionOf(option: SlashInvocation["options"][number]): string {
  if (option.type === ApplicationCommandOptionType.User) return `<@${option.value}>`;
  if (option.type === ApplicationCommandOptionType.Role) return `<@&${option.value}>`;
  return String(option.value);
}

export function parseSlash(invocation: SlashInvocation): ParseResult {
  const line = commandLine(invocation);
  if (line === undefined) {
    return { ok: false, error: `/${invocation.command} is not a studybot command (any more).`, usage: "/help" };
  }
  return parseCommand(line);
}

const AUTOCOMPLETE_LIMIT = 25;
const CHOICE_NAME_LIMIT = 100;

/** The servers a person studies in, for the `server` option of a command typed in DMs: last studied first. */
export function serverChoices(
  places: readonly StudyPlace[],
  typed: string,
): APIApplicationCommandOptionChoice<string>[] {
  const needle = typed.trim().toLowerCase();
  return places
    .filter((place) => place.communityName.toLowerCase().includes(needle) || place.communityExternalId.includes(needle))
    .slice(0, AUTOCOMPLETE_LIMIT)
    .map((place) => ({
      name: clip(place.communityName || place.communityExternalId, CHOICE_NAME_LIMIT),
      value: place.communityExternalId,
    }));
}

/**
 * Suggestions while someone types a deck, a time zone or a card of the deck
 * already chosen in the same command: matches anywhere, zones shortest first.
 */
export function autocompleteChoices(
  option: string,
  typed: string,
  decks: readonly Deck[],
  chosenDeckId?: string,
): APIApplicationCommandOptionChoice<string>[] {
  const needle = typed.trim().toLowerCase();
  if (option === "card") {
    const cards = decks.find((deck) => deck.id === chosenDeckId)?.cards ?? [];
    return cards
      .filter((card) => card.id.includes(needle) || card.front.toLowerCase().includes(needle))
      .slice(0, AUTOCOMPLETE_LIMIT)
      .map((card) => ({ name: clip(`${card.front} (${card.id})`, CHOICE_NAME_LIMIT), value: card.id }));
  }
  if (option === "deck") {
    return decks
      .filter((deck) => deck.id.includes(needle) || deck.title.toLowerCase().includes(needle))
      .slice(0, AUTOCOMPLETE_LIMIT)
      .map((deck) => ({ name: clip(`${deck.title} (${deck.id})`, CHOICE_NAME_LIMIT), value: deck.id }));
  }
  if (option === "timezone") {
    // Some runtimes list UTC among the zones, some do not.
    return [...new Set(["UTC", ...Intl.supportedValuesOf("timeZone")])]
      .filter((zone) => zone.toLowerCase().includes(needle))
      .sort((a, b) => a.length - b.length)
      .slice(0, AUTOCOMPLETE_LIMIT)
      .map((zone) => ({ name: zone, value: zone }));
  }
  return [];
}
