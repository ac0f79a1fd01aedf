import { FLAG_EXAMPLE } from "../cardFlags.js";
import type { Command } from "../commands.js";
import { checkReason } from "./reason.js";
import { type CronCommand, takeCron } from "./cron.js";
import { isOptionKind, type Options, parseOptions } from "./options.js";
import { quoted } from "./quoted.js";
import { fail, ok, type Parsed } from "./parsed.js";
import { takePing } from "./ping.js";
import { type ArgParser, type CommandSpec, commandText, typedCommand } from "./spec.js";
import { expandAlias, stripSlash, type Token } from "./tokens.js";
import { parseCardId, parseDeck, parseScheduleId, parseTimeZone } from "./values.js";

/** How each command reads the tokens after its words into a typed command. */

/** Drops absent options, so a parsed command equals the literal a caller would write. */
function done<C extends Command>(command: C): Parsed<Command> {
  const present = Object.entries(command).filter(([, value]) => value !== undefined);
  return ok(Object.fromEntries(present) as C);
}

/** The options the spec lists that are recognised by shape, in any order. */
function readOptions(tokens: readonly Token[], spec: CommandSpec): Parsed<Options> {
  const kinds = spec.args.map((arg) => arg.kind).filter(isOptionKind);
  return parseOptions(tokens, typedCommand(spec), kinds);
}

export function noArgs(command: Command): ArgParser {
  return (args, spec) => {
    const [extra] = args;
    return extra ? fail(`Unexpected ${quoted(extra.text)}: ${commandText(spec)} takes no arguments.`) : ok(command);
  };
}

function oneArg(args: readonly Token[], cmd: string, what: string, example: string): Parsed<string> {
  const [first, extra] = args;
  if (!first) return fail(`${cmd} needs ${what}, such as ${cmd} ${example}.`);
  if (extra) return fail(`Unexpected ${quoted(extra.text)}: ${cmd} takes only ${what}.`);
  return ok(first.text);
}

export function scheduleIdCommand(
  name: "schedule-remove" | "schedule-pause" | "schedule-resume" | "digest-remove",
): ArgParser {
  return (args, spec) => {
    const token = oneArg(args, commandText(spec), `a ${spec.words[0]} id`, "12");
    const id = token.ok ? parseScheduleId(token.value) : token;
    return id.ok ? ok({ name, id: id.value }) : id;
  };
}

export const parseQuizNow: ArgParser = (args, spec) => {
  const options = readOptions(args, spec);
  if (!options.ok) return options;
  const { deck, mode, window, thread } = options.value.values;
  if (window?.kind === "until-next") {
    const token = options.value.given.get("window") ?? "next";
    return fail(
      `${commandText(spec)} cannot use ${quoted(token)}: only a scheduled quiz closes at its next post. Give a window such as 30m or 2h.`,
    );
  }
  return done({ name: "quiz-now", deck, mode, window, thread: thread ? true : undefined });
};

export const parseScheduleAdd: ArgParser = (args, spec) => {
  const cron = takeCron(args);
  if (!cron.ok) return cron;
  const ping = takePing(cron.value.rest);
  if (!ping.ok) return ping;
  const options = readOptions(ping.value.rest, spec);
  if (!options.ok) return options;
  const { timeZone, deck, mode, window, choice, thread } = options.value.values;
  return done({
    name: "schedule-add",
    cron: cron.value.cron,
    timeZone,
    deck,
    mode,
    window,
    choice,
    thread: thread ? true : undefined,
    ping: ping.value.ping,
  });
};

const DIGEST_CRON: CronCommand = { cmd: "digest add", example: "digest add 0 17 * * 5 Europe/Berlin" };

export const parseDigestAdd: ArgParser = (args, spec) => {
  const cron = takeCron(args, DIGEST_CRON);
  if (!cron.ok) return cron;
  const options = readOptions(cron.value.rest, spec);
  if (!options.ok) return options;
  return done({ name: "digest-add", cron: cron.value.cron, timeZone: options.value.values.timeZone });
};

