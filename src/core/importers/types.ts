import type { Deck } from "../deck.js";
import type { SkippedGroup, SkippedRows } from "./skipped.js";

export const IMPORT_FORMATS = ["tsv", "csv", "anki", "quizlet"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type SkipReason = "empty" | "one column" | "no front" | "no back" | "duplicate" | "id taken";

/** A source row that did not become a card, and why, for the import summary. */
export interface SkippedRow {
  /** 1-based line on which the row starts. */
  line: number;
  reason: SkipReason;
  /** Say more: "same front and back as line 3". */
  detail?: string;
}

/** One row as a format reads it, before ids and validation. */
export interface ImportedRow {
  line: number;
  front: string;
  back: string;
  tags: string[];
  /** Only from a header that names these columns (a studybot export). */
  id?: string;
  term?: string;
  sameAs?: string[];
  /** Anki's deck path (`Languages::German`) from a `#deck column`: what `--split-decks` groups by. */
  ankiDeck?: string;
}

/** What a format reader makes of the text. */
export interface ReadRows {
  rows: ImportedRow[];
  skipped: SkippedRows;
  warnings: string[];
  /** Empty lines between rows: layout, not rows, so not counted as skipped. */
  blankLines: number;
  /** A deck title the source names (Anki's `#deck:` header). */
  title?: string;
}

export interface ImportOptions {
  format?: ImportFormat | "auto";
  /** Deck id; defaults to a slug of the title. */
  id?: string;
  /** Deck title; defaults to what the source names, else `fallbackTitle`. */
  title?: string;
  /** The title to use when neither `title` nor the source gives one (the CLI passes the file name). */
  fallbackTitle?: string;
  description?: string;
  /** CSV and TSV: the first row is column names (true) or a card (false); undefined guesses. */
  header?: boolean;
  /** Quizlet: between term and definition (default tab). Words: tab, comma, semicolon, or the text itself. */
  termSeparator?: string;
  /** Quizlet: between rows (default new line). */
  rowSeparator?: string;
  /** The deck as it was: cards whose front is unchanged keep their id, and removed ids are not reused. */
  previous?: Deck;
}

export interface SplitImportOptions extends Omit<ImportOptions, "id" | "title" | "previous"> {
  /** The deck an id would replace, so that its unchanged cards keep their ids. */
  previousFor?: (id: string) => Deck | undefined;
}

/** One Anki deck of a split import: the deck it became, or why it became none. */
export type SplitDeck = { ankiDeck: string; deck: Deck } | { ankiDeck: string; problem: string };

export interface ImportReport {
  format: ImportFormat;
  /** How `auto` chose the format, e.g. "every row has a tab"; absent when the format was given. */
  detectedBecause?: string;
  /** Rows that did not become cards, by reason, in the order of their first line. */
  skipped: SkippedGroup[];
  /** Empty lines between rows, which are no rows and so not skipped ones. */
  blankLines: number;
  warnings: string[];
}

export type ImportOutcome = ({ ok: true; deck: Deck } | { ok: false; message: string }) & ImportReport;

/** `--split-decks`: a deck per Anki deck; the report covers the whole text. */
export type SplitOutcome = ({ ok: true; decks: SplitDeck[] } | { ok: false; message: string }) & ImportReport;
