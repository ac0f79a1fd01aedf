import type { CommandName } from "../commands.js";
import {
  deckCardCommand,
  deckIdCommand,
  noArgs,
  parseDeckFlags,
  parseDeckImport,
  parseFlag,
  parseDrill,
  parseHelp,
  parseLeaderboard,
  parseQuizNow,
  parseScheduleAdd,
  parseDigestAdd,
  parseSettingsTimeZone,
  parseStats,
  reportCommand,
  scheduleIdCommand,
} from "./commandParsers.js";
import { dailyLimitCommand, parseMeForget, parseMePause, parseMeRemind, parseMeTimeZone } from "./meParsers.js";
import { type ArgEntry, type CommandEntry, type CommandSpec, defineCommands } from "./spec.js";

/** A card, named the way `deck flags` lists it. */
const DECK_AND_CARD: readonly ArgEntry[] = [
  { kind: "deck", required: true },
  { kind: "card", required: true },
];

/**
 * The only description of the commands. A new command is one entry here (its
 * words, arguments, summary, admin flag and parser) plus its handler in
 * src/services/commands/; help, the admin check and Discord's slash commands
 * follow from this table.
 */
const ENTRIES = [
  {
    name: "quiz-now",
    words: ["quiz", "now"],
    args: ["deck", "mode", "window", "thread"],
    summary: "Post a question in this channel now; it closes after the window (e.g. 30m, 2h).",
    admin: false,
    parse: parseQuizNow,
  },
  {
    name: "quiz-close",
    words: ["quiz", "close"],
    args: [],
    summary: "Close this channel's open quiz now and show the answer.",
    admin: true,
    parse: noArgs({ name: "quiz-close" }),
  },
  {
    name: "schedule-add",
    words: ["schedule", "add"],
    args: [
      { kind: "cron", required: true },
      "timeZone",
      "deck",
      "mode",
      {
        kind: "window",
        usage: "window|next",
        description: "How long each quiz stays open (30m, 2h, 1d), or next: until the next post",
      },
      "choice",
      "thread",
      "ping",
    ],
    summary: 'Post a quiz in this channel on a cron schedule, e.g. schedule add "0 9 * * 1-5" Europe/Berlin 8h.',
    admin: true,
    parse: parseScheduleAdd,
  },
  {
    name: "schedule-list",
    words: ["schedule", "list"],
    args: [],
    summary: "List the schedules with their ids.",
    admin: true,
    parse: noArgs({ name: "schedule-list" }),
  },
  {
    name: "schedule-remove",
    words: ["schedule", "remove"],
    args: [{ kind: "scheduleId", required: true }],
    summary: "Delete a schedule.",
    admin: true,
    parse: scheduleIdCommand("schedule-remove"),
  },
  {
    name: "schedule-pause",
    words: ["schedule", "pause"],
    args: [{ kind: "scheduleId", required: true }],
    summary: "Stop a schedule from posting.",
    admin: true,
    parse: scheduleIdCommand("schedule-pause"),
  },
  {
    name: "schedule-resume",
    words: ["schedule", "resume"],
    args: [{ kind: "scheduleId", required: true }],
    summary: "Let a paused schedule post again.",
    admin: true,
    parse: scheduleIdCommand("schedule-resume"),
  },
  {
    name: "drill",
    words: ["drill"],
    args: ["deck", "count", "drillMode"],
    summary: "Review your due cards privately: 1 to 50 cards, flip, multiple choice or typed answers.",
    admin: false,
    personal: true,
    parse: parseDrill,
  },
  {
    name: "leaderboard",
    words: ["leaderboard"],
    args: ["period", "sort"],
    summary: "The top 10 and your own rank, this week by points unless you say otherwise.",
    admin: false,
    parse: parseLeaderboard,
  },
  {
    name: "stats",
    words: ["stats"],
    args: ["user"],
    summary: "Points, accuracy, streaks and weakest cards: yours, or someone else's.",
    admin: false,
    personal: true,
    parse: parseStats,
  },
  {
    name: "deck-list",
    words: ["deck", "list"],
    args: [],
    summary: "The decks you can study.",
    admin: false,
    parse: noArgs({ name: "deck-list" }),
  },
  {
    name: "deck-info",
    words: ["deck", "info"],
    args: [{ kind: "deck", required: true }],
    summary: "A deck's description and cards count.",
    admin: false,
    parse: deckIdCommand("deck-info"),
  },
  {
    name: "deck-import",
    words: ["deck", "import"],
    args: ["deck", "upload"],
    summary: "Add a deck for this community from pasted CSV/TSV or a file; a deck id replaces it.",
    admin: true,
    parse: parseDeckImport,
  },
  {
    name: "deck-remove",
    words: ["deck", "remove"],
    args: [{ kind: "deck", required: true }],
    summary: "Remove a deck imported here (file decks stay).",
    admin: true,
    parse: deckIdCommand("deck-remove"),
  },
  {
    name: "deck-reload",
    words: ["deck", "reload"],
    args: [],
    summary: "Read the deck files again; a broken file keeps its last good version.",
    admin: true,
    parse: noArgs({ name: "deck-reload" }),
  },
  {
    name: "deck-flags",
    words: ["deck", "flags"],
    args: ["deck"],
    summary: "The cards members reported as wrong, most reported first, with their reasons.",
    admin: true,
    parse: parseDeckFlags,
  },
  {
    name: "deck-skip",
    words: ["deck", "skip"],
    args: DECK_AND_CARD,
    summary: "Keep a card out of quizzes and drills until deck unskip.",
    admin: true,
    parse: deckCardCommand("deck-skip"),
  },
  {
    name: "deck-unskip",
    words: ["deck", "unskip"],
    args: DECK_AND_CARD,
    summary: "Bring a skipped card back into quizzes and drills, and clear its reports.",
    admin: true,
    parse: deckCardCommand("deck-unskip"),
  },
  {
    name: "flag",
    words: ["flag"],
    args: [...DECK_AND_CARD, { kind: "reason", required: true }],
    summary: "Report a card you think is wrong, and say why; the admins see it in deck flags.",
    admin: false,
    parse: parseFlag,
  },
  {
    name: "settings-timezone",
    words: ["settings", "timezone"],
    args: [{ kind: "timeZone", required: true }],
    summary: "Set the community's time zone, in which study days and streaks are counted.",
    admin: true,
    parse: parseSettingsTimeZone,
  },
  {
    name: "me",
    words: ["me"],
    args: [],
    summary: "Your settings: time zone, reminder, pause, daily limits, privacy.",
    admin: false,
    parse: noArgs({ name: "me" }),
    aloneAs: "settings",
  },
  {
    name: "me-timezone",
    words: ["me", "timezone"],
    args: [{ kind: "timeZone", required: true }],
    summary: "Your own time zone for study days, streaks, reminders and drill limits.",
    admin: false,
    parse: parseMeTimeZone,
  },
  {
    name: "me-remind",
    words: ["me", "remind"],
    args: [{ kind: "reminder", required: true }, "streakNudge"],
    summary: "A private reminder at this local time when cards are due; streak: also when your streak is at risk.",
    admin: false,
    parse: parseMeRemind,
  },
  {
    name: "me-pause",
    words: ["me", "pause"],
    args: [{ kind: "pauseDays", required: true }],
    summary: "A vacation of some days from today: no reminders, and your streak waits; off ends it.",
    admin: false,
    parse: parseMePause,
  },
  {
    name: "me-new",
    words: ["me", "new"],
    args: [{ kind: "dailyLimit", required: true }],
    summary: "How many new cards your drills start per day and deck.",
    admin: false,
    parse: dailyLimitCommand("me-new"),
  },
  {
    name: "me-reviews",
    words: ["me", "reviews"],
    args: [{ kind: "dailyLimit", required: true }],
    summary: "How many reviews your drills ask per day and deck.",
    admin: false,
    parse: dailyLimitCommand("me-reviews"),
  },
  {
    name: "me-hide",
    words: ["me", "hide"],
    args: [],
    summary: "Leave the leaderboards (you still see your own rank).",
    admin: false,
    parse: noArgs({ name: "me-hide" }),
  },
  {
    name: "me-show",
    words: ["me", "show"],
    args: [],
    summary: "Rejoin the leaderboards.",
    admin: false,
    parse: noArgs({ name: "me-show" }),
  },
  {
    name: "me-export",
    words: ["me", "export"],
    args: [],
    summary: "Everything studybot holds about you here, as a JSON file.",
    admin: false,
    parse: noArgs({ name: "me-export" }),
  },
  {
    name: "me-forget",
    words: ["me", "forget"],
    args: ["confirmation"],
    summary: "Delete everything studybot holds about you in this community, after a confirmation.",
    admin: false,
    parse: parseMeForget,
  },
  {
    name: "report",
    words: ["report", "show"],
    implied: true,
    args: ["deck", "period"],
    summary: "What the class knows: answers, accuracy, the hardest cards and each member's progress (private).",
    admin: true,
    parse: reportCommand("report"),
  },
  {
    name: "report-export",
    words: ["report", "export"],
    args: ["deck", "period"],
    summary: "The class report as CSV files: one row per member, one row per card.",
    admin: true,
    parse: reportCommand("report-export"),
  },
  {
    name: "digest-add",
    words: ["digest", "add"],
    args: [
      {
        kind: "cron",
        required: true,
        description: "When to post, at most hourly: minute hour day month weekday, such as 0 17 * * 5",
      },
      "timeZone",
    ],
    summary: "Post the class's week in this channel on a cron schedule, e.g. digest add 0 17 * * 5 Europe/Berlin.",
    admin: true,
    parse: parseDigestAdd,
  },
  {
    name: "digest-list",
    words: ["digest", "list"],
    args: [],
    summary: "List the digests with their ids.",
    admin: true,
    parse: noArgs({ name: "digest-list" }),
  },
  {
    name: "digest-remove",
    words: ["digest", "remove"],
    args: [{ kind: "scheduleId", required: true, description: "The digest's id (see /digest list)" }],
    summary: "Delete a digest.",
    admin: true,
    parse: scheduleIdCommand("digest-remove"),
  },
  {
    name: "help",
    words: ["help"],
    args: ["topic"],
    summary: "All commands, or the usage of one.",
    admin: false,
    personal: true,
    parse: parseHelp,
  },
] as const satisfies readonly CommandEntry[];

