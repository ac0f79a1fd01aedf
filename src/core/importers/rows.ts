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

export function isSkipped(row: ImportedRow | SkippedRow): row is SkippedRow {
  return "reason" in row;
}
