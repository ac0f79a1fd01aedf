import { quoted } from "./quoted.js";
import type { ParseResult } from "../commands.js";

import type { CommandSpec } from "./spec.js";
import { orList, unknown } from "./suggest.js";
import { COMMAND_SPECS } from "./table.js";
import { expandAlias, stripSlash, SUBCOMMAND_ALIASES, type Token, tokenize } from "./tokens.js";

/**
 * The one command grammar every platform shares: a line as typed after Slack's
 * `/study`, in the terminal, or rebuilt from Discord's options. The table finds
 * the command by its words; the command's own parser reads the rest.
 */

type Failure = { ok: false; error: string; usage: string };
const failure = (error: string, usage: string): Failure => ({ ok: false, error, usage });

const HELP_HINT = "Type help to see the commands.";
const COMMAND_WORDS = [...new Set(COMMAND_SPECS.map((each) => each.words[0] ?? ""))];
const TOP_LEVEL = COMMAND_WORDS.join(" · ");

type Found = { ok: true; spec: CommandSpec; rest: Token[] };

function findSpec(tokens: readonly Token[]): Found | Failure {
  const [head, ...rest] = tokens;
  if (!head) return failure(HELP_HINT, TOP_LEVEL);
  const word = head.text.toLowerCase();
  const group = COMMAND_SPECS.filter((each) => each.words[0] === word);
  if (group.length === 0) {
    return failure(unknown(`Unknown command ${quoted(head.text)}.`, word, COMMAND_WORDS, HELP_HINT), TOP_LEVEL);
  }
  const leaf = group.find((each) => each.words.length === 1);
  // A word that also runs alone (`me`) takes no arguments there: what follows it names a subcommand.
  if (leaf && (group.length === 1 || rest.length === 0)) return { ok: true, spec: leaf, rest };
  return findSubcommand(word, group, rest);
}

function findSubcommand(command: string, group: readonly CommandSpec[], tokens: readonly Token[]): Found | Failure {
  const [head, ...rest] = tokens;
  const subcommandOf = (each: CommandSpec) => each.words[1] ?? each.aloneAs ?? "";
  const subcommands = group.map(subcommandOf);
  const usage = group.map((each) => each.usage).join(" · ");
  const word = head?.text.toLowerCase() ?? "";
  const found = head && group.find((each) => subcommandOf(each) === (SUBCOMMAND_ALIASES.get(word) ?? word));
  if (found) return { ok: true, spec: found, rest };
  // `report week`: the words after the command are the implied subcommand's arguments.
  const implied = group.find((each) => each.implied);
  if (implied) return { ok: true, spec: implied, rest: [...tokens] };
  if (!head) return failure(`${command} needs a subcommand: ${orList(subcommands)}.`, usage);
  const sentence = `Unknown subcommand ${quoted(head.text)} for ${command}.`;
  return failure(unknown(sentence, word, subcommands, `Use ${orList(subcommands)}.`), usage);
}

/** Parses one command line. Never throws: every mistake becomes a sentence plus the usage concerned. */
export function parseCommand(line: string): ParseResult {
  try {
    return parseLine(line);
  } catch {
    // A safety net for a bug in the grammar: a chat message must never crash the bot.
    return failure(`Sorry, that line could not be read. ${HELP_HINT}`, TOP_LEVEL);
  }
}

function parseLine(line: string): ParseResult {
  const { tokens, unclosed } = tokenize(line);
  const words = expandAlias(stripSlash(tokens));
  const found = findSpec(words);
  const commandWord = words[0]?.text.toLowerCase() ?? "";
  const named = (refused: Failure): ParseResult =>
    COMMAND_WORDS.includes(commandWord) ? { ...refused, commandWord } : refused;
  if (unclosed !== undefined) {
    const after = unclosed.trim() ? ` after ${quoted(unclosed)}` : "";
    return named(failure(`Missing closing quote${after}.`, found.ok ? found.spec.usage : found.usage));
  }
  if (!found.ok) return named(found);
  const parsed = found.spec.parse(found.rest, found.spec);
  return parsed.ok ? { ok: true, command: parsed.value } : named(failure(parsed.error, found.spec.usage));
}
