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
import type { CommandName, ParseResult } from "../../core/commands.js";
import type { Deck } from "../../core/deck.js";
import { COMMAND_USAGE, type CommandHelp, parseCommand } from "../../core/grammar.js";

/**
 * Slash commands built from the grammar: `quiz now` becomes `/quiz now`, its
 * `[deck] [buttons|reactions] [window]` typed options with choices. An
 * invocation is turned back into a grammar line and parsed like one typed in
 * Slack or the terminal, so every platform accepts and refuses the same things.
 */

type OptionKey =
  | "deck"
  | "mode"
  | "window"
  | "next-window"
  | "cron"
  | "timezone"
  | "cards"
  | "count"
  | "drill-mode"
  | "period"
  | "sort"
  | "user"
  | "id"
  | "topic"
  | "file";

type OptionSpec = APIApplicationCommandBasicOption;

const choices = (...values: string[]): APIApplicationCommandOptionChoice<string>[] =>
  values.map((value) => ({ name: value, value }));

/** Command words of the grammar, for `/help command:`. */
const TOPICS = [...new Set(COMMAND_USAGE.map((help) => help.usage.split(" ")[0] ?? ""))];

const OPTIONS: Record<OptionKey, OptionSpec> = {
  deck: {
    type: ApplicationCommandOptionType.String,
    name: "deck",
    description: "Deck id; start typing to pick one",
    autocomplete: true,
    max_length: 63,
  },
  mode: {
    type: ApplicationCommandOptionType.String,
    name: "mode",
    description: "Answer with buttons (default) or with letter reactions",
    choices: choices("buttons", "reactions"),
  },
  window: {
    type: ApplicationCommandOptionType.String,
    name: "window",
    description: "How long it stays open, such as 30m, 2h or 1d",
    max_length: 20,
  },
  "next-window": {
    type: ApplicationCommandOptionType.String,
    name: "window",
    description: "How long each quiz stays open (30m, 2h, 1d), or next: until the next post",
    max_length: 20,
  },
  cron: {
    type: ApplicationCommandOptionType.String,
    name: "cron",
    description: "When to post: minute hour day month weekday, such as 0 9 * * 1-5",
    required: true,
    max_length: 100,
  },
  timezone: {
    type: ApplicationCommandOptionType.String,
    name: "timezone",
    description: "IANA time zone such as Europe/Berlin; start typing to pick one",
    autocomplete: true,
    max_length: 64,
  },
  cards: {
    type: ApplicationCommandOptionType.String,
    name: "cards",
    description: "Which card comes next: in rotation (default) or weakest first",
    choices: choices("rotation", "weakest"),
  },
  count: {
    type: ApplicationCommandOptionType.Integer,
    name: "count",
    description: "How many cards",
    min_value: 1,
  },
  "drill-mode": {
    type: ApplicationCommandOptionType.String,
    name: "mode",
    description: "flip (recall, then rate), choice (multiple choice) or type (type the term)",
    choices: choices("flip", "choice", "type"),
  },
  period: {
    type: ApplicationCommandOptionType.String,
    name: "period",
    description: "This week (default), this month or all time",
    choices: choices("week", "month", "all"),
  },
  sort: {
    type: ApplicationCommandOptionType.String,
    name: "by",
    description: "Rank by points (default), day streak or accuracy",
    choices: choices("points", "streak", "accuracy"),
  },
  user: { type: ApplicationCommandOptionType.User, name: "user", description: "Whose stats (default: yours)" },
  id: {
    type: ApplicationCommandOptionType.Integer,
    name: "id",
    description: "The schedule's id (see /schedule list)",
    required: true,
    min_value: 1,
  },
  file: {
    type: ApplicationCommandOptionType.Attachment,
    name: "file",
    description: "A CSV, TSV or Anki plain-text export, instead of pasting (up to 512 KB)",
  },
  topic: {
    type: ApplicationCommandOptionType.String,
    name: "command",
    description: "One command's usage",
    choices: choices(...TOPICS),
  },
};

