import { readDelimited } from "./delimited.js";
import { cellFromHtml } from "./html.js";
import { backWithExtras, isSkipped, joinedNote, type RowCells, rowFromCells } from "./rows.js";
import { SkippedRows } from "./skipped.js";
import type { ReadRows } from "./types.js";

type Column = keyof RowCells;

const COLUMN_NAMES = new Map<string, Column>([
  ...["front", "question", "prompt", "word"].map((name) => [name, "front"] as const),
  ...["back", "answer", "definition", "meaning"].map((name) => [name, "back"] as const),
  ...["tags", "tag"].map((name) => [name, "tags"] as const),
  ["id", "id"],
  ...["same_as", "same-as", "same as"].map((name) => [name, "sameAs"] as const),
]);

/**
 * The columns a header row names, or undefined when the first row is a card.
 * "term" is the front in Quizlet's words (term, definition), and a card's short
 * label when a front column is there too (studybot's own export).
 */
function headerColumns(cells: readonly string[]): (Column | undefined)[] | undefined {
  const names = cells.map((cell) => cell.trim().toLowerCase());
  const hasFront = names.some((name) => COLUMN_NAMES.get(name) === "front");
  const columns = names.map((name) => (name === "term" ? (hasFront ? "term" : "front") : COLUMN_NAMES.get(name)));
  const known = columns.filter((column) => column !== undefined);
  return known.includes("front") && known.includes("back") ? columns : undefined;
}

const WITHOUT_HEADER: Column[] = ["front", "back"];

/** CSV or TSV: front and back, or the columns an optional header row names (front, back, tags, id, term, same_as). */
export function readTable(text: string, delimiter: string): ReadRows {
  const skipped = new SkippedRows();
  let blankLines = 0;
  const { rows, warnings } = readDelimited(text, delimiter, () => {
    blankLines += 1;
  });
  const first = rows[0];
  const header = first ? headerColumns(first.fields) : undefined;
  const columns = header ?? WITHOUT_HEADER;
  const body = header ? rows.slice(1) : rows;
  const read: ReadRows = { rows: [], skipped, warnings, blankLines };
  const names = header ? (first?.fields ?? []).map((name) => name.trim()) : [];
  const joined = { fields: 0, rows: 0, firstLine: 0 };
  for (const row of body) {
    const cells: RowCells = {};
    const extras: { name?: string; value: string }[] = [];
    row.fields.forEach((value, index) => {
      const column = columns[index];
      if (column !== undefined) cells[column] = column === "id" ? value : cellFromHtml(value);
      else extras.push({ ...(names[index] ? { name: names[index] } : {}), value: cellFromHtml(value) });
    });
    const extended = backWithExtras(cells.back ?? "", extras);
    if (extended.joined > 0 && cells.back !== undefined) {
      cells.back = extended.back;
      joined.fields += extended.joined;
      joined.rows += 1;
      if (joined.rows === 1) joined.firstLine = row.line;
    }
    const result = rowFromCells(row.line, row.fields.length, cells);
    if (isSkipped(result)) read.skipped.add(result);
    else read.rows.push(result);
  }
  if (joined.rows > 0) {
    const what = header
      ? "columns the header does not know, each under its name"
      : `cells after the second, each on a line (a header row such as front${delimiter}back${delimiter}tags names columns)`;
    warnings.push(joinedNote(joined.fields, joined.rows, joined.firstLine, what));
  }
  return read;
}
