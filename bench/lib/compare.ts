import { spreadsOverlap } from "./pairs.js";
import { type BenchReport, type Figure, formatNumber, formatRatio } from "./report.js";

/** bench/results.json: enough to compare two runs (where, on what, and every pair). */
export interface BenchResults {
  date: string;
  /** The commit measured, with "-dirty" when the work tree had changes (runs before issue #20 lack it). */
  commit?: string;
  seconds: number;
  machine: { node: string; cpuModel: string; cpus: number; loadAverageBefore: number; loadAverageAfter: number };
  reports: BenchReport[];
}

const runLine = (name: string, run: BenchResults) =>
  `${name}: ${run.commit ?? "commit not recorded"}, ${run.date}, node ${run.machine.node}, ${run.machine.cpus} × ${run.machine.cpuModel}, load ${formatNumber(run.machine.loadAverageBefore)}→${formatNumber(run.machine.loadAverageAfter)}`;

/**
 * What the two runs say about one figure: with spreads on both sides,
 * whether the middle halves of the pairs' ratios overlap (no real change) or
 * not (the ratio moved, up or down); without, nothing can be said.
 */
export function verdict(before: Figure | undefined, after: Figure | undefined): string {
  if (!before || !after) return before ? "gone in new" : "new";
  if (!before.ratioSpread || !after.ratioSpread || before.ratio === undefined || after.ratio === undefined) {
    return before.ratio === undefined ? "" : "no spread: not comparable";
  }
  if (spreadsOverlap(before.ratioSpread, after.ratioSpread)) return "spreads overlap: no real change";
  return after.ratio < before.ratio ? "ratio down, spreads apart" : "ratio up, spreads apart";
}

const value = (f: Figure | undefined) => (f ? `${formatNumber(f.value)} ${f.unit}` : "—");
const ratio = (f: Figure | undefined) => (f ? formatRatio(f) || "—" : "—");

/** The figures of two runs side by side, one line each, matched by benchmark id and measure. */
export function compareRuns(before: BenchResults, after: BenchResults): string {
  const key = (report: BenchReport, f: Figure) => `${report.id}. ${f.measure}`;
  const index = (run: BenchResults) =>
    new Map(run.reports.flatMap((report) => report.figures.map((f) => [key(report, f), f] as const)));
  const old = index(before);
  const fresh = index(after);
  const keys = [...new Set([...old.keys(), ...fresh.keys()])].sort((a, b) => a.localeCompare(b));
  const header = ["figure", "old", "old ratio", "new", "new ratio", "note"];
  const rows = keys.map((name) => {
    const [a, b] = [old.get(name), fresh.get(name)];
    return [name, value(a), ratio(a), value(b), ratio(b), verdict(a, b)];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (row: string[]) =>
    row
      .map((text, column) => text.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return [
    runLine("old", before),
    runLine("new", after),
    "",
    line(header),
    line(widths.map((width) => "-".repeat(width))),
    ...rows.map(line),
  ].join("\n");
}
