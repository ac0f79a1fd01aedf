import { quoted } from "./quoted.js";
import { fail, ok, type Parsed } from "./parsed.js";
import type { Token } from "./tokens.js";
import { looksLikeTimeZone } from "./values.js";

/** The cron expression at the start of `schedule add` or `digest add`, quoted or as five bare fields. */

/** What a command's messages about its cron say: the command, and a line that works. */
export interface CronCommand {
  /** "schedule add" */
  cmd: string;
  /** "schedule add 0 9 * * 1-5 Europe/Berlin" */
  example: string;
}

export const SCHEDULE_CRON: CronCommand = { cmd: "schedule add", example: "schedule add 0 9 * * 1-5 Europe/Berlin" };
// Syntax only: node-cron does the real validation where schedules are saved.
const CRON_FIELD = /^[0-9*,/\-A-Za-z?#]+$/;
// Only cron can use these characters, so such a token after five unquoted fields is a sixth field, not a deck.
const CRON_ONLY = /^[0-9*,/\-?]+$/;

function isCronField(text: string): boolean {
  return CRON_FIELD.test(text) && !looksLikeTimeZone(text);
}

/** A quoted cron (5 or 6 fields), or exactly 5 bare fields: 6 bare fields can't be told from a deck or window. */
export function takeCron(
  tokens: readonly Token[],
  command: CronCommand = SCHEDULE_CRON,
): Parsed<{ cron: string; rest: Token[] }> {
  const [first] = tokens;
  if (first?.quoted) return cronFrom(first.text.trim().split(/\s+/), tokens.slice(1), command);
  const taken = leadingCronFields(tokens);
  if (taken === 0) return fail(`${command.cmd} needs a cron expression first, such as ${command.example}.`);
  const rest = tokens.slice(taken);
  const next = rest[0];
  if (taken === 5 && next && !next.quoted && CRON_ONLY.test(next.text)) {
    return fail(
      `${quoted(next.text)} right after the cron looks like a sixth cron field: quote a 6-field cron, such as ${command.cmd} "0 0 9 * * 1-5", and give a window with its unit, such as 30m.`,
    );
  }
  return cronFrom(
    tokens.slice(0, taken).map((token) => token.text),
    rest,
    command,
  );
}

function leadingCronFields(tokens: readonly Token[]): number {
  const end = tokens.findIndex((token, index) => index >= 5 || token.quoted || !isCronField(token.text));
  return end < 0 ? tokens.length : end;
}

function cronFrom(
  fields: readonly string[],
  rest: Token[],
  { example }: CronCommand,
): Parsed<{ cron: string; rest: Token[] }> {
  const cron = fields.join(" ");
  if (fields.length !== 5 && fields.length !== 6) {
    return fail(
      `Bad cron ${quoted(cron)}: it needs 5 fields (minute hour day month weekday), or 6 in quotes with seconds first. Example: ${example}`,
    );
  }
  const bad = fields.find((field) => !isCronField(field));
  if (bad !== undefined) {
    return fail(`Bad cron ${quoted(cron)}: ${quoted(bad)} is not a cron field. Example: ${example}`);
  }
  return ok({ cron, rest });
}
