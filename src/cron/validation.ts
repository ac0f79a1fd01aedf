import { parse, validate, validateDetailed } from "node-cron";
import { isValidTimeZone } from "../core/studyDay.js";
import { withTimetable } from "./timetable.js";

/** What is wrong with a schedule's timing, in words for the person who typed it. */
export interface CronProblem {
  message: string;
  hint: string;
}

const CRON_HINT =
  "Example: 0 9 * * 1-5 posts at 09:00 Monday to Friday. The five fields are minute (0-59), hour (0-23), " +
  "day of month (1-31), month (1-12) and day of week (0-7; 0 and 7 are Sunday): * is every value, " +
  "1-5 a range, */15 a step, 1,15 a list.";
const TIME_ZONE_HINT = "Use an IANA name such as Europe/Berlin or America/New_York.";

const CRON_FIELD_NAMES: Record<string, string> = {
  second: "seconds",
  minute: "minute",
  hour: "hour",
  dayOfMonth: "day of month",
  month: "month",
  dayOfWeek: "day of week",
};

/**
 * Why this cron expression in this IANA zone cannot time a quiz (node-cron
 * refuses it, it would post more than once a minute, the zone is unknown, or
 * it never fires after `now`); undefined when it can.
 */
export function scheduleProblem(expression: string, timeZone: string, now: Date): CronProblem | undefined {
  const problem = expressionProblem(expression);
  if (problem) return { message: problem, hint: CRON_HINT };
  if (!isValidTimeZone(timeZone)) return { message: `Unknown time zone "${timeZone}".`, hint: TIME_ZONE_HINT };
  if (!withTimetable(expression, timeZone, (timetable) => timetable.nextAfter(now))) {
    return {
      message: `"${expression}" matches no date in the coming years, so it would never post.`,
      hint: CRON_HINT,
    };
  }
  return undefined;
}

/**
 * Why this cron cannot time a digest: what scheduleProblem says, or it fires
 * more than once an hour (a digest sums up a period; every minute would flood
 * the channel with the same summary).
 */
export function digestProblem(expression: string, timeZone: string, now: Date): CronProblem | undefined {
  const problem = scheduleProblem(expression, timeZone, now);
  if (problem) return problem;
  if (parse(expression).minute.length > 1) {
    return {
      message: `"${expression}" would post more than once an hour: a digest posts at most hourly.`,
      hint: "Give the minute field one value. Example: digest add 0 17 * * 5 posts every Friday at 17:00.",
    };
  }
  return undefined;
}

/** Why node-cron refuses the expression, or why studybot does; undefined when it is fine. */
function expressionProblem(expression: string): string | undefined {
  if (!validate(expression)) {
    const error = validateDetailed(expression).errors[0];
    const field = error ? CRON_FIELD_NAMES[error.field] : undefined;
    let reason = error ? `: ${error.message}` : "";
    if (error && field) {
      reason = error.message.includes("impossible")
        ? `: day "${error.value}" never occurs in the months given`
        : `: the ${field} field "${error.value}" is not valid`;
    }
    return `"${expression}" is not a valid cron expression${reason}.`;
  }
  // A quiz a second floods the channel; a seconds field is accepted only as one fixed second.
  if (parse(expression).second.length > 1) {
    return `"${expression}" would post more than once a minute: give the seconds field one value, such as 0.`;
  }
  return undefined;
}
