import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { readableText } from "../../src/core/pictures/readableText.js";
import { REPORT_CHART_WIDTH, reportChartHeight, reportChartSvg } from "../../src/core/pictures/reportChart.js";
import { STATS_CARD_WIDTH, statsCardHeight, statsCardSvg } from "../../src/core/pictures/statsCard.js";
import { renderAsync } from "@resvg/resvg-js";
import { FONT_FILES, fontCoverage, fontFilesFor, renderPng } from "../../src/services/pictures/png.js";
import { stopPngWorker } from "../../src/services/pictures/pngWorker.js";
import { busyReportChart, busyStatsCard } from "./fixtures.js";
import { expectSameDocsPicture, expectSameHash, pngSize } from "./snapshots.js";

describe("PNG pictures", () => {
  it("renders the stats card at its own size, the same bytes every time", async () => {
    const svg = statsCardSvg(busyStatsCard(), fontCoverage());
    const png = await renderPng(svg);
    expect(pngSize(png)).toEqual({ width: STATS_CARD_WIDTH, height: statsCardHeight(2) });
    expect((await renderPng(svg)).equals(png)).toBe(true);
    expectSameHash("stats-card.png", png);
    expectSameDocsPicture("stats-card.png", png);
  });

  it("renders the report chart at its own size", async () => {
    const png = await renderPng(reportChartSvg(busyReportChart(), fontCoverage()));
    expect(pngSize(png)).toEqual({ width: REPORT_CHART_WIDTH, height: reportChartHeight(3) });
    expectSameHash("report-chart.png", png);
    expectSameDocsPicture("report-chart.png", png);
  });

  it("has a glyph for every character of Latin, Cyrillic, Greek, CJK and emoji names", () => {
    const covered = fontCoverage();
    const names = ["Zoë Ørsted-Čapek", "Пётр Ильич", "Ωμέγα Αλφα", "山田太郎", "たなか ハナ", "王小明", "🔥🎉📚✅"];
    for (const name of names) {
      const missing = [...name].filter((char) => char !== " " && !covered(char.codePointAt(0) ?? 0));
      expect(missing, name).toEqual([]);
    }
  });

  it("draws on a worker thread: pictures at once get their own bytes; one stopped midway fails, the next draws", async () => {
    const covered = fontCoverage();
    const svgs = ["Ana", "Ben", "Cy", "Dee"].map((name) => statsCardSvg(busyStatsCard({ name }), covered));
    const alone: Buffer[] = [];
    for (const svg of svgs) alone.push(await renderPng(svg));
    const together = await Promise.all(svgs.map((svg) => renderPng(svg)));
    expect(together.map((png, index) => png.equals(alone[index] as Buffer))).toEqual([true, true, true, true]);
    expect(new Set(together.map((png) => png.toString("base64"))).size).toBe(4);

    const cut = renderPng(svgs[0] as string);
    await stopPngWorker();
    await expect(cut).rejects.toThrow(/picture worker exited/);
    expect((await renderPng(svgs[0] as string)).equals(alone[0] as Buffer)).toBe(true);
  });

  it("gives resvg the fallback fonts only for text that needs them", () => {
    const covered = fontCoverage();
    const filesFor = (name: string) =>
      fontFilesFor(statsCardSvg(busyStatsCard({ name }), covered)).map((file) => basename(file));
    const notoSans = ["NotoSans_400Regular.ttf", "NotoSans_700Bold.ttf"];
    expect(filesFor("Zoë Ørsted-Čapek")).toEqual(notoSans);
    expect(filesFor("Пётр Ильич")).toEqual(notoSans);
    expect(filesFor("山田太郎")).toEqual([...notoSans, "NotoSansHans-Regular.otf"]);
    expect(filesFor("Ana 🔥")).toEqual([...notoSans, "NotoEmoji_400Regular.ttf"]);
    expect(filesFor("王小明 📚")).toEqual([...notoSans, "NotoEmoji_400Regular.ttf", "NotoSansHans-Regular.otf"]);
  });

  it("draws the same bytes with the fonts it picks as with every shipped font", async () => {
    const covered = fontCoverage();
    const withEveryFont = async (svg: string) =>
      (
        await renderAsync(svg, {
          font: { loadSystemFonts: false, fontFiles: [...FONT_FILES], defaultFontFamily: "Noto Sans" },
          fitTo: { mode: "original" },
          logLevel: "off",
        })
      ).asPng();
    for (const name of ["Zoë Ørsted-Čapek", "Ωμέγα Αλφα", "たなか ハナ", "🔥🎉📚✅", "王小明 ✅"]) {
      const svg = statsCardSvg(busyStatsCard({ name }), covered);
      expect((await renderPng(svg)).equals(await withEveryFont(svg)), name).toBe(true);
    }
  });

  it("falls back to readable text where no shipped font has the glyph (Hangul, rare scripts)", () => {
    const covered = fontCoverage();
    const drawn = readableText("김민준 ሰላም", covered);
    expect(drawn).toBe("Gim-min-jun ???");
    expect([...drawn].every((char) => covered(char.codePointAt(0) ?? 0))).toBe(true);
    const svg = statsCardSvg(busyStatsCard({ name: "김민준" }), covered);
    expect(svg).toContain(">Gim-min-jun<");
  });
});
