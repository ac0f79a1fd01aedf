import type { CommandName } from "../commands.js";
import { ARG_KINDS, type ArgKind } from "../grammar/arguments.js";
import { ownWord } from "../grammar/spec.js";
import {
  COMMAND_ENTRIES,
  COMMAND_GROUPS,
  COMMAND_SPECS,
  type CommandGroup,
  type OwnArgDescription,
} from "../grammar/table.js";
import type { CommandTexts, Named } from "./texts.js";

/**
 * English, the base language: what the grammar's table says (words, summaries,
 * argument descriptions), gathered into a catalogue, plus the texts the table
 * does not hold. Other languages translate this.
 */

const record = <K extends string, V>(entries: readonly (readonly [K, V])[]) =>
  Object.fromEntries(entries) as Record<K, V>;

const groups = record(
  Object.entries(COMMAND_GROUPS).map(([word, summary]): [CommandGroup, Named] => [
    word as CommandGroup,
    { name: word, description: summary },
  ]),
);

const commands = record(
  COMMAND_SPECS.map((spec): [CommandName, Named] => [spec.name, { name: ownWord(spec), description: spec.summary }]),
);

const args = record(
  Object.entries(ARG_KINDS).map(([kind, { name, description }]): [ArgKind, Named] => [
    kind as ArgKind,
    { name, description },
  ]),
);

const ownArgDescriptions = record(
  COMMAND_ENTRIES.flatMap((entry) =>
    entry.args.flatMap((arg): [OwnArgDescription, string][] =>
      typeof arg !== "string" && arg.description !== undefined
        ? [[`${entry.name} ${arg.kind}` as OwnArgDescription, arg.description]]
        : [],
    ),
  ),
);

export const en: CommandTexts = {
  groups,
  commands,
  args,
  ownArgDescriptions,
  choices: {
    mode: { buttons: "buttons", reactions: "reactions" },
    choice: { rotation: "rotation", weakest: "weakest" },
    drillMode: { flip: "flip", choice: "choice", type: "type" },
    period: { week: "week", month: "month", all: "all" },
    sort: { points: "points", streak: "streak", accuracy: "accuracy" },
    streakNudge: { streak: "streak" },
    thread: { thread: "thread" },
  },
  serverOption: {
    name: "server",
    description: "In DMs: which server's decks and progress (default: where you last studied)",
  },
  makeCard: "Make a flashcard",
  adminMark: " (Manage Server)",
  help: {
    title: "studybot · commands",
    adminMark: " (admin)",
    noMatch: 'No command starts with "{topic}". All commands:',
    adminFooter: "Windows: 30m, 2h, 1d · time zones: IANA names such as Europe/Berlin",
    memberFooter: "Commands marked (admin) need admin rights.",
  },
};
