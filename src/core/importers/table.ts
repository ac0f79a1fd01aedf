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

/** Column names people give that are no card: Quizlet's, spreadsheets' defaults, and languages (a vocabulary list). */
const OTHER_HEADER_NAMES = new Set([
  ...["terms", "definitions", "questions", "answers", "words", "meanings", "reading", "readings", "example"],
  ...["examples", "notes", "translation", "pronunciation", "kanji", "hanzi", "pinyin", "romaji", "hiragana"],
  ...["begriff", "definition", "wort", "bedeutung", "frage", "antwort", "mot", "sens", "réponse", "traduction"],
  ...["término", "termino", "definición", "definicion", "palabra", "significado", "pregunta", "respuesta"],
  ...["english", "spanish", "french", "german", "italian", "portuguese", "japanese", "korean", "chinese"],
  ...["russian", "arabic", "dutch", "polish", "swedish", "turkish", "hindi", "vietnamese", "latin", "greek"],
]);
const LETTERS_ONLY = /^[\p{L} _-]{3,24}$/u;
const CARD_LIKE = /[\d.,;:?!()]|\S{25,}/u;

/**
 * A first row of names the columns table does not know ("Terms,Definitions", "Column1,Column2", "korean,english"):
 * every cell a known name, or every cell a short word (3 to 24 letters) while most rows below have digits,
 * punctuation or long text.
 */
function looksLikeNames(first: readonly string[], below: readonly { fields: string[] }[]): boolean {
  const cells = first.map((cell) => cell.trim().toLowerCase()).filter((cell) => cell !== "");
  if (cells.length < 2) return false;
  if (cells.every((cell) => OTHER_HEADER_NAMES.has(cell) || COLUMN_NAMES.has(cell) || /^column ?\d+$/.test(cell))) {
    return true;
  }
  if (!cells.every((cell) => LETTERS_ONLY.test(cell))) return false;
  const sample = below.slice(0, 50);
  const cardLike = sample.filter((row) => row.fields.some((field) => CARD_LIKE.test(field))).length;
  return sample.length > 0 && cardLike * 2 > sample.length;
}

/**
 * CSV or TSV: front and back, or the columns an optional header row names (front, back, tags, id, term, same_as).
 * `hasHeader` says whether the first row is a header; undefined guesses it.
 */
export function readTable(text: string, delimiter: string, hasHeader?: boolean): ReadRows {
  const skipped = new SkippedRows();
  let blankLines = 0;
  const { rows, warnings } = readDelimited(text, delimiter, () => {
    blankLines += 1;
  });
  const first = rows[0];
  const named = first && hasHeader !== false ? headerColumns(first.fields) : undefined;
  const unnamed =
    named === undefined && first !== undefined && hasHeader !== false
      ? hasHeader === true || looksLikeNames(first.fields, rows.slice(1))
      : false;
  const header = named ?? (unnamed ? WITHOUT_HEADER : undefined);
  const columns = header ?? WITHOUT_HEADER;
  const body = header ? rows.slice(1) : rows;
  if (unnamed && first && hasHeader === undefined) {
    const names = first.fields.map((cell) => `"${cell.trim()}"`).join(", ");
    warnings.push(`line ${first.line} looks like column names (${names}): not read as a card; --no-header reads it`);
  }
  const read: ReadRows = { rows: [], skipped, warnings, blankLines };
  const names = header ? (first?.fields ?? []).map((name) => name.trim()) : [];
  const joined = { fields: 0, rows: 0, firstLine: 0 };
  // An id column is studybot's own export, whose cells are the cards' text: "<b>" there is what the card says.
  const fromText = header?.includes("id") ? (cell: string) => cell : cellFromHtml;
  for (const row of body) {
    const cells: RowCells = {};
    const extras: { name?: string; value: string }[] = [];
    row.fields.forEach((value, index) => {
      const column = columns[index];
      if (column !== undefined) cells[column] = column === "id" ? value : fromText(value);
      else extras.push({ ...(names[index] ? { name: names[index] } : {}), value: fromText(value) });
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
