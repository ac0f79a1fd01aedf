import { type SkippedGroup, skippedCount } from "./skipped.js";
import type { ImportOutcome, ImportReport, SplitOutcome } from "./types.js";

/**
 * Skipped rows, one line per reason: `duplicate: line 12 (same front and back
 * as line 3), line 14 (…) and 4,988 more`: the groups hold only the first few
 * rows, so a 5,000-line mistake stays readable.
 */
export function describeSkipped(groups: readonly SkippedGroup[]): string[] {
  return groups.map(({ reason, count, shown }) => {
    const lines = shown.map((row) => (row.detail ? `line ${row.line} (${row.detail})` : `line ${row.line}`));
    const more = count > shown.length ? ` and ${count - shown.length} more` : "";
    return `${reason}: ${lines.join(", ")}${more}`;
  });
}

/** What an import read, as lines for a terminal or a chat reply. */
export function importSummary(outcome: ImportOutcome): string[] {
  const first = outcome.ok
    ? `Read ${cards(outcome.deck.cards.length)} as ${formatSaid(outcome)}.`
    : `Read as ${formatSaid(outcome)}: ${outcome.message}.`;
  return [first, ...reportLines(outcome)];
}

/** What a `--split-decks` import read: the cards of all decks, then what the whole text had skipped. */
export function splitSummary(outcome: SplitOutcome): string[] {
  if (!outcome.ok) return [`Read as ${formatSaid(outcome)}: ${outcome.message}.`, ...reportLines(outcome)];
  const made = outcome.decks.flatMap((entry) => ("deck" in entry ? [entry.deck] : []));
  const total = made.reduce((sum, deck) => sum + deck.cards.length, 0);
  const decks = made.length === 1 ? "1 deck" : `${made.length} decks`;
  return [`Read ${cards(total)} in ${decks} as ${formatSaid(outcome)}.`, ...reportLines(outcome)];
}

const cards = (count: number) => (count === 1 ? "1 card" : `${count} cards`);

function formatSaid(report: ImportReport): string {
  return report.detectedBecause ? `${report.format} (auto: ${report.detectedBecause})` : report.format;
}

function reportLines(report: ImportReport): string[] {
  const lines: string[] = [];
  if (report.blankLines > 0) {
    const blank = report.blankLines === 1 ? "1 blank line" : `${report.blankLines} blank lines`;
    lines.push(`Ignored ${blank} between rows (no cards there).`);
  }
  const skipped = skippedCount(report.skipped);
  if (skipped > 0) {
    const rows = skipped === 1 ? "1 row" : `${skipped} rows`;
    lines.push(`Skipped ${rows}:`, ...describeSkipped(report.skipped).map((line) => `  ${line}`));
  }
  lines.push(...report.warnings.map((warning) => `Note: ${warning}`));
  return lines;
}
