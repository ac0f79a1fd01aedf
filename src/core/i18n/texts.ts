import type { AnswerMode, CardChoice, CommandName, DrillMode, LeaderboardSort, Period } from "../commands.js";
import type { ArgKind } from "../grammar/arguments.js";
import type { CommandGroup, OwnArgDescription } from "../grammar/table.js";

/**
 * What one language says about the commands: names and descriptions of the
 * slash commands, their options and choices (Discord shows them in the
 * person's language), and the help reply. Plain strings, so that a language
 * is a JSON file a translator can edit; every key is required, so a language
 * that misses a command, an argument or a choice does not compile.
 */
export interface CommandTexts {
  /** A command word with subcommands, as a top-level slash command: /quiz. */
  groups: Record<CommandGroup, Named>;
  /** A command: the word it adds to its group's (or its own word, alone), and its summary. */
  commands: Record<CommandName, Named>;
  /** An argument, as a slash command's option. */
  args: Record<ArgKind, Named>;
  /** The descriptions a command gives an argument instead of its kind's (table.ts). */
  ownArgDescriptions: Record<OwnArgDescription, string>;
  choices: ChoiceNames;
  /** The option personal commands take in direct messages: whose server's decks and progress. */
  serverOption: Named;
  /** The message command that makes a flashcard of a message (mixed case and spaces allowed). */
  makeCard: string;
  /** After the description of what needs Manage Server: " (Manage Server)". */
  adminMark: string;
  help: HelpTexts;
}

export interface Named {
  /** Lowercase, at most 32 letters, digits, - or _: what Discord allows. */
  name: string;
  /** At most 100 characters on Discord: longer ones are clipped. */
  description: string;
}

/** The values an argument picked from a list takes; a help topic's choices are the command words. */
export interface ChoiceValues {
  mode: AnswerMode;
  choice: CardChoice;
  drillMode: DrillMode;
  period: Period;
  sort: LeaderboardSort;
  streakNudge: "streak";
  thread: "thread";
}

export type ChoiceNames = { [K in keyof ChoiceValues]: Record<ChoiceValues[K], string> };

export interface HelpTexts {
  title: string;
  /** After the usage of an admin command: " (admin)". */
  adminMark: string;
  /** When no command starts with the topic; "{topic}" stands for it. */
  noMatch: string;
  /** The footer an admin sees: the value formats. */
  adminFooter: string;
  memberFooter: string;
}

/** What a language says of an argument of a command: the command's own words for it, else its kind's. */
export function argDescription(texts: CommandTexts, command: CommandName, kind: ArgKind): string | undefined {
  const own: Partial<Record<string, string>> = texts.ownArgDescriptions;
  return own[`${command} ${kind}`] ?? texts.args[kind]?.description;
}

/** What a language calls one value of an argument picked from a list; none for a kind without listed values. */
export function choiceName(texts: CommandTexts, kind: ArgKind, value: string): string | undefined {
  const choices: Partial<Record<string, Partial<Record<string, string>>>> = texts.choices;
  return choices[kind]?.[value];
}
