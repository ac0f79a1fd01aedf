import { quoted } from "./quoted.js";
import { fail, ok } from "./parsed.js";
import { type ArgParser, commandText } from "./spec.js";
import { parseTimeZone } from "./values.js";
import { parseClockTime, parseDailyLimit, parsePauseDays } from "./meValues.js";

/** How the `me` subcommands read their arguments (personal settings, see README "Your settings"). */

const OFF = "off";
const STREAK = "streak";

const isOff = (text: string) => text.toLowerCase() === OFF;

export const parseMeTimeZone: ArgParser = (args, spec) => {
  const [zone, extra] = args;
  const cmd = commandText(spec);
  if (!zone) return fail(`${cmd} needs a time zone, such as ${cmd} Europe/Berlin.`);
  if (extra) return fail(`Unexpected ${quoted(extra.text)}: ${cmd} takes only a time zone.`);
  const timeZone = parseTimeZone(zone.text);
  return timeZone.ok ? ok({ name: "me-timezone", timeZone: timeZone.value }) : timeZone;
};

export const parseMeRemind: ArgParser = (args, spec) => {
  const [time, nudge, extra] = args;
  const cmd = commandText(spec);
  if (!time) return fail(`${cmd} needs a time, such as ${cmd} 07:30, ${cmd} 19:00 streak or ${cmd} off.`);
  if (isOff(time.text)) {
    return nudge ? fail(`Unexpected ${quoted(nudge.text)}: ${cmd} off takes nothing more.`) : ok(offReminder);
  }
  if (extra || (nudge && nudge.text.toLowerCase() !== STREAK)) {
    const unexpected = extra ?? nudge;
    return fail(`Unexpected ${quoted(unexpected?.text ?? "")}: after the time, ${cmd} takes only the word streak.`);
  }
  const at = parseClockTime(time.text);
  return at.ok ? ok({ name: "me-remind", reminder: { at: at.value, streak: nudge !== undefined } }) : at;
};

const offReminder = { name: "me-remind", reminder: "off" } as const;

export const parseMePause: ArgParser = (args, spec) => {
  const [days, extra] = args;
  const cmd = commandText(spec);
  if (!days) return fail(`${cmd} needs a number of days, such as ${cmd} 7, or ${cmd} off.`);
  if (extra) return fail(`Unexpected ${quoted(extra.text)}: ${cmd} takes only a number of days or off.`);
  if (isOff(days.text)) return ok({ name: "me-pause", days: "off" });
  const parsed = parsePauseDays(days.text);
  return parsed.ok ? ok({ name: "me-pause", days: parsed.value }) : parsed;
};

export function dailyLimitCommand(name: "me-new" | "me-reviews"): ArgParser {
  return (args, spec) => {
    const [limit, extra] = args;
    const cmd = commandText(spec);
    const example = `${cmd} 20`;
    if (!limit) return fail(`${cmd} needs a number per day, such as ${example}.`);
    if (extra) return fail(`Unexpected ${quoted(extra.text)}: ${cmd} takes only a number per day.`);
    const perDay = parseDailyLimit(limit.text, example);
    return perDay.ok ? ok({ name, perDay: perDay.value }) : perDay;
  };
}

export const parseMeForget: ArgParser = (args, spec) => {
  const [code, extra] = args;
  if (extra) return fail(`Unexpected ${quoted(extra.text)}: ${commandText(spec)} takes only a confirmation code.`);
  return ok(code ? { name: "me-forget", code: code.text } : { name: "me-forget" });
};
