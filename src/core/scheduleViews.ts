import type { AnswerMode, AnswerWindow, CardChoice, PingGroup } from "./commands.js";
import { formatWindow } from "./grammar.js";
import { localDay, localTime } from "./studyDay.js";
import { type Inline, text, type View, view } from "./views.js";

/** What the schedule views show of one schedule. */
export interface ScheduleSummary {
  id: number;
  channelId: string;
  cron: string;
  timeZone: string;
  deckTitle: string;
  answerMode: AnswerMode;
  window: AnswerWindow;
  cardChoice: CardChoice;
  /** Each quiz gets a discussion thread. */
  thread: boolean;
  /** The role or user group each post mentions. */
  ping: PingGroup | null;
  paused: boolean;
  /** Its next fire times; none while paused. */
  nextFires: readonly Date[];
  /** Set when its latest post failed: a scheduled post has nobody else to tell. */
  lastFailure?: { fireTime: Date; problem: string } | undefined;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** "Mon 2026-03-30 09:00": a fire time on the schedule's own wall clock. */
export function fireTimeLabel(instant: Date, timeZone: string): string {
  const day = localDay(instant, timeZone);
  const weekday = WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()] ?? "";
  return `${weekday} ${day} ${localTime(instant, timeZone)}`;
}

function settings(schedule: ScheduleSummary): string {
  const window =
    schedule.window.kind === "until-next" ? "open until the next post" : `open ${formatWindow(schedule.window)}`;
  const extras = [...(schedule.thread ? ["thread"] : []), ...(schedule.ping ? [`pings @${schedule.ping.label}`] : [])];
  return [schedule.timeZone, schedule.deckTitle, schedule.answerMode, window, schedule.cardChoice, ...extras].join(
    " · ",
  );
}

function nextFiresLine(schedule: ScheduleSummary): string {
  if (schedule.paused) return `Paused: schedule resume ${schedule.id} lets it post again.`;
  if (schedule.nextFires.length === 0) return "It has no fire time in the coming years.";
  return `Next: ${schedule.nextFires.map((fire) => fireTimeLabel(fire, schedule.timeZone)).join(" · ")}`;
}

function failureLine(schedule: ScheduleSummary): string {
  const failure = schedule.lastFailure;
  return failure
    ? ` ⚠ The post of ${fireTimeLabel(failure.fireTime, schedule.timeZone)} failed: ${failure.problem}`
    : "";
}

function describe(schedule: ScheduleSummary): Inline[] {
  return [{ code: schedule.cron }, ` ${settings(schedule)}. ${nextFiresLine(schedule)}${failureLine(schedule)}`];
}

const channelLabel = (channelId: string, currentChannelId: string): string =>
  channelId === currentChannelId ? "this channel" : `channel ${channelId}`;

export function scheduleListView(schedules: readonly ScheduleSummary[], currentChannelId: string): View {
  if (schedules.length === 0) {
    return view("Schedules", "info", [
      text("No schedules yet."),
      text("Post a quiz here every weekday at 09:00: ", { code: "schedule add 0 9 * * 1-5" }),
    ]);
  }
  const fields = schedules.map((schedule) => ({
    label: `#${schedule.id} · ${channelLabel(schedule.channelId, currentChannelId)}${schedule.paused ? " · paused" : ""}`,
    value: describe(schedule),
  }));
  return view("Schedules", "info", [{ type: "fields", fields }], {
    footer: "Times are each schedule's own wall clock · schedule pause|resume|remove <id>",
  });
}

export function scheduleAddedView(schedule: ScheduleSummary): View {
  return view(
    `Schedule #${schedule.id} added`,
    "success",
    [text("Posts a quiz in this channel on ", ...describe(schedule))],
    {
      footer: `schedule pause ${schedule.id} · schedule remove ${schedule.id}`,
    },
  );
}
