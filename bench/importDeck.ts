import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { exportDeck, importDeck } from "../src/core/importers/index.js";
import { ankiPackageToText } from "../src/decks/ankiPackage.js";
import { ankiPackage } from "../test/kit/ankiPackage.js";

export interface ImportDeckBench {
  name: string;
  cards: number;
  /** Median of the runs, in milliseconds, for the whole text → validated deck path. */
  medianMs: number;
  cardsPerSecond: number;
  /** The issues' targets: 5,000 cards in under a second; a million empty lines in under two. */
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

/** Two cards around a million empty lines: the skipped-row summary was quadratic in them (38 s for 80,000). */
function emptyLines(lines: number): string {
  return `front\tback\nfirst\tcard\n${"\n".repeat(lines)}last\tcard\n`;
}

/** A current Anki package (zstd collection) of Basic notes with HTML and tags, in two decks. */
function sampleApkg(notes: number): Uint8Array {
  return ankiPackage(
    "anki21b",
    Array.from({ length: notes }, (_, n) => ({
      noteType: "Basic",
      deck: n % 2 === 0 ? "Bench::Even" : "Bench::Odd",
      fields: [`term <b>${n}</b>`, `definition ${n}<br>second line`],
      tags: `topic-${n % 20}`,
    })),
  );
}

/** The .apkg path: unzip, unzstd, SQLite, Anki text, then the text importer. */
function importApkg(bytes: Uint8Array) {
  const read = ankiPackageToText(bytes);
  if (!read.ok) throw new Error(`bench package did not read: ${read.message}`);
  return importDeck(read.text, { format: "anki", title: "Bench" });
}

/**
 * `decks import` of a 5,000-card CSV (and of the same deck exported as Anki
 * notes), of a 5,000-note Anki package, and of a file of a million empty lines, timed over a few runs after
 * a warm-up. For `npm run bench`; never a timed assertion in the tests.
 */
export function benchImportDeck(cards = 5000, runs = 5): ImportDeckBench[] {
  const csv = sampleCsv(cards);
  const first = importDeck(csv, { title: "Bench" });
  if (!first.ok) throw new Error(`bench deck did not import: ${first.message}`);
  const anki = exportDeck(first.deck, "anki");
  const blank = emptyLines(1_000_000);
  const apkg = sampleApkg(cards);
  const unclosed = `#separator:tab\n#html:true\n${"{{c1::<a".repeat(100_000)}{{c1::Rome}}\tItaly\n`;
  return [
    measure(`import ${cards}-card CSV`, cards, runs, () => importDeck(csv, { title: "Bench" })),
    measure(`import ${cards}-card Anki notes`, cards, runs, () => importDeck(anki, {})),
    measure(`import a ${cards}-note .apkg (anki21b)`, cards, runs, () => importApkg(apkg)),
    measure("import an Anki note of 100,000 unclosed clozes and tags", 1, runs, () =>
      importDeck(unclosed, { title: "Bench" }),
    ),
    measure("import 2 cards among 1,000,000 empty lines", 2, runs, () => importDeck(blank, { title: "Bench" }), 2000),
  ];
}

function measure(name: string, cards: number, runs: number, work: () => unknown, targetMs = 1000): ImportDeckBench {
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
    targetMs,
    metTarget: medianMs < targetMs,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const result of benchImportDeck()) {
    console.log(
      `${result.name}: ${result.medianMs.toFixed(1)} ms (${result.cardsPerSecond} cards/s, target < ${result.targetMs} ms)`,
    );
  }
}
