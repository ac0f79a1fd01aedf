import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { exportDeck, importDeck } from "../src/core/importers/index.js";

export interface ImportDeckBench {
  name: string;
  cards: number;
  /** Median of the runs, in milliseconds, for the whole text → validated deck path. */
  medianMs: number;
  cardsPerSecond: number;
  /** The target: 5,000 cards in under a second. */
  targetMs: number;
  metTarget: boolean;
}

/** A CSV as spreadsheets write it: quoted fields with commas and line breaks, a header, tags. */
function sampleCsv(cards: number): string {
  const rows = Array.from(
    { length: cards },
    (_, n) => `"term ${n}","definition ${n}, with a comma\nand a second line",topic-${n % 20}`,
  );
  return `front,back,tags\n${rows.join("\n")}\n`;
}

/**
 * `decks import` of a 5,000-card CSV (and of the same deck exported as Anki
 * notes), timed over a few runs after a warm-up. For `npm run bench`; never
 * a timed assertion in the tests.
 */
export function benchImportDeck(cards = 5000, runs = 5): ImportDeckBench[] {
  const csv = sampleCsv(cards);
  const first = importDeck(csv, { title: "Bench" });
  if (!first.ok) throw new Error(`bench deck did not import: ${first.message}`);
  const anki = exportDeck(first.deck, "anki");
  return [
    measure(`import ${cards}-card CSV`, cards, runs, () => importDeck(csv, { title: "Bench" })),
    measure(`import ${cards}-card Anki notes`, cards, runs, () => importDeck(anki, {})),
  ];
}

function measure(name: string, cards: number, runs: number, work: () => unknown): ImportDeckBench {
  work();
  const times = Array.from({ length: runs }, () => {
    const start = performance.now();
    work();
    return performance.now() - start;
  }).sort((a, b) => a - b);
  const medianMs = times[Math.floor(times.length / 2)] ?? 0;
  return {
    name,
    cards,
    medianMs,
    cardsPerSecond: Math.round((cards / medianMs) * 1000),
    targetMs: 1000,
    metTarget: medianMs < 1000,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const result of benchImportDeck()) {
    console.log(
      `${result.name}: ${result.medianMs.toFixed(1)} ms (${result.cardsPerSecond} cards/s, target < ${result.targetMs} ms)`,
    );
  }
}
