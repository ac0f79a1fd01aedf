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
  /** value ÷ floor. */
  ratio?: number;
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
      const ratio = f.ratio === undefined ? "" : formatNumber(f.ratio);
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
