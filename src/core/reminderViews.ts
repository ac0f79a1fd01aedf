import { encodeAction, type ReminderAction } from "./actions.js";
import { text, type View, view } from "./views.js";

/** One deck's share of a reminder: reviews due now and new cards the learner may still start today. */
export interface DeckDue {
  title: string;
  due: number;
  fresh: number;
}

export interface ReminderContent {
  communityName: string;
  decks: DeckDue[];
  /** The day streak as it stands (0: none). */
  streak: number;
  /** The streak ends tonight unless today becomes a study day (only asked for with `me remind … streak`). */
  streakEndsTonight: boolean;
  button: ReminderAction;
}

/** Why studybot switched someone's reminders off itself. */
export type RemindersOffReason = "closed_dms" | "left";

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "3 due, 2 new": what a deck holds to study today. */
export function deckDueText(deck: DeckDue): string {
  return [deck.due > 0 ? `${deck.due} due` : "", deck.fresh > 0 ? `${deck.fresh} new` : ""].filter(Boolean).join(", ");
}

/** True when there is something to drill: a reminder with nothing in it is never sent. */
export const hasSomethingDue = (decks: readonly DeckDue[]) => decks.some((deck) => deck.due + deck.fresh > 0);

/** The daily private reminder: what is due where, the streak, and a button that starts the drill. */
export function reminderView(content: ReminderContent): View {
  const decks = content.decks.filter((deck) => deck.due + deck.fresh > 0);
  const due = decks.reduce((sum, deck) => sum + deck.due, 0);
  const fresh = decks.reduce((sum, deck) => sum + deck.fresh, 0);
  const headline = [due > 0 ? plural(due, "card due", "cards due") : "", fresh > 0 ? `${fresh} new` : ""]
    .filter(Boolean)
    .join(" and ");
  const lines = decks.map((deck) => text({ strong: deck.title }, `: ${deckDueText(deck)}`));
  const streakLine = content.streakEndsTonight
    ? text(`Your ${content.streak}-day streak ends tonight: one card today keeps it.`)
    : content.streak > 0
      ? text(`Day streak: ${content.streak}.`)
      : undefined;
  return view(
    `Time to study: ${headline}`,
    content.streakEndsTonight ? "warning" : "info",
    [...lines, ...(streakLine ? [streakLine] : [])],
    {
      buttons: [[{ action: encodeAction(content.button), label: "Start drill", style: "primary" }]],
      footer: `studybot in ${content.communityName || "your community"} · me remind off stops these`,
    },
  );
}

/** Told once, at the person's next command, after studybot switched their reminders off. */
export function remindersOffNotice(reason: RemindersOffReason): string {
  return reason === "closed_dms"
    ? "Your reminders are off: your direct messages are closed to studybot, so it could not send one. Allow direct messages from this server's members, then turn them on again with me remind HH:MM."
    : "Your reminders are off: studybot could not reach you as a member here. Turn them on again with me remind HH:MM.";
}
