import { groupDigits, num, PALETTE, rect, textElement } from "./svg.js";

/** Where a chart is drawn, in picture pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Bar {
  /** Under the bar; an empty label leaves the slot unlabelled. */
  label: string;
  value: number;
  /** A share from 0 to 1 drawn as a dot on a line across the bars (accuracy); undefined: no dot. */
  share?: number;
}

export interface BarChartOptions {
  title: string;
  color: string;
  /** Shown when every bar is zero, so an empty chart says why it is empty. */
  emptyNote: string;
}

const TITLE_SIZE = 15;
const LABEL_SIZE = 11;

/**
 * Vertical bars scaled to the largest value, each with its value above it
 * and its label below; shares (if any) as a line of dots on a 0-100% scale.
 */
export function barChart(box: Box, bars: readonly Bar[], options: BarChartOptions): string[] {
  const out = [textElement(box.x, box.y + TITLE_SIZE, options.title, { size: TITLE_SIZE, weight: "bold" })];
  const top = box.y + TITLE_SIZE + 22;
  const bottom = box.y + box.height - LABEL_SIZE - 8;
  const slot = box.width / Math.max(1, bars.length);
  const barWidth = Math.max(2, slot * 0.62);
  const max = Math.max(0, ...bars.map((bar) => bar.value));
  out.push(rect(box.x, bottom, box.width, 1, PALETTE.border));
  if (max === 0) {
    out.push(
      textElement(box.x + box.width / 2, (top + bottom) / 2, options.emptyNote, {
        size: 13,
        fill: PALETTE.dim,
        anchor: "middle",
      }),
    );
  }
  const dots: string[] = [];
  bars.forEach((bar, index) => {
    const centre = box.x + slot * index + slot / 2;
    if (max > 0 && bar.value > 0) {
      const height = Math.max(2, ((bottom - top) * bar.value) / max);
      out.push(rect(centre - barWidth / 2, bottom - height, barWidth, height, options.color, ' rx="2"'));
      out.push(
        textElement(centre, bottom - height - 4, groupDigits(bar.value), {
          size: LABEL_SIZE,
          fill: PALETTE.dim,
          anchor: "middle",
        }),
      );
    }
    if (bar.label)
      out.push(
        textElement(centre, bottom + LABEL_SIZE + 5, bar.label, {
          size: LABEL_SIZE,
          fill: PALETTE.dim,
          anchor: "middle",
        }),
      );
    if (bar.share !== undefined) dots.push(`${num(centre)},${num(bottom - (bottom - top) * bar.share)}`);
  });
  if (dots.length > 0) {
    out.push(`<polyline points="${dots.join(" ")}" fill="none" stroke="${PALETTE.accent}" stroke-width="2"/>`);
    for (const dot of dots) {
      const [cx, cy] = dot.split(",");
      out.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${PALETTE.accent}"/>`);
    }
  }
  return out;
}

/** A horizontal track filled to `share` (0 to 1), with a second, darker fill for a part of it when given. */
export function meter(box: Box, share: number, color: string, innerShare?: number, innerColor?: string): string[] {
  const clamp = (value: number) => Math.min(1, Math.max(0, value));
  const out = [rect(box.x, box.y, box.width, box.height, PALETTE.grid, ' rx="3"')];
  if (share > 0) out.push(rect(box.x, box.y, Math.max(3, box.width * clamp(share)), box.height, color, ' rx="3"'));
  if (innerShare !== undefined && innerColor !== undefined && innerShare > 0) {
    out.push(rect(box.x, box.y, Math.max(3, box.width * clamp(innerShare)), box.height, innerColor, ' rx="3"'));
  }
  return out;
}
