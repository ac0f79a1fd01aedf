import { describe, expect, it } from "vitest";
import { type BenchResults, compareRuns, verdict } from "../../bench/lib/compare.js";
import { pairedRatio, quantile, spreadsOverlap } from "../../bench/lib/pairs.js";
import { type BenchReport, figure, formatTable, pairedFigure } from "../../bench/lib/report.js";

describe("quantile", () => {
  it("interpolates between closest ranks, whatever the order of the values", () => {
    expect(quantile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([4, 3, 2, 1, 5], 0.25)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.75)).toBe(3.25);
    expect(quantile([7], 0.25)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe("pairedRatio", () => {
  it("takes the median and interquartile range of the pairs' ratios, leaving out the warm-up", () => {
    const pairs = [
      { floor: 1, value: 100 }, // warm-up: an outlier that must not count
      { floor: 10, value: 11 },
      { floor: 20, value: 24 },
      { floor: 5, value: 5 },
      { floor: 100, value: 130 },
      { floor: 2, value: 2.8 },
    ];
    // Counted ratios: 1.1, 1.2, 1, 1.3, 1.4.
    const spread = pairedRatio(pairs, 1);
    expect(spread.median).toBeCloseTo(1.2);
    expect(spread.q1).toBeCloseTo(1.1);
    expect(spread.q3).toBeCloseTo(1.3);
  });

  it("is the median of the ratios, not the ratio of the medians", () => {
    // Load spikes the second pair on both sides: its ratio is still 1.
    const pairs = [
      { floor: 10, value: 20 },
      { floor: 100, value: 100 },
      { floor: 10, value: 20 },
    ];
    expect(pairedRatio(pairs, 0).median).toBe(2);
    const f = pairedFigure("p99", "ms", pairs, { floorLabel: "bare", warmUp: 0 });
    expect(f.value / (f.floor?.value ?? Number.NaN)).toBe(2);
    expect(pairedRatio([pairs[1], pairs[0], pairs[1]] as typeof pairs, 0).median).toBe(1);
  });
});

describe("spreadsOverlap", () => {
  const spread = (q1: number, q3: number) => ({ median: (q1 + q3) / 2, q1, q3 });
  it("overlaps when the middle halves share any value, touching included", () => {
    expect(spreadsOverlap(spread(1, 2), spread(1.5, 3))).toBe(true);
    expect(spreadsOverlap(spread(1.5, 3), spread(1, 2))).toBe(true);
    expect(spreadsOverlap(spread(1, 3), spread(1.5, 2))).toBe(true);
    expect(spreadsOverlap(spread(1, 2), spread(2, 3))).toBe(true);
  });
  it("does not when one lies wholly above the other", () => {
    expect(spreadsOverlap(spread(1, 1.2), spread(1.3, 1.5))).toBe(false);
    expect(spreadsOverlap(spread(1.3, 1.5), spread(1, 1.2))).toBe(false);
  });
});

describe("pairedFigure", () => {
  it("reports medians of the counted rounds, the ratio with its spread, every pair, and the target on the median ratio", () => {
    const pairs = [
      { floor: 50, value: 500 },
      { floor: 100, value: 110 },
      { floor: 100, value: 120 },
      { floor: 100, value: 130 },
    ];
    const f = pairedFigure("ack latency p99", "ms", pairs, {
      floorLabel: "bare discord.js",
      warmUp: 1,
      target: (ratio) => ({ text: "ratio ≤ 1.2", met: ratio <= 1.2 }),
    });
    expect(f.value).toBe(120);
    expect(f.floor).toEqual({ label: "bare discord.js", value: 100 });
    expect(f.ratio).toBeCloseTo(1.2);
    expect(f.ratioSpread?.q1).toBeCloseTo(1.15);
    expect(f.ratioSpread?.q3).toBeCloseTo(1.25);
    expect(f.pairs).toEqual(pairs);
    expect(f.warmUpPairs).toBe(1);
    expect(f.target?.met).toBe(true);
    expect(formatTable([report("3a", [f])])).toContain("1.2 (IQR 1.15–1.25)");
  });
});

function report(id: string, figures: BenchReport["figures"]): BenchReport {
  return { id, title: `benchmark ${id}`, figures, checks: [], notes: [], seconds: 1 };
}

function run(commit: string, figures: BenchReport["figures"]): BenchResults {
  return {
    date: "2025-01-01T00:00:00.000Z",
    commit,
    seconds: 100,
    machine: { node: "v20.20.0", cpuModel: "EPYC", cpus: 2, loadAverageBefore: 1.5, loadAverageAfter: 2 },
    reports: [report("3a", figures)],
  };
}

const paired = (ratios: number[]) =>
  pairedFigure(
    "ack latency p99",
    "ms",
    ratios.map((ratio) => ({ floor: 100, value: 100 * ratio })),
    { floorLabel: "bare", warmUp: 0 },
  );

describe("verdict", () => {
  it("calls overlapping spreads no real change, and says which way apart ones moved", () => {
    expect(verdict(paired([1.2, 1.3, 1.4]), paired([1.1, 1.25, 1.35]))).toBe("spreads overlap: no real change");
    expect(verdict(paired([1.5, 1.6, 1.7]), paired([1.1, 1.15, 1.2]))).toBe("ratio down, spreads apart");
    expect(verdict(paired([1.1, 1.15, 1.2]), paired([1.5, 1.6, 1.7]))).toBe("ratio up, spreads apart");
  });
  it("says a figure without spread cannot be compared, and names one found in only one run", () => {
    const single = figure("rate", "answers/s", 10, { floor: { label: "raw", value: 20 } });
    expect(verdict(single, single)).toBe("no spread: not comparable");
    expect(verdict(figure("peak RSS", "MB", 190), figure("peak RSS", "MB", 200))).toBe("");
    expect(verdict(undefined, single)).toBe("new");
    expect(verdict(single, undefined)).toBe("gone in new");
  });
});

describe("compareRuns", () => {
  it("puts both runs' figures side by side, matched by benchmark and measure, with the note", () => {
    const table = compareRuns(
      run("aaaa", [paired([1.5, 1.6, 1.7])]),
      run("bbbb-dirty", [paired([1.1, 1.15, 1.2]), figure("peak RSS", "MB", 190)]),
    );
    const lines = table.split("\n");
    expect(lines[0]).toBe("old: aaaa, 2025-01-01T00:00:00.000Z, node v20.20.0, 2 × EPYC, load 1.5→2");
    expect(lines[1]).toContain("new: bbbb-dirty");
    const p99 = lines.find((line) => line.startsWith("3a. ack latency p99"));
    expect(p99).toMatch(
      /160 ms\s+1\.6 \(IQR 1\.55–1\.65\)\s+115 ms\s+1\.15 \(IQR 1\.13–1\.17\)\s+ratio down, spreads apart$/,
    );
    expect(lines.find((line) => line.startsWith("3a. peak RSS"))).toMatch(/—\s+—\s+190 MB\s+—\s+new$/);
  });
});
