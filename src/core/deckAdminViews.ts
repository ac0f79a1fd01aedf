import type { Deck } from "./deck.js";
import { type DeckChanges, driftWarning } from "./deckChanges.js";
import { PASTE_MAX_CHARS } from "./deckImportForm.js";
import type { ImportOutcome } from "./importers/index.js";
import { importSummary } from "./importers/index.js";
import { text, type View, view } from "./views.js";

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

function changeLines(deck: Deck, changes: DeckChanges): string[] {
  const parts = [
    changes.added.length > 0 ? `${changes.added.length} added` : "",
    changes.edited.length > 0 ? `${changes.edited.length} edited` : "",
    changes.removed.length > 0 ? `${changes.removed.length} removed (their history is kept)` : "",
  ].filter(Boolean);
  const summary =
    parts.length > 0 ? `Cards: ${parts.join(", ")}; progress stays with each card's id.` : "No card changed.";
  return [summary, ...changes.drifted.map((drift) => driftWarning(deck.id, drift))];
}

/** After a chat import: what was read and skipped, and what changed when a deck was replaced. */
export function deckImportedView(
  outcome: Extract<ImportOutcome, { ok: true }>,
  changes: DeckChanges | undefined,
): View {
  const { deck } = outcome;
  const lines = [...importSummary(outcome), ...(changes ? changeLines(deck, changes) : [])];
  return view(
    changes ? `Deck replaced · ${deck.id}` : `Deck added · ${deck.id}`,
    changes?.drifted.length ? "warning" : "success",
    [
      text({ strong: deck.title }, ` (${deck.id}), ${plural(deck.cards.length, "card")}, for this community.`),
      ...lines.map((line) => text(line)),
    ],
    { footer: `quiz now ${deck.id} · drill ${deck.id} · deck remove ${deck.id}` },
  );
}

export function deckImportFailedView(outcome: Extract<ImportOutcome, { ok: false }>): View {
  return view(
    "No deck was imported",
    "error",
    importSummary(outcome).map((line) => text(line)),
    {
      footer: "One card per line: front, a tab or a comma, back. A header row front,back,tags is optional.",
    },
  );
}

/** Where paste forms do not exist (the terminal): how to import instead. */
export function deckImportElsewhereView(): View {
  return view("Import a deck", "info", [
    text(`In Discord or Slack, deck import opens a form to paste up to ${PASTE_MAX_CHARS} characters of CSV or TSV.`),
    text("Here, import a file with: ", { code: "studybot decks import <file>" }),
  ]);
}

export function deckRemovedView(deck: Deck): View {
  return view("Deck removed", "success", [
    text(
      { strong: deck.title },
      ` (${deck.id}) is no longer offered here. Answers and drill history stay in the database.`,
    ),
  ]);
}

export interface ReloadReport {
  /** Deck ids loaded now, by id. */
  loaded: string[];
  added: string[];
  removed: string[];
  /** Files whose edit is broken: their last good deck stays loaded. */
  kept: { deckId: string; problems: string[] }[];
  /** Problems in files with no earlier good version. */
  failed: string[];
  /** Cards whose text changed beyond recognition while keeping their id. */
  drift: string[];
}

export function deckReloadView(report: ReloadReport): View {
  const blocks = [
    text(`Loaded ${plural(report.loaded.length, "deck file")}: ${report.loaded.join(", ") || "none"}.`),
    ...(report.added.length > 0 ? [text(`New: ${report.added.join(", ")}.`)] : []),
    ...(report.removed.length > 0 ? [text(`No longer in decks/: ${report.removed.join(", ")} (history kept).`)] : []),
    ...report.kept.map((kept) => text(`Kept the last good version of ${kept.deckId}: ${kept.problems.join("; ")}`)),
    ...report.failed.map((problem) => text(`Skipped: ${problem}`)),
    ...report.drift.map((line) => text(line)),
  ];
  const troubled = report.kept.length + report.failed.length + report.drift.length > 0;
  return view("Decks reloaded", troubled ? "warning" : "success", blocks);
}
