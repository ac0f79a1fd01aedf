/**
 * The drawing kit of the pictures: escaped text, numbers, a palette and a
 * width estimate. Pictures are strings built from plain data, so the same data
 * gives the same bytes.
 */

/**
 * The font families a picture asks for, in fallback order. The PNG renderer
 * ships exactly these (Latin, Cyrillic and Greek; monochrome emoji; CJK).
 */
export const FONT_FAMILIES = ["Noto Sans", "Noto Emoji", "Noto Sans S Chinese"] as const;

/**
 * One card colour and its inks for every chat theme: a dark slate card reads
 * on Discord's and Slack's light and dark backgrounds alike.
 */
export const PALETTE = {
  card: "#1c2128",
  border: "#30363d",
  text: "#e6edf3",
  dim: "#8d96a0",
  grid: "#2d333b",
  studied: "#3fb950",
  frozen: "#58a6ff",
  paused: "#d29922",
  bar: "#58a6ff",
  accent: "#f0883e",
  good: "#3fb950",
  bad: "#f85149",
} as const;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** "9,999": digits grouped the same way on every machine (no locale). */
export function groupDigits(value: number): string {
  const sign = value < 0 ? "-" : "";
  return sign + String(Math.abs(Math.round(value))).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Coordinates with at most two decimals, so float noise never changes the bytes. */
export function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** East Asian wide characters and emoji take about a full em; others about half of one in Noto Sans. */
function emWidth(codePoint: number): number {
  if (codePoint >= 0x1100 && (codePoint <= 0x115f || (codePoint >= 0x2e80 && codePoint <= 0xa4cf))) return 1;
  if ((codePoint >= 0xac00 && codePoint <= 0xd7a3) || (codePoint >= 0xf900 && codePoint <= 0xfaff)) return 1;
  if ((codePoint >= 0xff00 && codePoint <= 0xff60) || codePoint >= 0x1f300) return 1;
  return 0.58;
}

/** Clips text to about `maxEms` ems, ending with "…" when it had to cut. */
export function clipToEms(text: string, maxEms: number): string {
  const chars = [...text];
  let width = 0;
  for (let index = 0; index < chars.length; index++) {
    width += emWidth(chars[index]?.codePointAt(0) ?? 0);
    if (width > maxEms) return `${chars.slice(0, Math.max(0, index - 1)).join("")}…`;
  }
  return text;
}

export interface TextOptions {
  size: number;
  fill?: string;
  weight?: "bold";
  anchor?: "middle" | "end";
}

export function textElement(x: number, y: number, content: string, options: TextOptions): string {
  const weight = options.weight ? ` font-weight="${options.weight}"` : "";
  const anchor = options.anchor ? ` text-anchor="${options.anchor}"` : "";
  const fill = options.fill ?? PALETTE.text;
  return `<text x="${num(x)}" y="${num(y)}" font-size="${options.size}"${weight}${anchor} fill="${fill}">${escapeXml(content)}</text>`;
}

export function rect(x: number, y: number, width: number, height: number, fill: string, extra = ""): string {
  return `<rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}" fill="${fill}"${extra}/>`;
}

/** The whole picture: a rounded card with the given body, fonts named once for every text. */
export function svgDocument(width: number, height: number, title: string, body: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILIES.join(", ")}">`,
    `<title>${escapeXml(title)}</title>`,
    rect(0.5, 0.5, width - 1, height - 1, PALETTE.card, ` rx="14" stroke="${PALETTE.border}"`),
    ...body,
    "</svg>",
  ].join("\n");
}
