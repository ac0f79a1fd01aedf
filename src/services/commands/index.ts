import type { CommandName } from "../../core/commands.js";
import { leaderboard, stats } from "./boards.js";
import { deckFlags, deckImport, deckInfo, deckList, deckReload, deckRemove, deckSkip, flag } from "./decks.js";
import { digestAdd, digestList, digestRemove } from "./digest.js";
import { drill } from "./drill.js";
import { help } from "./help.js";
import { me, meExport, meForget, meLimit, mePause, meRemind, meTimeZone, meVisibility } from "./me.js";
import { quizClose, quizNow } from "./quiz.js";
import { report, reportExport } from "./report.js";
import { scheduleAdd, scheduleChange, scheduleList } from "./schedule.js";
import { settingsTimeZone } from "./settings.js";
import type { CommandHandler } from "./types.js";

/** One handler per command; features add theirs here. */
// biome-ignore lint/suspicious/noExplicitAny: handlers are looked up by their own command name
const handlers: CommandHandler<any>[] = [
  quizNow,
  quizClose,
  scheduleAdd,
  scheduleList,
  scheduleChange,
  drill,
  leaderboard,
  stats,
  deckList,
  deckInfo,
  deckImport,
  deckRemove,
  deckReload,
  deckFlags,
  deckSkip,
  flag,
  settingsTimeZone,
  me,
  meTimeZone,
  meRemind,
  mePause,
  meLimit,
  meVisibility,
  meExport,
  meForget,
  report,
  reportExport,
  digestAdd,
  digestList,
  digestRemove,
  help,
];

export const handlerByName = new Map<CommandName, CommandHandler>(
  handlers.flatMap((handler) => handler.names.map((name: CommandName) => [name, handler] as const)),
);
