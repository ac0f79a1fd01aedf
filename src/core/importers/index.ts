import { type Card, type Deck, validateDeck } from "../deck.js";
import { SAME_ANSWER_MAX_CARDS } from "../limits.js";
import { readAnki } from "./anki.js";
import { CardIdAllocator, isSlug, sameTextKey, slugify } from "./cardIds.js";
import { looksBinary } from "./decode.js";
import { detectFormat } from "./detect.js";
import { parseSeparator, readQuizlet } from "./quizlet.js";
import { readTable } from "./table.js";
import { type SkippedGroup, type SkippedRows, skippedCount } from "./skipped.js";
import type {
  ImportedRow,
  ImportFormat,
  ImportOptions,
  ImportOutcome,
  ImportReport,
  ReadRows,
  SplitDeck,
  SplitImportOptions,
  SplitOutcome,
} from "./types.js";

export { decodeDeckBytes } from "./decode.js";
export { exportDeck, EXPORT_FORMATS, type ExportFormat } from "./export.js";
export { type SkippedGroup, skippedCount } from "./skipped.js";
export { describeSkipped, importSummary, splitSummary } from "./summary.js";
export * from "./types.js";

/**
 * Text in, a validated deck out (or one sentence saying why not), with every
 * skipped row and its line. Pure and total: any text gives an outcome, never
 * an exception, so a chat paste of garbage gets an answer.
 */
export function importDeck(text: string, options: ImportOptions = {}): ImportOutcome {
  const started = readImport(text, options);
  if (!started.ok) return started;
  const { read, report } = started;
  const built = deckFromRows(read.rows, read.skipped, {
    ...options,
    title: options.title ?? read.title ?? options.fallbackTitle,
  });
  report.skipped = read.skipped.groups();
  if (built.ok) return { ok: true, deck: built.deck, ...report };
  return { ok: false, message: built.message ?? noCardsMessage(report.skipped, report.format), ...report };
}

/**
 * `--split-decks`: one deck per Anki deck (the `#deck column`, or an .apkg's
 * decks), titled by the deck's path (`Languages::German`) with an id made from
 * it. A deck that makes no valid deck is listed with why; the others still are.
 */
export function importDecksByAnkiDeck(text: string, options: SplitImportOptions = {}): SplitOutcome {
  const started = readImport(text, options);
  if (!started.ok) return started;
  const { read, report } = started;
  const fail = (message: string): SplitOutcome => ({ ok: false, message, ...report, skipped: read.skipped.groups() });
  const groups = rowsByAnkiDeck(read.rows, read.title ?? options.fallbackTitle ?? "");
  if (groups === undefined) {
    return fail(
      "there are no Anki decks to split: --split-decks needs an .apkg or Anki's Notes in Plain Text with the deck column",
    );
  }
  const ids = new Set<string>();
  const decks: SplitDeck[] = [];
  for (const [ankiDeck, rows] of groups) {
    const id = unusedId(slugify(ankiDeck.replaceAll("::", "-"), 60) || "anki-deck", ids);
    ids.add(id);
    const previous = options.previousFor?.(id);
    const built = deckFromRows(rows, read.skipped, {
      ...options,
      id,
      title: ankiDeck,
      ...(previous ? { previous, description: previous.description } : {}),
    });
    // A group holds at least one row, and its first row is no duplicate: it always has cards.
    decks.push(built.ok ? { ankiDeck, deck: built.deck } : { ankiDeck, problem: built.message ?? "no cards" });
  }
  return { ok: true, decks, ...report, skipped: read.skipped.groups() };
}

/** Rows by their Anki deck, in the order the decks first appear; undefined when no row names one. */
function rowsByAnkiDeck(rows: readonly ImportedRow[], fallback: string): Map<string, ImportedRow[]> | undefined {
  if (!rows.some((row) => row.ankiDeck !== undefined && row.ankiDeck !== "")) return undefined;
  const groups = new Map<string, ImportedRow[]>();
  for (const row of rows) {
    const name = row.ankiDeck || fallback;
    const group = groups.get(name);
    if (group) group.push(row);
    else groups.set(name, [row]);
  }
  return groups;
}

