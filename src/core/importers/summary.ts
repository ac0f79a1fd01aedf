import type { ImportOutcome, SkippedRow } from "./types.js";

/**
 * Skipped rows grouped by reason, one line each: `duplicate: line 12 (same
 * front and back as line 3), line 14 (…)`, at most `limit` lines listed per
 * reason so that a 5,000-line mistake stays readable.
 */
export function describeSkipped(skipped: readonly SkippedRow[], limit = 10): string[] {
  const byReason = new Map<string, SkippedRow[]>();
  for (const row of skipped) byReason.set(row.reason, [...(byReason.get(row.reason) ?? []), row]);
  return [...byReason].map(([reason, rows]) => {
    const shown = rows
      .slice(0, limit)
      .map((row) => (row.detail ? `line ${row.line} (${row.detail})` : `line ${row.line}`));
    const more = rows.length > limit ? ` and ${rows.length - limit} more` : "";
    return `${reason}: ${shown.join(", ")}${more}`;
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
  if (outcome.skipped.length > 0) {
    const rows = outcome.skipped.length === 1 ? "1 row" : `${outcome.skipped.length} rows`;
    lines.push(`Skipped ${rows}:`, ...describeSkipped(outcome.skipped).map((line) => `  ${line}`));
  }
  lines.push(...outcome.warnings.map((warning) => `Note: ${warning}`));
  return lines;
}
