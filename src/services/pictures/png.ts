import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { GlyphCoverage } from "../../core/pictures/readableText.js";
import { coveredCodePoints } from "./cmap.js";
import { renderOnWorker } from "./pngWorker.js";

const require = createRequire(import.meta.url);

/** Noto Sans, the family every picture names first, in both weights it uses. */
const NOTO_SANS_FILES: readonly string[] = [
  require.resolve("@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf"),
  require.resolve("@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf"),
];

/** The fallback families, in the order the pictures name them: Noto Emoji (monochrome), Noto Sans S Chinese. */
const FALLBACK_FILES: readonly string[] = [
  require.resolve("@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf"),
  // The package exports only its JavaScript entry; its fonts sit beside it.
  join(dirname(require.resolve("@embedpdf/fonts-sc")), "..", "fonts", "NotoSansHans-Regular.otf"),
];

/**
 * The fonts every picture is drawn with, from npm packages (open licence:
 * OFL-1.1), never the system's, so every machine and the Docker image draw
 * the same pixels: Noto Sans (Latin, Cyrillic, Greek), Noto Emoji
 * (monochrome), Noto Sans S Chinese (CJK ideographs and kana).
 */
export const FONT_FILES: readonly string[] = [...NOTO_SANS_FILES, ...FALLBACK_FILES];

interface Coverages {
  /** Everything some shipped font draws. */
  any: Set<number>;
  /** What both Noto Sans weights draw: text of only these never falls back to another family. */
  notoSans: Set<number>;
  fallbacks: { file: string; covers: Set<number> }[];
}

let coverages: Coverages | undefined;

/** Read once from the fonts' cmap tables (about 40,000 code points). */
function shippedCoverages(): Coverages {
  if (!coverages) {
    const read = (file: string) => coveredCodePoints(readFileSync(file));
    const [regular, bold] = NOTO_SANS_FILES.map(read) as [Set<number>, Set<number>];
    const fallbacks = FALLBACK_FILES.map((file) => ({ file, covers: read(file) }));
    const any = new Set([...regular, ...bold]);
    for (const { covers } of fallbacks) for (const codePoint of covers) any.add(codePoint);
    coverages = { any, notoSans: new Set([...regular].filter((codePoint) => bold.has(codePoint))), fallbacks };
  }
  return coverages;
}

/** What the shipped fonts can draw. */
export function fontCoverage(): GlyphCoverage {
  const { any } = shippedCoverages();
  return (codePoint) => any.has(codePoint);
}

/**
 * The font files an SVG needs: Noto Sans always, a fallback family only when
 * some character of the SVG is missing from Noto Sans and the fallback has
 * it. resvg reads every file it is given on every render, and the CJK font
 * alone is 8 MB: a picture of Latin text takes half the time without it
 * (`npm run bench -- 9`). A fallback left out is one resvg would never have
 * drawn a glyph from, so the bytes are the same as with every font.
 */
export function fontFilesFor(svg: string): string[] {
  const { notoSans, fallbacks } = shippedCoverages();
  const needed = new Set<string>();
  for (let index = 0; index < svg.length && needed.size < fallbacks.length; index++) {
    const codePoint = svg.codePointAt(index) as number;
    if (codePoint > 0xffff) index++;
    // Markup, numbers and escapes are ASCII, which Noto Sans draws.
    if (codePoint < 0x80 || notoSans.has(codePoint)) continue;
    for (const { file, covers } of fallbacks) if (covers.has(codePoint)) needed.add(file);
  }
  return [...NOTO_SANS_FILES, ...FALLBACK_FILES.filter((file) => needed.has(file))];
}

/**
 * An SVG as PNG, at its own size, drawn with the shipped fonts only: the same
 * SVG gives the same bytes. resvg draws on libuv's thread pool, from a worker
 * thread of its own (pngWorker.ts), so neither the tens of milliseconds a
 * picture takes nor the memory of its pixels weigh on the event loop that
 * acknowledges clicks.
 */
export function renderPng(svg: string): Promise<Buffer> {
  return renderOnWorker({ svg, fontFiles: fontFilesFor(svg), defaultFontFamily: "Noto Sans" });
}
