import type { HomeStep } from "./actions.js";
import { commandWords } from "./grammar.js";
import { errorView, type View } from "./views.js";

/** The reminder settings a Home control changes one part of. */
export interface ReminderSettings {
  remindAt?: string;
  remindStreak: boolean;
}

/**
 * The command line a Home control stands for: a click is the same as typing
 * it, so the grammar checks it and the command's own handler applies it. A
 * control that cannot apply now (the streak nudge without a reminder time)
 * gets the reason instead.
 */
export function homeCommandLine(step: HomeStep, settings: ReminderSettings, pickedTime?: string): string | View {
  const remind = commandWords("me-remind");
  switch (step.op) {
    case "drill":
      return step.deckId === undefined ? commandWords("drill") : `${commandWords("drill")} ${step.deckId}`;
    case "time":
      if (!pickedTime) return errorView("No time was picked.", "Pick a time such as 07:30 in the Reminder time box.");
      return `${remind} ${pickedTime}${settings.remindStreak ? " streak" : ""}`;
    case "remind-off":
      return `${remind} off`;
    case "streak":
      if (!settings.remindAt)
        return errorView("The streak nudge comes with your reminder.", "Pick a reminder time first, such as 07:30.");
      return `${remind} ${settings.remindAt}${step.on ? " streak" : ""}`;
    case "pause":
      return `${commandWords("me-pause")} ${step.days === "off" ? "off" : step.days}`;
  }
}
