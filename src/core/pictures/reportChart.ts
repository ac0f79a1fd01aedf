import { barChart, meter } from "./charts.js";
import { EVERY_GLYPH, type GlyphCoverage, readableText } from "./readableText.js";
import { clipToEms, groupDigits, PALETTE, svgDocument, textElement } from "./svg.js";

export interface HardCard {
  name: string;
  answered: number;
  correct: number;
}

/** What the `report` chart shows, as plain data. */
export interface ReportChartInput {
  title: string;
  /** Which days it covers, in words ("last 30 days · Europe/Berlin"). */
  subtitle: string;
  /** Hardest first. */
  hardest: readonly HardCard[];
  /** One entry per day, oldest first. */
  activeByDay: readonly { day: string; members: number }[];
}

export const REPORT_CHART_WIDTH = 840;
export const REPORT_CHART_CARDS = 8;
const ROW = 28;
const CARDS_TOP = 100;

export function reportChartHeight(cardCount: number): number {
  return CARDS_TOP + 34 + Math.max(1, Math.min(cardCount, REPORT_CHART_CARDS)) * ROW + 20 + 200;
}

function accuracyColor(share: number): string {
  if (share < 0.5) return PALETTE.bad;
  return share < 0.8 ? PALETTE.accent : PALETTE.good;
}

function hardestSection(input: ReportChartInput, covered: GlyphCoverage): string[] {
  const out = [textElement(28, CARDS_TOP + 16, "Hardest cards · class accuracy", { size: 15, weight: "bold" })];
  const top = CARDS_TOP + 34;
  if (input.hardest.length === 0) {
    out.push(textElement(28, top + 16, "No quiz answered in this period", { size: 13, fill: PALETTE.dim }));
    return out;
  }
  input.hardest.slice(0, REPORT_CHART_CARDS).forEach((card, index) => {
    const y = top + index * ROW;
    const share = card.answered > 0 ? card.correct / card.answered : 0;
    out.push(textElement(28, y + 15, clipToEms(readableText(card.name, covered), 24), { size: 13 }));
    out.push(...meter({ x: 330, y: y + 5, width: 330, height: 12 }, share, accuracyColor(share)));
    const figures = `${Math.round(share * 100)}% of ${groupDigits(card.answered)}`;
    out.push(textElement(812, y + 15, figures, { size: 13, fill: PALETTE.dim, anchor: "end" }));
  });
  return out;
}

/** The `report` chart as SVG: the hardest cards with the class's accuracy, and members active per day. */
export function reportChartSvg(input: ReportChartInput, covered: GlyphCoverage = EVERY_GLYPH): string {
  const height = reportChartHeight(input.hardest.length);
  const labelEvery = Math.max(1, Math.ceil(input.activeByDay.length / 12));
  const active = input.activeByDay.map(({ day, members }, index) => ({
    // Counted from the newest day, so today is always labelled.
    label: (input.activeByDay.length - 1 - index) % labelEvery === 0 ? day.slice(8) : "",
    value: members,
  }));
  const title = clipToEms(readableText(input.title, covered), 34);
  const body = [
    textElement(28, 46, title, { size: 24, weight: "bold" }),
    textElement(28, 70, readableText(input.subtitle, covered), { size: 13, fill: PALETTE.dim }),
    ...hardestSection(input, covered),
    ...barChart({ x: 28, y: height - 210, width: 784, height: 190 }, active, {
      title: "Members active per day",
      color: PALETTE.studied,
      emptyNote: "Nobody studied in this period",
    }),
  ];
  return svgDocument(REPORT_CHART_WIDTH, height, title, body);
}