export const COMMAND_ENTRIES: readonly CommandEntry[] = ENTRIES;

type Entry = (typeof ENTRIES)[number];
type OwnDescribedKinds = {
  [E in Entry as E["name"]]: Extract<E["args"][number], { description: string }>["kind"];
};
/**
 * "schedule-add window": an argument its command describes in its own words
 * rather than its kind's, which every language's catalogue must translate too.
 */
export type OwnArgDescription = {
  [N in keyof OwnDescribedKinds]: `${N} ${OwnDescribedKinds[N]}`;
}[keyof OwnDescribedKinds];

/** What a command word with subcommands is for, where a platform shows it (Discord's /quiz). */
export const COMMAND_GROUPS = {
  quiz: "Channel quizzes: post one now, or close the open one",
  schedule: "Post quizzes in this channel on a schedule",
  deck: "The decks you can study, and the cards members reported",
  settings: "Community settings",
  me: "Your own settings and data",
  report: "What the class knows, in private or as CSV files",
  digest: "Post the class's week in this channel on a schedule",
} satisfies Readonly<Record<string, string>>;

/** A command word with subcommands: quiz, schedule, deck… */
export type CommandGroup = keyof typeof COMMAND_GROUPS;

export const COMMAND_SPECS: readonly CommandSpec[] = defineCommands(COMMAND_ENTRIES);

const SPEC_BY_NAME = new Map(COMMAND_SPECS.map((spec) => [spec.name, spec]));

/** Admin-only commands are refused to members by the command router, whatever the platform let through. */
export function isAdminOnly(name: CommandName): boolean {
  // A command missing from the table is refused to members rather than let through.
  return SPEC_BY_NAME.get(name)?.admin ?? true;
}

/** Personal commands run outside a community's channels too (see CommandEntry.personal). */
export function isPersonal(name: CommandName): boolean {
  return SPEC_BY_NAME.get(name)?.personal ?? false;
}

/** The line that runs a command without arguments: its words. */
export function commandWords(name: CommandName): string {
  return SPEC_BY_NAME.get(name)?.words.join(" ") ?? name;
}
