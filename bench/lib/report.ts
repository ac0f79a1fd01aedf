import { countedPairs, type Pair, pairedRatio, quantile, type Spread } from "./pairs.js";

/**
 * What each benchmark hands back: figures measured side by side with their
 * floor (what the libraries alone achieve in the same run), the ratio of the
 * two, and the issue's target where there is one.
 */
export interface Figure {
  measure: string;
  unit: string;
  value: number;
  floor?: { label: string; value: number };
  /** value ÷ floor; for paired figures, the median of the pairs' ratios. */
  ratio?: number;
  /** Paired figures: the interquartile range of the pairs' ratios, and every pair as measured (warm-up first). */
  ratioSpread?: Spread;
  pairs?: Pair[];
  warmUpPairs?: number;
  target?: { text: string; met: boolean };
  /** Companion numbers for the table (p50s, counts). */
  detail?: string;
}

/** A correctness condition of the run (nothing lost, nothing counted twice). */
export interface Check {
  what: string;
  ok: boolean;
}

export interface BenchReport {
  id: string;
  title: string;
  figures: Figure[];
  checks: Check[];
  notes: string[];
  /** Peak resident set size of the process that ran the benchmark, when it is one of ours. */
  peakRssMb?: number;
  seconds: number;
}

export function figure(
  measure: string,
  unit: string,
  value: number,
  options: {
    floor?: Figure["floor"];
    target?: (value: number, ratio: number | undefined) => Figure["target"];
    detail?: string;
  } = {},
): Figure {
  const ratio = options.floor ? value / options.floor.value : undefined;
  const target = options.target?.(value, ratio);
  return {
    measure,
    unit,
    value,
    ...(options.floor ? { floor: options.floor, ratio } : {}),
    ...(target ? { target } : {}),
    ...(options.detail ? { detail: options.detail } : {}),
  };
}

/**
 * A figure measured in pairs of rounds: studybot's and the floor's values are
 * the medians of the counted rounds, the ratio is the median of the pairs'
 * ratios (not the ratio of the medians), shown with its spread.
 */
export function pairedFigure(
  measure: string,
  unit: string,
  pairs: readonly Pair[],
  options: {
    floorLabel: string;
    warmUp: number;
    target?: (ratio: number) => Figure["target"];
    detail?: string;
  },
): Figure {
  const counted = countedPairs(pairs, options.warmUp);
  const { median, q1, q3 } = pairedRatio(pairs, options.warmUp);
  const target = options.target?.(median);
  return {
    measure,
    unit,
    value: quantile(
      counted.map((pair) => pair.value),
      0.5,
    ),
    floor: {
      label: options.floorLabel,
      value: quantile(
        counted.map((pair) => pair.floor),
        0.5,
      ),
    },
    ratio: median,
    ratioSpread: { median, q1, q3 },
    pairs: [...pairs],
    warmUpPairs: options.warmUp,
    ...(target ? { target } : {}),
    ...(options.detail ? { detail: options.detail } : {}),
  };
}

/** The ratio, with the middle half of the pairs' ratios when it was measured in pairs. */
export function formatRatio(f: Pick<Figure, "ratio" | "ratioSpread">): string {
  if (f.ratio === undefined) return "";
  const spread = f.ratioSpread ? ` (IQR ${formatNumber(f.ratioSpread.q1)}–${formatNumber(f.ratioSpread.q3)})` : "";
  return `${formatNumber(f.ratio)}${spread}`;
}

/** Three significant digits, without exponent notation for the sizes seen here. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString("en-US");
  return Number(value.toPrecision(3)).toString();
}

const cell = (text: string, width: number) => text.padEnd(width);

/** The console table: one line per figure, grouped by benchmark, then the checks. */
export function formatTable(reports: readonly BenchReport[]): string {
  const header = ["measure", "studybot", "floor", "ratio", "target"];
  const rows: string[][] = [];
  for (const report of reports) {
    const memory = report.peakRssMb === undefined ? "" : `, peak RSS ${formatNumber(report.peakRssMb)} MB`;
    rows.push([`${report.id}. ${report.title} (${formatNumber(report.seconds)} s${memory})`]);
    for (const f of report.figures) {
      const value = `${formatNumber(f.value)} ${f.unit}${f.detail ? ` (${f.detail})` : ""}`;
      const floor = f.floor ? `${formatNumber(f.floor.value)} ${f.unit} ${f.floor.label}` : "";
      const ratio = formatRatio(f);
      const target = f.target ? `${f.target.text} ${f.target.met ? "met" : "MISSED"}` : "";
      rows.push([`  ${f.measure}`, value, floor, ratio, target]);
    }
    for (const check of report.checks) rows.push([`  ${check.ok ? "ok" : "FAILED"}: ${check.what}`]);
  }
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.filter((row) => row.length > 1).map((row) => (row[column] ?? "").length)),
  );
  const line = (row: string[]) =>
    row
      .map((text, column) => cell(text, widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return [
    line(header),
    line(widths.map((width) => "-".repeat(width))),
    ...rows.map((row) => (row.length === 1 ? (row[0] ?? "") : line(row))),
  ].join("\n");
}
