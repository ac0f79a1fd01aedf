import type { PingTarget } from "../commands.js";
import { quoted } from "./quoted.js";
import { fail, ok, type Parsed } from "./parsed.js";
import type { Token } from "./tokens.js";

/**
 * `ping <role>` in `schedule add`: the one role or user group a scheduled quiz
 * mentions. Mentions of a person, of everyone or of the channel are refused
 * here, so a schedule can only ever ping a group an admin named.
 */

const PING_WORD = "ping";
const ROLE_MENTION = /^<@&(\d{15,22})>$/;
// Slack escapes a user group in a command's text as <!subteam^ID> or <!subteam^ID|@handle>.
const GROUP_MENTION = /^<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>$/;
const PERSON_MENTION = /^<@!?[A-Z0-9]+(?:\|[^>]*)?>$/i;
const WHOLE_CHANNEL = /^(?:@|<!)?(?:everyone|here|channel)(?:\|[^>]*)?>?$/i;
const MAX_NAME = 100;
const EXAMPLE = 'schedule add 0 9 * * 1-5 ping @students (a name with spaces in quotes: ping "Study Group")';

/** Takes `ping <role>` out of the tokens, wherever it stands; the other tokens are returned in order. */
export function takePing(tokens: readonly Token[]): Parsed<{ ping?: PingTarget; rest: Token[] }> {
  const at = tokens.findIndex((token) => !token.quoted && token.text.toLowerCase() === PING_WORD);
  if (at < 0) return ok({ rest: [...tokens] });
  const target = tokens[at + 1];
  if (!target) return fail(`ping needs a role or user group after it, such as ${EXAMPLE}.`);
  const rest = [...tokens.slice(0, at), ...tokens.slice(at + 2)];
  if (rest.some((token) => !token.quoted && token.text.toLowerCase() === PING_WORD)) {
    return fail(`A schedule pings one role or user group only, such as ${EXAMPLE}.`);
  }
  const ping = parsePingTarget(target.text);
  return ping.ok ? ok({ ping: ping.value, rest }) : ping;
}

export function parsePingTarget(text: string): Parsed<PingTarget> {
  const trimmed = text.trim();
  const role = ROLE_MENTION.exec(trimmed)?.[1];
  if (role) return ok({ kind: "role", id: role });
  const group = GROUP_MENTION.exec(trimmed)?.[1];
  if (group) return ok({ kind: "group", id: group });
  if (WHOLE_CHANNEL.test(trimmed)) {
    return fail(
      `studybot never pings everyone, here or the whole channel: name a role or user group, such as ${EXAMPLE}.`,
    );
  }
  if (PERSON_MENTION.test(trimmed)) {
    return fail(`${quoted(trimmed)} is a person: ping names a role or user group, such as ${EXAMPLE}.`);
  }
  const name = trimmed.replace(/^@/, "").trim();
  if (name === "" || name.length > MAX_NAME) {
    return fail(`${quoted(trimmed)} is not a role or user group name, such as ${EXAMPLE}.`);
  }
  return ok({ kind: "name", name });
}
