import { reportChartSvg } from "../src/core/pictures/reportChart.js";
import { statsCardSvg } from "../src/core/pictures/statsCard.js";
import { fontCoverage, renderPng } from "../src/services/pictures/png.js";
import { busyReportChart, busyStatsCard } from "../test/pictures/fixtures.js";
import { collectGarbage, distribution, megabytes, timeEachAsync } from "./lib/measure.js";
import { type BenchReport, figure } from "./lib/report.js";

export interface PicturesBenchArgs {
  /** Renders of each picture that are timed; twice this many in all. */
  renders: number;
  warmUp: number;
}

const rssMb = () => {
  collectGarbage();
  return megabytes(process.memoryUsage().rss);
};

/**
 * Benchmark 8: a stats card and a report chart, from plain data to PNG bytes
 * (SVG built in core, drawn by resvg with the shipped fonts), as `stats`
 * draws one per call; and the process's RSS before and after all the
 * renders, which must not grow with them once resvg's heaps are warm (a
 * hundred pictures), and its peak while drawing.
 */
export async function run(args: PicturesBenchArgs): Promise<BenchReport[]> {
  const started = performance.now();
  const covered = fontCoverage();
  const card = busyStatsCard();
  const chart = busyReportChart();
  const drawCard = () => renderPng(statsCardSvg(card, covered));
  const drawChart = () => renderPng(reportChartSvg(chart, covered));
  await timeEachAsync(args.warmUp, async () => {
    await drawCard();
    await drawChart();
  });
  const rssBefore = rssMb();
  // Cards and charts alternate as in the warm-up: a run of charts alone sits about 40 MB higher than one of cards.
  const cardTimes: number[] = [];
  const chartTimes: number[] = [];
  // Read as a running bot would see it, with no collection forced.
  let rssPeak = 0;
  await timeEachAsync(args.renders, async (index) => {
    cardTimes.push(...(await timeEachAsync(1, drawCard)));
    chartTimes.push(...(await timeEachAsync(1, drawChart)));
    if (index % 25 === 0) rssPeak = Math.max(rssPeak, megabytes(process.memoryUsage().rss));
  });
  const cards = distribution(cardTimes);
  const charts = distribution(chartTimes);
  const rssAfter = rssMb();
  const growth = rssAfter - rssBefore;
  const renders = 2 * args.renders + 2 * args.warmUp;
  const latency = (name: string, spread: ReturnType<typeof distribution>) => [
    figure(`${name} p50`, "ms", spread.p50),
    figure(`${name} p99`, "ms", spread.p99, { detail: `max ${spread.max.toFixed(0)} ms` }),
  ];
  return [
    {
      id: "9",
      title: `Pictures: stats card and report chart to PNG, ${renders.toLocaleString("en-US")} renders in one process`,
      figures: [
        ...latency("stats card", cards),
        ...latency("report chart", charts),
        figure("RSS during the renders, peak", "MB", rssPeak, {
          detail: "read every 25 renders, no collection forced",
          target: (value) => ({ text: "< 250 MB", met: value < 250 }),
        }),
        figure("RSS after the renders", "MB", rssAfter, { detail: `${rssBefore.toFixed(0)} MB after warm-up` }),
        figure("RSS growth over the renders", "MB", growth, {
          target: (value) => ({ text: "< 20 MB (no growth)", met: value < 20 }),
        }),
      ],
      checks: [{ what: "the same data drew the same bytes", ok: (await drawCard()).equals(await drawCard()) }],
      notes: [],
      seconds: (performance.now() - started) / 1000,
    },
  ];
}
