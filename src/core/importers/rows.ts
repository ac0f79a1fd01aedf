import { slugify } from "./cardIds.js";
import type { ImportedRow, SkippedRow } from "./types.js";

/** The cells a format found for one row, before they are checked. */
export interface RowCells {
  front?: string;
  back?: string;
  tags?: string;
  id?: string;
  term?: string;
  sameAs?: string;
}

/** Tags as people type them ("Chapter 1, ch2", Anki's "geo::europe") made into deck tag slugs. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(/[\s,;]+/)
    .map((tag) => slugify(tag.replaceAll("::", "-"), 63))
    .filter((tag) => tag !== "");
  return [...new Set(tags)];
}

const words = (text: string | undefined) => (text ?? "").split(/[\s,;]+/).filter((word) => word !== "");

/** A row with a front and a back, or why it is skipped. `columns` is how many cells the row had. */
export function rowFromCells(line: number, columns: number, cells: RowCells): ImportedRow | SkippedRow {
  const front = (cells.front ?? "").trim();
  const back = (cells.back ?? "").trim();
  if (front === "" && back === "") return { line, reason: "empty" };
  if (columns < 2) return { line, reason: "one column" };
  if (front === "") return { line, reason: "no front" };
  if (back === "") return { line, reason: "no back" };
  const row: ImportedRow = { line, front, back, tags: parseTags(cells.tags ?? "") };
  const id = cells.id?.trim();
  if (id) row.id = id;
  const term = cells.term?.trim();
  if (term) row.term = term;
  if (cells.sameAs !== undefined) row.sameAs = words(cells.sameAs);
  return row;
}

/** A cell beyond front and back, with the name its header gives it, if any. */
export interface ExtraField {
  name?: string;
  value: string;
}

/** The back with the other non-empty fields after it, one a line ("Example: …" under a header): none dropped. */
export function backWithExtras(back: string, extras: readonly ExtraField[]): { back: string; joined: number } {
  const kept = extras.filter((extra) => extra.value.trim() !== "");
  const lines = kept.map(({ name, value }) => (name ? `${name}: ${value.trim()}` : value.trim()));
  return { back: [back.trim(), ...lines].filter((part) => part !== "").join("\n"), joined: kept.length };
}

/** The summary's note on joined fields: how many, on how many rows, and the first. */
export function joinedNote(fields: number, rows: number, firstLine: number, what: string): string {
  return `joined ${fields} ${fields === 1 ? "field" : "fields"} on ${rows} ${rows === 1 ? "row" : "rows"} (first: line ${firstLine}) into the back: ${what}`;
}

export function isSkipped(row: ImportedRow | SkippedRow): row is SkippedRow {
  return "reason" in row;
}
