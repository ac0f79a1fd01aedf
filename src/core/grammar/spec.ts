import type { Command, CommandName } from "../commands.js";
import { ARG_KINDS, type ArgInput, type ArgKind, keywordChoices } from "./arguments.js";
import type { Parsed } from "./parsed.js";
import type { Token } from "./tokens.js";

/**
 * What a command is: its words, its arguments, what it does, who may use it
 * and how its arguments are read. The table (table.ts) holds one entry per
 * command; usage lines, help, the router's admin check and Discord's slash
 * commands are all made from it.
 */

/** Reads the tokens after the command's words. */
export type ArgParser = (tokens: readonly Token[], spec: CommandSpec) => Parsed<Command>;

/** An argument as a table entry names it: a kind, or a kind with what differs for this command. */
export type ArgEntry =
  | ArgKind
  | { kind: ArgKind; required?: true /** Instead of the kind's own. */; usage?: string; description?: string };

export interface CommandEntry {
  name: CommandName;
  /** The keywords that select it: ["schedule", "add"]. */
  words: readonly string[];
  /** In the order a slash command lists them and a rebuilt line gives them. */
  args: readonly ArgEntry[];
  summary: string;
  admin: boolean;
  /**
   * About the person only (their drill, stats, settings), so it also works
   * outside a community's channels: in direct messages with the bot, and
   * wherever Discord users installed the app for themselves.
   */
  personal?: boolean;
  parse: ArgParser;
  /**
   * For a command word that runs alone and also has subcommands (`me`, `me timezone`): the subcommand
   * that stands for the word alone where a platform cannot run it (Discord's /me settings).
   */
  aloneAs?: string;
  /**
   * The subcommand a line means when no subcommand word follows the command's
   * word: `report week` is `report show week`. Its usage leaves the word out.
   */
  implied?: true;
}

export interface CommandArg {
  kind: ArgKind;
  name: string;
  required: boolean;
  description: string;
  input: ArgInput;
  /** The values an enumerated argument takes, in their own spelling. */
  choices?: readonly string[];
  /** "<cron>", "[buttons|reactions]"; absent for what a typed line cannot carry. */
  usage?: string;
  /** The word typed before the value: `ping @students`. */
  keyword?: string;
}

export interface CommandSpec extends Omit<CommandEntry, "args"> {
  args: readonly CommandArg[];
  /** "schedule add <cron> [tz] …": the words, then each typed argument. */
  usage: string;
}

export const commandText = (spec: Pick<CommandSpec, "words">): string => spec.words.join(" ");

/** The words a person types for the command: an implied subcommand's word is left out. */
const typedWords = (entry: Pick<CommandEntry, "words" | "implied">): readonly string[] =>
  entry.implied ? entry.words.slice(0, 1) : entry.words;

export const typedCommand = (spec: Pick<CommandSpec, "words" | "implied">): string => typedWords(spec).join(" ");

/** Resolves a table: each argument gets its kind's description, choices and usage. */
export function defineCommands(entries: readonly CommandEntry[]): CommandSpec[] {
  const commandWords = [...new Set(entries.map((entry) => entry.words[0] ?? ""))];
  return entries.map((entry) => {
    const args = entry.args.map((arg) => resolveArg(arg, commandWords));
    const usage = [...typedWords(entry), ...args.flatMap((arg) => arg.usage ?? [])].join(" ");
    return { ...entry, args, usage };
  });
}

function resolveArg(entry: ArgEntry, commandWords: readonly string[]): CommandArg {
  const { kind, required = false, ...own } = typeof entry === "string" ? { kind: entry } : entry;
  const described = ARG_KINDS[kind];
  // A help topic is any command word: too many to spell out in a usage line, so it keeps its label.
  const isTopic = kind === "topic";
  const choices = isTopic ? commandWords : keywordChoices(kind);
  const placeholder = own.usage ?? (isTopic ? undefined : choices?.join("|")) ?? described.label;
  return {
    kind,
    name: described.name,
    required,
    description: own.description ?? described.description,
    input: described.input,
    ...(choices ? { choices } : {}),
    ...(described.keyword ? { keyword: described.keyword } : {}),
    ...(described.input.type === "file" ? {} : { usage: required ? `<${placeholder}>` : `[${placeholder}]` }),
  };
}

/**
 * The command's own word where commands are named word by word (Discord): the
 * subcommand's, the stand-in of a word that also runs alone (`me` is /me settings),
 * or the word of a command without subcommands.
 */
export const ownWord = (spec: Pick<CommandSpec, "words" | "aloneAs">): string =>
  spec.words[1] ?? spec.aloneAs ?? spec.words[0] ?? "";
