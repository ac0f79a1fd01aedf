import type { ReportAction } from "./actions.js";
import { encodeAction } from "./actions.js";
import { REASON_MAX_CHARS } from "./cardFlags.js";
import { clip } from "./clip.js";
import type { Card } from "./deck.js";
import { type Button, text, type View, view } from "./views.js";

/** Cards `deck flags` lists, and reasons shown per card: enough to act on, within every platform's message size. */
export const FLAG_LIST_MAX_CARDS = 8;
export const FLAG_LIST_REASONS_EACH = 3;
const REASON_SHOWN_CHARS = 100;
const FRONT_SHOWN_CHARS = 100;

/** The "Report card" button: its id names the card through what showed it; `typed` is the terminal's way. */
export function reportButton(action: ReportAction, deckId: string, cardId: string): Button {
  return { action: encodeAction(action), label: "Report card", style: "secondary", typed: `flag ${deckId} ${cardId}` };
}

/** What the report form asks, whatever the platform draws it with. */
export interface ReportForm {
  title: string;
  label: string;
  /** The card's front, so the member sees which card they report. */
  about: string;
  maxLength: number;
}

export function reportForm(card: Card): ReportForm {
  return {
    title: "Report this card",
    label: "What is wrong with it?",
    about: clip(card.front.split("\n")[0] ?? "", FRONT_SHOWN_CHARS),
    maxLength: REASON_MAX_CHARS,
  };
}

export function flaggedView(card: Card, outcome: "added" | "updated"): View {
  const front = clip(card.front, FRONT_SHOWN_CHARS);
  return view(
    "Card reported",
    "success",
    [
      text(
        outcome === "added" ? "Thank you: the admins will see your report on " : "Your reason is updated for ",
        { strong: front },
        outcome === "added" ? "." : ": each member counts once per card.",
      ),
    ],
    { footer: "Admins list reported cards with deck flags." },
  );
}

export interface FlagListEntry {
  deckId: string;
  card: Card;
  count: number;
  reasons: readonly string[];
  skipped: boolean;
}

/** `deck flags`: the most reported cards first, each with its count, latest reasons and what the admin can do. */
export function flagListView(entries: readonly FlagListEntry[], deckId: string | undefined): View {
  const where = deckId ? ` · ${deckId}` : "";
  if (entries.length === 0) {
    return view(`Reported cards${where}`, "info", [text("No card is reported.")], {
      footer: "Members report a card with its Report card button, or with flag <deck> <card> <reason>.",
    });
  }
  const shown = entries.slice(0, FLAG_LIST_MAX_CARDS);
  const fields = shown.map((entry) => ({
    label: clip(`${entry.card.front.split("\n")[0] ?? ""}`, FRONT_SHOWN_CHARS),
    value: [
      [
        `${entry.deckId} ${entry.card.id} · ${entry.count} ${entry.count === 1 ? "report" : "reports"}${entry.skipped ? " · skipped" : ""}`,
        ...entry.reasons.map((reason) => `“${clip(reason.replace(/\s+/g, " "), REASON_SHOWN_CHARS)}”`),
      ].join("\n"),
    ],
  }));
  const more = entries.length - shown.length;
  return view(
    `Reported cards${where}`,
    "warning",
    [{ type: "fields", fields }, ...(more > 0 ? [text(`and ${more} more reported cards`)] : [])],
    { footer: "deck skip <deck> <card> keeps a card out of quizzes and drills; deck unskip brings it back." },
  );
}

export function skippedView(deckId: string, card: Card, already: boolean): View {
  return view(
    already ? "Already skipped" : "Card skipped",
    already ? "info" : "success",
    [
      text(
        { strong: clip(card.front, FRONT_SHOWN_CHARS) },
        ` (${deckId} ${card.id}) ${already ? "was already" : "is now"} kept out of quizzes, schedules and drills. Its reports stay.`,
      ),
    ],
    { footer: `deck unskip ${deckId} ${card.id} brings it back and clears its reports.` },
  );
}

export function unskippedView(deckId: string, cardId: string, outcome: { wasSkipped: boolean; flagsCleared: number }) {
  const cleared = outcome.flagsCleared === 1 ? "1 report" : `${outcome.flagsCleared} reports`;
  return view(outcome.wasSkipped ? "Card back" : "Card was not skipped", "success", [
    text(
      `${deckId} ${cardId} ${outcome.wasSkipped ? "is back in" : "was already in"} quizzes and drills; ${cleared} cleared.`,
    ),
  ]);
}