/** The options of each command, in the grammar's order (a cron comes first). */
const COMMAND_OPTIONS: Record<CommandName, readonly (OptionKey | { key: OptionKey; required: true })[]> = {
  "quiz-now": ["deck", "mode", "window"],
  "quiz-close": [],
  "schedule-add": ["cron", "timezone", "deck", "mode", "next-window", "cards"],
  "schedule-list": [],
  "schedule-remove": ["id"],
  "schedule-pause": ["id"],
  "schedule-resume": ["id"],
  drill: ["deck", "count", "drill-mode"],
  leaderboard: ["period", "sort"],
  stats: ["user"],
  "deck-list": [],
  "deck-info": [{ key: "deck", required: true }],
  "deck-import": ["deck", "file"],
  "deck-remove": [{ key: "deck", required: true }],
  "deck-reload": [],
  "settings-timezone": [{ key: "timezone", required: true }],
  help: ["topic"],
};

function optionsOf(name: CommandName): OptionSpec[] {
  return COMMAND_OPTIONS[name].map((entry) =>
    typeof entry === "string" ? OPTIONS[entry] : { ...OPTIONS[entry.key], required: entry.required },
  );
}

const DESCRIPTION_LIMIT = 100;

/** `quiz now` → ["quiz", "now"]. */
function wordsOf(help: CommandHelp): string[] {
  return help.usage.split(" ").filter((word) => !/^[[<]/.test(word));
}

const GROUP_DESCRIPTIONS: Record<string, string> = {
  quiz: "Channel quizzes: post one now, or close the open one",
  schedule: "Post quizzes in this channel on a schedule (Manage Server)",
  deck: "The decks you can study",
  settings: "Community settings (Manage Server)",
};

/**
 * Every slash command. A top-level command is limited to Manage Server by
 * default when all of its subcommands are admin ones; the bot checks the
 * right again on every use, since server admins can change who sees what.
 */
export function slashCommands(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const groups = new Map<string, CommandHelp[]>();
  for (const help of COMMAND_USAGE) {
    const [top = ""] = wordsOf(help);
    groups.set(top, [...(groups.get(top) ?? []), help]);
  }
  return [...groups].map(([top, members]) => {
    const single = members.length === 1 && wordsOf(members[0] as CommandHelp).length === 1 ? members[0] : undefined;
    const adminOnly = members.every((help) => help.admin);
    return {
      name: top,
      description: clip(single?.summary ?? GROUP_DESCRIPTIONS[top] ?? top, DESCRIPTION_LIMIT),
      options: single
        ? optionsOf(single.name)
        : members.map((help) => ({
            type: ApplicationCommandOptionType.Subcommand,
            name: wordsOf(help)[1] ?? "",
            description: clip(
              help.admin && !adminOnly ? `${help.summary} (Manage Server)` : help.summary,
              DESCRIPTION_LIMIT,
            ),
            options: optionsOf(help.name),
          })),
      default_member_permissions: adminOnly ? PermissionFlagsBits.ManageGuild.toString() : null,
      contexts: [InteractionContextType.Guild],
      integration_types: [ApplicationIntegrationType.GuildInstall],
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
 * value as one quoted token, in the grammar's order. A user option becomes a
 * mention, which the grammar reads as that user's id.
 */
export function commandLine(invocation: SlashInvocation): string | undefined {
  const path = [invocation.command, invocation.subcommand].filter(Boolean).join(" ");
  const help = COMMAND_USAGE.find((each) => wordsOf(each).join(" ") === path);
  if (!help) return undefined;
  const tokens = wordsOf(help);
  for (const spec of optionsOf(help.name)) {
    const given = invocation.options.find((option) => option.name === spec.name);
    if (given?.value === undefined) continue;
    const value = given.type === ApplicationCommandOptionType.User ? `<@${given.value}>` : String(given.value);
    const cleaned = value.replace(QUOTES, "").trim();
    if (cleaned !== "") tokens.push(`"${cleaned}"`);
  }
  return tokens.join(" ");
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

/** Suggestions while someone types a deck or time zone: matches anywhere, shortest first. */
export function autocompleteChoices(
  option: string,
  typed: string,
  decks: readonly Deck[],
): APIApplicationCommandOptionChoice<string>[] {
  const needle = typed.trim().toLowerCase();
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
