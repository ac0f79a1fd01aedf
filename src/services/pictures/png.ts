import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { renderAsync } from "@resvg/resvg-js";
import type { GlyphCoverage } from "../../core/pictures/readableText.js";
import { coveredCodePoints } from "./cmap.js";

const require = createRequire(import.meta.url);

/**
 * The fonts every picture is drawn with, from npm packages (open licence:
 * OFL-1.1), never the system's, so every machine and the Docker image draw
 * the same pixels: Noto Sans (Latin, Cyrillic, Greek), Noto Emoji
 * (monochrome), Noto Sans S Chinese (CJK ideographs and kana).
 */
export const FONT_FILES: readonly string[] = [
  require.resolve("@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf"),
  require.resolve("@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf"),
  require.resolve("@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf"),
  // The package exports only its JavaScript entry; its fonts sit beside it.
  join(dirname(require.resolve("@embedpdf/fonts-sc")), "..", "fonts", "NotoSansHans-Regular.otf"),
];

let coverage: Set<number> | undefined;

/** What the shipped fonts can draw, read once from their cmap tables (about 40,000 code points). */
export function fontCoverage(): GlyphCoverage {
  if (!coverage) {
    const all = new Set<number>();
    for (const file of FONT_FILES) for (const codePoint of coveredCodePoints(readFileSync(file))) all.add(codePoint);
    coverage = all;
  }
  const covered = coverage;
  return (codePoint) => covered.has(codePoint);
}

/**
 * An SVG as PNG, at its own size, drawn with the shipped fonts only: the same
 * SVG gives the same bytes. resvg draws on libuv's thread pool, so the tens of
 * milliseconds a picture takes never hold up the event loop (button acks).
 */
export async function renderPng(svg: string): Promise<Buffer> {
  const rendered = await renderAsync(svg, {
    font: { loadSystemFonts: false, fontFiles: [...FONT_FILES], defaultFontFamily: "Noto Sans" },
    fitTo: { mode: "original" },
    logLevel: "off",
  });
  return rendered.asPng();
}