/** `id`, or `id-2`, `id-3`… when two Anki deck names make the same slug ("A::B" and "A B"). */
function unusedId(id: string, taken: ReadonlySet<string>): string {
  let candidate = id;
  for (let n = 2; taken.has(candidate); n += 1) candidate = `${id}-${n}`;
  return candidate;
}

/** The text read by its format, or the failed outcome when it is empty or not text. */
function readImport(
  text: string,
  options: ImportOptions,
): { ok: true; read: ReadRows; report: ImportReport } | Extract<ImportOutcome, { ok: false }> {
  const source = text.replace(/^\uFEFF/, "");
  const chosen = chooseFormat(source, options);
  const report: ImportReport = {
    format: chosen.format,
    skipped: [] as SkippedGroup[],
    blankLines: 0,
    warnings: [] as string[],
    ...chosen.report,
  };
  const fail = (message: string) => ({ ok: false as const, message, ...report });
  if (source.trim() === "") return fail("there is nothing to import: the text is empty");
  if (looksBinary(source))
    return fail("this is not text (a binary file?): export the cards as CSV or tab-separated text");
  const read = readRows(source, chosen);
  report.warnings = read.warnings;
  report.blankLines = read.blankLines;
  return { ok: true, read, report };
}

/** A deck, or why not; `message` is absent when no row became a card (the caller's summary says why). */
type BuiltDeck = { ok: true; deck: Deck } | { ok: false; message?: string };

/** Rows to a validated deck titled `options.title`; duplicates and taken ids are added to `skipped`. */
function deckFromRows(rows: readonly ImportedRow[], skipped: SkippedRows, options: ImportOptions): BuiltDeck {
  const fail = (message: string): BuiltDeck => ({ ok: false, message });
  const built = buildCards(rows, options.previous, skipped);
  if (built.cards.length === 0) return { ok: false };
  const title = (options.title ?? "").trim();
  if (title === "") return fail("the deck needs a title");
  const id = options.id ?? slugify(title, 63);
  if (!isSlug(id)) {
    return fail(
      options.id === undefined
        ? `no deck id can be made from the title "${title}": give one (lowercase letters, digits and dashes)`
        : `"${id}" is not a deck id: use lowercase letters, digits and dashes, e.g. spanish-verbs`,
    );
  }
  const checked = validateDeck({ id, title, description: options.description ?? "", cards: built.cards });
  if ("problems" in checked) {
    const [first] = checked.problems;
    const index = Number(/^cards\[(\d+)\]/.exec(first?.path ?? "")?.[1]);
    const line = built.lines[index];
    const where = line === undefined ? "" : `line ${line}: `;
    return fail(`${where}${first?.path ? `${first.path}: ` : ""}${first?.message ?? "the deck is not valid"}`);
  }
  return { ok: true, deck: checked.deck };
}

interface Chosen {
  format: ImportFormat;
  header?: boolean;
  termSeparator: string;
  rowSeparator: string;
  report: { detectedBecause?: string };
}

function chooseFormat(text: string, options: ImportOptions): Chosen {
  return {
    ...chooseFormatAndSeparators(text, options),
    ...(options.header === undefined ? {} : { header: options.header }),
  };
}

function chooseFormatAndSeparators(text: string, options: ImportOptions): Chosen {
  const termSeparator = parseSeparator(options.termSeparator ?? "tab");
  const rowSeparator = parseSeparator(options.rowSeparator ?? "newline");
  if (options.format !== undefined && options.format !== "auto") {
    return { format: options.format, termSeparator, rowSeparator, report: {} };
  }
  if (options.termSeparator !== undefined || options.rowSeparator !== undefined) {
    return { format: "quizlet", termSeparator, rowSeparator, report: { detectedBecause: "separators were given" } };
  }
  const detected = detectFormat(text);
  return {
    format: detected.format,
    termSeparator: detected.termSeparator ?? termSeparator,
    rowSeparator: detected.rowSeparator ?? rowSeparator,
    report: { detectedBecause: detected.because },
  };
}

