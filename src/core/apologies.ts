import type { CommandName } from "./commands.js";
import { commandWords } from "./grammar.js";
import { type Inline, text, type View, view } from "./views.js";

/**
 * How far a request that failed got, as far as the bot can tell:
 * - `not-recorded`: it failed before its work was committed, so nothing changed;
 * - `may-be-applied`: its work was done and only the reply failed, or the bot
 *   cannot know; `check` is where the person sees whether it was.
 */
export type Apology = { kind: "not-recorded" } | { kind: "may-be-applied"; check: Inline };

export const NOT_RECORDED: Apology = { kind: "not-recorded" };

/** The one apology every platform shows: it says nothing changed only when that is known. */
export function apologyView(apology: Apology): View {
  if (apology.kind === "not-recorded") {
    return view("Not recorded", "error", [
      text("That was not recorded: studybot could not save it just now, so nothing was changed."),
      text("Please try again in a moment."),
    ]);
  }
  return view("Something went wrong", "warning", [
    text("Something went wrong on our side: what you asked for may have been applied."),
    text("Check ", apology.check, " before trying again."),
  ]);
}

/**
 * Where to see whether a command that failed midway was applied: the list its
 * family has, the channel for a quiz, else the command itself (reading again
 * changes nothing, and a setting given twice is the same setting).
 */
export function mayBeApplied(command: CommandName): Apology {
  const words = commandWords(command);
  const family = words.split(" ")[0];
  const check: Inline =
    family === "deck" || family === "schedule"
      ? { code: `${family} list` }
      : family === "quiz"
        ? "the channel"
        : { code: words };
  return { kind: "may-be-applied", check };
}
