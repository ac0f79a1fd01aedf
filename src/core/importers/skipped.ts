import { SUMMARY_MAX_ITEMS } from "../limits.js";
import type { SkippedRow, SkipReason } from "./types.js";

/** The skipped rows of one reason: how many, and the first few to name. */
export interface SkippedGroup {
  reason: SkipReason;
  count: number;
  /** The first rows of this reason, in line order: at most `SUMMARY_MAX_ITEMS`. */
  shown: SkippedRow[];
}

/**
 * Rows that did not become cards, kept as a count per reason and the first
 * few rows of each: a file of a million empty lines holds one group of three
 * fields, not a million rows, and adding a row never copies anything.
 * Each reason comes from one stage (reading or building cards), which adds
 * its rows in line order, so every group's rows are in line order too.
 */
export class SkippedRows {
  readonly #groups = new Map<SkipReason, SkippedGroup>();

  constructor(private readonly limit = SUMMARY_MAX_ITEMS) {}

  add(row: SkippedRow): void {
    let group = this.#groups.get(row.reason);
    if (group === undefined) {
      group = { reason: row.reason, count: 0, shown: [] };
      this.#groups.set(row.reason, group);
    }
    group.count += 1;
    if (group.shown.length < this.limit) group.shown.push(row);
  }

  /** The groups, the one whose first row comes first in the file first. */
  groups(): SkippedGroup[] {
    return [...this.#groups.values()].sort((a, b) => (a.shown[0]?.line ?? 0) - (b.shown[0]?.line ?? 0));
  }
}

/** How many rows the groups hold. */
export function skippedCount(groups: readonly SkippedGroup[]): number {
  return groups.reduce((sum, group) => sum + group.count, 0);
}
