import { type SkippedGroup, skippedCount } from "./skipped.js";
import type { ImportOutcome } from "./types.js";

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
  const how = outcome.detectedBecause ? `${outcome.format} (auto: ${outcome.detectedBecause})` : outcome.format;
  const lines = [
    outcome.ok
      ? `Read ${outcome.deck.cards.length} ${outcome.deck.cards.length === 1 ? "card" : "cards"} as ${how}.`
      : `Read as ${how}: ${outcome.message}.`,
  ];
  if (outcome.blankLines > 0) {
    const blank = outcome.blankLines === 1 ? "1 blank line" : `${outcome.blankLines} blank lines`;
    lines.push(`Ignored ${blank} between rows (no cards there).`);
  }
  const skipped = skippedCount(outcome.skipped);
  if (skipped > 0) {
    const rows = skipped === 1 ? "1 row" : `${skipped} rows`;
    lines.push(`Skipped ${rows}:`, ...describeSkipped(outcome.skipped).map((line) => `  ${line}`));
  }
  lines.push(...outcome.warnings.map((warning) => `Note: ${warning}`));
  return lines;
}
