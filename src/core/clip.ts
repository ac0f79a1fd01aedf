/**
 * How a platform counts a text's length. Discord counts UTF-16 code units
 * (JavaScript's `length`: an emoji outside the BMP is 2); Slack counts
 * characters (code points: that emoji is 1). UTF-16 is never the smaller
 * count, so a text clipped in it fits either platform.
 */
export type LengthUnit = "utf16" | "codePoint";

export interface ClipOptions {
  /** Defaults to "utf16", the stricter count. */
  unit?: LengthUnit;
  /**
   * Spans never cut in half, such as a markup escape or a mention: a cut that
   * would fall inside one drops the whole span. Must have the `g` flag.
   */
  keepWhole?: RegExp;
}

export const ELLIPSIS = "…";

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

function lengthIn(unit: LengthUnit, text: string): number {
  if (unit === "utf16") return text.length;
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * `text` if it fits in `max`, else its longest start that fits with an
 * ellipsis after it. The cut falls between graphemes, so a flag, a ZWJ family
 * or a letter with its combining accents is kept whole or dropped whole, and
 * outside every `keepWhole` span. Empty when `max` leaves no room even for
 * the ellipsis.
 */
export function clip(text: string, max: number, { unit = "utf16", keepWhole }: ClipOptions = {}): string {
  if (lengthIn(unit, text) <= max) return text;
  const room = max - lengthIn(unit, ELLIPSIS);
  if (room < 0) return "";
  const spans = keepWhole
    ? [...text.matchAll(keepWhole)].map((m) => ({ start: m.index, end: m.index + m[0].length }))
    : [];
  let nextSpan = 0;
  let kept = 0;
  let used = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    used += lengthIn(unit, segment);
    if (used > room) break;
    const boundary = index + segment.length;
    while (nextSpan < spans.length && (spans[nextSpan]?.end ?? 0) <= boundary) nextSpan++;
    const span = spans[nextSpan];
    if (!span || boundary <= span.start) kept = boundary;
  }
  return `${text.slice(0, kept)}${ELLIPSIS}`;
}

/** How much of a person's own input a reply quotes back (a pasted page stays readable). */
const ECHO_MAX = 40;

/** A person's input as an error message quotes it: at most ECHO_MAX, cut between graphemes. */
export function echoed(text: string): string {
  return clip(text, ECHO_MAX);
}