/** `report` and `report export`: a deck and a period in any order, this week unless said otherwise. */
export function reportCommand(name: "report" | "report-export"): ArgParser {
  return (args, spec) => {
    const options = readOptions(args, spec);
    if (!options.ok) return fail(`${options.error} Example: ${typedCommand(spec)} lightweight-sandboxes month`);
    const { deck, period = "week" } = options.value.values;
    return done({ name, deck, period });
  };
}

export const parseDrill: ArgParser = (args, spec) => {
  const options = readOptions(args, spec);
  if (!options.ok) return options;
  const { deck, count, drillMode } = options.value.values;
  return done({ name: "drill", deck, count, mode: drillMode });
};

export const parseLeaderboard: ArgParser = (args, spec) => {
  const options = readOptions(args, spec);
  if (!options.ok) return options;
  const { period = "week", sort = "points" } = options.value.values;
  return done({ name: "leaderboard", period, sort });
};

export const parseStats: ArgParser = (args, spec) => {
  if (args.length > 1)
    return fail(`${commandText(spec)} takes one user; put a name with spaces in quotes, such as stats "Ana Lima".`);
  return done({ name: "stats", user: args[0]?.text || undefined });
};

export function deckIdCommand(name: "deck-info" | "deck-remove"): ArgParser {
  return (args, spec) => {
    const token = oneArg(args, commandText(spec), "a deck id", "lightweight-sandboxes");
    const deck = token.ok ? parseDeck(token.value) : token;
    return deck.ok ? ok({ name, deck: deck.value }) : deck;
  };
}

export const parseDeckFlags: ArgParser = (args, spec) => {
  const [first, extra] = args;
  if (extra) return fail(`Unexpected ${quoted(extra.text)}: ${commandText(spec)} takes only a deck id.`);
  const deck = first ? parseDeck(first.text) : undefined;
  if (deck && !deck.ok) return deck;
  return done({ name: "deck-flags", deck: deck?.value });
};

/** A deck and one of its cards, the first two tokens; what follows is for the caller. */
function deckAndCard(args: readonly Token[], example: string): Parsed<{ deck: string; card: string }> {
  const [deckToken, cardToken] = args;
  if (!deckToken || !cardToken) return fail(`Name the deck and the card, such as ${example}`);
  const deck = parseDeck(deckToken.text);
  if (!deck.ok) return deck;
  const card = parseCardId(cardToken.text);
  return card.ok ? ok({ deck: deck.value, card: card.value }) : card;
}

export function deckCardCommand(name: "deck-skip" | "deck-unskip"): ArgParser {
  return (args, spec) => {
    const example = `${commandText(spec)} lightweight-sandboxes gvisor`;
    const target = deckAndCard(args, example);
    if (!target.ok) return target;
    const extra = args[2];
    if (extra) return fail(`Unexpected ${quoted(extra.text)}: ${commandText(spec)} takes a deck and a card.`);
    return ok({ name, ...target.value });
  };
}

/** `flag <deck> <card> <reason…>`: the reason is the rest of the line, quoted or not. */
export const parseFlag: ArgParser = (args) => {
  const target = deckAndCard(args, FLAG_EXAMPLE);
  if (!target.ok) return target;
  const reason = checkReason(
    args
      .slice(2)
      .map((token) => token.text)
      .join(" "),
  );
  return reason.ok ? ok({ name: "flag", ...target.value, reason: reason.value }) : reason;
};

export const parseDeckImport: ArgParser = (args, spec) => {
  const [first, extra] = args;
  if (extra)
    return fail(`Unexpected ${quoted(extra.text)}: ${commandText(spec)} takes only the id of the deck to replace.`);
  const deck = first ? parseDeck(first.text) : undefined;
  if (deck && !deck.ok) return deck;
  return done({ name: "deck-import", deck: deck?.value });
};

export const parseSettingsTimeZone: ArgParser = (args, spec) => {
  const token = oneArg(args, commandText(spec), "a time zone", "Europe/Berlin");
  const timeZone = token.ok ? parseTimeZone(token.value) : token;
  return timeZone.ok ? ok({ name: "settings-timezone", timeZone: timeZone.value }) : timeZone;
};

export const parseHelp: ArgParser = (args) => {
  const topic = expandAlias(stripSlash(args))
    .map((token) => token.text.toLowerCase())
    .join(" ");
  return done({ name: "help", topic: topic || undefined });
};