function readRows(text: string, chosen: Chosen): ReadRows {
  switch (chosen.format) {
    case "anki":
      return readAnki(text);
    case "quizlet":
      return readQuizlet(text, chosen.termSeparator, chosen.rowSeparator);
    case "csv":
      return readTable(text, ",", chosen.header);
    case "tsv":
      return readTable(text, "\t", chosen.header);
  }
}

function noCardsMessage(skipped: readonly SkippedGroup[], format: ImportFormat): string {
  if (skipped.length > 0 && skipped.every((group) => group.reason === "one column" || group.reason === "empty")) {
    const separator = format === "csv" ? "a comma" : format === "tsv" ? "a tab" : "the separator";
    return `no cards: no row has ${separator} between front and back. Put one card per line as front${format === "csv" ? "," : "<tab>"}back, or name the format and separators`;
  }
  return `no cards: all ${skippedCount(skipped)} rows were skipped`;
}

/** Cards with ids and same_as from rows; duplicates and taken ids go to `skipped`. `lines[i]` is card i's line. */
function buildCards(
  rows: readonly ImportedRow[],
  previous: Deck | undefined,
  skipped: SkippedRows,
): { cards: Card[]; lines: number[] } {
  const ids = new CardIdAllocator(previous?.cards);
  const seen = new Map<string, number>();
  const idLines = new Map<string, number>();
  const kept: { row: ImportedRow; card: Card }[] = [];
  for (const row of rows) {
    const key = `${sameTextKey(row.front)}\u0000${sameTextKey(row.back)}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      skipped.add({ line: row.line, reason: "duplicate", detail: `same front and back as line ${earlier}` });
      continue;
    }
    const id = row.id !== undefined && isSlug(row.id) ? ids.claim(row.id) : ids.forFront(row.front);
    if (id === undefined) {
      skipped.add({
        line: row.line,
        reason: "id taken",
        detail: `id "${row.id}" is also on line ${idLines.get(row.id ?? "")}`,
      });
      continue;
    }
    seen.set(key, row.line);
    idLines.set(id, row.line);
    const card: Card = { id, front: row.front, back: row.back, tags: row.tags };
    if (row.term !== undefined) card.term = row.term;
    kept.push({ row, card });
  }
  const explicitSameAs = kept.some(({ row }) => row.sameAs !== undefined);
  if (explicitSameAs) {
    const known = new Set(kept.map(({ card }) => card.id));
    for (const { row, card } of kept) {
      const sameAs = (row.sameAs ?? []).filter((other) => known.has(other) && other !== card.id);
      if (sameAs.length > 0) card.same_as = sameAs;
    }
  } else {
    linkSameAnswers(kept.map(({ card }) => card));
  }
  return { cards: kept.map(({ card }) => card), lines: kept.map(({ row }) => row.line) };
}

/**
 * Cards with the same front (or the same back) answer the same prompt: marked
 * `same_as` so that neither is offered as a wrong option for the other.
 */
function linkSameAnswers(cards: Card[]): void {
  const groups = new Map<string, Card[]>();
  for (const card of cards) {
    for (const key of [`front:${sameTextKey(card.front)}`, `back:${sameTextKey(card.back)}`]) {
      const group = groups.get(key);
      if (group) group.push(card);
      else groups.set(key, [card]);
    }
  }
  for (const group of groups.values()) {
    // Linking is quadratic in the group: a back that many cards share ("true") is no one prompt's answer.
    if (group.length < 2 || group.length > SAME_ANSWER_MAX_CARDS) continue;
    for (const card of group) {
      const others = group.filter((other) => other !== card).map((other) => other.id);
      card.same_as = [...new Set([...(card.same_as ?? []), ...others])];
    }
  }
}
